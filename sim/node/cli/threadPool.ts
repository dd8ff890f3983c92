import type { Worker } from 'node:worker_threads';
import type { ReplicationResult, ReplicationTask } from './replicationTask.ts';
import { runReplication } from './replicationWorker.ts';
import { startThread } from './workerPool.ts';
import { siblingModule } from '../moduleFile.ts';

const REPLICATION_MODULE = siblingModule('./replicationWorker', import.meta.url);

interface Slot {
  worker: Worker;
  current?: ReplicationTask;
  dead: boolean;
  /** The running batch's handlers, or none between batches. */
  onMessage?: (r: ReplicationResult) => void;
  onDeath?: (why: string) => void;
}

/**
 * Worker threads kept alive across batches (a sizing search runs many small batches, and a
 * thread costs most of a second to start). Like `runReplications`: results in task order, a
 * replication that throws or a thread that dies gives a failed result naming the task, and a dead
 * thread is replaced. With size ≤ 1 the runs happen in this thread.
 */
export class ReplicationPool {
  private readonly slots: Slot[] = [];

  constructor(private readonly size: number) {}

  private spawn(): Slot {
    const slot: Slot = { worker: startThread(REPLICATION_MODULE), dead: false };
    slot.worker.on('message', (r: ReplicationResult) => slot.onMessage?.(r));
    slot.worker.on('error', (err) => this.bury(slot, `worker thread died: ${err.message}`));
    slot.worker.on('exit', () => this.bury(slot, 'worker thread exited unexpectedly'));
    this.slots.push(slot);
    return slot;
  }

  private bury(slot: Slot, why: string): void {
    if (slot.dead) return;
    slot.dead = true;
    const i = this.slots.indexOf(slot);
    if (i >= 0) this.slots.splice(i, 1);
    slot.onDeath?.(why);
  }

  async run(tasks: readonly ReplicationTask[], onResult: (r: ReplicationResult, t: ReplicationTask) => void): Promise<ReplicationResult[]> {
    const results: ReplicationResult[] = new Array(tasks.length);
    if (this.size <= 1) {
      for (const [i, t] of tasks.entries()) {
        results[i] = { ...(await runReplication(t)), index: t.index };
        onResult(results[i]!, t);
      }
      return results;
    }
    if (tasks.length === 0) return results;
    const position = new Map(tasks.map((t, i) => [t.index, i]));
    let next = 0;
    let pending = tasks.length;
    return new Promise((resolve) => {
      const settle = (t: ReplicationTask, r: ReplicationResult) => {
        results[position.get(t.index)!] = r;
        onResult(r, t);
        if (--pending === 0) {
          for (const s of this.slots) s.onMessage = s.onDeath = undefined;
          resolve(results);
        }
      };
      const feed = (slot: Slot) => {
        if (slot.dead || next >= tasks.length) return;
        slot.current = tasks[next++]!;
        slot.worker.postMessage(slot.current);
      };
      const enlist = (slot: Slot) => {
        slot.onMessage = (r) => {
          const t = slot.current!;
          slot.current = undefined;
          settle(t, r);
          feed(slot);
        };
        slot.onDeath = (why) => {
          const t = slot.current;
          slot.current = undefined;
          if (t) settle(t, { index: t.index, ok: false, error: why });
          if (next < tasks.length) {
            const fresh = this.spawn();
            enlist(fresh);
            feed(fresh);
          }
        };
      };
      while (this.slots.length < Math.min(this.size, tasks.length)) this.spawn();
      for (const s of [...this.slots]) enlist(s);
      for (const s of [...this.slots]) feed(s);
    });
  }

  async close(): Promise<void> {
    const slots = this.slots.splice(0);
    for (const s of slots) s.dead = true;
    await Promise.all(slots.map((s) => s.worker.terminate()));
  }
}
