import defaultScenario from '../../../scenarios/default.json';
import megacityScenario from '../../../scenarios/megacity.json';
import type { ReplayChunk } from '../../../sim/replay/format.ts';
import { ReplayBuilder } from '../../../sim/replay/reader.ts';
import { el } from '../views/dom.ts';
import type { SimWorkerClient } from '../workerClient.ts';
import { mountViewer, type Viewer } from './viewerPage.ts';

export const BUNDLED: Record<string, { raw: unknown; days: number; sample: number }> = {
  default: { raw: defaultScenario, days: 7, sample: 1 },
  megacity: { raw: megacityScenario, days: 1, sample: 0.02 },
};

export interface PlaygroundRequest {
  scenario: string;
  sets: string[];
  seed: string | number;
  policy: string;
  sample: number;
}

/** The --set overrides the form stands for (so a run can be repeated with the CLI). */
export function playgroundSets(raw: { demand: { categories: { ratePer1000PerDay: number }[]; consultationsPer1000PerDay?: number } }, o: { days: number; workers: number; demand: number }): string[] {
  const sets = [`horizonDays=${o.days}`, `warmupDays=${Math.min(14, Math.floor(o.days / 4))}`, `staff.gridWorker.count=${o.workers}`];
  if (o.demand !== 1) {
    raw.demand.categories.forEach((c, i) => sets.push(`demand.categories.${i}.ratePer1000PerDay=${c.ratePer1000PerDay * o.demand}`));
    if (raw.demand.consultationsPer1000PerDay !== undefined) sets.push(`demand.consultationsPer1000PerDay=${raw.demand.consultationsPer1000PerDay * o.demand}`);
  }
  return sets;
}

declare global {
  interface Window {
    gridgovPlayground?: { request: PlaygroundRequest | null; summaryJson: string | null; replayText: string | null; running: boolean; error: string | null };
  }
}

/** Pick a bundled scenario, change a few parameters, run it in the worker and watch it as it runs. */
export function mountPlayground(root: HTMLElement, client: SimWorkerClient, setViewer: (v: Viewer | null) => void): void {
  const state = (window.gridgovPlayground = { request: null, summaryJson: null, replayText: null, running: false, error: null } as NonNullable<Window['gridgovPlayground']>);
  const field = (label: string, input: HTMLElement) => el('label', {}, label, ' ', input);
  const scenario = el('select', { id: 'pg-scenario' }, ...Object.keys(BUNDLED).map((n) => el('option', { value: n }, n)));
  const policy = el('select', { id: 'pg-policy' }, ...['hierarchical', 'flat', 'whistle'].map((p) => el('option', { value: p }, p)));
  const workers = el('input', { id: 'pg-workers', type: 'number', min: '1', max: '10', value: '1' });
  const demand = el('input', { id: 'pg-demand', type: 'number', min: '0.1', max: '5', step: '0.1', value: '1' });
  const days = el('input', { id: 'pg-days', type: 'number', min: '1', max: '90', value: '7' });
  const seed = el('input', { id: 'pg-seed', type: 'text', value: '1', size: '4' });
  const sample = el('input', { id: 'pg-sample', type: 'number', min: '0.001', max: '1', step: 'any', value: '1' });
  const run = el('button', { id: 'pg-run', type: 'submit' }, 'Run in a worker');
  const status = el('p', { id: 'pg-status', role: 'status' });
  const summary = el('pre', { id: 'pg-summary', class: 'summary' });
  const view = el('div', { id: 'pg-view' });
  scenario.onchange = () => {
    days.value = String(BUNDLED[scenario.value]!.days);
    sample.value = String(BUNDLED[scenario.value]!.sample);
  };
  const form = el('form', { id: 'playground', class: 'playground' }, field('scenario', scenario), field('policy', policy), field('grid workers per grid', workers), field('demand ×', demand), field('days', days), field('seed', seed), field('case tracks kept', sample), run);
  root.replaceChildren(el('h2', {}, 'Playground'), el('p', { class: 'hint' }, 'Runs the simulator core in a Web Worker (the same code as the CLI) and shows the replay while it runs. The megacity scenario is huge: keep it to a day and a small sample.'), form, status, view, summary);
  let viewer: Viewer | null = null;
  form.onsubmit = async (e) => {
    e.preventDefault();
    if (state.running) return;
    const b = BUNDLED[scenario.value]!;
    const request: PlaygroundRequest = {
      scenario: scenario.value,
      sets: playgroundSets(b.raw as Parameters<typeof playgroundSets>[0], { days: Number(days.value), workers: Number(workers.value), demand: Number(demand.value) }),
      seed: /^-?\d+$/.test(seed.value) ? Number(seed.value) : seed.value,
      policy: policy.value,
      sample: Math.min(1, Math.max(0.001, Number(sample.value) || 1)),
    };
    Object.assign(state, { request, summaryJson: null, replayText: null, running: true, error: null });
    run.disabled = true;
    status.textContent = 'running…';
    summary.textContent = '';
    viewer?.destroy();
    viewer = null;
    let builder: ReplayBuilder | null = null;
    const started = performance.now();
    const reply = await client.run({ raw: b.raw, name: `${request.scenario}.json`, sets: request.sets, seed: request.seed, policy: request.policy, replay: { sample: request.sample, chunkHours: 6 } }, (m) => {
      if (m.kind === 'header') {
        builder = new ReplayBuilder(m.header, 'playground');
        viewer = mountViewer(view, [builder.replay]);
        setViewer(viewer);
        viewer.clock.play();
      } else if (m.kind === 'chunk' && builder) {
        builder.append(m.chunk as ReplayChunk);
        viewer!.refresh();
        if (!viewer!.clock.playing && viewer!.clock.t < viewer!.clock.end) viewer!.clock.play();
        status.textContent = `running… simulated ${(builder.replay.hoursDone / 24).toFixed(1)} of ${builder.replay.meta.days} days`;
      }
    });
    run.disabled = false;
    state.running = false;
    if (!reply.ok) {
      state.error = reply.error;
      status.textContent = `error: ${reply.error}`;
      status.className = 'error';
      return;
    }
    status.className = '';
    state.summaryJson = reply.summaryJson;
    state.replayText = reply.replayText ?? null;
    const s = JSON.parse(reply.summaryJson);
    status.replaceChildren(`done: ${s.cases.closed} of ${s.cases.created} counted cases closed; mean resolution ${s.resolutionHours.mean.toFixed(1)} h; ${reply.events.toLocaleString('en-US')} engine events in ${((performance.now() - started) / 1000).toFixed(1)} s. `);
    if (reply.replayText) {
      const url = URL.createObjectURL(new Blob([reply.replayText], { type: 'application/json' }));
      status.append(el('a', { href: url, download: `${request.scenario}-${request.policy}-seed${request.seed}.replay.json`, id: 'pg-download' }, 'download the replay'));
    }
    summary.textContent = reply.summaryJson;
  };
}
