import type { Replay } from '../../sim/replay/reader.ts';
import { comparisonUrl, pairedIntervals } from './data/pairedIntervals.ts';
import { loadSource } from './data/loadReplay.ts';
import { bundledSamples } from './data/runsList.ts';
import { compareRoute, mountRunsPage, openFiles } from './pages/runsPage.ts';
import { mountViewer, type Viewer, type ViewState } from './pages/viewerPage.ts';
import { el } from './views/dom.ts';
import './style.css';

// The replay viewer: routes #/ (a sample playing), #/runs, #/view?src=…, #/compare?a=…&b=…,
// #/playground. The simulator and its worker load only when the playground (or gridgovRun) asks.

declare global {
  interface Window {
    /** Used by the browser tests: runs a raw scenario in the worker and returns summary.json text. */
    gridgovRun: (raw: unknown, opts?: { seed?: string | number; policy?: string; sets?: string[] }) => Promise<string>;
    /** The viewer on screen, if any (tests and the benchmark read its clock and panes). */
    gridgovViewer: Viewer | null;
    /** Set once a route has finished loading (or failed). */
    gridgovReady: { route: string; error: string | null; ms: number } | null;
  }
}

const playground = () => import('./pages/playgroundPage.ts');

window.gridgovRun = async (raw, opts = {}) => {
  const { sharedClient } = await playground();
  const reply = await sharedClient().run({ raw, name: 'scenario', ...opts });
  if (!reply.ok) throw new Error(reply.error);
  return reply.summaryJson;
};
window.gridgovViewer = null;
window.gridgovReady = null;

const main = document.getElementById('app')!;
const nav = document.getElementById('nav')!;
let generation = 0;

function setViewer(v: Viewer | null): void {
  window.gridgovViewer?.destroy();
  window.gridgovViewer = v;
}

function showError(message: string): void {
  main.replaceChildren(el('div', { class: 'error', id: 'error', role: 'alert' }, el('strong', {}, 'Cannot open this replay. '), message), el('p', {}, el('a', { href: '#/runs' }, '← back to the runs')));
}

/** Keeps the moment and the selection in the URL (replaceState: no history entry, no reload). */
function keepInUrl(path: string, q: URLSearchParams): (s: ViewState) => void {
  return (s) => {
    q.set('t', String(s.t));
    if (s.sel) q.set('sel', s.sel);
    else q.delete('sel');
    history.replaceState(null, '', `#${path}?${q.toString().replace(/%3A/g, ':').replace(/%2F/g, '/')}`);
  };
}

async function openReplays(page: string, q: URLSearchParams, sources: string[], mine: number, intro?: HTMLElement): Promise<void> {
  const linked = { t: q.has('t') ? Number(q.get('t')) : undefined, sel: q.get('sel') };
  main.replaceChildren(el('p', { class: 'hint', id: 'loading' }, 'loading…'));
  const replays: Replay[] = await Promise.all(sources.map((s) => loadSource(s)));
  if (mine !== generation) return;
  const slot = el('div', { class: 'viewer' });
  main.replaceChildren(...(intro ? [intro] : []), slot);
  const cmp = replays.length === 2 ? comparisonUrl(sources[0]!, sources[1]!, q.get('cmp')) : null;
  const name = replays.map((r) => `${r.meta.scenario}-${r.meta.policy}-seed${r.meta.seed}`).join('-vs-');
  const viewer = mountViewer(slot, replays, { paired: cmp ? pairedIntervals(cmp, replays[0]!, replays[1]!).catch(() => null) : undefined, onState: keepInUrl(page, q), name });
  setViewer(viewer);
  viewer.restore(linked);
}

async function route(): Promise<void> {
  const mine = ++generation;
  const started = performance.now();
  const [path, query = ''] = location.hash.replace(/^#/, '').split('?');
  const q = new URLSearchParams(query);
  const page = path || '/';
  window.gridgovReady = null;
  setViewer(null);
  const navPage = page === '/view' || page === '/compare' ? '/runs' : page;
  for (const a of Array.from(nav.querySelectorAll('a'))) a.classList.toggle('active', a.getAttribute('href') === `#${navPage}`);
  let error: string | null = null;
  try {
    if (page === '/view' || page === '/compare') {
      const sources = page === '/view' ? [q.get('src')] : [q.get('a'), q.get('b')];
      if (sources.some((s) => !s)) throw new Error(page === '/view' ? 'no replay named (expected #/view?src=<url>)' : 'compare needs two replays (#/compare?a=<url>&b=<url>)');
      await openReplays(page, q, sources as string[], mine);
    } else if (page === '/playground') {
      main.replaceChildren(el('p', { class: 'hint' }, 'loading the simulator…'));
      const { mountPlayground } = await playground();
      if (mine !== generation) return;
      mountPlayground(main, setViewer);
    } else if (page === '/runs') {
      await mountRunsPage(main);
    } else {
      await mountLanding(q, mine);
    }
  } catch (err) {
    if (mine !== generation) return;
    error = err instanceof Error ? err.message : String(err);
    showError(error);
  }
  if (mine === generation) window.gridgovReady = { route: page, error, ms: performance.now() - started };
}

/** The first screen: the bundled flat and hierarchical samples in compare mode, already playing. */
async function mountLanding(q: URLSearchParams, mine: number): Promise<void> {
  const samples = bundledSamples();
  const a = samples.find((s) => /flat/.test(s.label)) ?? samples[0];
  const b = samples.find((s) => /hierarchical/.test(s.label)) ?? samples[1];
  if (!a || !b) return mountRunsPage(main);
  const intro = el(
    'p',
    { class: 'intro', id: 'landing' },
    el('strong', {}, 'Flat (A) against hierarchical (B) escalation'),
    ' on the same seed: the same issues arrive in both (common random numbers). A sample of the default district, 3 days. ',
    el('a', { href: '#/runs', id: 'to-runs' }, 'All runs and your own files →'),
    ' ',
    el('a', { href: compareRoute(a.src, b.src) }, 'permalink'),
    ' ',
    el('a', { href: '#/playground' }, 'run your own in the playground →'),
  );
  const linked = q.has('t');
  await openReplays('/', q, [a.src, b.src], mine, intro);
  if (mine === generation && !linked) {
    const v = window.gridgovViewer!;
    v.clock.speed = 6;
    v.clock.play();
  }
}

document.addEventListener('dragover', (e) => {
  e.preventDefault();
  document.body.classList.add('dropping');
});
document.addEventListener('dragleave', () => document.body.classList.remove('dropping'));
document.addEventListener('drop', (e) => {
  e.preventDefault();
  document.body.classList.remove('dropping');
  if (e.dataTransfer?.files.length) openFiles(e.dataTransfer.files);
});

window.addEventListener('hashchange', () => void route());
void route();
