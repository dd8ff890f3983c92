import type { ReplicationTask } from '../cli/replicationTask.ts';
import { repSeed } from '../../experiment/compare.ts';
import type { Summary } from '../../run/summary.ts';
import type { Scenario } from '../../scenario/schema.ts';
import { meanCI } from '../../stats/ci.ts';
import { metricOf, type MetricContext } from './derived.ts';
import type { ReplicationPool } from '../cli/workerPool.ts';

export interface VariantRun {
  name: string;
  label: string;
  scenario: Scenario;
  policyName: string;
  policyFile?: string;
  summaries: Summary[];
}

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

/**
 * Runs every variant on replications 0, 1, … with the same seeds (common random numbers),
 * adding replications until the 95% confidence half-width of the precision metric's mean is
 * within `relativeHalfWidth` of the mean for every variant, or `maxReps` is reached. After each
 * round the number of replications needed is projected from the current spread (n·(h/target)²).
 */
export async function replicateAdaptively(
  variants: VariantRun[],
  baseSeed: string | number,
  precision: Precision,
  ctx: MetricContext,
  pool: ReplicationPool,
  progress: (done: number, of: number) => void,
): Promise<Achieved> {
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
    let finished = 0;
    const results = await Promise.all(
      tasks.map(async ({ v, task }) => {
        const r = await pool.run(task);
        progress(++finished, tasks.length);
        return { v, task, r };
      }),
    );
    // in replication order, whatever the finishing order
    for (const { v, task, r } of results) {
      if (!r.ok) throw new Error(`${v.scenario.name} ${v.name} rep ${task.rep} (seed ${task.seed}): ${r.error}`);
      v.summaries[task.rep] = r.summary;
    }
    done = reps;
    const relative: Record<string, number> = {};
    let worst = 0;
    for (const v of variants) {
      const ci = meanCI(v.summaries.map((s) => metricOf(s, precision.metric, ctx)));
      const rel = Number.isFinite(ci.halfWidth) && ci.mean !== 0 ? ci.halfWidth / Math.abs(ci.mean) : Infinity;
      relative[v.name] = rel;
      worst = Math.max(worst, rel);
    }
    const met = worst <= precision.relativeHalfWidth;
    if (met || reps >= precision.maxReps) return { reps, relative, met };
    const needed = Math.ceil(reps * (worst / precision.relativeHalfWidth) ** 2 * 1.1);
    reps = Math.min(precision.maxReps, Math.max(reps + 1, needed));
  }
}
