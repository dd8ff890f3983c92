import { describe, expect, it } from 'vitest';
import { minimalScenario } from '../helpers/scenarios.ts';
import { runRaw } from '../helpers/run.ts';
import { expectOffIsIdentical, mechanismSummary } from '../helpers/mechanisms.ts';

// Two departments, so a case can need both.
const mini = minimalScenario();
const categories = (mini.demand as { categories: Record<string, unknown>[] }).categories;
// On a paper-like channel (every move 6 h on average), like the scenarios these mechanisms were built against.
const PAPER = { dist: 'exponential', mean: 6 };
const raw = minimalScenario({
  horizonDays: 25,
  handoff: { channel: 'paper', delaysHours: { up: PAPER, down: PAPER, back: PAPER, toDepartment: PAPER } },
  demand: {
    ...(mini.demand as Record<string, unknown>),
    categories: [
      ...categories,
      { name: 'housing', ratePer1000PerDay: 0.3, department: 'housing', authority: { department: 1 }, workHours: { dist: 'lognormal', mean: 2, sd: 1 }, report: { hotline: 0.7 } },
    ],
  },
  departments: [
    { name: 'utilities', handlers: { count: 3, shift: 'always' } },
    { name: 'housing', handlers: { count: 3, shift: 'always' } },
  ],
});
const on = { ...raw, mechanisms: { multiDepartment: { share: 0.5 } } };
type MD = { cases: number; parts: number; issueDelayHours: { mean: number; count: number }; leadWaitForPartsHours: { mean: number; count: number } };

describe('cases needing several departments (mechanisms.multiDepartment)', () => {
  it('off: outputs byte-identical to the scenario without it', async () => {
    await expectOffIsIdentical(raw, 'multiDepartment');
  });

  it('on: every structure pays the extra parts (department work, longer cases); the whistle issues them at once, the district after convening, flat’s lead only once it starts work', async () => {
    const delay: Record<string, number> = {};
    for (const policyName of ['flat', 'hierarchical', 'whistle']) {
      const base = await runRaw(raw, { policyName });
      const multi = await runRaw(on, { policyName });
      const m = mechanismSummary<MD>(multi, 'multiDepartment');
      expect(m.cases).toBeGreaterThan(20);
      expect(m.parts).toBeGreaterThanOrEqual(m.cases);
      const handle = (r: typeof base) => r.summary.activityShare.departmentHandler.handle * r.summary.staffHours.departmentHandler;
      expect(handle(multi)).toBeGreaterThan(handle(base));
      expect(multi.summary.resolutionHours.mean).toBeGreaterThan(base.summary.resolutionHours.mean);
      expect(multi.summary.checks.ok).toBe(true);
      delay[policyName] = m.issueDelayHours.mean;
    }
    expect(delay.whistle).toBe(0);
    expect(delay.hierarchical).toBeGreaterThan(1);
    expect(delay.flat).toBeGreaterThan(delay.hierarchical!);
  });
});
