import defaultScenario from '../../scenarios/default.json';
import { SimWorkerClient } from './workerClient.ts';

// A first page: run a bundled scenario in a Web Worker with the same simulator core as the CLI
// and show its summary. The replay views come with the replay file format.

const client = new SimWorkerClient();

const BUNDLED: Record<string, unknown> = { default: defaultScenario };

declare global {
  interface Window {
    /** Used by the browser tests: runs a raw scenario in the worker and returns summary.json text. */
    gridgovRun: (raw: unknown, opts?: { seed?: string | number; policy?: string; sets?: string[] }) => Promise<string>;
  }
}

window.gridgovRun = async (raw, opts = {}) => {
  const reply = await client.run({ raw, name: 'scenario', ...opts });
  if (!reply.ok) throw new Error(reply.error);
  return reply.summaryJson;
};

function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, text = ''): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  if (text) e.textContent = text;
  return e;
}

function render(): void {
  const app = document.getElementById('app')!;
  const form = el('form', { id: 'playground' });
  const scenario = el('select', { id: 'scenario' });
  for (const name of Object.keys(BUNDLED)) scenario.append(el('option', { value: name }, name));
  const policy = el('select', { id: 'policy' });
  for (const p of ['hierarchical', 'flat', 'whistle']) policy.append(el('option', { value: p }, p));
  const horizon = el('input', { id: 'horizon', type: 'number', min: '2', value: '30' });
  const seed = el('input', { id: 'seed', type: 'text', value: '1' });
  const button = el('button', { id: 'run', type: 'submit' }, 'Run in a worker');
  const status = el('p', { id: 'status' });
  const out = el('pre', { id: 'summary' });
  form.append('Scenario ', scenario, ' policy ', policy, ' days ', horizon, ' seed ', seed, ' ', button);
  app.append(form, status, out);
  form.onsubmit = async (e) => {
    e.preventDefault();
    status.textContent = 'running…';
    out.textContent = '';
    const reply = await client.run({
      raw: BUNDLED[scenario.value],
      name: `${scenario.value}.json`,
      sets: [`horizonDays=${horizon.value}`, `warmupDays=${Math.min(14, Math.floor(Number(horizon.value) / 4))}`],
      seed: /^-?\d+$/.test(seed.value) ? Number(seed.value) : seed.value,
      policy: policy.value,
    });
    if (!reply.ok) {
      status.textContent = `error: ${reply.error}`;
      return;
    }
    const s = JSON.parse(reply.summaryJson);
    status.textContent = `${s.cases.closed} of ${s.cases.created} cases closed; mean resolution ${s.resolutionHours.mean.toFixed(1)} h; ${reply.events} events in ${(reply.wallMs / 1000).toFixed(2)} s`;
    out.textContent = reply.summaryJson;
  };
}

render();
