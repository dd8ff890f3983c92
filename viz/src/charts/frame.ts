import { axisBottom, axisLeft, create, type ScaleLinear, type Selection } from 'd3';

export interface Frame {
  svg: Selection<SVGSVGElement, undefined, null, undefined>;
  plot: Selection<SVGGElement, undefined, null, undefined>;
  width: number;
  height: number;
}

export const MARGIN = { top: 32, right: 12, bottom: 26, left: 44 };

/** An SVG with a titled plot area. */
export function frame(title: string, width: number, height: number, id: string): Frame {
  const svg = create('svg').attr('viewBox', `0 0 ${width} ${height}`).attr('width', width).attr('height', height).attr('class', 'chart').attr('id', id);
  svg.append('text').attr('class', 'title').attr('x', MARGIN.left).attr('y', 14).text(title);
  const plot = svg.append('g').attr('transform', `translate(${MARGIN.left},${MARGIN.top})`);
  return { svg, plot, width: width - MARGIN.left - MARGIN.right, height: height - MARGIN.top - MARGIN.bottom };
}

/** Axes for a chart over simulated days. */
export function timeAxes(f: Frame, x: ScaleLinear<number, number>, y: ScaleLinear<number, number>): void {
  f.plot.selectAll('.axis').remove();
  const days = x.domain()[1]! / 24;
  const step = days <= 10 ? 1 : days <= 40 ? 7 : 14;
  const ticks = Array.from({ length: Math.floor(days / step) + 1 }, (_, i) => i * step * 24);
  f.plot.append('g').attr('class', 'axis').attr('transform', `translate(0,${f.height})`).call(axisBottom(x).tickValues(ticks).tickFormat((h) => `d${Number(h) / 24}`));
  f.plot.append('g').attr('class', 'axis').call(axisLeft(y).ticks(4, '~s'));
}

export const TIER_COLORS: Record<string, string> = { hotline: '#00838f', grid: '#ef6c00', community: '#6d4c41', street: '#3949ab', district: '#263238', department: '#8e24aa' };
