import { paretoFlags } from '../../../sim/experiment/sizeFrontier.ts';
import type { SweepResult } from './result.ts';
import { metricTitle } from '../results/metricNames.ts';
import { axis, figure, formatNumber, linear, svgEl } from './svg.ts';

const W = 560;
const H = 340;
const M = { left: 78, right: 20, top: 14, bottom: 48 };

/**
 * Cost against a metric for every point (or evaluated candidate), with the metric's interval as
 * a bar; the Pareto-optimal ones are joined by a step line. A sizing's feasible candidates are
 * filled, the others hollow, and the chosen one ringed.
 */
export function drawFrontier(parent: HTMLElement, result: SweepResult, metric: string, lowerIsBetter: boolean): SVGSVGElement {
  const rows = result.rows.filter((r) => Number.isFinite(r.stats[result.costMetric]?.mean) && Number.isFinite(r.stats[metric]?.mean));
  const pts = rows.map((r) => ({ cost: r.stats[result.costMetric]!.mean, metric: r.stats[metric]!.mean }));
  const fileFlags = result.kind === 'size' && metric === result.mainMetric && rows.every((r) => r.flags.pareto !== undefined);
  const pareto = fileFlags ? rows.map((r) => r.flags.pareto === 1) : paretoFlags(pts, lowerIsBetter);
  const lows = rows.map((r) => r.stats[metric]!.ciLow).filter(Number.isFinite);
  const highs = rows.map((r) => r.stats[metric]!.ciHigh).filter(Number.isFinite);
  const x = linear([Math.min(...pts.map((p) => p.cost)), Math.max(...pts.map((p) => p.cost))], [M.left, W - M.right]);
  const y = linear([Math.min(...pts.map((p) => p.metric), ...lows), Math.max(...pts.map((p) => p.metric), ...highs)], [H - M.bottom, M.top]);
  const caption = `${result.kind === 'size' ? result.costMetric : metricTitle(result.costMetric)} against ${metricTitle(metric)} (${lowerIsBetter ? 'lower' : 'higher'} is better); line: the Pareto frontier; bars: 95% intervals${result.kind === 'size' ? '; hollow: misses a target; ringed: chosen' : ''}`;
  const svg = svgEl('svg', { id: 'frontier', width: W, height: H, viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': caption });
  figure(parent, caption).append(svg);
  axis(svg, x, 'bottom', H - M.bottom, result.kind === 'size' ? `${result.costMetric} (objective)` : metricTitle(result.costMetric));
  axis(svg, y, 'left', M.left, metricTitle(metric));
  const front = rows.map((r, i) => ({ r, p: pts[i]!, on: pareto[i]! })).filter((d) => d.on).sort((a, b) => a.p.cost - b.p.cost);
  if (front.length > 1) {
    const d = front.map((f, i) => (i === 0 ? `M${x(f.p.cost)},${y(f.p.metric)}` : `H${x(f.p.cost)}V${y(f.p.metric)}`)).join('');
    svgEl('path', { d, class: 'pareto-line', fill: 'none', stroke: '#d95f02', 'stroke-width': 1.5 }, svg);
  }
  rows.forEach((r, i) => {
    const p = pts[i]!;
    const s = r.stats[metric]!;
    const g = svgEl('g', { class: `point${pareto[i] ? ' pareto' : ''}${r.flags.chosen === 1 ? ' chosen' : ''}` }, svg);
    if (Number.isFinite(s.ciLow)) svgEl('line', { x1: x(p.cost), x2: x(p.cost), y1: y(s.ciLow), y2: y(s.ciHigh), stroke: '#999' }, g);
    const feasible = r.flags.feasible === undefined || r.flags.feasible === 1;
    svgEl('circle', { cx: x(p.cost), cy: y(p.metric), r: 5, fill: feasible ? (pareto[i] ? '#d95f02' : '#1b9e77') : '#fff', stroke: pareto[i] ? '#d95f02' : '#1b9e77', 'stroke-width': 2 }, g);
    if (r.flags.chosen === 1) svgEl('circle', { cx: x(p.cost), cy: y(p.metric), r: 10, fill: 'none', stroke: '#000', 'stroke-width': 2 }, g);
    const label = result.params.map((q, j) => `${q}=${r.values[j]}`).join(', ');
    svgEl('title', {}, g, `${label}\n${result.costMetric} ${formatNumber(p.cost)}; ${metric} ${formatNumber(p.metric)}${Number.isFinite(s.ciLow) ? ` [${formatNumber(s.ciLow)}, ${formatNumber(s.ciHigh)}]` : ''}${pareto[i] ? '; Pareto-optimal' : ''}${feasible ? '' : '; misses a target'}${r.flags.chosen === 1 ? '; chosen' : ''}`);
  });
  return svg;
}
