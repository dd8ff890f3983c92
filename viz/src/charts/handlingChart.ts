import { axisBottom, axisLeft, scaleBand, scaleLinear } from 'd3';
import { HANDLING_EDGES_HOURS } from '../../../sim/replay/format.ts';
import type { Replay } from '../../../sim/replay/reader.ts';
import { axisTitles, frame, type Frame } from './frame.ts';

const label = (h: number) => (h < 24 ? `${h}h` : `${h / 24}d`);

/** Whole days completed by time t (the histogram is kept per day, so a day counts once it ends). */
export function daysCompleted(r: Replay, t: number): number {
  return Math.max(0, Math.min(Math.floor(t / 24 + 1e-9), r.daysDone));
}

/**
 * Handling time (registration → closure) of the cases closed in the days completed by the
 * clock's time (exact; all cases, warm-up included), on uneven bins, with the time limit of
 * each priority marked. It never counts past the clock: a day counts once it is over.
 */
export class HandlingChart {
  private readonly f: Frame;
  private readonly x = scaleBand<number>();
  private readonly y = scaleLinear();
  private readonly caption;
  private key = '';
  /** Cases the bars count now (tests compare it with the closed counter). */
  counted = 0;

  constructor(
    readonly replay: Replay,
    width = 460,
  ) {
    this.f = frame('handling time of closed cases', width, 200, 'chart-handling');
    const bins = HANDLING_EDGES_HOURS.map((_, i) => i);
    this.x.domain(bins).range([0, this.f.width]).padding(0.08);
    this.y.range([this.f.height, 0]);
    this.f.plot
      .append('g')
      .attr('class', 'axis')
      .attr('transform', `translate(0,${this.f.height})`)
      .call(
        axisBottom(this.x)
          .tickValues(bins.filter((b) => b % 3 === 0))
          .tickFormat((b) => label(HANDLING_EDGES_HOURS[b]!)),
      )
      .selectAll('text')
      .attr('text-anchor', 'start')
      .attr('dx', -this.x.step() / 2);
    const limits = replay.meta.timeLimitsHours;
    const entries = Object.entries(limits) as [string, number][];
    entries.forEach(([p, h]) => {
      const bin = HANDLING_EDGES_HOURS.findIndex((e) => e >= h);
      const x = bin < 0 ? this.f.width : (this.x(bin) ?? 0) - (this.x.step() * this.x.paddingInner()) / 2 + (HANDLING_EDGES_HOURS[bin] === h ? 0 : this.x.step() / 2);
      this.f.plot.append('line').attr('class', 'limit').attr('x1', x).attr('x2', x).attr('y1', 0).attr('y2', this.f.height).append('title').text(`time limit, ${p}: ${label(h)}`);
      this.f.plot.append('text').attr('class', 'limit-label').attr('x', x + 2).attr('y', 8).text(p[0]!.toUpperCase());
    });
    this.f.legend.append('text').attr('class', 'limit-label').text(`dashed: time limits ${entries.map(([p, h]) => `${p[0]!.toUpperCase()} ${label(h)}`).join(' · ')}`).append('title').text(entries.map(([p, h]) => `${p}: ${label(h)}`).join(', '));
    axisTitles(this.f, 'registration → closure (h, d; uneven bins)', 'cases closed');
    // inside the plot's top right, under the limit letters: the legend line has no room left at 1000 px
    this.caption = this.f.plot.append('text').attr('class', 'caption').attr('x', this.f.width - 4).attr('y', 22).attr('text-anchor', 'end');
  }

  get node(): SVGSVGElement {
    return this.f.svg.node()!;
  }

  draw(t: number): void {
    const r = this.replay;
    const days = daysCompleted(r, t);
    const key = `${days}:${r.daysDone}`;
    if (key === this.key) return;
    this.key = key;
    const counts = new Array(r.bins).fill(0);
    for (let d = 0; d < days; d++) for (let b = 0; b < r.bins; b++) counts[b] += r.handling[d * r.bins + b]!;
    this.counted = counts.reduce((a, b) => a + b, 0);
    this.node.dataset.endHours = String(days * 24);
    this.node.dataset.counted = String(this.counted);
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
    this.caption.text(days === 0 ? 'no whole day over yet' : `${this.counted.toLocaleString('en-US')} closed in days 0–${days - 1}`);
  }
}
