import { DeadlineCallback } from '../model/deadlineCallback.ts';
import type { SimExtension } from '../model/extensions.ts';
import { SelfManagement } from '../model/selfManagement.ts';
import type { Simulation } from '../model/simulation.ts';
import { TopDownTasks } from '../model/topDownTasks.ts';
import { BreakdownCollector } from './breakdown.ts';
import { SatisfactionCollector } from './satisfaction.ts';

/**
 * The optional parts of a run, each present only when its scenario section is: model
 * extensions (self-management, top-down tasks, deadline callbacks) and extra collectors
 * (satisfaction rates, breakdowns). Returns what they add to summary.json; a scenario with none
 * of these sections gets nothing attached and runs exactly as before.
 */
export function attachExtras(sim: Simulation): { summarize(): Record<string, unknown> } {
  const s = sim.scenario;
  const parts: { summarize?(): Record<string, unknown> }[] = [];
  const extensions: SimExtension[] = [];
  if (s.selfManagement?.enabled) extensions.push(new SelfManagement(s, sim.territory));
  if (s.topDownTasks) extensions.push(new TopDownTasks(s, sim.territory));
  if (s.deadlineCallback) extensions.push(new DeadlineCallback(s));
  for (const x of extensions) {
    sim.extend(x);
    parts.push(x);
  }
  if (s.satisfaction?.enabled) {
    const c = new SatisfactionCollector(s, sim.streams.stream('satisfaction'), sim.world);
    sim.observe(c);
    parts.push(c);
  }
  if (s.outputs.breakdown) {
    const c = new BreakdownCollector(s);
    sim.observe(c);
    parts.push(c);
  }
  if (sim.mechanisms) parts.push(sim.mechanisms);
  return { summarize: () => Object.assign({}, ...parts.map((p) => p.summarize?.() ?? {})) };
}
