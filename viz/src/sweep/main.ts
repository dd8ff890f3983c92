import { drawFrontier } from './frontier.ts';
import { drawHeatmap, levelsOf, type HeatmapView } from './heatmap.ts';
import { lowerIsBetterFor, parseResult, type SweepResult } from './result.ts';
import { drawSensitivity, isSensitivity, parseSensitivity } from './tornado.ts';
import { metricTitle } from '../results/metricNames.ts';

// The sweep page: open sweep-summary.csv, size-candidates.csv or size.json (file picker,
// drag-and-drop anywhere on the page, or ?src=<url>) and show a heatmap over two parameters and
// the cost frontier.

declare global {
  interface Window {
    /** Used by the browser tests and the console: load a result from its text. */
    gridgovSweep: { load(text: string, name: string): void; result: () => SweepResult | null };
  }
}

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
let result: SweepResult | null = null;

function option(select: HTMLSelectElement, value: string, label = value): void {
  const o = document.createElement('option');
  o.value = value;
  o.textContent = label;
  select.append(o);
}

function fill(select: HTMLSelectElement, values: string[], chosen: string, extra: [string, string][] = [], label: (v: string) => string = (v) => v): void {
  select.replaceChildren();
  for (const [v, l] of extra) option(select, v, l);
  for (const v of values) option(select, v, label(v));
  select.value = values.includes(chosen) || extra.some(([v]) => v === chosen) ? chosen : (extra[0]?.[0] ?? values[0] ?? '');
}

function showError(message: string): void {
  $('status').textContent = message;
  $('status').className = 'error';
}

function load(text: string, name: string): void {
  if (isSensitivity(text)) return loadSensitivity(text, name);
  try {
    result = parseResult(text, name);
  } catch (err) {
    result = null;
    showError(err instanceof Error ? err.message : String(err));
    $('charts').replaceChildren();
    return;
  }
  const r = result;
  $('status').className = '';
  $('status').textContent = `${name}: ${r.kind === 'size' ? 'sizing' : 'sweep'} of ${r.params.join(' × ')} — ${r.rows.length} ${r.kind === 'size' ? 'candidates' : 'points'}, ${r.rows.reduce((s, x) => s + x.runs, 0)} runs`;
  fill($('x'), r.params, r.params[0]!);
  fill($('y'), r.params, r.params[1] ?? '', [['', '(none)']]);
  if (r.params.length > 1) ($('y') as HTMLSelectElement).value = r.params[1]!;
  fill($('metric'), r.metrics, r.mainMetric, [], metricTitle);
  fill($('frontierMetric'), r.metrics, r.mainMetric, [], metricTitle);
  ($('lower') as HTMLInputElement).checked = r.lowerIsBetter ?? lowerIsBetterFor(r.mainMetric);
  render();
}

/** sensitivity.csv / .json (gridgov sensitivity): the tornado and the Morris table, see tornado.ts. */
function loadSensitivity(text: string, name: string): void {
  result = null;
  try {
    const v = parseSensitivity(text, name);
    $('status').className = '';
    $('status').textContent = `${name}: sensitivity of ${v.bars.length || v.morris.length} parameters — ${v.runs} runs`;
    drawSensitivity($('charts'), v);
  } catch (err) {
    showError(err instanceof Error ? err.message : String(err));
    $('charts').replaceChildren();
  }
}

function render(): void {
  const r = result;
  if (!r) return;
  const x = ($('x') as HTMLSelectElement).value;
  let y: string | null = ($('y') as HTMLSelectElement).value || null;
  if (y === x) y = null;
  // one hold-or-average control per other parameter
  const slices = $('slices');
  const old = new Map(Array.from(slices.querySelectorAll('select'), (s) => [s.name, s.value] as const));
  slices.replaceChildren();
  const slice: Record<string, string> = {};
  for (const p of r.params.filter((p) => p !== x && p !== y)) {
    const label = document.createElement('label');
    label.textContent = `${p} `;
    const s = document.createElement('select');
    s.name = p;
    fill(s, levelsOf(r, p).map(String), old.get(p) ?? '*', [['*', 'mean over all']]);
    s.onchange = render;
    label.append(s);
    slices.append(label);
    slice[p] = s.value;
  }
  const metric = ($('metric') as HTMLSelectElement).value;
  const view: HeatmapView = { x, y, metric, slice, lowerIsBetter: metric === r.mainMetric && r.lowerIsBetter !== undefined ? r.lowerIsBetter : lowerIsBetterFor(metric) };
  const charts = $('charts');
  charts.replaceChildren();
  drawHeatmap(charts, r, view);
  const fm = ($('frontierMetric') as HTMLSelectElement).value;
  drawFrontier(charts, r, fm, ($('lower') as HTMLInputElement).checked);
}

async function loadFile(file: File): Promise<void> {
  load(await file.text(), file.name);
}

function setup(): void {
  for (const id of ['x', 'y', 'metric']) ($(id) as HTMLSelectElement).onchange = render;
  ($('frontierMetric') as HTMLSelectElement).onchange = () => {
    ($('lower') as HTMLInputElement).checked = lowerIsBetterFor(($('frontierMetric') as HTMLSelectElement).value);
    render();
  };
  ($('lower') as HTMLInputElement).onchange = render;
  const picker = $('file') as HTMLInputElement;
  picker.onchange = () => {
    if (picker.files?.[0]) void loadFile(picker.files[0]);
  };
  document.addEventListener('dragover', (e) => {
    e.preventDefault();
    document.body.classList.add('dragging');
  });
  document.addEventListener('dragleave', () => document.body.classList.remove('dragging'));
  document.addEventListener('drop', (e) => {
    e.preventDefault();
    document.body.classList.remove('dragging');
    const f = e.dataTransfer?.files[0];
    if (f) void loadFile(f);
  });
  window.gridgovSweep = { load, result: () => result };
  const src = new URLSearchParams(location.search).get('src');
  if (src) {
    $('status').textContent = `loading ${src}…`;
    fetch(src)
      .then((res) => (res.ok ? res.text() : Promise.reject(new Error(`${src}: HTTP ${res.status}`))))
      .then((text) => load(text, src.split('/').pop() ?? src))
      .catch((err: Error) => showError(`could not load ${src}: ${err.message}`));
  }
}

setup();
