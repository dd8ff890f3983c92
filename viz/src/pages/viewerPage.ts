import type { Replay } from '../../../sim/replay/reader.ts';
import { BacklogChart, backlogMax } from '../charts/backlogChart.ts';
import { addChartStyle } from '../charts/chartStyle.ts';
import { DiffChart } from '../charts/diffChart.ts';
import { HandlingChart } from '../charts/handlingChart.ts';
import { UtilizationChart } from '../charts/utilizationChart.ts';
import { download, downloadSvg, viewPng } from '../export/download.ts';
import { ResultsPanel } from '../results/resultsPanel.ts';
import type { Interval } from '../results/resultRows.ts';
import { Clock, clockLabel } from '../state/clock.ts';
import { compareWarnings } from '../views/compareWarnings.ts';
import { el } from '../views/dom.ts';
import { MapLegend } from '../views/mapLegend.ts';
import type { ColorDomain, MapMetric } from '../views/mapColors.ts';
import type { Selection } from '../views/mapView.ts';
import { Timeline } from '../views/timeline.ts';
import { WARMUP_TEXT } from '../charts/frame.ts';
import { ReplayPane } from './replayPane.ts';

/** What a deep link restores: the clock's time and the selection ("<pane>:<kind>:<id>", a case by its id). */
export interface ViewState {
  t: number;
  sel: string | null;
}

export interface ViewerOptions {
  /** The paired intervals of A − B, when the two runs are replications of a compare. */
  paired?: Promise<Record<string, Interval> | null>;
  /** Called when the time (paused) or the selection changes: the page keeps it in the URL. */
  onState?: (s: ViewState) => void;
  /** File-name stem of exports. */
  name?: string;
}

export interface Viewer {
  clock: Clock;
  panes: ReplayPane[];
  results: ResultsPanel;
  legend: MapLegend;
  domain: ColorDomain;
  warnings: string[];
  /** Call when a replay grew (the playground): the clock's end, the charts and the results follow. */
  refresh(): void;
  state(): ViewState;
  restore(s: Partial<ViewState>): void;
  destroy(): void;
}

type Chart = { node: SVGSVGElement; draw(t: number): void };

/** Max of a per-replay quantity, recomputed only when a replay grew. */
function cachedMax(replays: Replay[], f: (r: Replay) => number): () => number {
  let key = '';
  let value = 1;
  return () => {
    const k = replays.map((r) => r.hoursDone).join(':');
    if (k !== key) {
      key = k;
      value = Math.max(1, ...replays.map(f));
    }
    return value;
  };
}

/** One colour domain for every map on screen: the most open cases of any grid, and of |A − B|. */
export function sharedDomain(replays: Replay[]): ColorDomain {
  const gridMax = (r: Replay) => {
    let m = 1;
    const n = r.hoursDone * r.gridCount;
    for (let i = 0; i < n; i++) if (r.gridOpen[i]! > m) m = r.gridOpen[i]!;
    return m;
  };
  const [a, b] = replays;
  const diffMax = (): number => {
    if (!a || !b || a.gridCount !== b.gridCount) return 1;
    let m = 1;
    const n = Math.min(a.hoursDone, b.hoursDone) * a.gridCount;
    for (let i = 0; i < n; i++) m = Math.max(m, Math.abs(a.gridOpen[i]! - b.gridOpen[i]!));
    return m;
  };
  return { backlogMax: cachedMax(replays, gridMax), diffMax: cachedMax(replays.slice(0, 1), diffMax) };
}

/**
 * One replay, or two side by side (compare mode), on one clock: every view draws the clock's
 * time. A dashboard: timeline on top; maps with one legend beside the results, tier views and
 * details; the charts below.
 */
export function mountViewer(root: HTMLElement, replays: Replay[], opts: ViewerOptions = {}): Viewer {
  addChartStyle();
  const clock = new Clock();
  const compare = replays.length > 1;
  const names = compare ? ['A', 'B'] : ['run'];
  const timeline = new Timeline(clock, replays);
  const domain = sharedDomain(replays);
  const comparable = compare && replays[0]!.gridCount === replays[1]!.gridCount;
  const metric = el(
    'select',
    { id: 'metric', 'aria-label': 'colour grids by' },
    el('option', { value: 'backlog' }, 'grids: open cases'),
    el('option', { value: 'load' }, 'grids: worker utilization (day)'),
    ...(comparable ? [el('option', { value: 'diff' }, 'grids: A − B open cases')] : []),
  );
  // tier bars: one scale for both runs in compare mode
  const panes: ReplayPane[] = [];
  const barMax = compare ? (t: number) => Math.max(1, ...panes.flatMap((p) => p.tiers.resolvedAt(t))) : undefined;
  replays.forEach((r, i) => panes.push(new ReplayPane(r, names[i]!, domain, compare ? replays[1 - i]! : null, barMax)));
  const legend = new MapLegend(domain, replays.map((r) => r.meta.sample.caseFraction));
  const warnings = compare ? compareWarnings(replays[0]!, replays[1]!) : [];
  const results = new ResultsPanel(() => replays.map((r) => r.summary), names);
  opts.paired?.then((p) => p && results.setPaired(p)).catch(() => {});

  const charts: Chart[] = [];
  const chartW = Math.max(300, Math.min(560, Math.floor(((root.clientWidth || 1360) - 24) / 3) - 4));
  const seek = (t: number) => clock.seek(t);
  let util: UtilizationChart | null = null;
  if (compare) {
    const horizon = Math.max(...replays.map((r) => r.meta.horizonHours));
    const yMax = cachedMax(replays, backlogMax); // both backlog charts on one y-axis
    charts.push(new DiffChart(replays[0]!, replays[1]!, chartW));
    replays.forEach((r, i) => charts.push(new BacklogChart(r, seek, chartW, yMax, `backlog per tier, ${names[i]} (${r.meta.policy})`, horizon)));
  } else {
    const r = replays[0]!;
    util = new UtilizationChart(r, chartW);
    charts.push(new BacklogChart(r, seek, chartW), new HandlingChart(r, chartW), util);
    panes[0]!.onSelect = (_, label, desks) => util!.select(label, desks);
  }
  const chartRow = el('div', { class: 'charts' });
  charts.forEach((c, i) => {
    const name = `${opts.name ?? 'gridgov'}-${c.node.id.replace(/^chart-/, '')}${compare && c.node.id === 'chart-backlog' ? `-${names[i - 1]}` : ''}.svg`;
    const save = el('button', { type: 'button', class: 'svg-export', title: `save this chart as SVG (${name})` }, 'SVG');
    save.onclick = () => downloadSvg(c.node, name);
    chartRow.append(el('figure', { class: 'chart-box' }, c.node, save));
  });

  const exportPng = el('button', { type: 'button', id: 'export-png', title: 'the maps and charts as one PNG' }, 'PNG');
  const exportCsv = el('button', { type: 'button', id: 'export-csv', title: 'the results table as CSV' }, 'results CSV');
  const copyLink = el('button', { type: 'button', id: 'copy-link', title: 'a link to this replay, moment and selection' }, 'link');
  const dash = el('div', { class: `dash${compare ? ' two' : ''}` });
  const paneRow = el('div', { class: 'panes' }, ...panes.map((p) => p.root));
  const warmup = replays[0]!.meta.warmupHours;
  const mapsCol = el('div', { class: 'maps' }, paneRow, legend.root, el('p', { class: 'hint warmup-note' }, `Warm-up ${+(warmup / 24).toFixed(2)} days (shaded on the time axes): ${WARMUP_TEXT.replace(/^Warm-up: /, '')}`));
  const tierBlocks = panes.map((p) => el('div', { class: 'tier-block' }, el('h3', {}, compare ? `tiers, ${p.title} (${p.replay.meta.policy})` : 'tiers'), p.tiers.root));
  const side = el('aside', { class: 'side' }, ...panes.map((p) => p.details), results.root, ...tierBlocks);
  dash.append(mapsCol, side);
  const warn = warnings.length ? el('div', { class: 'warning', id: 'compare-warning', role: 'alert' }, el('strong', {}, 'These runs are not like for like: '), warnings.join('; '), '.') : null;
  root.replaceChildren(el('div', { class: 'toolbar' }, timeline.root, metric, el('span', { class: 'exports' }, 'export ', exportPng, exportCsv, copyLink)), ...(warn ? [warn] : []), dash, chartRow);

  metric.onchange = () => {
    panes.forEach((p) => p.setMetric(metric.value as MapMetric));
    legend.draw(metric.value as MapMetric);
    clock.seek(clock.t);
  };
  legend.draw('backlog');
  const stem = opts.name ?? 'gridgov';
  exportPng.onclick = async () => {
    const caption = `gridgov · ${replays.map((r, i) => `${compare ? `${names[i]} ` : ''}${r.meta.scenario} ${r.meta.policy} seed ${r.meta.seed}`).join(' vs ')} · ${clockLabel(clock.t, replays[0]!.meta.startDayOfWeek)}`;
    download(`${stem}-view.png`, await viewPng(root, caption));
  };
  exportCsv.onclick = () => download(`${stem}-results.csv`, new Blob([results.csv()], { type: 'text/csv' }));
  copyLink.onclick = () => {
    emit(true);
    void navigator.clipboard?.writeText(location.href).catch(() => {});
    copyLink.textContent = 'link in the address bar';
  };

  const layout = () => {
    const W = root.clientWidth || 1200;
    const sideW = Math.max(300, Math.min(440, Math.round(W * 0.3)));
    side.style.width = `${sideW}px`;
    const mapsW = Math.max(320, W - sideW - 16);
    const maxH = Math.max(200, window.innerHeight - 420 - (warn ? 30 : 0));
    panes.forEach((p) => p.resize(compare ? mapsW / 2 - 8 : mapsW, maxH));
    side.style.maxHeight = `${Math.max(mapsCol.offsetHeight, 300)}px`;
  };
  const end = () => Math.max(...replays.map((r) => r.availableHours));
  clock.setEnd(end());
  let lastEmitted = '';
  const state = (): ViewState => {
    const p = panes.findIndex((x) => x.selection);
    const s = p >= 0 ? panes[p]!.selection! : null;
    const id = s?.kind === 'case' ? panes[p]!.replay.cases.id.data[s.index]! : s?.kind === 'grid' ? s.index : s?.kind === 'desk' ? s.id : 0;
    return { t: Math.round(clock.t * 3600) / 3600, sel: s ? `${p}:${s.kind}:${id}` : null };
  };
  const emit = (force = false) => {
    if (!opts.onState || (clock.playing && !force)) return;
    const s = state();
    const key = `${s.t}|${s.sel}`;
    if (key === lastEmitted && !force) return;
    lastEmitted = key;
    opts.onState(s);
  };
  clock.on((t, jumped) => {
    timeline.draw(t);
    panes.forEach((p) => p.draw(t, jumped));
    charts.forEach((c) => c.draw(t));
    emit();
  });
  panes.forEach((p, i) => {
    const inner = p.onSelect;
    p.onSelect = (s, label, desks) => {
      inner(s, label, desks);
      if (s) panes.forEach((q, j) => j !== i && q.selection && (q.selection = null, q.map.select(null)));
      emit(true);
    };
    p.map.onViewChange = () => clock.seek(clock.t, true);
  });
  layout();
  const onResize = () => {
    layout();
    clock.seek(clock.t);
  };
  window.addEventListener('resize', onResize);
  const onKey = (e: KeyboardEvent) => {
    const t = e.target;
    if (t instanceof HTMLInputElement || t instanceof HTMLSelectElement || t instanceof HTMLTextAreaElement) return;
    if (e.key === ' ' && !(t instanceof HTMLButtonElement)) clock.toggle();
    else if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
      clock.pause();
      const step = e.shiftKey ? 24 : 1; // an hour, a day with shift
      clock.seek(e.key === 'ArrowRight' ? Math.floor(clock.t / step + 1e-9) * step + step : Math.ceil(clock.t / step - 1e-9) * step - step);
    } else if (e.key === 'Home') {
      clock.pause();
      clock.seek(0);
    } else if (e.key === 'End') {
      clock.pause();
      clock.seek(clock.end);
    } else return;
    e.preventDefault();
  };
  window.addEventListener('keydown', onKey);
  clock.seek(0);
  const restore = (s: Partial<ViewState>) => {
    if (s.t !== undefined && Number.isFinite(s.t)) clock.seek(s.t);
    const m = s.sel ? /^(\d):(grid|desk|case):(\d+)$/.exec(s.sel) : null;
    const pane = m ? panes[Number(m[1])] : undefined;
    if (m && pane) {
      const id = Number(m[3]);
      const r = pane.replay;
      let sel: Selection = null;
      if (m[2] === 'grid' && id < r.gridCount) sel = { kind: 'grid', index: id };
      else if (m[2] === 'desk' && id < r.desks.length) sel = { kind: 'desk', id };
      else if (m[2] === 'case') {
        const index = r.cases.id.data.subarray(0, r.caseCount).indexOf(id);
        if (index >= 0) sel = { kind: 'case', index };
      }
      pane.pick(sel);
      clock.seek(clock.t);
    }
  };
  return {
    clock,
    panes,
    results,
    legend,
    domain,
    warnings,
    refresh() {
      clock.setEnd(end());
      if (replays.every((r) => r.summary !== undefined)) results.render();
      clock.seek(clock.t, false);
    },
    state,
    restore,
    destroy() {
      clock.pause();
      window.removeEventListener('resize', onResize);
      window.removeEventListener('keydown', onKey);
    },
  };
}
