import type { Replay } from '../../sim/replay/reader.ts';
import { loadSource } from './data/loadReplay.ts';
import { mountPlayground } from './pages/playgroundPage.ts';
import { mountRunsPage, openFiles } from './pages/runsPage.ts';
import { mountViewer, type Viewer } from './pages/viewerPage.ts';
import { el } from './views/dom.ts';
import { SimWorkerClient } from './workerClient.ts';
import './style.css';

// The replay viewer: routes #/ (runs), #/view?src=…, #/compare?a=…&b=…, #/playground.

const client = new SimWorkerClient();

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

window.gridgovRun = async (raw, opts = {}) => {
  const reply = await client.run({ raw, name: 'scenario', ...opts });
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
  main.replaceChildren(el('div', { class: 'error', id: 'error', role: 'alert' }, el('strong', {}, 'Cannot open this replay. '), message), el('p', {}, el('a', { href: '#/' }, '← back to the runs')));
}

async function route(): Promise<void> {
  const mine = ++generation;
  const started = performance.now();
  const [path, query = ''] = location.hash.replace(/^#/, '').split('?');
  const q = new URLSearchParams(query);
  const page = path || '/';
  window.gridgovReady = null;
  setViewer(null);
  for (const a of Array.from(nav.querySelectorAll("a"))) a.classList.toggle('active', a.getAttribute('href') === `#${page === '/view' || page === '/compare' ? '/' : page}`);
  let error: string | null = null;
  try {
    if (page === '/view' || page === '/compare') {
      const sources = page === '/view' ? [q.get('src')] : [q.get('a'), q.get('b')];
      if (sources.some((s) => !s)) throw new Error(page === '/view' ? 'no replay named (expected #/view?src=<url>)' : 'compare needs two replays (#/compare?a=<url>&b=<url>)');
      main.replaceChildren(el('p', { class: 'hint', id: 'loading' }, 'loading…'));
      const replays: Replay[] = await Promise.all(sources.map((s) => loadSource(s!)));
      if (mine !== generation) return;
      main.replaceChildren();
      setViewer(mountViewer(main, replays));
    } else if (page === '/playground') {
      mountPlayground(main, client, setViewer);
    } else {
      await mountRunsPage(main);
    }
  } catch (err) {
    if (mine !== generation) return;
    error = err instanceof Error ? err.message : String(err);
    showError(error);
  }
  window.gridgovReady = { route: page, error, ms: performance.now() - started };
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
