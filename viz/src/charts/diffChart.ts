import { line, scaleLinear } from 'd3';
import type { Replay } from '../../../sim/replay/reader.ts';
import { clipAt, frame, legendRow, timeAxes, warmupBand, type Frame } from './frame.ts';

/** Compare mode: A − B per hour of the total backlog and of the cumulative closed cases. */
export class DiffChart {
  private readonly f: Frame;
  private readonly x = scaleLinear();
  private readonly y = scaleLinear();
  private readonly cursor;
  private readonly note;
  private key = '';

  constructor(
    readonly a: Replay,
    readonly b: Replay,
    width = 940,
  ) {
    this.f = frame(`A − B (${a.meta.policy} − ${b.meta.policy}), all cases`, width, 200, 'chart-diff');
    this.x.range([0, this.f.width]).domain([0, Math.max(a.meta.horizonHours, b.meta.horizonHours)]);
    this.y.range([this.f.height, 0]);
    legendRow(this.f, [
      { label: 'backlog, all tiers (visits)', color: '#e53935', cls: 'backlog' },
      { label: 'cases closed so far', color: '#1e88e5', cls: 'closed' },
    ]);
    warmupBand(this.f, this.x, Math.max(a.meta.warmupHours, b.meta.warmupHours));
    this.cursor = this.f.plot.append('line').attr('class', 'cursor').attr('y1', 0).attr('y2', this.f.height);
    this.note = this.f.plot.append('text').attr('class', 'caption warn').attr('x', this.f.width - 4).attr('y', 10).attr('text-anchor', 'end');
  }

  get node(): SVGSVGElement {
    return this.f.svg.node()!;
  }

  /** Hours both runs have: the difference exists only there. */
  get hours(): number {
    return Math.min(this.a.hoursDone, this.b.hoursDone);
  }

  /** The two series, one value per hour both runs have (from 0 at t = 0). */
  series(): { backlog: number[]; closed: number[] } {
    const backlog: number[] = [0];
    const closed: number[] = [0];
    let ca = 0;
    let cb = 0;
    for (let h = 0; h < this.hours; h++) {
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
      timeAxes(this.f, this.x, this.y, 'A − B (cases or visits)');
      this.f.plot.selectAll('line.zero').data([0]).join('line').attr('class', 'zero').attr('x1', 0).attr('x2', this.f.width).attr('y1', this.y(0)).attr('y2', this.y(0));
      const l = line<number>().x((_, i) => this.x(i)).y((v) => this.y(v));
      this.f.series.selectAll('path.series').data([s.backlog, s.closed]).join('path').attr('class', (_, i) => `series ${i ? 'closed' : 'backlog'}`).attr('fill', 'none').attr('d', (v) => l(v));
      this.cursor.raise();
    }
    const end = Math.min(t, this.hours);
    clipAt(this.f, this.x, end);
    // Say why the difference stops when one run is shorter than the clock can go.
    this.note.text(t > this.hours + 1e-9 ? `the difference ends at day ${(this.hours / 24).toFixed(1)}: ${this.a.hoursDone < this.b.hoursDone ? 'A' : 'B'} has no data after it` : '');
    this.cursor.attr('x1', this.x(t)).attr('x2', this.x(t));
  }
}
