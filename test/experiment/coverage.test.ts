import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { compare } from '../../sim/experiment/run.ts';
import { resolveScenario } from '../../sim/scenario/load.ts';
import { mmcMeanWait } from '../../sim/stats/queueing.ts';

// Do compare's 95% intervals cover the true value 95% of the time? Repeat a small M/M/1
// experiment (ρ = 0.5, so the warm-up bias is negligible against the interval) many times.
const EXPERIMENTS = 400;
const REPS = 5;

describe('confidence intervals of compare', () => {
  it(`cover the M/M/1 mean wait at their nominal 95% rate (${EXPERIMENTS} experiments of ${REPS} replications)`, async () => {
    const raw = JSON.parse(readFileSync(new URL('../../scenarios/validation/mm1.json', import.meta.url), 'utf8'));
    const lambda = 0.5;
    raw.demand.categories[0].ratePer1000PerDay = lambda * 24; // one grid of 1,000 residents
    raw.horizonDays = 25;
    raw.warmupDays = 3;
    const scenario = resolveScenario(raw, 'mm1.json');
    const truth = mmcMeanWait(lambda, 1, 1); // = 1 h
    let covered = 0;
    for (let k = 0; k < EXPERIMENTS; k++) {
      const { comparison } = await compare(scenario, { policies: ['hierarchical'], reps: REPS, seed: 1000 * k });
      const i = comparison.metrics['waitHours.mean']!.hierarchical!;
      if (i.ciLow <= truth && truth <= i.ciHigh) covered++;
    }
    const rate = covered / EXPERIMENTS;
    // binomial standard error at the nominal rate; 3.3 SE is a two-sided 0.1% band
    const se = Math.sqrt((0.95 * 0.05) / EXPERIMENTS);
    expect(rate).toBeGreaterThan(0.95 - 3.3 * se);
    expect(rate).toBeLessThan(0.95 + 3.3 * se);
  });
});
