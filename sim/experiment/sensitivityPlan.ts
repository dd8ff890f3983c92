import { repSeed } from './compare.ts';
import { pointAssignments, type DesignPoint } from './sensitivityDesign.ts';
import type { Factor } from './sensitivityFactors.ts';
import type { SweepPlan } from './sweepPlan.ts';

/**
 * Everything that decides which runs a sensitivity analysis makes (hashed into its id): the
 * scenario, the arms (one policy, or two compared on the same seeds), the metric (it steers the
 * replications), the factors and their ranges, the methods and their sizes, the seed.
 */
export interface SensitivityPlan {
  kind: 'sensitivity';
  gridgov: string;
  scenario: string;
  scenarioHash: string;
  fixed: string[];
  metric: string;
  arms: string[];
  factors: { path: string; kind: string; low: number; base: number; high: number }[];
  methods: string[];
  minReps: number;
  maxReps: number;
  precision: number;
  trajectories: number;
  morrisReps: number;
  baseSeed: string | number;
}

/**
 * One stage as a sweep plan (without its sweepId, a hash the caller adds): the design points ×
 * the arms, arm fastest (`point = design index · arms + arm`), with `policy.name` first among
 * the parameters; replications `firstRep … firstRep + reps − 1` of the analysis, so the rounds of
 * one-at-a-time continue the same seeds (common random numbers across every point and arm).
 */
export function stagePlan(plan: SensitivityPlan, sensitivityId: string, stage: string, factors: readonly Factor[], design: readonly DesignPoint[], firstRep: number, reps: number): Omit<SweepPlan, 'sweepId'> & { sensitivityId: string; stage: string; firstRep: number } {
  const points: unknown[][] = [];
  for (const p of design) {
    const values = pointAssignments(factors, p).map((a) => JSON.parse(a.slice(a.indexOf('=') + 1)) as unknown);
    for (const arm of plan.arms) points.push([arm, ...values]);
  }
  const paths = ['policy.name', ...factors.map((f) => f.path)];
  const parameters = paths.map((path, j) => {
    const seen = new Map<string, unknown>();
    for (const pt of points) seen.set(JSON.stringify(pt[j]), pt[j]);
    return { path, values: [...seen.values()] };
  });
  return {
    kind: 'sweep',
    gridgov: plan.gridgov,
    scenario: plan.scenario,
    scenarioHash: plan.scenarioHash,
    design: 'sensitivity',
    samples: null,
    fixed: plan.fixed,
    parameters,
    points,
    reps,
    baseSeed: plan.baseSeed,
    seeds: Array.from({ length: reps }, (_, r) => repSeed(plan.baseSeed, firstRep + r)),
    runs: points.length * reps,
    sensitivityId,
    stage,
    firstRep,
  };
}
