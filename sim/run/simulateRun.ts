import { loadSimjs } from '../engine/loadSimjs.ts';
import type { SimObserver } from '../model/events.ts';
import { Simulation } from '../model/simulation.ts';
import { resolvePolicy } from '../policies/registry.ts';
import type { Policy } from '../policies/types.ts';
import { createStreams } from '../random/stream.ts';
import type { Scenario } from '../scenario/schema.ts';
import { buildTerritory } from '../territory/build.ts';
import { CaseRowWriter, type TextSink } from './caseRows.ts';
import { attachExtras } from './extras.ts';
import { buildSummary, staffCsv, type Summary } from './summary.ts';
import { SummaryCollector } from './summaryCollector.ts';
import { TierCollector } from './tierCollector.ts';

export interface SimulateOptions {
  /** Overrides scenario.seed. */
  seed?: string | number;
  /** Overrides scenario.policy.name (a built-in name); use `policy` for a loaded module. */
  policyName?: string;
  policy?: Policy;
  /** Where cases.csv goes; omitted = rows are not written. */
  caseSink?: TextSink;
  observers?: SimObserver[];
  /** Called once per simulated day (schedules nothing): hours simulated, the horizon, cases created so far. */
  onProgress?: (simHours: number, horizonHours: number, cases: number) => void;
}

export interface SimulateResult {
  /** The scenario as run: defaults filled, seed and policy name as used. */
  scenario: Scenario;
  summary: Summary;
  timeseriesCsv: string;
  staffCsv: string;
  events: number;
  /** Mean depth of the event heap over the run (for benchmarks). */
  meanPendingEvents: number;
}

/**
 * One run of a validated scenario, with no file system access: the same function runs in
 * Node and in a browser Web Worker.
 */
export async function simulate(scenario: Scenario, opts: SimulateOptions = {}): Promise<SimulateResult> {
  await loadSimjs();
  const seed = opts.seed ?? scenario.seed;
  const policyName = opts.policy?.name ?? opts.policyName ?? scenario.policy.name;
  const resolved: Scenario = { ...scenario, seed, policy: { ...scenario.policy, name: policyName } };
  const policy = resolvePolicy(policyName, resolved.policy, opts.policy);
  const territory = buildTerritory(resolved.territory);
  const sim = new Simulation(resolved, territory, policy, createStreams(seed));
  const summaryCollector = new SummaryCollector(resolved);
  const tiers = new TierCollector(resolved.outputs.timeseriesStepHours, resolved.warmupDays * 24, resolved.horizonDays * 24);
  sim.observe(summaryCollector).observe(tiers);
  if (opts.caseSink && resolved.outputs.casesCsv) {
    sim.observe(new CaseRowWriter(opts.caseSink, resolved, territory, () => sim.open.values()));
  }
  const extras = attachExtras(sim);
  for (const o of opts.observers ?? []) sim.observe(o);
  const onProgress = opts.onProgress;
  if (onProgress) sim.clock.watch(24, (now) => onProgress(now, resolved.horizonDays * 24, sim.created));
  sim.run();
  const summary: Summary = Object.assign(buildSummary(sim, policy.name, seed, summaryCollector, tiers), extras.summarize());
  return { scenario: resolved, summary, timeseriesCsv: tiers.toCsv(), staffCsv: staffCsv(sim), events: sim.clock.eventsDelivered, meanPendingEvents: sim.clock.meanPending };
}
