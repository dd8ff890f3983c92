import type { SimEvent, SimObserver } from '../model/events.ts';
import type { Case } from '../model/types.ts';
import { World } from '../model/world.ts';
import type { Scenario } from '../scenario/schema.ts';
import { buildTerritory } from '../territory/build.ts';
import { emptyChunk, ReplayAggregates } from './aggregates.ts';
import { ACTIVITY_NAMES, EVENT, PRIORITY_NAMES, SOURCE_NAMES, TICKS_PER_HOUR, TIER_NAMES, type ReplayChunk, type ReplayHeader } from './format.ts';
import { replayHeader, type SampleOptions } from './header.ts';
import { CASE_SALT, keeps, STAFF_SALT } from './sample.ts';

export interface ReplaySink {
  header(h: ReplayHeader): void;
  chunk(c: ReplayChunk): void;
  finish(): void;
}

export interface ReplayWriterOptions extends Partial<SampleOptions> {
  /** Hand a chunk to the sink every this many simulated hours (default: only at the end). */
  chunkHours?: number;
}

/**
 * The replay as one more observer of the event stream. Built from the scenario as `simulate`
 * resolves it (seed and policy filled in), it rebuilds the same territory and desks for the
 * header, encodes the kept events and keeps the exact aggregates. It reads events only.
 */
export class ReplayWriter implements SimObserver {
  readonly header: ReplayHeader;
  private readonly aggregates: ReplayAggregates;
  private chunk: ReplayChunk = emptyChunk();
  private readonly caseFraction: number;
  private readonly staffFraction: number;
  private readonly staffKept: Uint8Array;
  /** Replay index of each open sampled case, by case id. */
  private readonly index = new Map<number, number>();
  private nextIndex = 0;
  private lastTick = 0;
  private lastCaseId = 0;
  private nextChunkHour: number;
  private readonly chunkHours: number;
  /** A finish not yet written: it becomes a start if the same member starts at once. */
  private pendingIdle: { t: number; staff: number } | null = null;
  /**
   * The simulator runs a task's travel and its work on one timer (workStarted.travelHours): the
   * writer records the travel at the start and the switch to the work when the travel ends,
   * held here (a min-heap by time, then order) until the event stream passes that time.
   */
  private readonly switches = new MinHeap<{ t: number; seq: number; staff: number; activity: number; ref: number }>((a, b) => a.t - b.t || a.seq - b.seq);
  private switchSeq = 0;

  constructor(
    scenario: Scenario,
    private readonly sink: ReplaySink,
    opts: ReplayWriterOptions = {},
  ) {
    const fraction = opts.caseFraction ?? 1;
    if (!(fraction > 0 && fraction <= 1)) throw new RangeError(`replay sample fraction must be in (0, 1], got ${fraction}`);
    this.caseFraction = fraction;
    this.staffFraction = opts.staffFraction ?? fraction;
    const territory = buildTerritory(scenario.territory);
    const world = new World(scenario, territory);
    this.header = replayHeader(scenario, territory, world, { caseFraction: this.caseFraction, staffFraction: this.staffFraction });
    this.aggregates = new ReplayAggregates(world, territory.grids.length, this.header.meta.hours, this.header.meta.horizonHours);
    this.staffKept = Uint8Array.from(world.staff, (m) => (keeps(this.staffFraction, m.id, STAFF_SALT) ? 1 : 0));
    this.chunkHours = opts.chunkHours ?? Infinity;
    this.nextChunkHour = this.chunkHours;
    sink.header(this.header);
  }

  onEvent(e: SimEvent): void {
    const hour = Math.floor(e.t);
    if (hour >= this.aggregates.hoursDone + 1) {
      this.aggregates.closeUntil(hour, this.chunk);
      if (hour >= this.nextChunkHour) {
        this.flush();
        while (this.nextChunkHour <= hour) this.nextChunkHour += this.chunkHours;
      }
    }
    this.aggregates.onEvent(e);
    const p = this.pendingIdle;
    if (p) {
      this.pendingIdle = null;
      if (!(e.type === 'workStarted' && e.staff.id === p.staff && this.workKept(e.staff.id, e.case))) this.push(p.t, EVENT.work, p.staff, 0, -1);
    }
    this.flushSwitches(e.t);
    this.encode(e);
  }

  private flushSwitches(until: number): void {
    while (this.switches.size > 0 && this.switches.peek()!.t <= until) {
      const w = this.switches.pop()!;
      this.push(w.t, EVENT.work, w.staff, w.activity, w.ref);
    }
  }

  onFinish(): void {
    const p = this.pendingIdle;
    if (p) this.push(p.t, EVENT.work, p.staff, 0, -1);
    this.pendingIdle = null;
    this.flushSwitches(Infinity);
    this.aggregates.closeUntil(this.header.meta.hours, this.chunk);
    this.flush();
    this.sink.finish();
  }

  private flush(): void {
    this.sink.chunk(this.chunk);
    this.chunk = emptyChunk();
  }

  private push(t: number, code: number, ...fields: number[]): void {
    const tick = Math.round(t * TICKS_PER_HOUR);
    this.chunk.events.push(tick - this.lastTick, code, ...fields);
    this.lastTick = tick;
  }

  private workKept(staff: number, c: Case | null): boolean {
    return this.staffKept[staff] === 1 || this.ref(c) >= 0;
  }

  /** Members outside the sample whose last written record is a start (so their finish is due). */
  private readonly tracked = new Set<number>();

  private ref(c: Case | null): number {
    return c === null ? -1 : (this.index.get(c.id) ?? -1);
  }

  private encode(e: SimEvent): void {
    switch (e.type) {
      case 'issueOccurred': {
        const c = e.case;
        if (!keeps(this.caseFraction, c.id, CASE_SALT)) return;
        const i = this.nextIndex++;
        this.index.set(c.id, i);
        const rows = this.chunk.cases;
        rows.id.push(c.id - this.lastCaseId);
        this.lastCaseId = c.id;
        rows.grid.push(c.grid);
        rows.category.push(c.category);
        rows.priority.push(PRIORITY_NAMES.indexOf(c.priority));
        rows.authority.push(TIER_NAMES.indexOf(c.authority));
        rows.department.push(c.department);
        this.push(e.t, EVENT.occurred, i);
        return;
      }
      case 'workStarted':
      case 'workFinished': {
        // One record per change of activity: a finish followed at once by a start is the start.
        // Sampled members keep their whole track; a sampled case keeps the work done on it.
        const s = e.staff.id;
        if (e.type === 'workFinished') {
          if (this.staffKept[s] || this.tracked.delete(s)) this.pendingIdle = { t: e.t, staff: s };
          return;
        }
        if (!this.workKept(s, e.case)) return;
        if (!this.staffKept[s]) this.tracked.add(s);
        const ref = this.ref(e.case);
        if (e.travelHours > 0) {
          this.push(e.t, EVENT.work, s, ACTIVITY_NAMES.indexOf('travel'), ref);
          this.switches.push({ t: e.t + e.travelHours, seq: this.switchSeq++, staff: s, activity: ACTIVITY_NAMES.indexOf(e.activity), ref });
        } else {
          this.push(e.t, EVENT.work, s, ACTIVITY_NAMES.indexOf(e.activity), ref);
        }
        return;
      }
      case 'staffOnDuty':
      case 'staffOffDuty':
        if (this.staffKept[e.staff.id]) this.push(e.t, e.type === 'staffOnDuty' ? EVENT.onDuty : EVENT.offDuty, e.staff.id);
        return;
      default:
    }
    const c = 'case' in e ? this.ref(e.case) : -1;
    if (c < 0) return;
    switch (e.type) {
      case 'caseReported':
      case 'caseDiscovered':
        this.push(e.t, EVENT.reported, c, SOURCE_NAMES.indexOf(e.case.source!));
        break;
      case 'caseRegistered':
        this.push(e.t, EVENT.registered, c, e.case.registeredBy === 'grid' ? 0 : 1);
        break;
      case 'deskEntered':
        this.push(e.t, EVENT.entered, c, e.desk.id, e.case!.state === 'resolved' ? 1 : 0);
        break;
      case 'deskLeft':
        this.push(e.t, EVENT.left, c, e.desk.id);
        break;
      case 'caseEscalated':
        this.push(e.t, EVENT.escalated, c, e.from.id, e.to.id, e.reason === 'timeout' ? 1 : 0);
        break;
      case 'caseBounced':
        this.push(e.t, EVENT.bounced, c, e.from.id, e.to.id);
        break;
      case 'caseResolved':
        this.push(e.t, EVENT.resolved, c, e.desk.id);
        break;
      case 'caseVerified':
        this.push(e.t, EVENT.verified, c);
        break;
      case 'caseReopened':
        this.push(e.t, EVENT.reopened, c);
        break;
      case 'caseClosed':
        this.push(e.t, EVENT.closed, c);
        this.index.delete(e.case.id);
        break;
      default:
    }
  }
}

/** A small binary min-heap (the writer's pending activity switches). */
class MinHeap<T> {
  private readonly items: T[] = [];
  constructor(private readonly less: (a: T, b: T) => number) {}
  get size(): number {
    return this.items.length;
  }
  peek(): T | undefined {
    return this.items[0];
  }
  push(x: T): void {
    const a = this.items;
    a.push(x);
    let i = a.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (this.less(a[parent]!, x) <= 0) break;
      a[i] = a[parent]!;
      i = parent;
    }
    a[i] = x;
  }
  pop(): T | undefined {
    const a = this.items;
    const top = a[0];
    const last = a.pop();
    if (a.length === 0 || last === undefined) return top;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= a.length) break;
      const r = l + 1;
      const c = r < a.length && this.less(a[r]!, a[l]!) < 0 ? r : l;
      if (this.less(a[c]!, last) >= 0) break;
      a[i] = a[c]!;
      i = c;
    }
    a[i] = last;
    return top;
  }
}
