import { el } from './dom.ts';
import { mapColor, metricDomain, METRIC_TITLE, type ColorDomain, type MapMetric } from './mapColors.ts';
import { STATE_COLORS } from './mapView.ts';
import { STATE_NAMES } from '../state/cursor.ts';

/**
 * One legend for the map(s) on screen: the colour ramp of the shared domain with its numbers,
 * and what the marks are (a sample of the cases, coloured by state).
 */
export class MapLegend {
  readonly root = el('div', { class: 'map-legend', id: 'map-legend' });
  private key = '';

  constructor(
    private readonly domain: ColorDomain,
    private readonly caseFractions: number[],
  ) {}

  draw(metric: MapMetric): void {
    const [lo, hi] = metricDomain(metric, this.domain);
    const key = `${metric}:${lo}:${hi}`;
    if (key === this.key) return;
    this.key = key;
    this.root.dataset.domain = `${lo},${hi}`;
    const stops = Array.from({ length: 11 }, (_, i) => `${mapColor(metric, i / 10)} ${i * 10}%`).join(', ');
    const fmt = (x: number) => (metric === 'load' ? `${Math.round(100 * x)}%` : String(Math.round(x)));
    const ramp = el('span', { class: 'ramp' }, el('span', { class: 'lo' }, fmt(lo)), el('i', { style: `background: linear-gradient(to right, ${stops})` }), el('span', { class: 'hi' }, `${fmt(hi)}${metric === 'load' ? '' : '+'}`));
    const f = this.caseFractions;
    const sample = f.every((x) => x >= 1) ? 'every case' : `a sample of the cases (${f.map((x) => `${+(100 * x).toFixed(1)}%`).join(' / ')} of the tracks)`;
    const marks = el(
      'span',
      { class: 'marks', title: 'Each mark is one open case of the sampled tracks, drawn where it is now; counts, colours and charts use every case (exact).' },
      `marks: ${sample}, by state `,
      ...[1, 2, 3, 4, 5, 6, 7].map((s) => el('span', { class: 'state' }, el('i', { style: `background:${STATE_COLORS[s]}` }), STATE_NAMES[s]!)),
    );
    this.root.replaceChildren(el('span', { class: 'metric-title' }, `cells: ${METRIC_TITLE[metric]}`), ramp, marks);
  }
}
