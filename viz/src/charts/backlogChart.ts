import { line, scaleLinear } from 'd3';
import { STAT_TIER_NAMES } from '../../../sim/replay/format.ts';
import type { Replay } from '../../../sim/replay/reader.ts';
import { frame, TIER_COLORS, timeAxes, type Frame } from './frame.ts';

/** Visits present per tier at the end of each hour (exact), with the clock's time marked. */
export class BacklogChart {
  private readonly f: Frame;
  private readonly x = scaleLinear();
  private readonly y = scaleLinear();
  private readonly cursor;
  private drawnHours = -1;

  constructor(
    readonly replay: Replay,
    private readonly seek: (t: number) => void,
    width = 460,
  ) {
    this.f = frame('backlog per tier (visits waiting or in service)', width, 190, 'chart-backlog');
    this.x.range([0, this.f.width]).domain([0, replay.meta.horizonHours]);
    this.y.range([this.f.height, 0]);
    const legend = this.f.svg.append('g').attr('transform', `translate(${width - 12},27)`).attr('text-anchor', 'end');
    STAT_TIER_NAMES.forEach((t, i) => legend.append('text').attr('x', -i * 62).attr('fill', TIER_COLORS[t]!).attr('class', 'legend').text(t));
    this.cursor = this.f.plot.append('line').attr('class', 'cursor').attr('y1', 0).attr('y2', this.f.height);
    this.f.svg.on('click', (e: MouseEvent) => {
      const scale = this.node.getBoundingClientRect().width / width; // the SVG may be drawn scaled
      this.seek(Math.max(0, this.x.invert(e.offsetX / scale - 44)));
    });
  }

  get node(): SVGSVGElement {
    return this.f.svg.node()!;
  }

  draw(t: number): void {
    const r = this.replay;
    if (this.drawnHours !== r.hoursDone) {
      this.drawnHours = r.hoursDone;
      let max = 1;
      for (const s of r.tiers) for (const v of s.present) if (v > max) max = v;
      this.y.domain([0, max]).nice();
      timeAxes(this.f, this.x, this.y);
      const l = line<number>().x((_, i) => this.x(i + 1)).y((v) => this.y(v));
      this.f.plot.selectAll('path.series').data(r.tiers).join('path').attr('class', 'series').attr('fill', 'none').attr('stroke', (_, i) => TIER_COLORS[STAT_TIER_NAMES[i]!]!).attr('d', (s) => l(s.present));
      this.cursor.raise();
    }
    this.cursor.attr('x1', this.x(t)).attr('x2', this.x(t));
  }
}
