import { forkSeed } from '../random/stream.ts';
import type { Policy } from '../policies/types.ts';
import type { Summary } from '../run/summary.ts';
import type { Scenario } from '../scenario/schema.ts';
import { pairedDiffCI } from '../stats/ci.ts';
import { holmAdjust, holmLevels, intervalAtAlpha, tTestP } from '../stats/multiple.ts';
import { metricInterval, type IntervalOut } from './intervals.ts';
import { EXPERIMENT_METRICS, metricValue } from './metrics.ts';
import { csvTable } from '../run/csv.ts';

export type { IntervalOut } from './intervals.ts';
import { STAGE_COLUMNS, STAGES } from '../model/stageClock.ts';

/**
 * "Where the hours go": the mean hours per closed case in each stage (sim/model/stageClock.ts),
 * the queue wait per tier, hand-offs per case, and the Kaplan–Meier median and p90 of time to
 * close over every counted case (open ones censored at the horizon). Compared like every metric:
 * means per policy and paired differences across replications.
 */
export const HOURS_METRICS: readonly string[] = [
  ...STAGE_COLUMNS.map((c) => `stages.meanHours.${c}`),
  'stages.handoffsPerCase',
  'survival.median.estimate',
  'survival.p90.estimate',
];

/** Every metric a comparison reports. */
export const COMPARED_METRICS: readonly string[] = [...EXPERIMENT_METRICS, ...HOURS_METRICS];

export interface PolicyChoice {
  name: string;
  policy?: Policy;
  /** Where a user policy was loaded from (worker threads load it again from here). */
  file?: string;
}

export interface RunRecord {
  policy: string;
  rep: number;
  seed: string | number;
  summary: Summary;
}

/**
 * A paired difference a − b over the replications both policies completed, with its t test of
 * "no difference" and Holm's correction over the family of every pair's difference of the same
 * metric (k policies: k(k−1)/2 differences).
 */
export interface DifferenceOut extends IntervalOut {
  /** Two-sided p-value of the paired t test (no correction). */
  pValue: number;
  /** Holm-adjusted p-value: the difference is significant at the familywise level 1 − level when ≤ 1 − level. */
  pHolm: number;
  /** The interval at the level Holm's step-down used for this difference (sim/stats/multiple.ts): excludes 0 exactly when Holm rejects. */
  ciLowHolm: number;
  ciHighHolm: number;
}

export interface Comparison {
  scenario: string;
  reps: number;
  baseSeed: string | number;
  seeds: (string | number)[];
  policies: string[];
  level: number;
  /** How the pairwise differences are corrected for multiplicity. */
  adjustment: { method: 'holm'; family: string; comparisons: number };
  metrics: Record<string, Record<string, IntervalOut>>;
  differences: Record<string, Record<string, DifferenceOut>>;
  checks: { allRunsOk: boolean; failedRuns: string[] };
  /** Where the hours go, per policy: stage → mean hours and share (the paired differences are in `differences`). */
  hours?: Record<string, Record<string, { meanHours: number; share: number }>>;
}

/** Seed of replication i: base + i for numeric seeds, `${base}.${i}` otherwise. */
export function repSeed(base: string | number, i: number): string | number {
  return typeof base === 'number' ? base + i : forkSeed(base, i);
}

export type RunOne = (scenario: Scenario, choice: PolicyChoice, seed: string | number, rep: number) => Promise<Summary>;

/**
 * Runs every policy on replications 0..reps-1. Replication i uses the same seed for every
 * policy, so all of them face exactly the same issues (common random numbers), and the
 * paired differences have much narrower intervals than the separate means.
 */
export async function runComparison(
  scenario: Scenario,
  choices: readonly PolicyChoice[],
  reps: number,
  baseSeed: string | number,
  runOne: RunOne,
): Promise<RunRecord[]> {
  const records: RunRecord[] = [];
  for (let rep = 0; rep < reps; rep++) {
    const seed = repSeed(baseSeed, rep);
    for (const choice of choices) {
      const summary = await runOne(scenario, choice, seed, rep);
      records.push({ policy: choice.name, rep, seed, summary });
    }
  }
  return records;
}

/** Means with t intervals per policy and paired differences for every pair (a listed before b). */
export function summarizeComparison(scenarioName: string, records: readonly RunRecord[], policies: readonly string[], baseSeed: string | number, level = 0.95): Comparison {
  const reps = Math.max(0, ...records.map((r) => r.rep + 1));
  const byPolicy = new Map<string, Map<number, RunRecord>>();
  for (const p of policies) byPolicy.set(p, new Map());
  for (const r of records) byPolicy.get(r.policy)?.set(r.rep, r);
  const valuesOf = (policy: string, metric: string, reps?: number[]) => {
    const m = byPolicy.get(policy)!;
    const keys = reps ?? [...m.keys()].sort((a, b) => a - b);
    return keys.map((rep) => metricValue(m.get(rep)!.summary, metric));
  };
  // Paired differences use only the replications both policies completed.
  const common = (a: string, b: string) => [...byPolicy.get(a)!.keys()].filter((rep) => byPolicy.get(b)!.has(rep)).sort((x, y) => x - y);
  const metrics: Comparison['metrics'] = {};
  const differences: Comparison['differences'] = {};
  const pairs: [string, string][] = [];
  for (let i = 0; i < policies.length; i++) for (let j = i + 1; j < policies.length; j++) pairs.push([policies[i]!, policies[j]!]);
  const alpha = 1 - level;
  for (const m of COMPARED_METRICS) {
    metrics[m] = {};
    for (const p of policies) metrics[m][p] = metricInterval(m, valuesOf(p, m), level);
    const raw = pairs.map(([a, b]) => {
      const reps = common(a, b);
      return pairedDiffCI(valuesOf(a, m, reps), valuesOf(b, m, reps), level);
    });
    const p = raw.map(tTestP);
    const adjusted = holmAdjust(p);
    const levels = holmLevels(p, alpha);
    differences[m] = {};
    pairs.forEach(([a, b], k) => {
      const d = raw[k]!;
      const holm = intervalAtAlpha(d, levels[k]!);
      differences[m]![`${a}-${b}`] = { mean: d.mean, ciLow: d.ciLow, ciHigh: d.ciHigh, n: d.n, sd: d.sd, pValue: p[k]!, pHolm: adjusted[k]!, ciLowHolm: holm.ciLow, ciHighHolm: holm.ciHigh };
    });
  }
  const failedRuns = records.filter((r) => !r.summary.checks.ok).map((r) => `${r.policy} rep ${r.rep} (seed ${r.seed})`);
  const out: Comparison = {
    scenario: scenarioName,
    reps,
    baseSeed,
    seeds: Array.from({ length: reps }, (_, i) => repSeed(baseSeed, i)),
    policies: [...policies],
    level,
    adjustment: { method: 'holm', family: 'the pairwise differences of one metric', comparisons: pairs.length },
    metrics,
    differences,
    checks: { allRunsOk: failedRuns.length === 0, failedRuns },
  };
  out.hours = hoursByPolicy(out);
  return out;
}

/**
 * comparison.csv: tidy, one row per (metric, policy or pair): n replications, mean, sd, the
 * interval at `level`; for a pair also the paired t test's p-value, Holm's adjusted p-value and
 * the Holm-level interval (`adjustment` names the correction; empty on policy rows).
 */
export function comparisonCsv(c: Comparison): string {
  const rows: unknown[][] = [];
  for (const m of Object.keys(c.metrics)) {
    for (const [p, i] of Object.entries(c.metrics[m]!)) rows.push([m, 'mean', p, i.n, i.mean, i.sd, i.ciLow, i.ciHigh, c.level, NaN, '', NaN, NaN, NaN]);
    for (const [p, i] of Object.entries(c.differences[m]!)) rows.push([m, 'difference', p, i.n, i.mean, i.sd, i.ciLow, i.ciHigh, c.level, i.pValue, c.adjustment.method, i.pHolm, i.ciLowHolm, i.ciHighHolm]);
  }
  return csvTable(['metric', 'kind', 'policy', 'n', 'mean', 'sd', 'ciLow', 'ciHigh', 'level', 'pValue', 'adjustment', 'pAdjusted', 'ciLowAdjusted', 'ciHighAdjusted'], rows);
}

/** runs.csv: tidy, one row per run with every compared metric; `scenario` first, so runs of several experiments stack. */
export function runsCsv(records: readonly RunRecord[], scenario = records[0]?.summary.scenario ?? ''): string {
  return csvTable(
    ['scenario', 'policy', 'rep', 'seed', ...COMPARED_METRICS, 'checksOk'],
    records.map((r) => [scenario, r.policy, r.rep, r.seed, ...COMPARED_METRICS.map((m) => metricValue(r.summary, m)), r.summary.checks.ok]),
  );
}

const fmtInterval = (i: IntervalOut | undefined, digits: number): string => {
  if (!i || !Number.isFinite(i.mean)) return '—';
  const n = (x: number) => (Math.abs(x) < 0.5 * 10 ** -digits ? 0 : x).toFixed(digits);
  return Number.isFinite(i.ciLow) ? `${n(i.mean)} [${n(i.ciLow)}, ${n(i.ciHigh)}]` : n(i.mean);
};

/**
 * The "where the hours go" block of `gridgov compare`: one row per stage (then the queue wait
 * per tier, the total, hand-offs and the Kaplan–Meier quantiles), one column per policy (mean
 * [CI]) and one per pair (paired difference a − b). The stage rows add up to the total; a
 * paired difference row says how much of the gap in the total each stage makes.
 */
export function hoursTable(c: Comparison, pairs: readonly string[] = Object.keys(c.differences[HOURS_METRICS[0]!] ?? {})): { head: string[]; rows: string[][] } {
  const head = ['hours per closed case (mean [95% CI])', ...c.policies, ...pairs.map((p) => `${p} (paired)`)];
  const row = (label: string, metric: string, digits = 1) => [label, ...c.policies.map((p) => fmtInterval(c.metrics[metric]?.[p], digits)), ...pairs.map((p) => fmtInterval(c.differences[metric]?.[p], digits))];
  const rows = [
    ...STAGES.map((s) => row(`${s}`, `stages.meanHours.${s}Hours`)),
    row('= occurrence → closure', 'resolutionHours.mean'),
    ...STAGE_COLUMNS.slice(STAGES.length).map((col) => row(`  queue at ${col.slice('queueHours_'.length)}`, `stages.meanHours.${col}`)),
    row('hand-offs per case', 'stages.handoffsPerCase', 2),
    row('KM median, all counted cases', 'survival.median.estimate'),
    row('KM p90, all counted cases', 'survival.p90.estimate'),
  ];
  return { head, rows };
}

/** The same block as a per-policy record for comparison.json: stage → mean hours and share of the total. */
export function hoursByPolicy(c: Comparison): Record<string, Record<string, { meanHours: number; share: number }>> {
  const out: Record<string, Record<string, { meanHours: number; share: number }>> = {};
  for (const p of c.policies) {
    const total = c.metrics['resolutionHours.mean']?.[p]?.mean ?? NaN;
    out[p] = {};
    for (const col of STAGE_COLUMNS) {
      const m = c.metrics[`stages.meanHours.${col}`]?.[p]?.mean ?? NaN;
      out[p]![col] = { meanHours: m, share: total > 0 ? m / total : NaN };
    }
  }
  return out;
}

export interface CompareOptions {
  policies: readonly (string | PolicyChoice)[];
  reps: number;
  seed?: string | number;
  level?: number;
}

/**
 * The library form of `gridgov compare`: runs in memory (no files) with `simulate`, which the
 * caller passes in so this module stays free of the engine (and testable without it).
 */
export async function compareWith(
  simulateSummary: (s: Scenario, choice: PolicyChoice, seed: string | number) => Promise<Summary>,
  scenario: Scenario,
  opts: CompareOptions,
): Promise<{ comparison: Comparison; runs: RunRecord[] }> {
  const choices = opts.policies.map((p) => (typeof p === 'string' ? { name: p } : p));
  const base = opts.seed ?? scenario.seed;
  const runs = await runComparison(scenario, choices, opts.reps, base, (s, c, seed) => simulateSummary(s, c, seed));
  return { comparison: summarizeComparison(scenario.name, runs, choices.map((c) => c.name), base, opts.level), runs };
}
