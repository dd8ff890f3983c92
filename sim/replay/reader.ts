import { Checker, ReplayError } from './check.ts';
import {
  CASE_COLUMNS,
  EVENT_FIELDS,
  HANDLING_EDGES_HOURS,
  REPLAY_FORMAT,
  REPLAY_VERSION,
  ROLE_NAMES,
  STAT_TIER_NAMES,
  TIER_SERIES,
  type ReplayChunk,
  type ReplayHeader,
} from './format.ts';

export { ReplayError };

const ROLE_TIER = ['grid', 'community', 'street', 'street', 'hotline', 'district', 'district', 'department'] as const;
const ROLE_KIND = ['handle', 'handle', 'dispatch', 'handle', 'hotline', 'dispatch', 'handle', 'handle'] as const;

export interface DeskInfo {
  id: number;
  role: (typeof ROLE_NAMES)[number];
  tier: (typeof ROLE_TIER)[number];
  kind: (typeof ROLE_KIND)[number];
  name: string;
  unit: number;
  district: number;
  x: number;
  y: number;
  staffStart: number;
  staffCount: number;
}

/** Growable typed arrays. */
class Column<T extends Int32Array | Float64Array | Uint8Array> {
  length = 0;
  constructor(
    public data: T,
    private readonly make: (n: number) => T,
  ) {}
  push(x: number): void {
    if (this.length === this.data.length) {
      const next = this.make(Math.max(1024, this.data.length * 2));
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = x;
  }
}
const ints = () => new Column(new Int32Array(0), (n) => new Int32Array(n));

/**
 * A decoded replay. Events are columns: time (hours), code and up to four fields (see EVENT in
 * format.ts); the aggregates are dense arrays by hour or day. It grows while chunks arrive.
 */
export class Replay {
  readonly meta: ReplayHeader['meta'];
  readonly categories: string[];
  readonly departments: string[];
  readonly territory: ReplayHeader['territory'];
  readonly desks: DeskInfo[];
  readonly staffDesk: Int32Array;
  readonly gridCount: number;
  readonly evT = new Column(new Float64Array(0), (n) => new Float64Array(n));
  readonly evCode = new Column(new Uint8Array(0), (n) => new Uint8Array(n));
  readonly evF = [ints(), ints(), ints(), ints()];
  readonly cases = { id: ints(), grid: ints(), category: ints(), priority: ints(), authority: ints(), department: ints() };
  /** Per statistics tier and series, one value per completed hour. */
  readonly tiers: Record<(typeof TIER_SERIES)[number], number[]>[];
  readonly totals = { created: [] as number[], registered: [] as number[], closed: [] as number[] };
  /** Open cases per grid at the end of each hour: [hour × grids + grid]. */
  readonly gridOpen: Int32Array;
  /** Busy and on-duty staff-hours per desk and day: [day × desks + desk]. */
  readonly deskBusy: Float64Array;
  readonly deskOnDuty: Float64Array;
  /** Handling-time histogram per day: [day × bins + bin]. */
  readonly handling: Int32Array;
  readonly bins = HANDLING_EDGES_HOURS.length;
  hoursDone = 0;
  daysDone = 0;
  summary: unknown = undefined;
  /** Ticks of the last event, cases read so far, last case id (for the delta codes). */
  private tick = 0;
  private lastCaseId = 0;

  constructor(h: ReplayHeader) {
    this.meta = h.meta;
    this.categories = h.categories;
    this.departments = h.departments;
    this.territory = h.territory;
    const t = h.territory;
    this.gridCount = t.grids.name.length;
    this.desks = [];
    let staff = 0;
    h.desks.role.forEach((r, id) => {
      const unit = h.desks.unit[id]!;
      const district = h.desks.district[id]!;
      const role = ROLE_NAMES[r]!;
      const at = r === 0 ? t.grids : r === 1 ? t.communities : r <= 3 ? t.streets : t.districts;
      const i = r === 7 ? district : unit;
      const base = at.name[i]!;
      const name = r === 2 ? `${base} dispatch` : r === 4 ? `${base} 12345` : r === 5 ? `${base} command centre` : r === 7 ? `${base} ${h.departments[unit]}` : base;
      const count = h.desks.staff[id]!;
      this.desks.push({ id, role, tier: ROLE_TIER[r]!, kind: ROLE_KIND[r]!, name, unit, district, x: at.x[i]!, y: at.y[i]!, staffStart: staff, staffCount: count });
      staff += count;
    });
    this.staffDesk = new Int32Array(staff);
    for (const d of this.desks) this.staffDesk.fill(d.id, d.staffStart, d.staffStart + d.staffCount);
    this.tiers = STAT_TIER_NAMES.map(() => Object.fromEntries(TIER_SERIES.map((k) => [k, [] as number[]])) as Replay['tiers'][number]);
    this.gridOpen = new Int32Array(h.meta.hours * this.gridCount);
    this.deskBusy = new Float64Array(h.meta.days * this.desks.length);
    this.deskOnDuty = new Float64Array(h.meta.days * this.desks.length);
    this.handling = new Int32Array(h.meta.days * this.bins);
  }

  get eventCount(): number {
    return this.evCode.length;
  }
  get caseCount(): number {
    return this.cases.id.length;
  }
  get staffCount(): number {
    return this.staffDesk.length;
  }
  /** The end of the data so far (hours): the horizon once complete. */
  get availableHours(): number {
    return Math.min(this.meta.horizonHours, this.hoursDone * this.meta.stepHours);
  }

  /** Checks a chunk against what came before, then appends it. */
  append(c: unknown, ch: Checker): void {
    const o = ch.object(c, '');
    const hoursDone = ch.number(o.hoursDone, 'hoursDone', this.hoursDone);
    const daysDone = ch.number(o.daysDone, 'daysDone', this.daysDone);
    if (hoursDone > this.meta.hours) ch.fail('hoursDone', `expected at most meta.hours = ${this.meta.hours}, found ${hoursDone}`);
    if (daysDone > this.meta.days) ch.fail('daysDone', `expected at most meta.days = ${this.meta.days}, found ${daysDone}`);
    const newHours = hoursDone - this.hoursDone;
    const newDays = daysDone - this.daysDone;

    const cases = ch.object(o.cases, 'cases');
    const cols = CASE_COLUMNS.map((k) => ch.numbers(cases[k], `cases.${k}`, { int: true, min: k === 'department' ? -1 : 0 }));
    const n = cols[0]!.length;
    cols.forEach((col, i) => col.length !== n && ch.fail(`cases.${CASE_COLUMNS[i]}`, `expected ${n} entries like cases.id, found ${col.length}`));
    const [, grid, category, priority, authority, department] = cols;
    for (let i = 0; i < n; i++) {
      if (grid![i]! >= this.gridCount) ch.fail(`cases.grid[${i}]`, `expected a grid index below ${this.gridCount}, found ${grid![i]}`);
      if (category![i]! >= this.categories.length) ch.fail(`cases.category[${i}]`, `expected a category index below ${this.categories.length}, found ${category![i]}`);
      if (priority![i]! > 3) ch.fail(`cases.priority[${i}]`, `expected 0..3, found ${priority![i]}`);
      if (authority![i]! > 4) ch.fail(`cases.authority[${i}]`, `expected 0..4, found ${authority![i]}`);
      if (department![i]! >= this.departments.length) ch.fail(`cases.department[${i}]`, `expected -1 or a department index below ${this.departments.length}, found ${department![i]}`);
    }

    const tiers = ch.array(o.tiers, 'tiers', STAT_TIER_NAMES.length);
    const series = tiers.map((t, i) => {
      const so = ch.object(t, `tiers[${i}]`);
      return TIER_SERIES.map((k) => ch.numbers(so[k], `tiers[${i}].${k}`, { length: newHours, min: 0 }));
    });
    const totals = ch.object(o.totals, 'totals');
    const tot = (['created', 'registered', 'closed'] as const).map((k) => ch.numbers(totals[k], `totals.${k}`, { length: newHours, int: true, min: 0 }));
    const backlog = ch.numbers(o.gridBacklog, 'gridBacklog', { int: true });
    const deskDays = ch.object(o.deskDays, 'deskDays');
    const dn = newDays * this.desks.length;
    const busy = ch.numbers(deskDays.busy, 'deskDays.busy', { length: dn, min: 0 });
    const onDuty = ch.numbers(deskDays.onDuty, 'deskDays.onDuty', { length: dn, min: 0 });
    const handling = ch.numbers(o.handling, 'handling', { length: newDays * this.bins, int: true, min: 0 });
    const events = ch.numbers(o.events, 'events', { int: true });

    // Grid backlog: a sparse change list per hour, applied on the previous hour's values.
    const G = this.gridCount;
    let p = 0;
    for (let h = this.hoursDone; h < hoursDone; h++) {
      if (h > 0) this.gridOpen.copyWithin(h * G, (h - 1) * G, h * G);
      const count = backlog[p++];
      if (count === undefined || count < 0) ch.fail(`gridBacklog[${p - 1}]`, `expected the number of grids changed in hour ${h}, found ${count ?? 'the end of the array'}`);
      let g = 0;
      for (let k = 0; k < count; k++, p += 2) {
        if (p + 1 >= backlog.length) ch.fail('gridBacklog', `ends inside hour ${h}`);
        g += backlog[p]!;
        if (g < 0 || g >= G) ch.fail(`gridBacklog[${p}]`, `grid index ${g} out of range (hour ${h})`);
        if (backlog[p + 1]! < 0) ch.fail(`gridBacklog[${p + 1}]`, `expected a count ≥ 0, found ${backlog[p + 1]}`);
        this.gridOpen[h * G + g] = backlog[p + 1]!;
      }
    }
    if (p !== backlog.length) ch.fail('gridBacklog', `has ${backlog.length - p} values after the last hour`);

    // Events: check every record before keeping it.
    const rows = this.caseCount + n;
    let next = this.caseCount;
    const staff = this.staffCount;
    const desks = this.desks.length;
    let i = 0;
    while (i < events.length) {
      const at = `events[${i}] (event ${this.eventCount})`;
      const dt = events[i]!;
      const code = events[i + 1];
      if (dt < 0) ch.fail(at, `time goes backwards (${dt} ticks)`);
      if (code === undefined || code < 0 || code >= EVENT_FIELDS.length) ch.fail(at, `unknown event code ${code ?? '(missing)'}`);
      const k = EVENT_FIELDS[code]!;
      if (i + 2 + k > events.length) ch.fail(at, `event code ${code} needs ${k} fields, the array ends first`);
      const f = events.slice(i + 2, i + 2 + k);
      if (code <= 10) {
        const c = f[0]!;
        if (code === 0) {
          if (c !== next) ch.fail(at, `case ${c} occurs out of order (expected case ${next})`);
          next++;
        } else if (c < 0 || c >= next) ch.fail(at, `refers to case ${c}, which has not occurred`);
        const deskFields = code === 3 || code === 4 || code === 7 ? [1] : code === 5 || code === 6 ? [1, 2] : [];
        for (const j of deskFields) if (f[j]! < 0 || f[j]! >= desks) ch.fail(at, `desk ${f[j]} out of range (${desks} desks)`);
      } else {
        if (f[0]! < 0 || f[0]! >= staff) ch.fail(at, `staff ${f[0]} out of range (${staff} staff)`);
        if (code === 11) {
          if (f[1]! < 0 || f[1]! > 8) ch.fail(at, `unknown activity ${f[1]}`);
          if (f[2]! < -1 || f[2]! >= next) ch.fail(at, `refers to case ${f[2]}, which has not occurred`);
        }
      }
      this.tick += dt;
      this.evT.push(this.tick * this.meta.tickHours);
      this.evCode.push(code);
      for (let j = 0; j < 4; j++) this.evF[j]!.push(j < k ? f[j]! : -1);
      i += 2 + k;
    }
    if (next !== rows) ch.fail('cases.id', `expected one row per "occurred" event (${next - this.caseCount}), found ${n}`);

    for (let j = 0; j < n; j++) {
      this.lastCaseId += cols[0]![j]!;
      this.cases.id.push(this.lastCaseId);
      this.cases.grid.push(grid![j]!);
      this.cases.category.push(category![j]!);
      this.cases.priority.push(priority![j]!);
      this.cases.authority.push(authority![j]!);
      this.cases.department.push(department![j]!);
    }
    series.forEach((s, ti) => TIER_SERIES.forEach((k, si) => this.tiers[ti]![k].push(...s[si]!)));
    this.totals.created.push(...tot[0]!);
    this.totals.registered.push(...tot[1]!);
    this.totals.closed.push(...tot[2]!);
    const D = this.desks.length;
    for (let j = 0; j < dn; j++) {
      this.deskBusy[this.daysDone * D + j] = busy[j]! / 100;
      this.deskOnDuty[this.daysDone * D + j] = onDuty[j]! / 100;
    }
    this.handling.set(handling, this.daysDone * this.bins);
    this.hoursDone = hoursDone;
    this.daysDone = daysDone;
  }
}

/** Checks the header and starts a replay from it. */
export function replayFromHeader(v: unknown, source: string): Replay {
  const ch = new Checker(source);
  const o = ch.object(v, '');
  if (o.format !== REPLAY_FORMAT) {
    ch.fail('format', o.format === undefined ? `missing: this is not a gridgov replay file (expected "format": "${REPLAY_FORMAT}")` : `expected "${REPLAY_FORMAT}", found ${JSON.stringify(o.format)}: this is not a gridgov replay file`);
  }
  if (o.version !== REPLAY_VERSION) ch.fail('version', `replay version ${JSON.stringify(o.version)} is not supported: this viewer reads version ${REPLAY_VERSION}`);
  const meta = ch.object(o.meta, 'meta');
  ch.string(meta.scenario, 'meta.scenario');
  ch.string(meta.policy, 'meta.policy');
  if (typeof meta.seed !== 'string') ch.number(meta.seed, 'meta.seed');
  ch.number(meta.horizonHours, 'meta.horizonHours', 0);
  ch.number(meta.warmupHours, 'meta.warmupHours', 0);
  ch.number(meta.tickHours, 'meta.tickHours', 0);
  ch.number(meta.stepHours, 'meta.stepHours', 0);
  const hours = ch.number(meta.hours, 'meta.hours', 0);
  const days = ch.number(meta.days, 'meta.days', 0);
  if (!Number.isInteger(hours) || !Number.isInteger(days) || days !== Math.ceil(hours / 24)) ch.fail('meta.days', `expected ceil(meta.hours / 24) = ${Math.ceil(hours / 24)}, found ${days}`);
  const limits = ch.object(meta.timeLimitsHours, 'meta.timeLimitsHours');
  for (const p of ['emergency', 'urgent', 'general', 'complex']) ch.number(limits[p], `meta.timeLimitsHours.${p}`, 0);
  const sample = ch.object(meta.sample, 'meta.sample');
  ch.number(sample.caseFraction, 'meta.sample.caseFraction', 0);
  ch.number(sample.staffFraction, 'meta.sample.staffFraction', 0);
  ch.strings(o.categories, 'categories');
  const departments = ch.strings(o.departments, 'departments');
  const t = ch.object(o.territory, 'territory');
  ch.number(t.cellKm, 'territory.cellKm', 0);
  const sizes: Record<string, number> = {};
  const parent: Record<string, [string, string]> = { streets: ['district', 'districts'], communities: ['street', 'streets'], grids: ['community', 'communities'] };
  for (const level of ['districts', 'streets', 'communities', 'grids']) {
    const p = ch.object(t[level], `territory.${level}`);
    const n = ch.strings(p.name, `territory.${level}.name`).length;
    ch.strings(p.code, `territory.${level}.code`, n);
    for (const k of ['x', 'y', 'residents']) ch.numbers(p[k], `territory.${level}.${k}`, { length: n });
    const up = parent[level];
    if (up) ch.numbers(p[up[0]], `territory.${level}.${up[0]}`, { length: n, int: true, min: 0, max: sizes[up[1]]! - 1 });
    sizes[level] = n;
  }
  const d = ch.object(o.desks, 'desks');
  const role = ch.numbers(d.role, 'desks.role', { int: true, min: 0, max: ROLE_NAMES.length - 1 });
  const unit = ch.numbers(d.unit, 'desks.unit', { length: role.length, int: true, min: 0 });
  const district = ch.numbers(d.district, 'desks.district', { length: role.length, int: true, min: 0, max: sizes.districts! - 1 });
  ch.numbers(d.staff, 'desks.staff', { length: role.length, int: true, min: 0 });
  const unitCount = [sizes.grids!, sizes.communities!, sizes.streets!, sizes.streets!, sizes.districts!, sizes.districts!, sizes.districts!, departments.length];
  role.forEach((r, i) => unit[i]! >= unitCount[r]! && ch.fail(`desks.unit[${i}]`, `expected a unit index below ${unitCount[r]} for role ${ROLE_NAMES[r]}, found ${unit[i]}`));
  void district;
  return new Replay(o as unknown as ReplayHeader);
}

/** Parses and checks a whole replay file (JSON text). Throws ReplayError naming what is wrong. */
export function parseReplayText(text: string, source = 'replay'): Replay {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch (err) {
    const trimmed = text.trimStart();
    const hint = trimmed.length === 0 ? 'the file is empty' : err instanceof Error ? err.message : String(err);
    throw new ReplayError(source, '', `not valid JSON (${hint})`);
  }
  const r = replayFromHeader(v, source);
  r.append(v, new Checker(source));
  const s = (v as { summary?: unknown }).summary;
  if (s !== undefined) r.summary = s;
  return r;
}

/** Builds a replay from a header and the chunks that follow (the playground's worker). */
export class ReplayBuilder {
  readonly replay: Replay;
  constructor(
    header: ReplayHeader,
    private readonly source = 'replay',
  ) {
    this.replay = replayFromHeader(header, source);
  }
  append(chunk: ReplayChunk): void {
    this.replay.append(chunk, new Checker(this.source));
  }
}
