import { ROLES } from '../../model/types.ts';
import type { VaryField } from '../../experiment/sizeSpace.ts';
import type { SizingResult } from './sizeCommand.ts';
import { interval, num, renderTable } from './table.ts';

const digits = (x: number) => (Math.abs(x) >= 100 ? 1 : Math.abs(x) >= 1 ? 3 : 4);
const iv = (i: { mean: number; ciLow: number; ciHigh: number }) => interval(i, digits(i.mean));

/** What `gridgov size` prints: the choice, its cost, the targets, the frontier, every metric. */
export function printSizing(r: SizingResult, fields: readonly VaryField[], outDir: string, runsMade: number, seconds: number): void {
  const out: string[] = [];
  const pct = `${Math.round(r.level * 100)}%`;
  const rates = ROLES.filter((role) => r.costRates[role] !== 0).map((role) => `${role} ${r.costRates[role]}`);
  out.push(`${r.scenario}: least ${r.objective === 'cost' ? 'cost' : 'cost per household'} meeting ${r.targets.join(', ')} — each at the unfavourable end of its ${pct} interval${r.targets.length > 1 ? `, Holm-corrected over the ${r.targets.length} targets (all met together with one-sided confidence ${num(100 * (1 - (1 - r.level) / 2), 1)}%)` : ''}`);
  out.push(`${r.reps} replications per candidate on seeds ${r.seeds[0]}..${r.seeds[r.seeds.length - 1]} (common random numbers across candidates); cost per day = staff-hours × (${rates.join(', ') || 'no rates'})`);
  out.push(`search: ${r.search.mode === 'monotone' ? 'monotone bisection' : 'exhaustive'} over ${fields.map((f) => `${f.path} ${f.values.join(',')}`).join(' × ')} (${r.search.boxSize} candidates): ${r.search.evaluated} evaluated, ${runsMade} runs made now (${seconds.toFixed(1)} s)`);
  out.push('');
  const c = r.chosen;
  if (c) {
    out.push(`chosen: ${Object.entries(c.values).map(([p, v]) => `${p}=${v}`).join('  ')}`);
    out.push(`cost per day: ${iv(c.cost)}   per household per day: ${iv(c.costPerHousehold)}`);
    const chosen = r.candidates.find((x) => x.chosen)!;
    out.push('');
    out.push(renderTable(['target', `mean [${pct} CI]`, 'unfavourable end (Holm)', 'p (Holm)', 'met', 'slack'], chosen.targets.map((t) => [t.target + (t.target === c.binding ? '  ← binds' : ''), iv(t), num(t.unfavourableEnd, digits(t.mean)), num(t.pHolm, 4), t.met ? 'yes' : 'NO', `${num(100 * t.slack, 1)}%`])));
    for (const n of c.cheaperNeighbours) out.push(`one step cheaper, ${Object.entries(n.values).map(([p, v]) => `${p}=${v}`).join(' ')}: ${n.fails.length ? `fails ${n.fails.join(', ')}` : 'meets every target (but costs more or was not the cheapest)'}`);
  } else out.push('chosen: none — no candidate evaluated meets every target');
  out.push('');
  out.push(`frontier: ${r.objective} against ${r.mainMetric}, every candidate evaluated (* = Pareto-optimal, ✓ = meets every target)`);
  const sorted = [...r.candidates].sort((a, b) => a.summary.metrics[r.objective]!.mean - b.summary.metrics[r.objective]!.mean);
  out.push(
    renderTable(
      [...fields.map((f) => f.path), r.objective, r.mainMetric, 'pareto', 'targets'],
      sorted.map((x) => [...x.values.map(String), num(x.summary.metrics[r.objective]!.mean, digits(x.summary.metrics[r.objective]!.mean)), iv(x.summary.metrics[r.mainMetric]!), x.pareto ? '*' : '', (x.feasible ? '✓' : '') + (x.chosen ? ' chosen' : '')]),
    ),
  );
  if (c) {
    out.push('');
    out.push(`every metric at the chosen candidate (mean [${pct} CI]):`);
    out.push(renderTable(['metric', 'value'], Object.entries(c.metrics).map(([m, i]) => [m, iv(i)])));
  }
  out.push('');
  out.push(`outputs: ${outDir}/size.json, size-candidates.csv`);
  process.stdout.write(`${out.join('\n')}\n`);
}
