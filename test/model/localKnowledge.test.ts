import { describe, expect, it } from 'vitest';
import { minimalScenario } from '../helpers/scenarios.ts';
import { runRaw } from '../helpers/run.ts';
import { expectOffIsIdentical, mechanismSummary } from '../helpers/mechanisms.ts';

const raw = minimalScenario({ horizonDays: 25 });
const on = { ...raw, mechanisms: { localKnowledge: { hours: { dist: 'constant', value: 2 } } } };
type LK = { gathered: number; hours: number };

describe('local knowledge (mechanisms.localKnowledge)', () => {
  it('off: outputs byte-identical to the scenario without it', async () => {
    await expectOffIsIdentical(raw, 'localKnowledge');
  });

  it('on: flat, which sends hotline cases past the grid, pays information-gathering time in the handling work; hierarchy, which goes through the grid first, pays little', async () => {
    const flatBase = await runRaw(raw, { policyName: 'flat' });
    const flatOn = await runRaw(on, { policyName: 'flat' });
    const hierBase = await runRaw(raw, { policyName: 'hierarchical' });
    const hierOn = await runRaw(on, { policyName: 'hierarchical' });
    const f = mechanismSummary<LK>(flatOn, 'localKnowledge');
    const h = mechanismSummary<LK>(hierOn, 'localKnowledge');
    expect(f.gathered).toBeGreaterThan(30);
    expect(f.hours).toBeCloseTo(2 * f.gathered, 9);
    // under hierarchy only cases that never passed a grid or community (none here: hotline cases go down to the grid)
    expect(h.gathered).toBeLessThan(0.1 * f.gathered);
    // the time is handling work of the units that pay it, and it lengthens the cases
    const handle = (r: typeof flatBase) => r.summary.activityShare.departmentHandler.handle * r.summary.staffHours.departmentHandler;
    expect(handle(flatOn)).toBeGreaterThan(handle(flatBase));
    expect(flatOn.summary.resolutionHours.mean).toBeGreaterThan(flatBase.summary.resolutionHours.mean);
    const gap = (a: typeof flatBase, b: typeof flatBase) => a.summary.resolutionHours.mean - b.summary.resolutionHours.mean;
    expect(gap(flatOn, flatBase)).toBeGreaterThan(gap(hierOn, hierBase));
    expect(flatOn.summary.checks.ok).toBe(true);
  });
});
