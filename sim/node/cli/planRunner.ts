import type { Summary } from '../../run/summary.ts';
import type { Scenario } from '../../scenario/schema.ts';
import { Progress } from './progress.ts';
import { reportEmpty } from './report.ts';
import { fail, warn } from './output.ts';
import type { ReplicationResult, ReplicationTask } from './replicationTask.ts';
import type { RunStore } from './runStore.ts';
import { runReplications, type ReplicationPool } from './workerPool.ts';

/** One run to make: where its record goes and what to simulate. */
export interface PlannedTask {
  key: string;
  point: number;
  rep: number;
  seed: string | number;
  scenario: Scenario;
  policyName: string;
  policyFile?: string;
  scenarioFile?: string;
}

export interface PlanRunOptions {
  workers: number;
  label: string;
  quiet?: boolean;
  /** Runs of this process's share already on disk (for the progress count). */
  alreadyDone?: number;
  /** Runs of this process's share in all (for the progress count). */
  total?: number;
  /** Off a terminal, a progress line every this many runs (default: about 20 lines in all). */
  every?: number;
  /** Threads kept across calls (sizing); default: a fresh set for this call. */
  pool?: ReplicationPool;
}

export interface PlanRunResult {
  ran: number;
  failures: string[];
  summaries: Summary[];
}

/**
 * Runs `tasks` on the worker pool and saves each record the moment its run finishes (atomically),
 * so a kill loses at most the runs in flight. Failed runs leave no record (a rerun retries them).
 */
export async function runPlanned(store: RunStore, tasks: readonly PlannedTask[], o: PlanRunOptions): Promise<PlanRunResult> {
  const total = o.total ?? tasks.length;
  const initial = o.alreadyDone ?? 0;
  const progress = new Progress(total, o.label, o.quiet, { initial, bar: true, every: o.every ?? Math.max(1, Math.ceil(total / 20)) });
  const jobs: ReplicationTask[] = tasks.map((t, index) => ({ index, scenario: t.scenario, policyName: t.policyName, policyFile: t.policyFile, seed: t.seed, rep: t.rep, scenarioFile: t.scenarioFile }));
  const failures: string[] = [];
  const summaries: Summary[] = [];
  const workers = Math.max(1, Math.min(o.workers, jobs.length));
  const onResult = (r: ReplicationResult) => {
    const t = tasks[r.index]!;
    if (r.ok) {
      store.save({ kind: 'run', planId: store.planId, key: t.key, point: t.point, rep: t.rep, seed: t.seed, summary: r.summary });
      summaries.push(r.summary);
    } else failures.push(`${t.key} (seed ${t.seed}): ${r.error}`);
    progress.tick(`${t.key}${r.ok ? '' : ' FAILED'}`);
  };
  if (o.pool) await o.pool.runAll(jobs, onResult);
  else await runReplications(jobs, workers, onResult);
  progress.end();
  return { ran: jobs.length, failures, summaries };
}

/** Books that do not balance are faults (exit 1); Little's-law misses are one warning line. */
export function reportBooks(summaries: readonly Summary[]): void {
  reportEmpty(summaries);
  let little = 0;
  for (const s of summaries) {
    const c = s.checks;
    if (!c.conservation || !c.timestampOrder.ok || !c.staffHours.ok) {
      fail(`THE BOOKS DO NOT BALANCE for ${s.scenario} ${s.policy} seed ${s.seed}: ${JSON.stringify({ conservation: c.conservationDetail, timestampOrder: c.timestampOrder, staffHours: c.staffHours })}`);
      process.exitCode = 1;
    } else if (!c.littleLaw.ok) little++;
  }
  if (little > 0) warn(`Little's law outside its tolerance in ${little} of ${summaries.length} runs (short or unstable runs; see checks.littleLaw in the run records under runs/)`);
}
