import { parentPort } from 'node:worker_threads';
import { ANALYTIC_CASES, runAnalyticCase } from '../../validation/analytic.ts';

/** Runs one analytic case of the self-test in a worker thread. */
if (parentPort) {
  const port = parentPort;
  port.on('message', async (t: { index: number; id: string; reps: number; horizonDays: number }) => {
    try {
      const c = ANALYTIC_CASES.find((x) => x.id === t.id)!;
      port.postMessage({ index: t.index, ok: true, results: await runAnalyticCase(c, { reps: t.reps, horizonDays: t.horizonDays, seed: 1 }) });
    } catch (err) {
      port.postMessage({ index: t.index, ok: false, error: err instanceof Error ? err.message : String(err) });
    }
  });
}
