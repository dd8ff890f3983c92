import type { ResultRow, SweepResult } from './result.ts';
import { figure, formatNumber, inkOn, ramp, svgEl } from './svg.ts';

export interface HeatmapView {
  x: string;
  /** null: one row (a sweep of one parameter). */
  y: string | null;
  metric: string;
  /** For each other parameter: a value to hold it at, or '*' to average over it. */
  slice: Record<string, string>;
}

/** Distinct values of a parameter, numbers ascending, text in order of appearance. */
export function levelsOf(result: SweepResult, param: string): (string | number)[] {
  const j = result.params.indexOf(param);
  const seen: (string | number)[] = [];
  for (const r of result.rows) if (!seen.some((v) => v === r.values[j])) seen.push(r.values[j]!);
  return seen.every((v) => typeof v === 'number') ? (seen as number[]).sort((a, b) => a - b) : seen;
}

const CELL_W = 64;
const CELL_H = 34;
const LEFT = 120;
const TOP = 10;

/** A heatmap of one metric over two parameters; each cell the mean over the points it holds. */
export function drawHeatmap(parent: HTMLElement, result: SweepResult, v: HeatmapView): SVGSVGElement {
  const xi = result.params.indexOf(v.x);
  const yi = v.y === null ? -1 : result.params.indexOf(v.y);
  const xs = levelsOf(result, v.x);
  const ys = v.y === null ? [''] : levelsOf(result, v.y).slice().reverse();
  const keep = (r: ResultRow) => result.params.every((p, j) => j === xi || j === yi || v.slice[p] === undefined || v.slice[p] === '*' || String(r.values[j]) === v.slice[p]);
  const cells = new Map<string, ResultRow[]>();
  for (const r of result.rows.filter(keep)) {
    const k = `${r.values[xi]}|${yi < 0 ? '' : r.values[yi]}`;
    cells.set(k, [...(cells.get(k) ?? []), r]);
  }
  const meanOf = (rs: ResultRow[]) => rs.reduce((s, r) => s + r.stats[v.metric]!.mean, 0) / rs.length;
  const values = [...cells.values()].map(meanOf).filter(Number.isFinite);
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  const t = (x: number) => (hi > lo ? (x - lo) / (hi - lo) : 0.5);

  const width = LEFT + xs.length * CELL_W + 20;
  const height = TOP + ys.length * CELL_H + 90;
  const caption = `${v.metric}: mean over replications${[...cells.values()].some((c) => c.length > 1) ? ' and the averaged parameters' : ''}${result.kind === 'size' ? '; faded: misses a target; outlined: chosen' : ''}`;
  const svg = svgEl('svg', { id: 'heatmap', width, height, viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': caption });
  figure(parent, caption).append(svg);
  ys.forEach((yv, row) => {
    if (v.y !== null) svgEl('text', { x: LEFT - 8, y: TOP + row * CELL_H + CELL_H / 2 + 4, 'text-anchor': 'end' }, svg, String(yv));
    xs.forEach((xv, col) => {
      const rs = cells.get(`${xv}|${yv}`) ?? [];
      const m = rs.length ? meanOf(rs) : NaN;
      const g = svgEl('g', { class: 'cell', 'data-x': String(xv), 'data-y': String(yv), 'data-value': Number.isFinite(m) ? String(m) : '' }, svg);
      const feasible = rs.length === 0 || rs[0]!.flags.feasible === undefined || rs.some((r) => r.flags.feasible === 1);
      svgEl('rect', { x: LEFT + col * CELL_W, y: TOP + row * CELL_H, width: CELL_W - 2, height: CELL_H - 2, fill: ramp(rs.length ? t(m) : NaN), opacity: feasible ? 1 : 0.45 }, g);
      if (rs.some((r) => r.flags.chosen === 1)) svgEl('rect', { x: LEFT + col * CELL_W + 1, y: TOP + row * CELL_H + 1, width: CELL_W - 4, height: CELL_H - 4, fill: 'none', stroke: '#000', 'stroke-width': 3, class: 'chosen' }, g);
      if (rs.length) svgEl('text', { x: LEFT + col * CELL_W + CELL_W / 2 - 1, y: TOP + row * CELL_H + CELL_H / 2 + 4, 'text-anchor': 'middle', fill: inkOn(t(m)) }, g, formatNumber(m));
      const one = rs.length === 1 ? rs[0]!.stats[v.metric]! : null;
      const ci = one && Number.isFinite(one.ciLow) ? ` [${formatNumber(one.ciLow)}, ${formatNumber(one.ciHigh)}]` : '';
      svgEl('title', {}, g, rs.length ? `${v.x}=${xv}${v.y ? `, ${v.y}=${yv}` : ''}: ${formatNumber(m)}${ci} (${rs.length} point${rs.length > 1 ? 's' : ''}, ${rs.reduce((s, r) => s + r.runs, 0)} runs)${feasible ? '' : ', misses a target'}` : 'not in this result');
    });
  });
  const axisY = TOP + ys.length * CELL_H;
  xs.forEach((xv, col) => svgEl('text', { x: LEFT + col * CELL_W + CELL_W / 2, y: axisY + 16, 'text-anchor': 'middle' }, svg, String(xv)));
  svgEl('text', { x: LEFT + (xs.length * CELL_W) / 2, y: axisY + 34, 'text-anchor': 'middle', class: 'axis-label' }, svg, v.x);
  if (v.y) svgEl('text', { transform: `translate(14,${TOP + (ys.length * CELL_H) / 2}) rotate(-90)`, 'text-anchor': 'middle', class: 'axis-label' }, svg, v.y);
  // legend
  const lw = Math.min(240, xs.length * CELL_W);
  for (let i = 0; i < 24; i++) svgEl('rect', { x: LEFT + (i * lw) / 24, y: axisY + 48, width: lw / 24 + 0.5, height: 10, fill: ramp(i / 23) }, svg);
  svgEl('text', { x: LEFT, y: axisY + 72 }, svg, formatNumber(lo));
  svgEl('text', { x: LEFT + lw, y: axisY + 72, 'text-anchor': 'end' }, svg, formatNumber(hi));
  return svg;
}
