import { forkSeed } from '../random/stream.ts';
import type { Policy } from '../policies/types.ts';
import type { Summary } from '../run/summary.ts';
import type { Scenario } from '../scenario/schema.ts';
import { pairedDiffCI } from '../stats/ci.ts';
import { holmAdjust, holmLevels, intervalAtAlpha, tTestP } from '../stats/multiple.ts';
import { metricInterval, type IntervalOut } from './intervals.ts';
import { EXPERIMENT_METRICS, metricValue } from './metrics.ts';
import { cell } from './sweepTables.ts';

export type { IntervalOut } from './intervals.ts';

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
  /** With --precision: the target and what was reached. */
  precision?: { metric: string; target: number; maxReps: number; reps: number; relativeHalfWidth: Record<string, number>; met: boolean };
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
  for (const m of EXPERIMENT_METRICS) {
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
  return {
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
}

/**
 * comparison.csv: tidy, one row per (metric, policy or pair): n replications, mean, sd, the
 * interval at `level`; for a pair also the paired t test's p-value, Holm's adjusted p-value and
 * the Holm-level interval (`adjustment` names the correction; empty on policy rows).
 */
export function comparisonCsv(c: Comparison): string {
  const lines = [['metric', 'kind', 'policy', 'n', 'mean', 'sd', 'ciLow', 'ciHigh', 'level', 'pValue', 'adjustment', 'pAdjusted', 'ciLowAdjusted', 'ciHighAdjusted'].join(',')];
  for (const m of Object.keys(c.metrics)) {
    for (const [p, i] of Object.entries(c.metrics[m]!)) lines.push([m, 'mean', p, i.n, i.mean, i.sd, i.ciLow, i.ciHigh, c.level, NaN, '', NaN, NaN, NaN].map(cell).join(','));
    for (const [p, i] of Object.entries(c.differences[m]!)) lines.push([m, 'difference', p, i.n, i.mean, i.sd, i.ciLow, i.ciHigh, c.level, i.pValue, c.adjustment.method, i.pHolm, i.ciLowHolm, i.ciHighHolm].map(cell).join(','));
  }
  return `${lines.join('\n')}\n`;
}

/** runs.csv: tidy, one row per run with every experiment metric; `scenario` first, so runs of several experiments stack. */
export function runsCsv(records: readonly RunRecord[], scenario = records[0]?.summary.scenario ?? ''): string {
  const lines = [['scenario', 'policy', 'rep', 'seed', ...EXPERIMENT_METRICS, 'checksOk'].map(cell).join(',')];
  for (const r of records) {
    lines.push([scenario, r.policy, r.rep, r.seed, ...EXPERIMENT_METRICS.map((m) => metricValue(r.summary, m)), r.summary.checks.ok ? 1 : 0].map(cell).join(','));
  }
  return `${lines.join('\n')}\n`;
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
