import { simulate, type SimulateOptions, type SimulateResult } from '../run/simulateRun.ts';
import type { Scenario } from '../scenario/schema.ts';
import { compareWith, type CompareOptions } from './compare.ts';

/** The library form of `gridgov run`, in memory: one run of a validated scenario. */
export function run(scenario: Scenario, opts: SimulateOptions = {}): Promise<SimulateResult> {
  return simulate(scenario, opts);
}

/** The library form of `gridgov compare`, in memory: policies × replications on common seeds. */
export function compare(scenario: Scenario, opts: CompareOptions) {
  return compareWith(async (s, choice, seed) => (await simulate(s, { seed, policyName: choice.name, policy: choice.policy })).summary, scenario, opts);
}
