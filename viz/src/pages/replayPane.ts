import type { Replay } from '../../../sim/replay/reader.ts';
import { ReplayCursor, STATE_NAMES } from '../state/cursor.ts';
import { detailsOf } from '../views/details.ts';
import { el, fmtInt } from '../views/dom.ts';
import { MapView, STATE_COLORS, type MapMetric, type Selection } from '../views/mapView.ts';
import { TierView } from '../views/tierView.ts';
import { totalsAt } from '../views/timeline.ts';

/** One replay on screen: its map, tier view, counters and the details of what was picked. */
export class ReplayPane {
  readonly root = el('section', { class: 'pane' });
  readonly cursor: ReplayCursor;
  readonly map: MapView;
  readonly tiers: TierView;
  private readonly counters = el('div', { class: 'pane-counters', 'data-testid': 'pane-counters' });
  private readonly details = el('div', { class: 'details-slot' });
  private readonly tip = el('div', { class: 'tip' });
  private selection: Selection = null;
  private t = 0;
  onSelect: (s: Selection, label: string | null, desks: number[]) => void = () => {};

  constructor(
    readonly replay: Replay,
    title: string,
  ) {
    this.cursor = new ReplayCursor(replay);
    this.map = new MapView(
      replay,
      this.cursor,
      (s) => this.pick(s),
      (s, x, y) => this.hover(s, x, y),
    );
    this.tiers = new TierView(replay, this.cursor);
    const m = replay.meta;
    const sample = m.sample.caseFraction < 1 ? ` · case tracks sampled ${(100 * m.sample.caseFraction).toFixed(m.sample.caseFraction < 0.01 ? 1 : 0)}%` : '';
    const head = el('h2', {}, title, el('small', {}, ` ${m.scenario} · ${m.policy} · seed ${m.seed} · ${m.horizonHours / 24} days${sample}`));
    const mapBox = el('div', { class: 'map-box' }, this.map.canvas, this.tip);
    const legend = el('div', { class: 'legend' }, ...[1, 2, 3, 4, 5, 6, 7].map((s) => el('span', {}, el('i', { style: `background:${STATE_COLORS[s]}` }), STATE_NAMES[s]!)));
    this.root.append(head, this.counters, mapBox, legend, this.tiers.root, this.details);
    this.details.append(detailsOf(replay, this.cursor, null, 0));
  }

  setMetric(m: MapMetric): void {
    this.map.metric = m;
  }

  resize(width: number): void {
    this.map.resize(width);
  }

  private hover(s: Selection, x: number, y: number): void {
    if (!s) {
      this.tip.style.display = 'none';
      return;
    }
    this.tip.style.display = 'block';
    this.tip.style.left = `${x + 12}px`;
    this.tip.style.top = `${y + 8}px`;
    this.tip.textContent = this.map.describe(s, this.t);
  }

  pick(s: Selection): void {
    this.selection = s;
    this.map.select(s);
    this.renderDetails();
    const r = this.replay;
    if (s?.kind === 'desk') this.onSelect(s, r.desks[s.id]!.name, [s.id]);
    else if (s?.kind === 'grid') this.onSelect(s, `grid ${r.territory.grids.name[s.index]}`, r.desks.filter((d) => d.role === 'gridWorker' && d.unit === s.index).map((d) => d.id));
    else this.onSelect(s, null, []);
  }

  private renderDetails(): void {
    this.details.replaceChildren(detailsOf(this.replay, this.cursor, this.selection, this.t));
  }

  draw(t: number, jumped: boolean): void {
    const restarted = this.cursor.seek(t);
    this.t = t;
    this.map.draw(t, jumped || restarted);
    this.tiers.draw(t);
    const c = totalsAt(this.replay, t);
    this.counters.innerHTML = '';
    this.counters.append(
      el('span', { 'data-counter': 'created' }, `created ${fmtInt(c.created)}`),
      el('span', { 'data-counter': 'closed' }, `closed ${fmtInt(c.closed)}`),
      el('span', { 'data-counter': 'open' }, `open ${fmtInt(c.open)}`),
      el('span', { 'data-counter': 'marks' }, `marks ${fmtInt(this.map.marksDrawn)}`),
    );
    if (jumped && this.selection) this.renderDetails();
  }
}
