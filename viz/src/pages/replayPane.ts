import type { Replay } from '../../../sim/replay/reader.ts';
import { ReplayCursor } from '../state/cursor.ts';
import { detailsOf } from '../views/details.ts';
import { el, fmtInt } from '../views/dom.ts';
import type { ColorDomain } from '../views/mapColors.ts';
import { MapView, type MapMetric, type Selection } from '../views/mapView.ts';
import { TierView } from '../views/tierView.ts';
import { totalsAt } from '../views/timeline.ts';

/** One replay on screen: its map and counters; its tier view and details go where the page puts them. */
export class ReplayPane {
  readonly root = el('section', { class: 'pane' });
  readonly cursor: ReplayCursor;
  readonly map: MapView;
  readonly tiers: TierView;
  readonly details = el('div', { class: 'details-slot' });
  private readonly counters = el('div', { class: 'pane-counters', 'data-testid': 'pane-counters' });
  private readonly tip = el('div', { class: 'tip' });
  selection: Selection = null;
  private t = 0;
  onSelect: (s: Selection, label: string | null, desks: number[]) => void = () => {};

  constructor(
    readonly replay: Replay,
    readonly title: string,
    domain: ColorDomain,
    other: Replay | null,
    barMax?: (t: number) => number,
  ) {
    this.cursor = new ReplayCursor(replay);
    this.map = new MapView(
      replay,
      this.cursor,
      domain,
      other,
      (s) => this.pick(s),
      (s, x, y) => this.hover(s, x, y),
    );
    this.tiers = new TierView(replay, this.cursor, barMax);
    const m = replay.meta;
    const sample = m.sample.caseFraction < 1 ? ` · ${+(100 * m.sample.caseFraction).toFixed(1)}% of tracks` : '';
    const head = el('h2', { class: 'pane-title' }, title, el('small', {}, ` ${m.scenario} · ${m.policy} · seed ${m.seed} · ${+(m.horizonHours / 24).toFixed(2)} days (${+(m.warmupHours / 24).toFixed(2)} warm-up)${sample}`));
    const zoom = el(
      'div',
      { class: 'zoom' },
      ...(
        [
          ['+', 'zoom in (+)', () => this.map.zoomAt(this.map.width / 2, this.map.height / 2, 1.5)],
          ['−', 'zoom out (−)', () => this.map.zoomAt(this.map.width / 2, this.map.height / 2, 1 / 1.5)],
          ['⟲', 'whole map (0)', () => this.map.resetView()],
        ] as [string, string, () => void][]
      ).map(([label, title, f]) => {
        const b = el('button', { type: 'button', title, 'aria-label': title }, label);
        b.onclick = f;
        return b;
      }),
    );
    const mapBox = el('div', { class: 'map-box' }, this.map.canvas, zoom, this.tip);
    this.root.append(head, this.counters, mapBox);
    // one hint for the page: the second pane's slot stays empty until something is picked in it
    if (title !== 'B') this.details.append(detailsOf(replay, this.cursor, null, 0));
  }

  setMetric(m: MapMetric): void {
    this.map.metric = m;
  }

  resize(width: number, maxHeight: number): void {
    this.map.resize(width, maxHeight);
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
    if (!this.selection && this.title === 'B') {
      this.details.replaceChildren();
      return;
    }
    const box = detailsOf(this.replay, this.cursor, this.selection, this.t);
    if (this.title.length === 1) box.querySelector('h3')?.prepend(`${this.title}: `);
    this.details.replaceChildren(box);
  }

  draw(t: number, jumped: boolean): void {
    const restarted = this.cursor.seek(t);
    this.t = t;
    this.map.draw(t, jumped || restarted);
    this.tiers.draw(t);
    const c = totalsAt(this.replay, t);
    this.counters.replaceChildren(
      el('span', { 'data-counter': 'created', title: 'cases created by the end of the last full hour (all cases, warm-up included; exact)' }, `created ${fmtInt(c.created)}`),
      el('span', { 'data-counter': 'closed', title: 'cases closed by the end of the last full hour (exact)' }, `closed ${fmtInt(c.closed)}`),
      el('span', { 'data-counter': 'open', title: 'created − closed (exact)' }, `open ${fmtInt(c.open)}`),
      el('span', { 'data-counter': 'marks', title: `case marks on the map now: ${this.replay.meta.sample.caseFraction < 1 ? `the ${+(100 * this.replay.meta.sample.caseFraction).toFixed(1)}% sample of the tracks` : 'every case'}` }, `marks ${fmtInt(this.map.marksDrawn)}`),
    );
    if (this.selection && (jumped || Math.floor(t) !== Math.floor(this.lastDetailsT))) {
      this.lastDetailsT = t;
      this.renderDetails();
    }
  }
  private lastDetailsT = -1;
}
