import { describe, expect, it } from 'vitest';
import { minimalScenario } from '../helpers/scenarios.ts';
import { runRaw } from '../helpers/run.ts';
import { expectOffIsIdentical, mechanismSummary } from '../helpers/mechanisms.ts';

// One command-centre dispatcher with slow classification: its queue builds up at busy hours.
const raw = minimalScenario({
  horizonDays: 25,
  staff: { ...(minimalScenario().staff as Record<string, unknown>), districtDispatcher: { count: 1, shift: 'always' } },
  service: { dispatchHours: { dist: 'exponential', mean: 0.4 } },
});
const on = { ...raw, mechanisms: { centreSaturation: { timePerQueued: 0.2, misroutePerQueued: 0.05 } } };

describe('a saturating central dispatcher (mechanisms.centreSaturation)', () => {
  it('off: outputs byte-identical to the scenario without it', async () => {
    await expectOffIsIdentical(raw, 'centreSaturation');
  });

  it('on: under flat, classification takes longer and misroutes more as the queue grows (more bounces, longer cases)', async () => {
    const base = await runRaw(raw, { policyName: 'flat' });
    const sat = await runRaw(on, { policyName: 'flat' });
    expect(mechanismSummary<{ maxLoadPerStaff: number }>(sat, 'centreSaturation').maxLoadPerStaff).toBeGreaterThan(1);
    expect(sat.summary.bouncesPerCase).toBeGreaterThan(base.summary.bouncesPerCase);
    const dispatch = (r: typeof base) => r.summary.activityShare.districtDispatcher.dispatch * r.summary.staffHours.districtDispatcher;
    expect(dispatch(sat)).toBeGreaterThan(dispatch(base));
    expect(sat.summary.resolutionHours.mean).toBeGreaterThan(base.summary.resolutionHours.mean);
    expect(sat.summary.checks.ok).toBe(true);
  });

  it('with both slopes 0 it is neutral: the same outputs as without it, bar its own summary section', async () => {
    const base = await runRaw(raw, { policyName: 'flat' });
    const zero = await runRaw({ ...raw, mechanisms: { centreSaturation: { timePerQueued: 0, misroutePerQueued: 0 } } }, { policyName: 'flat' });
    expect(zero.casesText).toBe(base.casesText);
  });
});
