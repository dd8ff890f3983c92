import { Piscina } from 'piscina';

const BOOT = new URL('./poolWorker.mjs', import.meta.url);

/** A task's outcome, as `runAll` reports it: the value, or why the task failed. */
export type Settled<R> = { ok: true; value: R } | { ok: false; error: string };

export interface TaskPoolOptions<T, R> {
  /** The module (URL, from siblingModule: .ts from the sources, .js from lib/) whose `runTask(task)` runs one task in a thread. */
  module: string;
  /** Threads; ≤ 1 runs every task in this thread with `inline`, one after the other. */
  size: number;
  /** The same `runTask`, called directly for size ≤ 1. */
  inline: (task: T) => Promise<R>;
  /** Names a task in an error message (its case, its seed); omit where the caller names it. */
  describe?: (task: T) => string;
}

/**
 * The one worker pool of every parallel command (replications, sweeps, sizing, findings,
 * selftest): piscina's threads, kept for the pool's life (a thread costs most of a second to
 * start, and sizing and findings send many small batches). A task that throws, or whose thread
 * dies or exits without a word (process.exit in a policy), rejects with an error naming the task;
 * piscina replaces the thread and the other tasks go on. `runAll` gives results in task order
 * whatever the finishing order, so outputs equal those of a sequential run.
 */
export class TaskPool<T, R> {
  private readonly piscina?: Piscina;

  constructor(private readonly o: TaskPoolOptions<T, R>) {
    if (o.size > 1) {
      // A built .js module loads as it is; a .ts one through the boot file that registers tsx.
      const built = o.module.endsWith('.js');
      this.piscina = new Piscina({
        filename: built ? o.module : BOOT.href,
        name: 'runTask',
        workerData: { module: o.module },
        minThreads: o.size,
        maxThreads: o.size,
        // One task per thread at a time: a run is CPU-bound, queueing two on a thread gains nothing.
        concurrentTasksPerWorker: 1,
        idleTimeout: Infinity,
      });
    }
  }

  get size(): number {
    return this.piscina ? this.o.size : 1;
  }

  /** Runs one task; rejects with an Error whose message names the task and the cause. */
  async run(task: T): Promise<R> {
    try {
      return this.piscina ? ((await this.piscina.run(task)) as R) : await this.o.inline(task);
    } catch (err) {
      const raw = err instanceof Error ? err.message : String(err);
      // piscina says "worker exited with code: N" when a thread ends without answering.
      const exit = /worker exited with code: (-?\d+)/.exec(raw);
      const cause = exit ? `worker thread exited with code ${exit[1]} before finishing (a process.exit or a fatal error in the task)` : raw;
      throw new Error(this.o.describe ? `${this.o.describe(task)}: ${cause}` : cause);
    }
  }

  /**
   * Runs every task (in order on one thread, spread over the threads otherwise), calls
   * `onResult` as each finishes, and returns the outcomes in task order.
   */
  async runAll(tasks: readonly T[], onResult: (r: Settled<R>, task: T, index: number) => void = () => {}): Promise<Settled<R>[]> {
    const out: Settled<R>[] = new Array(tasks.length);
    const one = async (t: T, i: number) => {
      try {
        out[i] = { ok: true, value: await this.run(t) };
      } catch (err) {
        out[i] = { ok: false, error: (err as Error).message };
      }
      onResult(out[i]!, t, i);
    };
    if (!this.piscina) for (const [i, t] of tasks.entries()) await one(t, i);
    else await Promise.all(tasks.map(one));
    return out;
  }

  async close(): Promise<void> {
    await this.piscina?.destroy();
  }
}
