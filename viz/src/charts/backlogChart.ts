import { line, scaleLinear } from 'd3';
import { STAT_TIER_NAMES } from '../../../sim/replay/format.ts';
import type { Replay } from '../../../sim/replay/reader.ts';
import { clipAt, frame, legendRow, TIER_COLORS, timeAxes, warmupBand, type Frame } from './frame.ts';

/** The highest backlog of any tier in a replay so far (compare mode shares the largest). */
export function backlogMax(r: Replay): number {
  let max = 1;
  for (const s of r.tiers) for (const v of s.present) if (v > max) max = v;
  return max;
}

/**
 * Visits present per tier at the end of each hour (exact), drawn up to the clock's time, the
 * warm-up shaded. In compare mode both charts get the same y-axis (`yMax`).
 */
export class BacklogChart {
  private readonly f: Frame;
  readonly x = scaleLinear();
  readonly y = scaleLinear();
  private readonly cursor;
  private key = '';

  constructor(
    readonly replay: Replay,
    private readonly seek: (t: number) => void,
    width = 460,
    private readonly yMax: () => number = () => backlogMax(replay),
    title = 'backlog per tier',
    horizonHours = replay.meta.horizonHours,
  ) {
    this.f = frame(title, width, 200, 'chart-backlog');
    this.x.range([0, this.f.width]).domain([0, horizonHours]);
    this.y.range([this.f.height, 0]);
    legendRow(this.f, STAT_TIER_NAMES.map((t) => ({ label: t, color: TIER_COLORS[t]! })));
    warmupBand(this.f, this.x, replay.meta.warmupHours);
    this.cursor = this.f.plot.append('line').attr('class', 'cursor').attr('y1', 0).attr('y2', this.f.height);
    this.f.svg.on('click', (e: MouseEvent) => {
      const scale = this.node.getBoundingClientRect().width / width; // the SVG may be drawn scaled
      this.seek(Math.max(0, this.x.invert(e.offsetX / scale - 52)));
    });
  }

  get node(): SVGSVGElement {
    return this.f.svg.node()!;
  }

  draw(t: number): void {
    const r = this.replay;
    const max = this.yMax();
    const key = `${r.hoursDone}:${max}`;
    if (key !== this.key) {
      this.key = key;
      this.y.domain([0, max]).nice();
      this.node.dataset.yMax = String(this.y.domain()[1]);
      timeAxes(this.f, this.x, this.y, 'visits waiting or in service');
      // a point per hour's end; the series start at 0 at t = 0
      const l = line<number>().x((_, i) => this.x(i)).y((v) => this.y(v));
      this.f.series.selectAll('path.series').data(r.tiers).join('path').attr('class', 'series').attr('fill', 'none').attr('stroke', (_, i) => TIER_COLORS[STAT_TIER_NAMES[i]!]!).attr('d', (s) => l([0, ...s.present]));
      this.cursor.raise();
    }
    clipAt(this.f, this.x, Math.min(t, r.hoursDone));
    this.cursor.attr('x1', this.x(t)).attr('x2', this.x(t));
  }
}
