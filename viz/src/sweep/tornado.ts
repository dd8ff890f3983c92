import { parseCsvRows } from '../../../sim/run/csv.ts';
import { tornadoSvg, type TornadoBar } from '../../../sim/experiment/sensitivityChart.ts';
import type { Est } from '../../../sim/experiment/sensitivityEffects.ts';

// The sweeps page's view of a sensitivity analysis (`gridgov sensitivity`): sensitivity.csv or
// sensitivity.json becomes the tornado chart of the one-at-a-time effects with their 95%
// intervals (the same SVG the CLI writes) and the table of Morris's μ*, μ and σ.

export interface MorrisLine {
  label: string;
  muStar: Est;
  mu: Est;
  sigma: number;
}

export interface SensitivityView {
  title: string;
  bars: TornadoBar[];
  morris: MorrisLine[];
  runs: number;
}

const num = (t: string | undefined) => (t === undefined || t === '' ? NaN : Number(t));

/** Whether the text is a sensitivity result (the page's other formats are left to result.ts). */
export function isSensitivity(text: string): boolean {
  const t = text.trimStart();
  if (t.startsWith('{')) {
    try {
      return (JSON.parse(t) as { kind?: unknown }).kind === 'sensitivity';
    } catch {
      return false; // not JSON at all: result.ts says what it expected
    }
  }
  return t.startsWith('method,rank,path,');
}

export function parseSensitivity(text: string, name: string): SensitivityView {
  const t = text.trimStart();
  return t.startsWith('{') ? fromJson(JSON.parse(t), name) : fromCsv(text, name);
}

function fromCsv(text: string, name: string): SensitivityView {
  const [head = [], ...lines] = parseCsvRows(text);
  const rows = lines.map((cells) => {
    return (c: string) => cells[head.indexOf(c)] ?? '';
  });
  const est = (g: (c: string) => string, p: string): Est => ({ mean: num(g(`${p}.mean`)), ciLow: num(g(`${p}.ciLow`)), ciHigh: num(g(`${p}.ciHigh`)) });
  const bars = rows.filter((g) => g('method') === 'oat').map((g) => ({ label: g('label'), range: `${g('low')} … ${g('base')} … ${g('high')}`, low: est(g, 'effectLow'), high: est(g, 'effectHigh') }));
  const morris = rows.filter((g) => g('method') === 'morris').map((g) => ({ label: g('label'), muStar: est(g, 'muStar'), mu: est(g, 'mu'), sigma: num(g('sigma')) }));
  if (!bars.length && !morris.length) throw new Error(`${name}: expected sensitivity.csv rows of method oat or morris`);
  const runs = [...new Set(rows.map((g) => `${g('method')}:${g('runs')}`))].reduce((s, k) => s + num(k.split(':')[1]), 0);
  return { title: name, bars, morris, runs };
}

interface Json {
  scenario: string;
  headline: string;
  factors: { path: string; low: number; base: number; high: number }[];
  oat: { headline: Est; rows: { path: string; label: string; effectLow: Est; effectHigh: Est }[] } | null;
  morris: { rows: { label: string; muStar: Est; mu: Est; sigma: number }[] } | null;
  runs: number;
}

function fromJson(j: Json, name: string): SensitivityView {
  if (!Array.isArray(j.factors)) throw new Error(`${name}: expected sensitivity.json (factors, oat, morris)`);
  const f = new Map(j.factors.map((x) => [x.path, x]));
  const bars = (j.oat?.rows ?? []).map((r) => {
    const x = f.get(r.path);
    return { label: r.label, range: x ? `${x.low} … ${x.base} … ${x.high}` : '', low: r.effectLow, high: r.effectHigh };
  });
  const morris = (j.morris?.rows ?? []).map((r) => ({ label: r.label, muStar: r.muStar, mu: r.mu, sigma: r.sigma }));
  const base = j.oat ? ` (base ${j.oat.headline.mean.toPrecision(4)})` : '';
  return { title: `${j.scenario}: ${j.headline}${base}`, bars, morris, runs: j.runs };
}

const fmt = (x: number) => (Number.isFinite(x) ? x.toFixed(2) : '–');
const iv = (e: Est) => `${fmt(e.mean)} [${fmt(e.ciLow)}, ${fmt(e.ciHigh)}]`;

/** Draws the view into `root` (replacing what was there). */
export function drawSensitivity(root: HTMLElement, v: SensitivityView): void {
  root.replaceChildren();
  if (v.bars.length) {
    const fig = document.createElement('figure');
    fig.id = 'tornado';
    fig.style.maxWidth = '780px';
    const cap = document.createElement('figcaption');
    cap.textContent = 'One at a time: change from base at each end of the range (whiskers: 95% intervals), sorted by swing';
    fig.append(cap);
    fig.insertAdjacentHTML('beforeend', tornadoSvg(v.title, 'change from base', v.bars));
    root.append(fig);
  }
  if (v.morris.length) {
    const fig = document.createElement('figure');
    fig.id = 'morris';
    const cap = document.createElement('figcaption');
    cap.textContent = 'Morris elementary effects (per full range), sorted by μ*; σ large against μ*: interactions or curvature';
    const table = document.createElement('table');
    table.innerHTML = '<thead><tr><th>parameter</th><th>μ* [95% CI]</th><th>μ [95% CI]</th><th>σ</th></tr></thead>';
    const body = document.createElement('tbody');
    for (const m of v.morris) {
      const tr = document.createElement('tr');
      for (const c of [m.label, iv(m.muStar), iv(m.mu), fmt(m.sigma)]) {
        const td = document.createElement('td');
        td.textContent = c;
        tr.append(td);
      }
      body.append(tr);
    }
    table.append(body);
    fig.append(cap, table);
    root.append(fig);
  }
}
