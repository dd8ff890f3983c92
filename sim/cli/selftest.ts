import { ANALYTIC_CASES, runAnalyticCase, type AnalyticResult } from '../validation/analytic.ts';
import { formatSelftestTable } from '../validation/selftestTable.ts';
import { stableJson, writeFileAtomic } from './files.ts';
import { Progress } from './progress.ts';

/**
 * `gridgov selftest`: the analytic validation table on a fresh install. The quick plan runs in
 * under a minute here; --full is the plan of docs/validation.md. Fixed seeds, so the result is
 * the same every time on the same version.
 */
export async function selftestCommand(o: { full?: boolean; json?: string; only?: string; quiet?: boolean }): Promise<void> {
  const cases = ANALYTIC_CASES.filter((c) => !o.only || c.id.includes(o.only));
  const progress = new Progress(cases.length, 'selftest', o.quiet);
  const results: AnalyticResult[] = [];
  const started = performance.now();
  for (const c of cases) {
    const plan = o.full ? c.full : c.quick;
    results.push(...(await runAnalyticCase(c, { reps: plan.reps, horizonDays: plan.horizonDays, seed: 1 })));
    progress.tick(c.id);
  }
  progress.end();
  process.stdout.write(formatSelftestTable(results));
  process.stdout.write(`(${((performance.now() - started) / 1000).toFixed(1)} s, ${o.full ? 'full' : 'quick'} plan)\n`);
  if (o.json) writeFileAtomic(o.json, stableJson({ plan: o.full ? 'full' : 'quick', results }));
  if (results.some((r) => !r.pass)) process.exitCode = 1;
}
