/**
 * Analytic validation: degenerate gridgov configurations that reduce to textbook queues, run on
 * seeded replications and compared with the formula. A metric passes when the theoretical value
 * lies inside the 99% Student-t confidence interval of the replication means (replication i
 * uses seed base + i), so the tolerance comes from the replications, not from a guess.
 *
 * Browser-safe (no node: imports): the scenarios are imported as JSON modules.
 *
 * Every case starts from a scenario file in scenarios/validation/ plus `--set`-style overrides,
 * and derives its theory from the *resolved* scenario (λ from the rate and the residents, the
 * service distribution, the number of servers), after checking that the scenario really is the
 * degenerate textbook form (no patrol, travel, verification, reopening, follow-up calls,
 * consultations, report delay or transfer delay; flat demand profile; one grid; 24/7 staff).
 */
import chainJson from '../../scenarios/validation/chain-3tier.json' with { type: 'json' };
import mg1Json from '../../scenarios/validation/mg1-lognormal.json' with { type: 'json' };
import mm1Json from '../../scenarios/validation/mm1.json' with { type: 'json' };
import mmcJson from '../../scenarios/validation/mmc.json' with { type: 'json' };
import priorityJson from '../../scenarios/validation/priority-2class.json' with { type: 'json' };
import shiftsJson from '../../scenarios/validation/shifts.json' with { type: 'json' };
import { meanOf, varianceOf, type DistSpec } from '../random/distributions.ts';
import { simulate } from '../run/simulateRun.ts';
import type { Summary } from '../run/summary.ts';
import type { TextSink } from '../run/caseRows.ts';
import { applySet, resolveScenario } from '../scenario/load.ts';
import type { Scenario, Staffing } from '../scenario/schema.ts';
import { isRota, unitGroups } from '../scenario/staffing.ts';
import { meanCI } from '../stats/ci.ts';
import { parseCsvLine } from '../run/csv.ts';
import { cobhamNonPreemptive, erlangC, mg1MeanWait, mmcMeanSojourn, mmcMeanWait, mmcPriorityNonPreemptive } from '../stats/queueing.ts';
import { buildTerritory } from '../territory/build.ts';
import { extraServerShiftModel, solvePeriodicCtmc } from './periodicCtmc.ts';

export interface MetricValue {
  metric: string;
  value: number;
}

/** Counted (created after the warm-up), closed cases from cases.csv, the columns the suite uses. */
export interface CaseRows {
  count: number;
  priority: string[];
  waitHours: number[];
  handlingHours: number[];
  resolvedTier: string[];
}

export interface RunPlan {
  reps: number;
  horizonDays: number;
}

export interface AnalyticCase {
  id: string;
  model: string;
  /** Readable parameters. */
  params: string;
  /** Whether `measure` needs the parsed cases.csv. */
  needsCases: boolean;
  /** Replications and horizon for the published table (half-widths of a few percent). */
  full: RunPlan;
  /** A quicker plan for the test suite (wider intervals). */
  quick: RunPlan;
  /** The raw scenario object (base file + overrides), before defaults. */
  build(): Record<string, unknown>;
  /** The textbook values, one per metric, in a fixed order. */
  theory(): MetricValue[];
  /** The same metrics measured on one replication. */
  measure(summary: Summary, cases?: CaseRows): MetricValue[];
}

export interface AnalyticResult {
  id: string;
  model: string;
  params: string;
  metric: string;
  theory: number;
  mean: number;
  ciLow99: number;
  ciHigh99: number;
  halfWidth99: number;
  /** (mean − theory) / theory. */
  relErr: number;
  /** Theory inside the 99% t-interval of the replication means. */
  pass: boolean;
  reps: number;
  horizonDays: number;
  warmupDays: number;
}

// ---- cases.csv, parsed as it streams -------------------------------------------------------

/** A TextSink that parses cases.csv incrementally and keeps counted, closed rows only. */
export class CaseCsvCollector implements TextSink {
  readonly rows: CaseRows = { count: 0, priority: [], waitHours: [], handlingHours: [], resolvedTier: [] };
  private pending = '';
  private col: Record<string, number> | null = null;

  write(text: string): void {
    const data = this.pending + text;
    let start = 0;
    for (;;) {
      let nl = data.indexOf('\n', start);
      // A quoted field may hold a newline: extend the line until its quotes balance.
      while (nl >= 0 && quoteCount(data, start, nl) % 2 === 1) nl = data.indexOf('\n', nl + 1);
      if (nl < 0) break;
      this.line(data.slice(start, nl));
      start = nl + 1;
    }
    this.pending = data.slice(start);
  }

  private line(line: string): void {
    if (line === '') return;
    const f = parseCsvLine(line);
    if (this.col === null) {
      this.col = Object.fromEntries(f.map((name, i) => [name, i]));
      for (const need of ['priority', 'waitHours', 'handlingHours', 'resolvedTier', 'state', 'counted']) {
        if (!(need in this.col)) throw new Error(`cases.csv has no column ${need}`);
      }
      return;
    }
    const c = this.col;
    if (f[c.counted!] !== '1' || f[c.state!] !== 'closed') return;
    const r = this.rows;
    r.count++;
    r.priority.push(f[c.priority!]!);
    r.waitHours.push(Number(f[c.waitHours!]));
    r.handlingHours.push(Number(f[c.handlingHours!]));
    r.resolvedTier.push(f[c.resolvedTier!]!);
  }
}

function quoteCount(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = s.indexOf('"', from); i >= 0 && i < to; i = s.indexOf('"', i + 1)) n++;
  return n;
}

// ---- reading the textbook parameters off a resolved scenario --------------------------------

function alwaysCount(st: Staffing, what: string): number {
  if (isRota(st)) throw new Error(`${what}: expected the same staff in every unit (no rota)`);
  const groups = unitGroups(st, 0);
  if (groups.some((g) => g.perResidents !== undefined)) throw new Error(`${what}: expected the same staff in every unit (no perResidents)`);
  for (const g of groups) if (g.shift !== 'always' && g.count > 0) throw new Error(`${what}: expected 24/7 staff only`);
  return groups.reduce((n, g) => n + g.count, 0);
}

const isConstantZero = (d: DistSpec) => d.dist === 'constant' && d.value === 0;

/** Throws unless the scenario is the degenerate textbook form the formulas assume. */
export function assertTextbook(s: Scenario): void {
  const bad: string[] = [];
  const t = buildTerritory(s.territory);
  if (t.grids.length !== 1) bad.push(`one grid (found ${t.grids.length})`);
  if (s.patrol.enabled) bad.push('patrol.enabled = false');
  if (s.travel.enabled) bad.push('travel.enabled = false');
  if (s.verification.enabled) bad.push('verification.enabled = false');
  if (s.demand.maxFollowUpCalls !== 0) bad.push('demand.maxFollowUpCalls = 0');
  if (s.demand.consultationsPer1000PerDay !== 0) bad.push('demand.consultationsPer1000PerDay = 0');
  const p = s.demand.profile;
  if (!p.hourOfDay.every((x) => x === 1) || !p.dayOfWeek.every((x) => x === 1) || p.surges.length > 0) bad.push('a flat demand profile');
  if (s.policy.name !== 'hierarchical') bad.push('policy hierarchical');
  for (const [kind, d] of Object.entries(s.handoff.delaysHours)) if (!isConstantZero(d)) bad.push(`handoff.delaysHours.${kind} constant 0`);
  if (s.departments.length > 0) bad.push('no departments');
  s.demand.categories.forEach((c, i) => {
    if (c.report.gridWorker !== 1) bad.push(`categories.${i}.report.gridWorker = 1`);
    if (!isConstantZero(c.reportDelayHours)) bad.push(`categories.${i}.reportDelayHours constant 0`);
    if (c.reopenProbability !== 0) bad.push(`categories.${i}.reopenProbability = 0`);
    const a = c.authority;
    if (a.district > 0 || a.department > 0) bad.push(`categories.${i}.authority within grid/community/street`);
  });
  if (bad.length > 0) throw new Error(`${s.name}: not a textbook configuration; needs ${bad.join(', ')}`);
}

/** Arrival rate per hour of each category: rate per 1,000 residents per day × residents / 1000 / 24. */
export function arrivalRates(s: Scenario): number[] {
  const residents = buildTerritory(s.territory).residents;
  return s.demand.categories.map((c) => (c.ratePer1000PerDay * residents) / 1000 / 24);
}

function expMean(d: DistSpec, what: string): number {
  if (d.dist !== 'exponential') throw new Error(`${what}: expected exponential, got ${d.dist}`);
  return d.mean;
}

const fmt = (x: number, digits = 4) => Number(x.toPrecision(digits)).toString();

// ---- case definitions -------------------------------------------------------------------------

interface CaseSpec {
  id: string;
  model: string;
  base: Record<string, unknown>;
  sets?: string[];
  needsCases?: boolean;
  full: RunPlan;
  quick: RunPlan;
  params(s: Scenario): string;
  theory(s: Scenario): MetricValue[];
  measure(summary: Summary, cases: CaseRows | undefined, s: Scenario): MetricValue[];
}

function defineCase(spec: CaseSpec): AnalyticCase {
  const build = (): Record<string, unknown> => {
    let raw: unknown = structuredClone(spec.base);
    for (const set of spec.sets ?? []) raw = applySet(raw, set, spec.id);
    return raw as Record<string, unknown>;
  };
  let resolved: Scenario | null = null;
  const scenario = (): Scenario => {
    if (!resolved) {
      resolved = resolveScenario(build(), spec.id);
      assertTextbook(resolved);
    }
    return resolved;
  };
  let params: string | null = null;
  return {
    id: spec.id,
    model: spec.model,
    get params() {
      return (params ??= spec.params(scenario()));
    },
    needsCases: spec.needsCases ?? false,
    full: spec.full,
    quick: spec.quick,
    build,
    theory: () => spec.theory(scenario()),
    measure: (summary, cases) => spec.measure(summary, cases, scenario()),
  };
}

function need(cases: CaseRows | undefined): CaseRows {
  if (!cases) throw new Error('this case needs the cases.csv rows (run with needsCases)');
  return cases;
}

/** Share of counted closed cases whose recorded wait is positive. */
function waitedShare(rows: CaseRows): number {
  let n = 0;
  for (const w of rows.waitHours) if (w > 1e-9) n++;
  return rows.count > 0 ? n / rows.count : NaN;
}

function meanWhere(rows: CaseRows, priority: string): number {
  let sum = 0;
  let n = 0;
  for (let i = 0; i < rows.count; i++) {
    if (rows.priority[i] === priority) {
      sum += rows.waitHours[i]!;
      n++;
    }
  }
  return n > 0 ? sum / n : NaN;
}

/**
 * cases.csv prints waitHours with 4 decimals, so a wait below 0.00005 h reads as 0. In M/M/c the
 * wait of a case that waits is exponential with rate cμ − λ, hence
 * P(recorded wait > 0) = C(c, a) · exp(−(cμ − λ) · 0.00005) (a correction below 0.03% here).
 */
const CSV_WAIT_RESOLUTION = 0.00005;

function mmcTheory(lambda: number, mu: number, c: number): { wq: number; pWait: number } {
  const C = erlangC(c, lambda / mu);
  return { wq: mmcMeanWait(lambda, mu, c), pWait: C * Math.exp(-(c * mu - lambda) * CSV_WAIT_RESOLUTION) };
}

function singleQueue(s: Scenario): { lambda: number; service: DistSpec; c: number } {
  const rates = arrivalRates(s);
  if (rates.length !== 1) throw new Error(`${s.name}: expected one category`);
  const cat = s.demand.categories[0]!;
  if (cat.authority.grid <= 0 || cat.authority.community + cat.authority.street > 0) throw new Error(`${s.name}: expected grid authority only`);
  return { lambda: rates[0]!, service: cat.workHours, c: alwaysCount(s.staff.gridWorker, 'staff.gridWorker') };
}

function mm1Case(rho: number, plan: { full: RunPlan; quick: RunPlan }): AnalyticCase {
  return defineCase({
    id: `mm1-rho${rho}`,
    model: 'M/M/1',
    base: mm1Json,
    sets: [`demand.categories.0.ratePer1000PerDay=${24 * rho}`],
    needsCases: true,
    ...plan,
    params: (s) => {
      const q = singleQueue(s);
      const m = expMean(q.service, 'workHours');
      return `λ=${fmt(q.lambda)}/h, 1/μ=${fmt(m)} h, c=${q.c}, ρ=${fmt(q.lambda * m)}`;
    },
    theory: (s) => {
      const q = singleQueue(s);
      if (q.c !== 1) throw new Error('mm1: expected one server');
      const mu = 1 / expMean(q.service, 'workHours');
      const { wq, pWait } = mmcTheory(q.lambda, mu, 1);
      return [
        { metric: 'Wq (h)', value: wq },
        { metric: 'W (h)', value: wq + 1 / mu },
        { metric: 'L grid', value: q.lambda * (wq + 1 / mu) },
        { metric: 'P(wait>0)', value: pWait },
        { metric: 'utilization', value: q.lambda / mu },
      ];
    },
    measure: (sum, cases) => [
      { metric: 'Wq (h)', value: sum.waitHours.mean },
      { metric: 'W (h)', value: sum.handlingHours.mean },
      { metric: 'L grid', value: sum.checks.littleLaw.byTier.grid!.L },
      { metric: 'P(wait>0)', value: waitedShare(need(cases)) },
      { metric: 'utilization', value: sum.utilization.gridWorker },
    ],
  });
}

function mmcCase(c: number, rho: number, plan: { full: RunPlan; quick: RunPlan }): AnalyticCase {
  return defineCase({
    id: `mmc-c${c}-rho${rho}`,
    model: `M/M/${c}`,
    base: mmcJson,
    sets: [`staff.gridWorker.count=${c}`, `demand.categories.0.ratePer1000PerDay=${Number((24 * rho * c).toPrecision(12))}`],
    needsCases: true,
    ...plan,
    params: (s) => {
      const q = singleQueue(s);
      const m = expMean(q.service, 'workHours');
      return `λ=${fmt(q.lambda)}/h, 1/μ=${fmt(m)} h, c=${q.c}, ρ=${fmt((q.lambda * m) / q.c)}`;
    },
    theory: (s) => {
      const q = singleQueue(s);
      const { wq, pWait } = mmcTheory(q.lambda, 1 / expMean(q.service, 'workHours'), q.c);
      return [
        { metric: 'Wq (h)', value: wq },
        { metric: 'P(wait>0)', value: pWait },
      ];
    },
    measure: (sum, cases) => [
      { metric: 'Wq (h)', value: sum.waitHours.mean },
      { metric: 'P(wait>0)', value: waitedShare(need(cases)) },
    ],
  });
}

const mg1Case = defineCase({
  id: 'mg1-lognormal',
  model: 'M/G/1 (P-K)',
  base: mg1Json,
  full: { reps: 10, horizonDays: 20000 },
  quick: { reps: 8, horizonDays: 2500 },
  params: (s) => {
    const q = singleQueue(s);
    const d = q.service;
    const sd = Math.sqrt(varianceOf(d));
    return `λ=${fmt(q.lambda)}/h, S ${d.dist} mean ${fmt(meanOf(d))} sd ${fmt(sd)} h, c=${q.c}, ρ=${fmt(q.lambda * meanOf(d))}`;
  },
  theory: (s) => {
    const q = singleQueue(s);
    if (q.c !== 1) throw new Error('mg1: expected one server');
    const es = meanOf(q.service);
    const wq = mg1MeanWait(q.lambda, es, varianceOf(q.service));
    return [
      { metric: 'Wq (h)', value: wq },
      { metric: 'W (h)', value: wq + es },
      { metric: 'L grid', value: q.lambda * (wq + es) },
    ];
  },
  measure: (sum) => [
    { metric: 'Wq (h)', value: sum.waitHours.mean },
    { metric: 'W (h)', value: sum.handlingHours.mean },
    { metric: 'L grid', value: sum.checks.littleLaw.byTier.grid!.L },
  ],
});

/** Two categories, each with one priority class; returns classes in service order. */
function priorityClasses(s: Scenario): { priority: string; lambda: number; service: DistSpec }[] {
  const rates = arrivalRates(s);
  const order = ['emergency', 'urgent', 'general', 'complex'] as const;
  const classes = s.demand.categories.map((cat, i) => {
    const pr = order.filter((p) => cat.priority[p] > 0);
    if (pr.length !== 1) throw new Error(`${s.name}: category ${cat.name} must have exactly one priority`);
    return { priority: pr[0]!, lambda: rates[i]!, service: cat.workHours };
  });
  classes.sort((a, b) => order.indexOf(a.priority) - order.indexOf(b.priority));
  if (new Set(classes.map((c) => c.priority)).size !== classes.length) throw new Error(`${s.name}: one category per priority`);
  return classes;
}

function priorityCase(id: string, model: string, sets: string[], multiServer: boolean, plan: { full: RunPlan; quick: RunPlan }): AnalyticCase {
  return defineCase({
    id,
    model,
    base: priorityJson,
    sets,
    needsCases: true,
    ...plan,
    params: (s) => {
      const cls = priorityClasses(s);
      const c = alwaysCount(s.staff.gridWorker, 'staff.gridWorker');
      const rho = cls.reduce((r, k) => r + k.lambda * meanOf(k.service), 0) / c;
      return `${cls.map((k) => `${k.priority}: λ=${fmt(k.lambda)}/h, S ${k.service.dist} mean ${fmt(meanOf(k.service))} h`).join('; ')}; c=${c}, ρ=${fmt(rho)}`;
    },
    theory: (s) => {
      const cls = priorityClasses(s);
      const c = alwaysCount(s.staff.gridWorker, 'staff.gridWorker');
      let w: number[];
      if (multiServer) {
        const means = cls.map((k) => expMean(k.service, `${k.priority} workHours`));
        if (means.some((m) => m !== means[0])) throw new Error(`${id}: M/M/c priority needs one service rate`);
        w = mmcPriorityNonPreemptive(cls.map((k) => k.lambda), 1 / means[0]!, c);
      } else {
        if (c !== 1) throw new Error(`${id}: Cobham needs one server`);
        w = cobhamNonPreemptive(
          cls.map((k) => k.lambda),
          cls.map((k) => meanOf(k.service)),
          cls.map((k) => varianceOf(k.service) + meanOf(k.service) ** 2),
        );
      }
      return cls.map((k, i) => ({ metric: `Wq ${k.priority} (h)`, value: w[i]! }));
    },
    measure: (_sum, cases, s) => priorityClasses(s).map((k) => ({ metric: `Wq ${k.priority} (h)`, value: meanWhere(need(cases), k.priority) })),
  });
}

const chainCase = defineCase({
  id: 'chain-3tier',
  model: 'Jackson 3×M/M/c',
  base: chainJson,
  full: { reps: 10, horizonDays: 6000 },
  quick: { reps: 8, horizonDays: 1000 },
  params: (s) => {
    const k = chainParams(s);
    return `λ=${fmt(k.lambda)}/h, a,b,c=${k.share.map((x) => fmt(x, 3)).join(',')}, servers ${k.servers.join('/')}, 1/μ=${fmt(1 / k.mu)} h, ρ=${k.nodeRates.map((l, i) => fmt(l / (k.mu * k.servers[i]!), 3)).join('/')}`;
  },
  theory: (s) => {
    const k = chainParams(s);
    const L = k.nodeRates.map((l, i) => l * mmcMeanSojourn(l, k.mu, k.servers[i]!)); // Little: L = λW
    return [
      { metric: 'L grid', value: L[0]! },
      { metric: 'L community', value: L[1]! },
      { metric: 'L street', value: L[2]! },
      { metric: 'W total (h)', value: (L[0]! + L[1]! + L[2]!) / k.lambda },
      { metric: 'share grid', value: k.share[0]! },
      { metric: 'share community', value: k.share[1]! },
      { metric: 'share street', value: k.share[2]! },
    ];
  },
  measure: (sum) => [
    { metric: 'L grid', value: sum.checks.littleLaw.byTier.grid!.L },
    { metric: 'L community', value: sum.checks.littleLaw.byTier.community!.L },
    { metric: 'L street', value: sum.checks.littleLaw.byTier.street!.L },
    { metric: 'W total (h)', value: sum.handlingHours.mean },
    { metric: 'share grid', value: sum.resolvedByTier.grid },
    { metric: 'share community', value: sum.resolvedByTier.community },
    { metric: 'share street', value: sum.resolvedByTier.street },
  ],
});

function chainParams(s: Scenario): { lambda: number; mu: number; share: number[]; servers: number[]; nodeRates: number[] } {
  const rates = arrivalRates(s);
  if (rates.length !== 1) throw new Error('chain: expected one category');
  const cat = s.demand.categories[0]!;
  const mu = 1 / expMean(cat.workHours, 'workHours');
  if (expMean(s.service.reviewHours, 'service.reviewHours') !== 1 / mu) throw new Error('chain: reviewHours must equal workHours');
  if (!isConstantZero(s.service.dispatchHours)) throw new Error('chain: dispatchHours must be constant 0');
  const a = cat.authority;
  const total = a.grid + a.community + a.street;
  const share = [a.grid / total, a.community / total, a.street / total];
  const lambda = rates[0]!;
  const servers = [
    alwaysCount(s.staff.gridWorker, 'staff.gridWorker'),
    alwaysCount(s.staff.communityStaff, 'staff.communityStaff'),
    alwaysCount(s.staff.streetHandler, 'staff.streetHandler'),
  ];
  if (alwaysCount(s.staff.streetDispatcher, 'staff.streetDispatcher') < 1) throw new Error('chain: needs a street dispatcher');
  return { lambda, mu, share, servers, nodeRates: [lambda, lambda * (1 - share[0]!), lambda * share[2]!] };
}

function shiftParams(s: Scenario): { lambda: number; mu: number; regular: number; startHour: number; endHour: number } {
  const q = { lambda: arrivalRates(s)[0]!, cat: s.demand.categories[0]! };
  if (s.demand.categories.length !== 1) throw new Error('shifts: expected one category');
  if (isRota(s.staff.gridWorker)) throw new Error('shifts: expected the same staff in every grid (no rota)');
  const groups = unitGroups(s.staff.gridWorker, 0);
  let regular = 0;
  const extra: { startHour: number; endHour: number }[] = [];
  for (const g of groups) {
    if (g.shift === 'always') regular += g.count;
    else {
      const sh = g.shift;
      if (sh.days.length !== 7 || sh.holidaysOff) throw new Error('shifts: the extra shift must run every day, holidays included');
      for (let i = 0; i < g.count; i++) extra.push({ startHour: sh.startHour, endHour: sh.endHour });
    }
  }
  if (extra.length !== 1) throw new Error('shifts: expected exactly one extra server on a shift');
  return { lambda: q.lambda, mu: 1 / expMean(q.cat.workHours, 'workHours'), regular, ...extra[0]! };
}

const shiftsCase = defineCase({
  id: 'shifts',
  model: 'M/M/2 + 1 on shift (CTMC)',
  base: shiftsJson,
  full: { reps: 10, horizonDays: 10000 },
  quick: { reps: 8, horizonDays: 1500 },
  params: (s) => {
    const p = shiftParams(s);
    return `λ=${fmt(p.lambda)}/h, 1/μ=${fmt(1 / p.mu)} h, ${p.regular} servers 24/7 + 1 on ${p.startHour}–${p.endHour}h daily, overtime to finish`;
  },
  theory: (s) => {
    const p = shiftParams(s);
    const sol = solvePeriodicCtmc(extraServerShiftModel({ ...p, maxInSystem: 250 }));
    if (!sol.converged) throw new Error('shifts: periodic CTMC did not converge');
    return [
      { metric: 'L grid', value: sol.timeAverage.inSystem! },
      { metric: 'overtime (h/day)', value: sol.timeAverage.overtime! * 24 },
    ];
  },
  measure: (sum, _cases, s) => {
    const p = shiftParams(s);
    const days = sum.horizonDays - sum.warmupDays; // the run's window, whole days
    const scheduled = p.regular * 24 + (p.endHour - p.startHour);
    return [
      { metric: 'L grid', value: sum.checks.littleLaw.byTier.grid!.L },
      { metric: 'overtime (h/day)', value: sum.staffHours.gridWorker / days - scheduled },
    ];
  },
});

/** Every analytic case, in table order. */
export const ANALYTIC_CASES: readonly AnalyticCase[] = [
  mm1Case(0.5, { full: { reps: 10, horizonDays: 3000 }, quick: { reps: 8, horizonDays: 500 } }),
  mm1Case(0.8, { full: { reps: 10, horizonDays: 20000 }, quick: { reps: 8, horizonDays: 2500 } }),
  ...[2, 5, 10].flatMap((c) =>
    [0.5, 0.8, 0.95].map((rho) =>
      mmcCase(c, rho, {
        // Horizons ∝ 1/c keep the number of cases per replication fixed for a given ρ.
        full: { reps: 10, horizonDays: rho === 0.95 ? 60000 / c : rho === 0.8 ? 12000 / c : 20000 / c },
        quick: { reps: 8, horizonDays: rho === 0.95 ? 4000 / c : rho === 0.8 ? 2000 / c : 2000 / c },
      }),
    ),
  ),
  mg1Case,
  priorityCase('priority-2class', 'M/G/1 2-class NP priority (Cobham)', [], false, {
    full: { reps: 10, horizonDays: 20000 },
    quick: { reps: 8, horizonDays: 2500 },
  }),
  priorityCase(
    'priority-2class-c3',
    'M/M/3 2-class NP priority',
    [
      'staff.gridWorker.count=3',
      'demand.categories.0.ratePer1000PerDay=19.2',
      'demand.categories.0.workHours={"dist":"exponential","mean":1}',
      'demand.categories.1.ratePer1000PerDay=38.4',
      'demand.categories.1.workHours={"dist":"exponential","mean":1}',
    ],
    true,
    { full: { reps: 10, horizonDays: 8000 }, quick: { reps: 8, horizonDays: 1000 } },
  ),
  chainCase,
  shiftsCase,
];

/** Runs `reps` seeded replications of one case and compares each metric with its theory. */
export async function runAnalyticCase(
  c: AnalyticCase,
  opts: { reps: number; horizonDays?: number; warmupDays?: number; seed?: number },
): Promise<AnalyticResult[]> {
  const raw = c.build();
  const horizonDays = opts.horizonDays ?? (raw.horizonDays as number);
  const warmupDays = opts.warmupDays ?? Math.max(1, Math.round(horizonDays / 10));
  raw.horizonDays = horizonDays;
  raw.warmupDays = warmupDays;
  const scenario = resolveScenario(raw, c.id);
  assertTextbook(scenario);
  const theory = c.theory();
  const values = theory.map(() => [] as number[]);
  const base = opts.seed ?? 1;
  for (let i = 0; i < opts.reps; i++) {
    const sink = c.needsCases ? new CaseCsvCollector() : undefined;
    const { summary } = await simulate(scenario, { seed: base + i, caseSink: sink });
    // Self-consistency on every run of the suite: the books and Little's law per tier.
    const k = summary.checks;
    if (!k.ok) throw new Error(`${c.id} seed ${base + i}: the books do not balance: ${JSON.stringify({ conservation: k.conservation, order: k.timestampOrder, staffHours: k.staffHours })}`);
    if (!k.littleLaw.ok) throw new Error(`${c.id} seed ${base + i}: Little's law off by ${(100 * k.littleLaw.relErr).toFixed(2)}% (tolerance ${(100 * k.littleLaw.tolerance).toFixed(1)}%)`);
    const measured = c.measure(summary, sink?.rows);
    theory.forEach((t, k) => {
      const m = measured.find((x) => x.metric === t.metric);
      if (!m) throw new Error(`${c.id}: no measurement for ${t.metric}`);
      values[k]!.push(m.value);
    });
  }
  return theory.map((t, k) => {
    const ci = meanCI(values[k]!, 0.99);
    return {
      id: c.id,
      model: c.model,
      params: c.params,
      metric: t.metric,
      theory: t.value,
      mean: ci.mean,
      ciLow99: ci.ciLow,
      ciHigh99: ci.ciHigh,
      halfWidth99: ci.halfWidth,
      relErr: (ci.mean - t.value) / t.value,
      pass: ci.ciLow <= t.value && t.value <= ci.ciHigh,
      reps: opts.reps,
      horizonDays,
      warmupDays,
    };
  });
}
