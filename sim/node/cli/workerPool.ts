import { Worker } from 'node:worker_threads';
import type { ReplicationResult, ReplicationTask } from './replicationTask.ts';
import { runReplication } from './replicationWorker.ts';
import { siblingModule } from '../moduleFile.ts';

const BOOT = new URL('./workerBoot.mjs', import.meta.url);
const REPLICATION_MODULE = siblingModule('./replicationWorker', import.meta.url);

/**
 * A thread running `module` (which answers each message with one reply carrying `index`). A built
 * `.js` module starts directly; a `.ts` one through the boot file that registers tsx.
 */
export function startThread(module: string): Worker {
  if (module.endsWith('.js')) return new Worker(new URL(module));
  return new Worker(BOOT, { workerData: { module } });
}

/**
 * Runs replications on `workers` threads (or in this thread when workers ≤ 1). Results come
 * back in task order whatever the finishing order, so outputs equal a sequential run. A
 * replication that throws, or a thread that dies, yields a failed result naming the task; the
 * others still finish (a dead thread is replaced).
 */
export async function runReplications(tasks: readonly ReplicationTask[], workers: number, onResult: (r: ReplicationResult, t: ReplicationTask) => void): Promise<ReplicationResult[]> {
  const results: ReplicationResult[] = new Array(tasks.length);
  if (workers <= 1 || tasks.length <= 1) {
    for (const t of tasks) {
      results[t.index] = await runReplication(t);
      onResult(results[t.index]!, t);
    }
    return results;
  }
  let next = 0;
  const startWorker = (): Promise<void> =>
    new Promise((resolve) => {
      const worker = startThread(REPLICATION_MODULE);
      let current: ReplicationTask | undefined;
      const feed = () => {
        if (next >= tasks.length) {
          current = undefined;
          void worker.terminate();
          return;
        }
        current = tasks[next++]!;
        worker.postMessage(current);
      };
      worker.on('message', (r: ReplicationResult) => {
        results[r.index] = r;
        onResult(r, tasks[r.index]!);
        feed();
      });
      worker.on('error', (err) => {
        if (current) {
          const failed: ReplicationResult = { index: current.index, ok: false, error: `worker thread died: ${err.message}` };
          results[current.index] = failed;
          onResult(failed, current);
          current = undefined;
        }
      });
      worker.on('exit', () => {
        if (current) {
          const failed: ReplicationResult = { index: current.index, ok: false, error: 'worker thread exited unexpectedly' };
          results[current.index] = failed;
          onResult(failed, current);
          current = undefined;
        }
        // Replace a thread that died while work remains.
        if (next < tasks.length) startWorker().then(resolve, resolve);
        else resolve();
      });
      feed();
    });
  await Promise.all(Array.from({ length: Math.min(workers, tasks.length) }, startWorker));
  return results;
}
