import type { SimEvent } from '../model/events.ts';
import type { World } from '../model/world.ts';
import { HANDLING_EDGES_HOURS, STAT_TIER_NAMES, TIER_SERIES, type ReplayChunk, type TierSeries } from './format.ts';

const r3 = (x: number) => Math.round(x * 1000) / 1000;
const VISIT_WORK = new Set(['handle', 'travel', 'review', 'dispatch', 'verify', 'call']);

/** A count that changes at instants, integrated over the current step. */
class Level {
  value = 0;
  area = 0;
  last = 0;
  change(t: number, d: number): void {
    this.area += this.value * (t - this.last);
    this.last = t;
    this.value += d;
  }
  close(boundary: number): number {
    this.area += this.value * (boundary - this.last);
    this.last = boundary;
    const a = this.area;
    this.area = 0;
    return a;
  }
}

interface TierBooks {
  arrivals: number;
  resolved: number;
  present: number;
  inService: number;
  busy: Level;
  patrol: Level;
  onDuty: Level;
}

export function handlingBin(hours: number): number {
  let b = 0;
  while (b + 1 < HANDLING_EDGES_HOURS.length && hours >= HANDLING_EDGES_HOURS[b + 1]!) b++;
  return b;
}

/**
 * The exact aggregates of a replay, whatever the sampling: per hour and statistics tier
 * (arrivals, visits present and in service at the hour's end, time-average busy / patrolling /
 * on-duty staff, resolutions), per hour the open cases of every grid, per day and desk the busy
 * and on-duty staff-hours, per day the handling-time histogram.
 */
export class ReplayAggregates {
  private readonly tiers: TierBooks[];
  private readonly tierOf: number[];
  private readonly deskBusy: Level[];
  private readonly deskOnDuty: Level[];
  private readonly gridOpen: Int32Array;
  private readonly gridReported: Int32Array;
  private dirtyGrids: number[] = [];
  private readonly dirty: Uint8Array;
  private created = 0;
  private registered = 0;
  private closed = 0;
  private handling: number[] = new Array(HANDLING_EDGES_HOURS.length).fill(0);
  hoursDone = 0;
  daysDone = 0;

  constructor(
    world: World,
    grids: number,
    readonly hours: number,
    private readonly horizonHours: number,
  ) {
    this.tiers = STAT_TIER_NAMES.map(() => ({ arrivals: 0, resolved: 0, present: 0, inService: 0, busy: new Level(), patrol: new Level(), onDuty: new Level() }));
    this.tierOf = world.desks.map((d) => STAT_TIER_NAMES.indexOf(d.tier));
    this.deskBusy = world.desks.map(() => new Level());
    this.deskOnDuty = world.desks.map(() => new Level());
    this.gridOpen = new Int32Array(grids);
    this.gridReported = new Int32Array(grids);
    this.dirty = new Uint8Array(grids);
  }

  onEvent(e: SimEvent): void {
    switch (e.type) {
      case 'issueOccurred':
        this.created++;
        break;
      case 'caseRegistered':
        this.registered++;
        this.touch(e.case.grid, 1);
        break;
      case 'caseClosed': {
        this.closed++;
        this.touch(e.case.grid, -1);
        const h = e.case.closedAt - e.case.registeredAt;
        this.handling[handlingBin(h)]++;
        break;
      }
      case 'caseResolved':
        this.tiers[this.tierOf[e.desk.id]!]!.resolved++;
        break;
      case 'deskEntered': {
        const b = this.tiers[this.tierOf[e.desk.id]!]!;
        b.arrivals++;
        b.present++;
        break;
      }
      case 'deskLeft':
        this.tiers[this.tierOf[e.desk.id]!]!.present--;
        break;
      case 'workStarted':
      case 'workFinished': {
        const d = e.type === 'workStarted' ? 1 : -1;
        const desk = e.staff.desk.id;
        const b = this.tiers[this.tierOf[desk]!]!;
        if (e.activity === 'patrol') b.patrol.change(e.t, d);
        else {
          b.busy.change(e.t, d);
          this.deskBusy[desk]!.change(e.t, d);
        }
        if (VISIT_WORK.has(e.activity)) b.inService += d;
        break;
      }
      case 'staffOnDuty':
      case 'staffOffDuty': {
        const d = e.type === 'staffOnDuty' ? 1 : -1;
        const desk = e.staff.desk.id;
        this.tiers[this.tierOf[desk]!]!.onDuty.change(e.t, d);
        this.deskOnDuty[desk]!.change(e.t, d);
        break;
      }
      default:
    }
  }

  private touch(grid: number, d: number): void {
    this.gridOpen[grid] += d;
    if (!this.dirty[grid]) {
      this.dirty[grid] = 1;
      this.dirtyGrids.push(grid);
    }
  }

  /** Closes hours up to `hour` (exclusive), appending their rows to `out`. */
  closeUntil(hour: number, out: ReplayChunk): void {
    while (this.hoursDone < Math.min(hour, this.hours)) {
      const h = this.hoursDone;
      const boundary = h + 1;
      const end = Math.min(boundary, this.horizonHours);
      this.tiers.forEach((b, i) => {
        const s = out.tiers[i]!;
        s.arrivals.push(b.arrivals);
        s.present.push(b.present);
        s.inService.push(b.inService);
        s.busy.push(r3(b.busy.close(end)));
        s.patrol.push(r3(b.patrol.close(end)));
        s.onDuty.push(r3(b.onDuty.close(end)));
        s.resolved.push(b.resolved);
        b.arrivals = 0;
        b.resolved = 0;
      });
      out.totals.created.push(this.created);
      out.totals.registered.push(this.registered);
      out.totals.closed.push(this.closed);
      this.created = this.registered = this.closed = 0;
      const changed = this.dirtyGrids.sort((a, b) => a - b).filter((g) => this.gridOpen[g] !== this.gridReported[g]);
      out.gridBacklog.push(changed.length);
      let prev = 0;
      for (const g of changed) {
        out.gridBacklog.push(g - prev, this.gridOpen[g]!);
        prev = g;
        this.gridReported[g] = this.gridOpen[g]!;
      }
      for (const g of this.dirtyGrids) this.dirty[g] = 0;
      this.dirtyGrids = [];
      this.hoursDone = boundary;
      if (boundary % 24 === 0 || boundary === this.hours) this.closeDay(end, out);
    }
    out.hoursDone = this.hoursDone;
    out.daysDone = this.daysDone;
  }

  private closeDay(boundary: number, out: ReplayChunk): void {
    for (let d = 0; d < this.deskBusy.length; d++) {
      out.deskDays.busy.push(Math.round(this.deskBusy[d]!.close(boundary) * 100));
      out.deskDays.onDuty.push(Math.round(this.deskOnDuty[d]!.close(boundary) * 100));
    }
    out.handling.push(...this.handling);
    this.handling.fill(0);
    this.daysDone++;
  }
}

export function emptyChunk(): ReplayChunk {
  return {
    events: [],
    cases: { id: [], grid: [], category: [], priority: [], authority: [], department: [] },
    hoursDone: 0,
    daysDone: 0,
    tiers: STAT_TIER_NAMES.map(() => Object.fromEntries(TIER_SERIES.map((k) => [k, []])) as unknown as TierSeries),
    totals: { created: [], registered: [], closed: [] },
    gridBacklog: [],
    deskDays: { busy: [], onDuty: [] },
    handling: [],
  };
}
