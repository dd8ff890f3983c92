import { axisBottom, axisLeft, scaleBand, scaleLinear } from 'd3';
import { HANDLING_EDGES_HOURS } from '../../../sim/replay/format.ts';
import type { Replay } from '../../../sim/replay/reader.ts';
import { frame, type Frame } from './frame.ts';

const label = (h: number) => (h < 24 ? `${h}h` : `${h / 24}d`);

/**
 * Handling time (registration → closure) of the cases closed through the clock's day (exact),
 * on uneven bins, with the time limit of each priority marked.
 */
export class HandlingChart {
  private readonly f: Frame;
  private readonly x = scaleBand<number>();
  private readonly y = scaleLinear();
  private readonly caption;
  private key = '';

  constructor(
    readonly replay: Replay,
    width = 460,
  ) {
    this.f = frame('handling time of closed cases, registration → closure', width, 190, 'chart-handling');
    const bins = HANDLING_EDGES_HOURS.map((_, i) => i);
    this.x.domain(bins).range([0, this.f.width]).padding(0.08);
    this.y.range([this.f.height, 0]);
    this.f.plot
      .append('g')
      .attr('class', 'axis')
      .attr('transform', `translate(0,${this.f.height})`)
      .call(
        axisBottom(this.x)
          .tickValues(bins.filter((b) => b % 2 === 0))
          .tickFormat((b) => label(HANDLING_EDGES_HOURS[b]!)),
      )
      .selectAll('text')
      .attr('transform', 'translate(-6,0)');
    const limits = replay.meta.timeLimitsHours;
    (Object.entries(limits) as [string, number][]).forEach(([p, h], k) => {
      const bin = HANDLING_EDGES_HOURS.findIndex((e) => e >= h);
      const x = bin < 0 ? this.f.width : (this.x(bin) ?? 0) - (this.x.step() * this.x.paddingInner()) / 2 + (HANDLING_EDGES_HOURS[bin] === h ? 0 : this.x.step() / 2);
      this.f.plot.append('line').attr('class', 'limit').attr('x1', x).attr('x2', x).attr('y1', 0).attr('y2', this.f.height);
      this.f.plot.append('text').attr('class', 'limit-label').attr('x', x + 2).attr('y', 18 + 9 * k).text(`${p} ${label(h)}`);
    });
    this.caption = this.f.svg.append('text').attr('class', 'caption').attr('x', width - 12).attr('y', 27).attr('text-anchor', 'end');
  }

  get node(): SVGSVGElement {
    return this.f.svg.node()!;
  }

  draw(t: number): void {
    const r = this.replay;
    const through = Math.min(Math.floor(t / 24), r.daysDone - 1);
    const key = `${through}:${r.daysDone}`;
    if (key === this.key) return;
    this.key = key;
    const counts = new Array(r.bins).fill(0);
    for (let d = 0; d <= through; d++) for (let b = 0; b < r.bins; b++) counts[b] += r.handling[d * r.bins + b]!;
    const total = counts.reduce((a, b) => a + b, 0);
    this.y.domain([0, Math.max(1, ...counts)]).nice();
    this.f.plot.selectAll('.yaxis').remove();
    this.f.plot.append('g').attr('class', 'axis yaxis').call(axisLeft(this.y).ticks(4, '~s'));
    this.f.plot
      .selectAll('rect.bin')
      .data(counts)
      .join('rect')
      .attr('class', 'bin')
      .attr('x', (_, b) => this.x(b)!)
      .attr('width', this.x.bandwidth())
      .attr('y', (v) => this.y(v))
      .attr('height', (v) => this.f.height - this.y(v));
    this.caption.text(through < 0 ? 'no day complete yet' : `${total.toLocaleString('en-US')} closed through day ${through}`);
  }
}
