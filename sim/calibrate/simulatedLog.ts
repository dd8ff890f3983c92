import type { SimObserver } from '../model/events.ts';
import { simulate } from '../run/simulateRun.ts';
import { resolveScenario } from '../scenario/load.ts';
import type { ScenarioInput } from '../scenario/schema.ts';

/**
 * Runs a scenario and reads it back as a case log: for each case registered after the warm-up and
 * before `arrivalDays` more days, when it was created, when (if) it closed, its category. Times
 * are hours from the end of the warm-up; the log is censored at the horizon, like a real extract.
 */
export interface SimulatedCase {
  created: number;
  closed: number | null;
  category: number;
}

export interface SimulatedLog {
  cases: SimulatedCase[];
  /** Censoring time (the horizon), hours after the warm-up. */
  censorAt: number;
}

export async function simulatedLog(input: ScenarioInput, seed: number, arrivalDays: number, policyName?: string): Promise<SimulatedLog> {
  const scenario = resolveScenario(input, `${input.name} (calibration run)`);
  const warm = scenario.warmupDays * 24;
  const until = warm + arrivalDays * 24;
  const byId = new Map<number, SimulatedCase>();
  const observer: SimObserver = {
    onEvent(e) {
      // A log's "created" is when the request was entered: the case's registration.
      if (e.type === 'caseRegistered') {
        if (e.t >= warm && e.t < until && !byId.has(e.case.id)) byId.set(e.case.id, { created: e.t - warm, closed: null, category: e.case.category });
      } else if (e.type === 'caseClosed') {
        const c = byId.get(e.case.id);
        if (c) c.closed = e.t - warm;
      }
    },
  };
  await simulate(scenario, { seed, observers: [observer], ...(policyName ? { policyName } : {}) });
  return { cases: [...byId.values()], censorAt: scenario.horizonDays * 24 - warm };
}
