import { InputError } from '../scenario/errors.ts';
import { repSeed } from './compare.ts';
import { fullFactorial, latinHypercube } from './sweepDesign.ts';
import type { SweepParam } from './sweepParams.ts';

/**
 * Everything that decides which runs a sweep makes, and nothing else (no worker count, shard,
 * paths or wall time), so every shard of a sweep, a resumed sweep and a merge agree on it.
 * `sweepId` is a hash of it without the id itself (computed by the caller, see runStore.ts).
 */
export interface SweepPlan {
  kind: 'sweep';
  sweepId: string;
  gridgov: string;
  scenario: string;
  /** sha256 of the resolved base scenario (the file with the one-value --set overrides). */
  scenarioHash: string;
  design: 'factorial' | 'latinHypercube' | 'sensitivity';
  samples: number | null;
  fixed: string[];
  parameters: { path: string; values: unknown[] }[];
  /** Each point's value of every parameter, in parameter order. */
  points: unknown[][];
  reps: number;
  baseSeed: string | number;
  /** Seed of replication r, the same at every point (common random numbers). */
  seeds: (string | number)[];
  runs: number;
}

export interface SweepPlanInput {
  gridgov: string;
  scenario: string;
  scenarioHash: string;
  fixed: readonly string[];
  params: readonly SweepParam[];
  samples?: number;
  reps: number;
  baseSeed: string | number;
}

export function buildSweepPlan(i: SweepPlanInput): Omit<SweepPlan, 'sweepId'> {
  if (i.params.length === 0) {
    throw new InputError('--set', [{ path: '', expected: 'at least one swept field: --set path=v1,v2,… or --set path=lo..hi:step' }]);
  }
  const seen = new Set<string>();
  for (const p of i.params) {
    if (seen.has(p.path)) throw new InputError('--set', [{ path: p.path, expected: 'each field swept once', found: p.spec }]);
    seen.add(p.path);
    if (p.path === 'seed') throw new InputError('--set', [{ path: 'seed', expected: 'no sweep over seed: replication r uses seed+r at every point (--reps, --seed)', found: p.spec }]);
  }
  const levels = i.samples === undefined ? fullFactorial(i.params) : latinHypercube(i.params, i.samples, i.baseSeed);
  return {
    kind: 'sweep',
    gridgov: i.gridgov,
    scenario: i.scenario,
    scenarioHash: i.scenarioHash,
    design: i.samples === undefined ? 'factorial' : 'latinHypercube',
    samples: i.samples ?? null,
    fixed: [...i.fixed],
    parameters: i.params.map((p) => ({ path: p.path, values: p.values })),
    points: levels.map((l) => l.map((k, j) => i.params[j]!.values[k])),
    reps: i.reps,
    baseSeed: i.baseSeed,
    seeds: Array.from({ length: i.reps }, (_, r) => repSeed(i.baseSeed, r)),
    runs: levels.length * i.reps,
  };
}

/** One run of the plan: run index = point · reps + rep. */
export interface PlannedRun {
  index: number;
  point: number;
  rep: number;
  seed: string | number;
  key: string;
}

const pad = (n: number, count: number) => String(n).padStart(String(Math.max(0, count - 1)).length, '0');

/** The file name stem of a run's record: `p0042-r03`. */
export function runKey(plan: Pick<SweepPlan, 'points' | 'reps'>, point: number, rep: number): string {
  return `p${pad(point, plan.points.length)}-r${pad(rep, plan.reps)}`;
}

export function plannedRuns(plan: SweepPlan): PlannedRun[] {
  const out: PlannedRun[] = [];
  for (let point = 0; point < plan.points.length; point++) {
    for (let rep = 0; rep < plan.reps; rep++) out.push({ index: out.length, point, rep, seed: plan.seeds[rep]!, key: runKey(plan, point, rep) });
  }
  return out;
}

/** The `--set` assignments of one point (JSON values, as applySet reads them). */
export function pointAssignments(plan: Pick<SweepPlan, 'parameters' | 'points'>, point: number): string[] {
  return plan.parameters.map((p, j) => `${p.path}=${JSON.stringify(plan.points[point]![j])}`);
}
