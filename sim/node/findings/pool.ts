import type { Worker } from 'node:worker_threads';
import type { ReplicationResult, ReplicationTask } from '../cli/replicationTask.ts';
import { runReplication } from '../cli/replicationWorker.ts';
import { startThread } from '../cli/workerPool.ts';
import { siblingModule } from '../moduleFile.ts';

const REPLICATION_MODULE = siblingModule('../cli/replicationWorker', import.meta.url);

interface Slot {
  worker: Worker;
  current: { task: ReplicationTask; resolve: (r: ReplicationResult) => void } | null;
}

/**
 * Threads kept for the whole findings run (starting a thread costs a second of module loading,
 * and the adaptive plan sends many small batches). Each thread runs one replication at a time;
 * `size` ≤ 1 runs them in this thread. A thread that dies fails its task and is replaced.
 */
export class ReplicationPool {
  private readonly slots: Slot[] = [];
  private readonly waiting: { task: ReplicationTask; resolve: (r: ReplicationResult) => void }[] = [];

  constructor(readonly size: number) {
    for (let i = 0; i < size && size > 1; i++) this.slots.push(this.start());
  }

  private start(): Slot {
    const slot: Slot = { worker: startThread(REPLICATION_MODULE), current: null };
    const fail = (error: string) => {
      const c = slot.current;
      slot.current = null;
      if (c) c.resolve({ index: c.task.index, ok: false, error });
    };
    slot.worker.on('message', (r: ReplicationResult) => {
      const c = slot.current;
      slot.current = null;
      c?.resolve(r);
      this.feed(slot);
    });
    slot.worker.on('error', (err) => fail(`worker thread died: ${err.message}`));
    slot.worker.on('exit', () => {
      if (this.closed) return;
      fail('worker thread exited unexpectedly');
      const i = this.slots.indexOf(slot);
      if (i >= 0) {
        this.slots[i] = this.start();
        this.feed(this.slots[i]!);
      }
    });
    return slot;
  }

  private closed = false;

  private feed(slot: Slot): void {
    if (slot.current || this.waiting.length === 0) return;
    slot.current = this.waiting.shift()!;
    slot.worker.postMessage(slot.current.task);
  }

  run(task: ReplicationTask): Promise<ReplicationResult> {
    if (this.slots.length === 0) return runReplication(task);
    return new Promise((resolve) => {
      this.waiting.push({ task, resolve });
      for (const s of this.slots) this.feed(s);
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }
}
