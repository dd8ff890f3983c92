import { line, scaleLinear } from 'd3';
import type { Replay } from '../../../sim/replay/reader.ts';
import { frame, timeAxes, type Frame } from './frame.ts';

/** Compare mode: A − B per hour of the total backlog and of the cumulative closed cases. */
export class DiffChart {
  private readonly f: Frame;
  private readonly x = scaleLinear();
  private readonly y = scaleLinear();
  private readonly cursor;
  private key = '';

  constructor(
    readonly a: Replay,
    readonly b: Replay,
    width = 940,
  ) {
    this.f = frame(`difference A − B  (A = ${a.meta.policy}, B = ${b.meta.policy})`, width, 210, 'chart-diff');
    this.x.range([0, this.f.width]).domain([0, Math.max(a.meta.horizonHours, b.meta.horizonHours)]);
    this.y.range([this.f.height, 0]);
    const legend = this.f.svg.append('g').attr('transform', `translate(${width - 12},27)`).attr('text-anchor', 'end');
    legend.append('text').attr('class', 'legend backlog').text('backlog, all tiers');
    legend.append('text').attr('class', 'legend closed').attr('x', -120).text('cases closed so far');
    this.cursor = this.f.plot.append('line').attr('class', 'cursor').attr('y1', 0).attr('y2', this.f.height);
  }

  get node(): SVGSVGElement {
    return this.f.svg.node()!;
  }

  /** The two series, one value per hour both runs have. */
  series(): { backlog: number[]; closed: number[] } {
    const hours = Math.min(this.a.hoursDone, this.b.hoursDone);
    const backlog: number[] = [];
    const closed: number[] = [];
    let ca = 0;
    let cb = 0;
    for (let h = 0; h < hours; h++) {
      let pa = 0;
      let pb = 0;
      for (const s of this.a.tiers) pa += s.present[h]!;
      for (const s of this.b.tiers) pb += s.present[h]!;
      ca += this.a.totals.closed[h]!;
      cb += this.b.totals.closed[h]!;
      backlog.push(pa - pb);
      closed.push(ca - cb);
    }
    return { backlog, closed };
  }

  draw(t: number): void {
    const key = `${this.a.hoursDone}:${this.b.hoursDone}`;
    if (key !== this.key) {
      this.key = key;
      const s = this.series();
      const all = [...s.backlog, ...s.closed, 0];
      this.y.domain([Math.min(...all), Math.max(...all, 1)]).nice();
      timeAxes(this.f, this.x, this.y);
      this.f.plot.selectAll('line.zero').data([0]).join('line').attr('class', 'zero').attr('x1', 0).attr('x2', this.f.width).attr('y1', this.y(0)).attr('y2', this.y(0));
      const l = line<number>().x((_, i) => this.x(i + 1)).y((v) => this.y(v));
      this.f.plot.selectAll('path.series').data([s.backlog, s.closed]).join('path').attr('class', (_, i) => `series ${i ? 'closed' : 'backlog'}`).attr('fill', 'none').attr('d', (v) => l(v));
      this.cursor.raise();
    }
    this.cursor.attr('x1', this.x(t)).attr('x2', this.x(t));
  }
}
