import defaultScenario from '../../../scenarios/default.json';
import megacityScenario from '../../../scenarios/megacity.json';
import type { ReplayChunk } from '../../../sim/replay/format.ts';
import { countSets } from '../../../sim/scenario/staffing.ts';
import { ReplayBuilder, type Replay } from '../../../sim/replay/reader.ts';
import { download } from '../export/download.ts';
import { el } from '../views/dom.ts';
import { liveWorkers, SimWorkerClient } from '../workerClient.ts';
import { fieldRow, numberIn, seedCheck, validate, type FieldSpec } from './playgroundForm.ts';
import { mountViewer, type Viewer } from './viewerPage.ts';

export const BUNDLED: Record<string, { raw: unknown; days: number; sample: number }> = {
  default: { raw: defaultScenario, days: 7, sample: 1 },
  megacity: { raw: megacityScenario, days: 1, sample: 0.02 },
};
const POLICIES = ['hierarchical', 'flat', 'whistle'];
/** The worker posts the replay in pieces of this many simulated hours. */
const CHUNK_HOURS = 6;

export interface PlaygroundRequest {
  scenario: string;
  sets: string[];
  seed: string | number;
  policy: string;
  /** The second policy in compare mode (same scenario, seed and settings), else null. */
  policyB: string | null;
  sample: number;
}

/** The --set overrides the form stands for (so a run can be repeated with the CLI). */
export function playgroundSets(raw: { demand: { categories: { ratePer1000PerDay: number }[]; consultationsPer1000PerDay?: number }; staff?: { gridWorker?: unknown } }, o: { days: number; workers: number; demand: number }): string[] {
  // A rota (the megacity's grid workers) gets the count in every turn.
  const sets = [`horizonDays=${o.days}`, `warmupDays=${Math.min(14, Math.floor(o.days / 4))}`, ...countSets('staff.gridWorker', raw.staff?.gridWorker, o.workers)];
  if (o.demand !== 1) {
    raw.demand.categories.forEach((c, i) => sets.push(`demand.categories.${i}.ratePer1000PerDay=${c.ratePer1000PerDay * o.demand}`));
    if (raw.demand.consultationsPer1000PerDay !== undefined) sets.push(`demand.consultationsPer1000PerDay=${raw.demand.consultationsPer1000PerDay * o.demand}`);
  }
  return sets;
}

interface PlaygroundState {
  request: PlaygroundRequest | null;
  /** summary.json and replay text of run A (and B in compare mode). */
  summaryJson: string | null;
  replayText: string | null;
  summaries: (string | null)[];
  replayTexts: (string | null)[];
  running: boolean;
  cancelled: boolean;
  error: string | null;
  /** Chunks received per run (tests check that a cancel stops them). */
  chunks: number[];
  liveWorkers: () => number;
}

declare global {
  interface Window {
    gridgovPlayground?: PlaygroundState;
  }
}

let shared: SimWorkerClient | null = null;
/** The worker of window.gridgovRun (tests), made on first use. */
export function sharedClient(): SimWorkerClient {
  return (shared ??= new SimWorkerClient());
}

/**
 * The run outlives the page: navigating away keeps the workers going and the replays growing,
 * without a viewer animating off screen; coming back shows them again.
 */
const session: { replays: (Replay | null)[]; clients: SimWorkerClient[]; form: Record<string, string>; status: string; viewer: Viewer | null; rerender: (() => void) | null } = {
  replays: [],
  clients: [],
  form: {},
  status: '',
  viewer: null,
  rerender: null,
};

const state = (window.gridgovPlayground ??= { request: null, summaryJson: null, replayText: null, summaries: [], replayTexts: [], running: false, cancelled: false, error: null, chunks: [], liveWorkers });

/** Pick a bundled scenario, change a few parameters, run one policy or two side by side in workers, watch them as they run. */
export function mountPlayground(root: HTMLElement, setViewer: (v: Viewer | null) => void): void {
  const input = (id: string, attrs: Record<string, string>) => el('input', { id, ...attrs });
  const scenario = el('select', { id: 'pg-scenario' }, ...Object.keys(BUNDLED).map((n) => el('option', { value: n }, n)));
  const policy = el('select', { id: 'pg-policy' }, ...POLICIES.map((p) => el('option', { value: p }, p)));
  const policyB = el('select', { id: 'pg-policy-b' }, el('option', { value: '' }, '— (one run)'), ...POLICIES.map((p) => el('option', { value: p }, p)));
  const fields: FieldSpec[] = [
    { id: 'pg-scenario', label: 'scenario', input: scenario },
    { id: 'pg-policy', label: 'policy (A)', input: policy },
    { id: 'pg-policy-b', label: 'compare with (B)', input: policyB, check: (v) => (v && v === policy.value ? 'a policy other than A' : null) },
    { id: 'pg-workers', label: 'grid workers per grid', input: input('pg-workers', { type: 'text', inputmode: 'numeric', value: '1', size: '3' }), check: numberIn(1, 10, true) },
    { id: 'pg-demand', label: 'demand ×', input: input('pg-demand', { type: 'text', inputmode: 'decimal', value: '1', size: '3' }), check: numberIn(0.1, 5) },
    { id: 'pg-days', label: 'days', input: input('pg-days', { type: 'text', inputmode: 'numeric', value: '7', size: '3' }), check: numberIn(1, 90, true) },
    { id: 'pg-seed', label: 'seed', input: input('pg-seed', { type: 'text', value: '1', size: '4' }), check: seedCheck },
    { id: 'pg-sample', label: 'share of tracks kept', input: input('pg-sample', { type: 'text', inputmode: 'decimal', value: '1', size: '4' }), check: numberIn(0.001, 1) },
  ];
  const byId = (id: string) => fields.find((f) => f.id === id)!.input;
  for (const f of fields) if (session.form[f.id] !== undefined) f.input.value = session.form[f.id]!;
  const run = el('button', { id: 'pg-run', type: 'submit' }, 'Run in the worker');
  const cancel = el('button', { id: 'pg-cancel', type: 'button', disabled: '' }, 'Cancel');
  const status = el('p', { id: 'pg-status', role: 'status' }, session.status);
  const view = el('div', { id: 'pg-view', class: 'viewer' });
  scenario.onchange = () => {
    byId('pg-days').value = String(BUNDLED[scenario.value]!.days);
    byId('pg-sample').value = String(BUNDLED[scenario.value]!.sample);
  };
  const form = el('form', { id: 'playground', class: 'playground', novalidate: '' }, ...fields.map(fieldRow), run, cancel);
  root.replaceChildren(
    el('h2', {}, 'Playground'),
    el('p', { class: 'hint' }, 'Runs the simulator core in Web Workers (the same code as the CLI) and shows the replay while it runs. With “compare with”, two policies run side by side on the same seed (the same issues) and stream into compare mode. The megacity is huge: keep it to a day and a small sample.'),
    form,
    status,
    view,
  );
  const setStatus = (text: string | Node, error = false) => {
    status.replaceChildren(text);
    status.className = error ? 'error' : '';
    session.status = status.textContent ?? '';
  };
  const showViewer = () => {
    const replays = session.replays;
    if (!replays.length || replays.some((r) => r === null) || !view.isConnected) return;
    const v = mountViewer(view, replays as Replay[], { name: `playground-${state.request?.scenario}` });
    const destroy = v.destroy;
    v.destroy = () => {
      destroy();
      if (session.viewer === v) session.viewer = null;
    };
    session.viewer = v;
    setViewer(v);
  };
  const syncButtons = () => {
    run.disabled = state.running;
    cancel.disabled = !state.running;
  };
  session.rerender = () => {
    if (!view.isConnected) return;
    session.viewer?.refresh();
    syncButtons();
  };
  syncButtons();
  if (session.replays.length) {
    showViewer();
    session.viewer?.clock.seek(session.viewer.clock.end);
    if (state.running) session.viewer?.clock.play();
  }
  for (const f of fields) f.input.addEventListener('change', () => validate(fields, form));

  cancel.onclick = () => {
    if (!state.running) return;
    state.cancelled = true;
    session.clients.forEach((c) => c.terminate());
  };
  form.onsubmit = async (e) => {
    e.preventDefault();
    if (state.running || !validate(fields, form)) return;
    for (const f of fields) session.form[f.id] = f.input.value;
    const b = BUNDLED[scenario.value]!;
    const seedText = byId('pg-seed').value.trim();
    const request: PlaygroundRequest = {
      scenario: scenario.value,
      sets: playgroundSets(b.raw as Parameters<typeof playgroundSets>[0], { days: Number(byId('pg-days').value), workers: Number(byId('pg-workers').value), demand: Number(byId('pg-demand').value) }),
      seed: /^-?\d+$/.test(seedText) ? Number(seedText) : seedText,
      policy: policy.value,
      policyB: policyB.value || null,
      sample: Number(byId('pg-sample').value),
    };
    const policies = request.policyB ? [request.policy, request.policyB] : [request.policy];
    Object.assign(state, { request, summaryJson: null, replayText: null, summaries: policies.map(() => null), replayTexts: policies.map(() => null), running: true, cancelled: false, error: null, chunks: policies.map(() => 0) });
    syncButtons();
    setStatus('running…');
    session.viewer?.destroy();
    setViewer(null);
    view.replaceChildren();
    session.clients.forEach((c) => c.terminate());
    session.clients = policies.map(() => new SimWorkerClient());
    session.replays = policies.map(() => null);
    const builders: (ReplayBuilder | null)[] = policies.map(() => null);
    const started = performance.now();
    // Chunks can come faster than the page can redraw: one refresh per 250 ms at most.
    let pending = false;
    const scheduleRefresh = () => {
      if (pending) return;
      pending = true;
      setTimeout(() => {
        pending = false;
        const v = session.viewer;
        if (v && view.isConnected) {
          v.refresh();
          if (!v.clock.playing && v.clock.t < v.clock.end && state.running) v.clock.play();
        }
        progress();
      }, 250);
    };
    const progress = () => {
      const done = builders.map((bb) => (bb ? bb.replay.hoursDone / 24 : 0));
      if (!state.running) return;
      const days = builders[0]?.replay.meta.days ?? '?';
      setStatus(`running… simulated ${done.map((d) => d.toFixed(1)).join(' and ')} of ${days} days`);
    };
    const replies = await Promise.all(
      policies.map((p, i) =>
        session.clients[i]!.run({ raw: b.raw, name: `${request.scenario}.json`, sets: request.sets, seed: request.seed, policy: p, replay: { sample: request.sample, chunkHours: CHUNK_HOURS } }, (m) => {
          if (m.kind === 'header') {
            builders[i] = new ReplayBuilder(m.header, `${request.scenario}-${p}`);
            session.replays[i] = builders[i]!.replay;
            if (session.replays.every((r) => r !== null) && view.isConnected) {
              showViewer();
              session.viewer?.clock.play();
            }
          } else if (m.kind === 'chunk' && builders[i]) {
            builders[i]!.append(m.chunk as ReplayChunk);
            state.chunks[i]!++;
            scheduleRefresh();
          }
        }),
      ),
    );
    state.running = false;
    syncButtons();
    session.clients.forEach((c) => c.terminate());
    const failed = replies.find((r) => !r.ok);
    if (failed && !failed.ok) {
      state.error = failed.error;
      setStatus(state.cancelled ? `cancelled after ${((performance.now() - started) / 1000).toFixed(1)} s; what ran so far stays on screen` : `error: ${failed.error}`, !state.cancelled);
      return;
    }
    replies.forEach((r, i) => {
      if (!r.ok) return;
      state.summaries[i] = r.summaryJson;
      state.replayTexts[i] = r.replayText ?? null;
      if (builders[i]) builders[i]!.replay.summary = JSON.parse(r.summaryJson);
    });
    state.summaryJson = state.summaries[0]!;
    state.replayText = state.replayTexts[0]!;
    session.viewer?.refresh();
    const events = replies.reduce((s, r) => s + (r.ok ? r.events : 0), 0);
    const line = el('span', {}, `done: ${policies.join(' and ')} in ${((performance.now() - started) / 1000).toFixed(1)} s (${events.toLocaleString('en-US')} engine events); the results are beside the map. `);
    policies.forEach((p, i) => {
      const text = state.replayTexts[i];
      if (!text) return;
      const a = el('button', { type: 'button', class: 'linklike', id: i ? 'pg-download-b' : 'pg-download' }, `download replay ${policies.length > 1 ? (i ? 'B' : 'A') : ''} (${p})`);
      a.onclick = () => download(`${request.scenario}-${p}-seed${request.seed}.replay.json`, new Blob([text], { type: 'application/json' }));
      line.append(a, ' ');
    });
    setStatus(line);
  };
}
