import { axisBottom, axisLeft, create, type ScaleLinear, type Selection } from 'd3';

export interface Frame {
  svg: Selection<SVGSVGElement, undefined, null, undefined>;
  plot: Selection<SVGGElement, undefined, null, undefined>;
  /** Series drawn inside this group are cut at the clock's time (see clipAt). */
  series: Selection<SVGGElement, undefined, null, undefined>;
  clipRect: Selection<SVGRectElement, undefined, null, undefined>;
  legend: Selection<SVGGElement, undefined, null, undefined>;
  width: number;
  height: number;
}

/** Title on the first line, the legend on the second, axis titles below and left of the plot. */
export const MARGIN = { top: 38, right: 12, bottom: 34, left: 52 };

let clipIds = 0;

/** An SVG with a titled plot area, focusable (keyboard users reach the charts too). */
export function frame(title: string, width: number, height: number, id: string): Frame {
  const svg = create('svg').attr('viewBox', `0 0 ${width} ${height}`).attr('width', width).attr('height', height).attr('class', 'chart').attr('id', id).attr('tabindex', '0').attr('role', 'img').attr('aria-label', title);
  svg.append('text').attr('class', 'title').attr('x', 6).attr('y', 13).text(title);
  const legend = svg.append('g').attr('class', 'legend-row').attr('transform', `translate(${MARGIN.left},27)`);
  const plot = svg.append('g').attr('transform', `translate(${MARGIN.left},${MARGIN.top})`);
  const w = width - MARGIN.left - MARGIN.right;
  const h = height - MARGIN.top - MARGIN.bottom;
  const clipId = `clip-${id}-${++clipIds}`;
  const clipRect = svg.append('clipPath').attr('id', clipId).append('rect').attr('x', -1).attr('y', -2).attr('height', h + 4).attr('width', 0);
  const series = plot.append('g').attr('class', 'series-group').attr('clip-path', `url(#${clipId})`);
  return { svg, plot, series, clipRect, legend, width: w, height: h };
}

/** Legend entries laid out left to right from their measured widths (no overlap). */
export function legendRow(f: Frame, items: { label: string; color: string; cls?: string }[]): void {
  f.legend.selectAll('*').remove();
  let x = 0;
  for (const it of items) {
    const g = f.legend.append('g').attr('class', `legend-item ${it.cls ?? ''}`).attr('transform', `translate(${x},0)`);
    g.append('rect').attr('y', -7).attr('width', 10).attr('height', 3).attr('fill', it.color);
    const text = g.append('text').attr('x', 13).attr('class', 'legend').text(it.label);
    const measured = (text.node() as SVGTextElement).getComputedTextLength?.() || 0;
    x += 13 + (measured > 0 ? measured : it.label.length * 5.6) + 12;
  }
  // a narrow chart: shrink the row to fit rather than run past the edge
  const room = f.width + MARGIN.right - 4;
  f.legend.attr('transform', `translate(${MARGIN.left},27)${x - 12 > room ? ` scale(${room / (x - 12)})` : ''}`);
}

/** Cuts the series at time t (hours): nothing after the clock is drawn. */
export function clipAt(f: Frame, x: ScaleLinear<number, number>, t: number): void {
  const end = Math.max(0, x(t));
  f.clipRect.attr('width', end + 1);
  f.svg.attr('data-end-hours', String(t));
}

/** The warm-up shaded on a time axis, with its explanation as the band's tooltip. */
export function warmupBand(f: Frame, x: ScaleLinear<number, number>, warmupHours: number): void {
  f.plot.selectAll('.warmup').remove();
  if (!(warmupHours > 0)) return;
  const g = f.plot.insert('g', ':first-child').attr('class', 'warmup');
  g.append('rect').attr('x', 0).attr('y', 0).attr('width', x(warmupHours)).attr('height', f.height);
  g.append('text').attr('x', 3).attr('y', f.height - 4).text('warm-up');
  g.append('title').text(WARMUP_TEXT);
}

export const WARMUP_TEXT = 'Warm-up: the first days fill the empty queues; cases that occur then are simulated but not counted in the results.';

/** Axes for a chart over simulated days, with titles and units. */
export function timeAxes(f: Frame, x: ScaleLinear<number, number>, y: ScaleLinear<number, number>, yTitle: string): void {
  f.plot.selectAll('.axis, .axis-title').remove();
  const days = x.domain()[1]! / 24;
  const step = days <= 10 ? 1 : days <= 40 ? 7 : 14;
  const ticks = Array.from({ length: Math.floor(days / step) + 1 }, (_, i) => i * step * 24);
  f.plot.append('g').attr('class', 'axis').attr('transform', `translate(0,${f.height})`).call(axisBottom(x).tickValues(ticks).tickFormat((h) => `${Number(h) / 24}`));
  f.plot.append('g').attr('class', 'axis').call(axisLeft(y).ticks(4, '~s'));
  axisTitles(f, 'simulated time (days)', yTitle);
}

export function axisTitles(f: Frame, xTitle: string, yTitle: string): void {
  f.plot.selectAll('.axis-title').remove();
  f.plot.append('text').attr('class', 'axis-title').attr('x', f.width).attr('y', f.height + 28).attr('text-anchor', 'end').text(xTitle);
  f.plot.append('text').attr('class', 'axis-title').attr('transform', `translate(${-40},${f.height / 2}) rotate(-90)`).attr('text-anchor', 'middle').text(yTitle);
}

export const TIER_COLORS: Record<string, string> = { hotline: '#00838f', grid: '#ef6c00', community: '#6d4c41', street: '#3949ab', district: '#263238', department: '#8e24aa' };
