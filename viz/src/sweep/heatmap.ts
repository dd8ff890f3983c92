import { formatMetric, metricName, metricTitle } from '../results/metricNames.ts';
import type { ResultRow, SweepResult } from './result.ts';
import { figure, formatNumber, inkOn, ramp, svgEl } from './svg.ts';

export interface HeatmapView {
  x: string;
  /** null: one row (a sweep of one parameter). */
  y: string | null;
  metric: string;
  /** For each other parameter: a value to hold it at, or '*' to average over it. */
  slice: Record<string, string>;
  /** Which end of the metric is better (marks the best cell and those not distinguishable from it). */
  lowerIsBetter: boolean;
}

/** Distinct values of a parameter, numbers ascending, text in order of appearance. */
export function levelsOf(result: SweepResult, param: string): (string | number)[] {
  const j = result.params.indexOf(param);
  const seen: (string | number)[] = [];
  for (const r of result.rows) if (!seen.some((v) => v === r.values[j])) seen.push(r.values[j]!);
  return seen.every((v) => typeof v === 'number') ? (seen as number[]).sort((a, b) => a - b) : seen;
}

const CELL_W = 108;
const CELL_H = 46;
const TOP = 10;
/** Width of a label in px at 12px (no layout needed, so the SVG is sized before it is drawn). */
const textWidth = (s: string) => s.length * 7;

/**
 * The colour domain: shares on [0, 1], other metrics from 0 to their largest value, so two
 * close values get close colours (a min–max scale would paint 0.814 and 0.820 as opposites).
 */
export function colourDomain(metric: string, values: number[]): [number, number] {
  if (metricName(metric).unit === 'share') return [0, 1];
  const lo = Math.min(0, ...values);
  const hi = Math.max(...values);
  return [lo, hi > lo ? hi : lo + 1];
}

interface Cell {
  rows: ResultRow[];
  mean: number;
  /** The interval, when the cell is one point (averaged cells have none). */
  ci: [number, number] | null;
}

/** A heatmap of one metric over two parameters; each cell the mean over the points it holds. */
export function drawHeatmap(parent: HTMLElement, result: SweepResult, v: HeatmapView): SVGSVGElement {
  const xi = result.params.indexOf(v.x);
  const yi = v.y === null ? -1 : result.params.indexOf(v.y);
  const xs = levelsOf(result, v.x);
  const ys = v.y === null ? [''] : levelsOf(result, v.y).slice().reverse();
  const keep = (r: ResultRow) => result.params.every((p, j) => j === xi || j === yi || v.slice[p] === undefined || v.slice[p] === '*' || String(r.values[j]) === v.slice[p]);
  const groups = new Map<string, ResultRow[]>();
  for (const r of result.rows.filter(keep)) {
    const k = `${r.values[xi]}|${yi < 0 ? '' : r.values[yi]}`;
    groups.set(k, [...(groups.get(k) ?? []), r]);
  }
  const cells = new Map<string, Cell>();
  for (const [k, rs] of groups) {
    const mean = rs.reduce((s, r) => s + r.stats[v.metric]!.mean, 0) / rs.length;
    const one = rs.length === 1 ? rs[0]!.stats[v.metric]! : null;
    cells.set(k, { rows: rs, mean, ci: one && Number.isFinite(one.ciLow) && Number.isFinite(one.ciHigh) ? [one.ciLow, one.ciHigh] : null });
  }
  const values = [...cells.values()].map((c) => c.mean).filter(Number.isFinite);
  const [lo, hi] = colourDomain(v.metric, values);
  const t = (x: number) => (x - lo) / (hi - lo);
  // the best cell, and every cell whose interval overlaps the best one's
  const finite = [...cells.values()].filter((c) => Number.isFinite(c.mean));
  const best = finite.reduce<Cell | null>((b, c) => (!b || (v.lowerIsBetter ? c.mean < b.mean : c.mean > b.mean) ? c : b), null);
  const tied = (c: Cell) => c !== best && !!best?.ci && !!c.ci && c.ci[0] <= best.ci[1] && c.ci[1] >= best.ci[0];
  const unit = metricName(v.metric).unit;
  const fmt = (x: number) => (unit === 'share' ? formatMetric(x, unit) : formatNumber(x));

  const yLabelW = Math.max(40, ...ys.map((y) => textWidth(String(y))));
  const LEFT = 30 + yLabelW + 10;
  const legendText = `colour: ${metricTitle(v.metric)} on a fixed scale from ${unit === 'share' ? '0%' : '0'}`;
  const width = Math.max(LEFT + xs.length * CELL_W + 20, LEFT + textWidth(legendText) + 10);
  const height = TOP + ys.length * CELL_H + 118;
  const caption = `${metricTitle(v.metric)}: mean over replications${[...cells.values()].some((c) => c.rows.length > 1) ? ' and the averaged parameters' : ''}, 95% interval below it; ★ best, ≈ its interval overlaps the best one's (not distinguishable)${result.kind === 'size' ? '; faded: misses a target; outlined: chosen' : ''}`;
  const svg = svgEl('svg', { id: 'heatmap', width, height, viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': caption });
  figure(parent, caption).append(svg);
  ys.forEach((yv, row) => {
    if (v.y !== null) svgEl('text', { x: LEFT - 8, y: TOP + row * CELL_H + CELL_H / 2 + 4, 'text-anchor': 'end' }, svg, String(yv));
    xs.forEach((xv, col) => {
      const c = cells.get(`${xv}|${yv}`);
      const rs = c?.rows ?? [];
      const m = c ? c.mean : NaN;
      const mark = c && c === best ? 'best' : c && tied(c) ? 'tied' : '';
      const g = svgEl('g', { class: `cell${mark ? ` ${mark}` : ''}`, 'data-x': String(xv), 'data-y': String(yv), 'data-value': Number.isFinite(m) ? String(m) : '' }, svg);
      const feasible = rs.length === 0 || rs[0]!.flags.feasible === undefined || rs.some((r) => r.flags.feasible === 1);
      const x0 = LEFT + col * CELL_W;
      const y0 = TOP + row * CELL_H;
      svgEl('rect', { x: x0, y: y0, width: CELL_W - 2, height: CELL_H - 2, fill: ramp(rs.length ? t(m) : NaN), opacity: feasible ? 1 : 0.45 }, g);
      if (rs.some((r) => r.flags.chosen === 1)) svgEl('rect', { x: x0 + 1, y: y0 + 1, width: CELL_W - 4, height: CELL_H - 4, fill: 'none', stroke: '#000', 'stroke-width': 3, class: 'chosen' }, g);
      if (mark) svgEl('rect', { x: x0 + 3, y: y0 + 3, width: CELL_W - 8, height: CELL_H - 8, fill: 'none', stroke: inkOn(t(m)), 'stroke-width': 1.5, 'stroke-dasharray': mark === 'tied' ? '4 3' : '' }, g);
      const ink = inkOn(t(m));
      if (rs.length) svgEl('text', { x: x0 + CELL_W / 2 - 1, y: y0 + 19, 'text-anchor': 'middle', fill: ink, class: 'value' }, g, `${mark === 'best' ? '★ ' : mark === 'tied' ? '≈ ' : ''}${fmt(m)}`);
      if (c?.ci) svgEl('text', { x: x0 + CELL_W / 2 - 1, y: y0 + 34, 'text-anchor': 'middle', fill: ink, class: 'ci' }, g, `[${fmt(c.ci[0])}, ${fmt(c.ci[1])}]`);
      svgEl('title', {}, g, rs.length ? `${v.x}=${xv}${v.y ? `, ${v.y}=${yv}` : ''}: ${fmt(m)}${c?.ci ? ` [${fmt(c.ci[0])}, ${fmt(c.ci[1])}]` : ''} (${rs.length} point${rs.length > 1 ? 's' : ''}, ${rs.reduce((s, r) => s + r.runs, 0)} runs)${mark === 'best' ? ', best' : mark === 'tied' ? ', not distinguishable from the best' : ''}${feasible ? '' : ', misses a target'}` : 'not in this result');
    });
  });
  const axisY = TOP + ys.length * CELL_H;
  xs.forEach((xv, col) => svgEl('text', { x: LEFT + col * CELL_W + CELL_W / 2, y: axisY + 16, 'text-anchor': 'middle' }, svg, String(xv)));
  svgEl('text', { x: LEFT + (xs.length * CELL_W) / 2, y: axisY + 34, 'text-anchor': 'middle', class: 'axis-label' }, svg, v.x);
  if (v.y) svgEl('text', { transform: `translate(14,${TOP + (ys.length * CELL_H) / 2}) rotate(-90)`, 'text-anchor': 'middle', class: 'axis-label' }, svg, v.y);
  // legend: the fixed colour scale, with the metric and its unit
  const lw = 240;
  const legend = svgEl('g', { id: 'heatmap-legend', 'data-domain': `${lo},${hi}` }, svg);
  for (let i = 0; i < 24; i++) svgEl('rect', { x: LEFT + (i * lw) / 24, y: axisY + 50, width: lw / 24 + 0.5, height: 10, fill: ramp(i / 23) }, legend);
  svgEl('text', { x: LEFT, y: axisY + 74 }, legend, fmt(lo));
  svgEl('text', { x: LEFT + lw / 2, y: axisY + 74, 'text-anchor': 'middle' }, legend, fmt((lo + hi) / 2));
  svgEl('text', { x: LEFT + lw, y: axisY + 74, 'text-anchor': 'end' }, legend, fmt(hi));
  svgEl('text', { x: LEFT, y: axisY + 92, class: 'axis-label' }, legend, legendText);
  return svg;
}
