import type { ReplicationResult, ReplicationTask } from './replicationTask.ts';
import { runReplication } from './replicationWorker.ts';
import { TaskPool } from './taskPool.ts';
import { siblingModule } from '../moduleFile.ts';

/**
 * Replications on the one task pool (sim/node/cli/taskPool.ts), kept across batches: `run`
 * never rejects — a replication that throws, or whose thread dies, gives a failed result with
 * the cause (callers name the run and its seed).
 */
export class ReplicationPool {
  private readonly pool: TaskPool<ReplicationTask, ReplicationResult>;

  constructor(size: number) {
    this.pool = new TaskPool({ module: siblingModule('./replicationWorker', import.meta.url), size, inline: runReplication });
  }

  /** One replication. */
  async run(task: ReplicationTask): Promise<ReplicationResult> {
    try {
      return await this.pool.run(task);
    } catch (err) {
      return { index: task.index, ok: false, error: (err as Error).message };
    }
  }

  /** Every task; `onResult` as each finishes; the results in task order. */
  async runAll(tasks: readonly ReplicationTask[], onResult: (r: ReplicationResult, t: ReplicationTask) => void): Promise<ReplicationResult[]> {
    const settled = await this.pool.runAll(tasks, (s, t) => onResult(s.ok ? s.value : { index: t.index, ok: false, error: s.error }, t));
    return settled.map((s, i) => (s.ok ? s.value : { index: tasks[i]!.index, ok: false, error: s.error }));
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}

/** Runs replications on `workers` threads for one batch (in this thread when workers ≤ 1). */
export async function runReplications(tasks: readonly ReplicationTask[], workers: number, onResult: (r: ReplicationResult, t: ReplicationTask) => void): Promise<ReplicationResult[]> {
  const pool = new ReplicationPool(Math.min(workers, tasks.length));
  try {
    return await pool.runAll(tasks, onResult);
  } finally {
    await pool.close();
  }
}
