import { ANALYTIC_CASES, runAnalyticCase, type AnalyticResult } from '../../validation/analytic.ts';
import { formatSelftestMarkdown, formatSelftestTable } from '../../validation/selftestTable.ts';
import { stableJson, writeFileAtomic } from './files.ts';
import { availableParallelism } from 'node:os';
import { Progress } from './progress.ts';
import { runTask, type SelftestTask } from './selftestWorker.ts';
import { TaskPool } from './taskPool.ts';
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
  // Longest cases first, each on the next free thread; results are put back in table order.
  const plan = (c: (typeof cases)[number]) => (o.full ? c.full : c.quick);
  const order = cases.map((c, i) => ({ c, i, cost: plan(c).horizonDays * plan(c).reps })).sort((a, b) => b.cost - a.cost);
  const tasks: SelftestTask[] = order.map(({ c }) => ({ id: c.id, reps: plan(c).reps, horizonDays: plan(c).horizonDays }));
  const pool = new TaskPool({ module: siblingModule('./selftestWorker', import.meta.url), size: workers, inline: runTask, describe: (t: SelftestTask) => `case ${t.id}` });
  const errors: string[] = [];
  try {
    await pool.runAll(tasks, (r, t, k) => {
      if (r.ok) perCase[order[k]!.i] = r.value;
      else errors.push(r.error);
      progress.tick(t.id);
    });
  } finally {
    await pool.close();
  }
  if (errors.length) throw new Error(`selftest cases failed to run: ${errors.join('; ')}`);
  const results = perCase.flat();
  progress.end();
  process.stdout.write(formatSelftestTable(results));
  process.stdout.write(`(${((performance.now() - started) / 1000).toFixed(1)} s, ${o.full ? 'full' : 'quick'} plan)\n`);
  if (o.json) writeFileAtomic(o.json, stableJson({ plan: o.full ? 'full' : 'quick', results }));
  if (o.markdown) writeFileAtomic(o.markdown, formatSelftestMarkdown(results));
  if (results.some((r) => !r.pass)) process.exitCode = 1;
}
