import type { ReplicationResult, ReplicationTask } from '../cli/replicationTask.ts';
import { repSeed } from '../../experiment/compare.ts';
import type { Summary } from '../../run/summary.ts';
import type { Scenario } from '../../scenario/schema.ts';
import { meanCI } from '../../stats/ci.ts';

// Replications to a target precision, for `gridgov replicate/compare --precision` and for
// `npm run findings`: add replications until the confidence half-width of a metric's mean is
// within a share of the mean for every variant, or a cap is reached.

export interface Precision {
  metric: string;
  relativeHalfWidth: number;
  minReps: number;
  maxReps: number;
}

export interface Achieved {
  reps: number;
  /** Per variant: the 95% half-width of the precision metric's mean, relative to the mean. */
  relative: Record<string, number>;
  met: boolean;
}

/** The 95% half-width of the mean of `values`, relative to the mean (∞ with fewer than 2 values or a zero mean). */
export function relativeHalfWidth(values: readonly number[]): number {
  const ci = meanCI(values);
  return Number.isFinite(ci.halfWidth) && ci.mean !== 0 ? ci.halfWidth / Math.abs(ci.mean) : Infinity;
}

/**
 * After a round of `reps` replications with these relative half-widths (one per variant):
 * whether the target is met, and how many replications to have after the next round — projected
 * from the current spread, n·(h/target)², with 10% to spare, at least one more, at most the cap.
 */
export function nextRound(reps: number, relative: Record<string, number>, p: Precision): Achieved & { next: number } {
  const worst = Math.max(0, ...Object.values(relative));
  const met = worst <= p.relativeHalfWidth;
  const needed = Math.ceil(reps * (worst / p.relativeHalfWidth) ** 2 * 1.1);
  const next = met || reps >= p.maxReps ? reps : Math.min(p.maxReps, Math.max(reps + 1, Number.isFinite(needed) ? needed : reps + 1));
  return { reps, relative, met, next };
}

export interface VariantRun {
  name: string;
  label: string;
  scenario: Scenario;
  policyName: string;
  policyFile?: string;
  summaries: Summary[];
}

/** Runs one batch of replications (any worker pool); results in any order. */
export type RunBatch = (tasks: ReplicationTask[]) => Promise<ReplicationResult[]>;

/**
 * Runs every variant on replications 0, 1, … with the same seeds (common random numbers),
 * adding replications (nextRound) until the precision metric's relative half-width is within
 * target for every variant, or `maxReps` is reached. A failed replication throws.
 */
export async function replicateAdaptively(variants: VariantRun[], baseSeed: string | number, precision: Precision, valueOf: (s: Summary) => number, runBatch: RunBatch): Promise<Achieved> {
  let reps = Math.min(precision.minReps, precision.maxReps);
  let done = 0;
  let index = 0;
  for (;;) {
    const tasks: { v: VariantRun; task: ReplicationTask }[] = [];
    for (let rep = done; rep < reps; rep++) {
      for (const v of variants) {
        tasks.push({ v, task: { index: index++, scenario: v.scenario, policyName: v.policyName, policyFile: v.policyFile, seed: repSeed(baseSeed, rep), rep } });
      }
    }
    const byIndex = new Map(tasks.map((t) => [t.task.index, t]));
    const results = await runBatch(tasks.map((t) => t.task));
    // in replication order, whatever the finishing order
    for (const r of results) {
      const { v, task } = byIndex.get(r.index)!;
      if (!r.ok) throw new Error(`${v.scenario.name} ${v.name} rep ${task.rep} (seed ${task.seed}): ${r.error}`);
      v.summaries[task.rep] = r.summary;
    }
    done = reps;
    const relative = Object.fromEntries(variants.map((v) => [v.name, relativeHalfWidth(v.summaries.map(valueOf))]));
    const round = nextRound(reps, relative, precision);
    if (round.next === reps) return { reps, relative, met: round.met };
    reps = round.next;
  }
}
