import type { Replay } from '../../../sim/replay/reader.ts';
import { BacklogChart } from '../charts/backlogChart.ts';
import { DiffChart } from '../charts/diffChart.ts';
import { HandlingChart } from '../charts/handlingChart.ts';
import { UtilizationChart } from '../charts/utilizationChart.ts';
import { Clock } from '../state/clock.ts';
import { el } from '../views/dom.ts';
import type { MapMetric } from '../views/mapView.ts';
import { Timeline } from '../views/timeline.ts';
import { ReplayPane } from './replayPane.ts';

export interface Viewer {
  clock: Clock;
  panes: ReplayPane[];
  /** Call when a replay grew (the playground): the clock's end and the charts follow. */
  refresh(): void;
  destroy(): void;
}

/**
 * One replay, or two side by side (compare mode), on one clock: every view draws the clock's
 * time. In compare mode a difference chart replaces the single replay's charts.
 */
export function mountViewer(root: HTMLElement, replays: Replay[]): Viewer {
  const clock = new Clock();
  const compare = replays.length > 1;
  const timeline = new Timeline(clock, replays);
  const metric = el('select', { id: 'metric', 'aria-label': 'colour grids by' }, el('option', { value: 'backlog' }, 'grids: open cases'), el('option', { value: 'load' }, 'grids: worker utilization (day)'));
  const panes = replays.map((r, i) => new ReplayPane(r, compare ? (i === 0 ? 'A' : 'B') : 'run'));
  const paneRow = el('div', { class: `panes${compare ? ' two' : ''}` }, ...panes.map((p) => p.root));
  const charts = el('div', { class: 'charts' });
  type Chart = { node: SVGSVGElement; draw(t: number): void };
  const drawn: Chart[] = [];
  const seek = (t: number) => clock.seek(t);
  if (compare) {
    const diff = new DiffChart(replays[0]!, replays[1]!);
    drawn.push(diff);
    replays.forEach((r) => drawn.push(new BacklogChart(r, seek)));
  } else {
    const r = replays[0]!;
    const util = new UtilizationChart(r);
    drawn.push(new BacklogChart(r, seek), new HandlingChart(r), util);
    panes[0]!.onSelect = (_, label, desks) => util.select(label, desks);
  }
  charts.append(...drawn.map((c) => c.node));
  root.replaceChildren(el('div', { class: 'toolbar' }, timeline.root, metric), paneRow, charts);
  metric.onchange = () => {
    panes.forEach((p) => p.setMetric(metric.value as MapMetric));
    clock.seek(clock.t);
  };

  const layout = () => {
    const width = paneRow.clientWidth || 900;
    panes.forEach((p) => p.resize(compare ? width / 2 - 16 : Math.min(width, 940)));
  };
  const end = () => Math.max(...replays.map((r) => r.availableHours));
  clock.setEnd(end());
  clock.on((t, jumped) => {
    timeline.draw(t);
    panes.forEach((p) => p.draw(t, jumped));
    drawn.forEach((c) => c.draw(t));
  });
  layout();
  const onResize = () => {
    layout();
    clock.seek(clock.t);
  };
  window.addEventListener('resize', onResize);
  const onKey = (e: KeyboardEvent) => {
    if (e.key === ' ' && !(e.target instanceof HTMLInputElement || e.target instanceof HTMLSelectElement || e.target instanceof HTMLButtonElement)) {
      e.preventDefault();
      clock.toggle();
    }
  };
  window.addEventListener('keydown', onKey);
  clock.seek(0);
  return {
    clock,
    panes,
    refresh() {
      clock.setEnd(end());
      clock.seek(clock.t, false);
    },
    destroy() {
      clock.pause();
      window.removeEventListener('resize', onResize);
      window.removeEventListener('keydown', onKey);
    },
  };
}
