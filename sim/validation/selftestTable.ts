import type { AnalyticResult } from './analytic.ts';

const num = (x: number, digits = 5): string => (Number.isFinite(x) ? Number(x.toPrecision(digits)).toString() : String(x));

const signedPct = (x: number): string => (Number.isFinite(x) ? `${x >= 0 ? '+' : ''}${(100 * x).toFixed(2)}%` : String(x));

/**
 * The analytic self-test as a plain-text table: model, parameters, metric, theory, simulated
 * mean ± 99% half-width (Student t over the replications), relative error of the mean, and
 * PASS when the theory lies inside the interval. Text columns are left-aligned, numbers right.
 */
export function formatSelftestTable(results: readonly AnalyticResult[]): string {
  const head = ['model', 'parameters', 'metric', 'theory', 'simulated ± 99% hw', 'rel.err', 'result'];
  const right = [false, false, false, true, true, true, false];
  const rows = results.map((r) => [
    r.model,
    r.params,
    r.metric,
    num(r.theory),
    `${num(r.mean)} ± ${num(r.halfWidth99, 2)}`,
    signedPct(r.relErr),
    r.pass ? 'PASS' : 'FAIL',
  ]);
  const width = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (right[i] ? c.padStart(width[i]!) : c.padEnd(width[i]!))).join('  ').trimEnd();
  const passed = results.filter((r) => r.pass).length;
  const reps = [...new Set(results.map((r) => r.reps))].join('/');
  return [
    line(head),
    width.map((w) => '-'.repeat(w)).join('  '),
    ...rows.map(line),
    '',
    `${passed}/${results.length} PASS (theory inside the 99% t-interval over ${reps} seeded replications)`,
    '',
  ].join('\n');
}

/** The same table in Markdown, for docs/validation.md. */
export function formatSelftestMarkdown(results: readonly AnalyticResult[]): string {
  const rows = results.map((r) =>
    `| ${r.model} | ${r.params} | ${r.metric} | ${num(r.theory)} | ${num(r.mean)} ± ${num(r.halfWidth99, 2)} | ${signedPct(r.relErr)} | ${r.reps} × ${r.horizonDays} d | ${r.pass ? 'PASS' : '**FAIL**'} |`,
  );
  const passed = results.filter((r) => r.pass).length;
  return [
    '| model | parameters | metric | theory | simulated ± 99% half-width | rel. error | replications × horizon | result |',
    '|---|---|---|---|---|---|---|---|',
    ...rows,
    '',
    `${passed}/${results.length} metrics PASS (theory inside the 99% t-interval of the replication means).`,
    '',
  ].join('\n');
}
