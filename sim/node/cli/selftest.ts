import { ANALYTIC_CASES, runAnalyticCase, type AnalyticResult } from '../../validation/analytic.ts';
import { formatSelftestMarkdown, formatSelftestTable } from '../../validation/selftestTable.ts';
import { stableJson, writeFileAtomic } from './files.ts';
import { availableParallelism } from 'node:os';
import { Progress } from './progress.ts';
import { startThread } from './workerPool.ts';
import { siblingModule } from '../moduleFile.ts';

/**
 * `gridgov selftest`: the analytic validation table on a fresh install. The quick plan runs in
 * under a minute here; --full is the plan of docs/validation.md. Fixed seeds, so the result is
 * the same every time on the same version.
 */
export async function selftestCommand(o: { full?: boolean; json?: string; markdown?: string; only?: string; quiet?: boolean; workers?: number }): Promise<void> {
  const cases = ANALYTIC_CASES.filter((c) => !o.only || c.id.includes(o.only));
  const progress = new Progress(cases.length, 'selftest', o.quiet);
  const started = performance.now();
  const workers = Math.max(1, Math.min(o.workers ?? availableParallelism(), cases.length));
  const perCase: AnalyticResult[][] = new Array(cases.length);
  if (workers <= 1) {
    for (const [i, c] of cases.entries()) {
      const plan = o.full ? c.full : c.quick;
      perCase[i] = await runAnalyticCase(c, { reps: plan.reps, horizonDays: plan.horizonDays, seed: 1 });
      progress.tick(c.id);
    }
  } else {
    // Longest cases first, each on the next free thread; results are put back in table order.
    const order = cases.map((c, i) => ({ c, i, cost: (o.full ? c.full : c.quick).horizonDays * (o.full ? c.full : c.quick).reps })).sort((a, b) => b.cost - a.cost);
    let next = 0;
    const errors: string[] = [];
    await Promise.all(
      Array.from({ length: workers }, () =>
        new Promise<void>((resolve) => {
          const thread = startThread(siblingModule('./selftestWorker', import.meta.url));
          const feed = () => {
            const job = order[next++];
            if (!job) {
              void thread.terminate().then(() => resolve());
              return;
            }
            const plan = o.full ? job.c.full : job.c.quick;
            thread.postMessage({ index: job.i, id: job.c.id, reps: plan.reps, horizonDays: plan.horizonDays });
          };
          thread.on('message', (m: { index: number; ok: boolean; results?: AnalyticResult[]; error?: string }) => {
            if (m.ok) perCase[m.index] = m.results!;
            else errors.push(`${cases[m.index]!.id}: ${m.error}`);
            progress.tick(cases[m.index]!.id);
            feed();
          });
          thread.on('error', (err) => {
            errors.push(String(err));
            resolve();
          });
          feed();
        }),
      ),
    );
    if (errors.length) throw new Error(`selftest cases failed to run: ${errors.join('; ')}`);
  }
  const results = perCase.flat();
  progress.end();
  process.stdout.write(formatSelftestTable(results));
  process.stdout.write(`(${((performance.now() - started) / 1000).toFixed(1)} s, ${o.full ? 'full' : 'quick'} plan)\n`);
  if (o.json) writeFileAtomic(o.json, stableJson({ plan: o.full ? 'full' : 'quick', results }));
  if (o.markdown) writeFileAtomic(o.markdown, formatSelftestMarkdown(results));
  if (results.some((r) => !r.pass)) process.exitCode = 1;
}
