import { interpolateBlues, interpolateRdBu, interpolateYlOrRd } from 'd3';

/** What the grid cells are coloured by. */
export type MapMetric = 'backlog' | 'load' | 'diff';

/**
 * The colour domains of the maps on screen. Compare mode gives both maps one object, so the same
 * number of open cases has the same colour on both sides.
 */
export interface ColorDomain {
  /** Open cases that get the darkest colour (the most any grid of any run on screen reached). */
  backlogMax(): number;
  /** |A − B| open cases that gets the strongest colour of the difference map. */
  diffMax(): number;
}

/** Colour of a cell for a value u in [0, 1] of the metric's domain (diff: 0.5 is no difference). */
export function mapColor(metric: MapMetric, u: number): string {
  if (metric === 'diff') return interpolateRdBu(1 - u); // red: A has more open cases than B
  return (metric === 'backlog' ? interpolateYlOrRd : interpolateBlues)(0.05 + 0.9 * u);
}

/** The domain of a metric, in its units, [low, high]. */
export function metricDomain(metric: MapMetric, d: ColorDomain): [number, number] {
  if (metric === 'load') return [0, 1];
  if (metric === 'diff') return [-d.diffMax(), d.diffMax()];
  return [0, d.backlogMax()];
}

export const METRIC_TITLE: Record<MapMetric, string> = {
  backlog: 'open cases in the grid at the end of the hour (exact)',
  load: 'grid worker utilization that day, busy ÷ on duty (exact)',
  diff: 'open cases in the grid, A − B (red: A has more)',
};
