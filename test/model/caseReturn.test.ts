import { describe, expect, it } from 'vitest';
import { minimalScenario } from '../helpers/scenarios.ts';
import { runRaw } from '../helpers/run.ts';
import { expectOffIsIdentical, mechanismSummary } from '../helpers/mechanisms.ts';

const raw = minimalScenario({ horizonDays: 25 });
const on = { ...raw, mechanisms: { caseReturn: { share: { street: 0.3, district: 0.3, department: 0.3 } } } };

describe('return 回退 (mechanisms.caseReturn)', () => {
  it('off: outputs byte-identical to the scenario without it', async () => {
    await expectOffIsIdentical(raw, 'caseReturn');
  });

  for (const policyName of ['flat', 'hierarchical']) {
    it(`on (${policyName}): units return a share of their cases to the command centre: more bounces, longer cases`, async () => {
      const base = await runRaw(raw, { policyName });
      const ret = await runRaw(on, { policyName });
      const n = mechanismSummary<{ returned: number }>(ret, 'caseReturn').returned;
      expect(n).toBeGreaterThan(20);
      expect(ret.summary.bouncesPerCase).toBeGreaterThan(base.summary.bouncesPerCase);
      expect(ret.summary.resolutionHours.mean).toBeGreaterThan(base.summary.resolutionHours.mean);
      // a returned case went back to the district command centre after the unit that returned it
      expect(ret.rows.some((r) => /(street|department)>district/.test(r.tiersVisited!) && Number(r.bounces) > 0)).toBe(true);
      expect(ret.summary.checks.ok).toBe(true);
    });
  }

  it('maxReturns 0 switches it off in effect', async () => {
    const base = await runRaw(raw, { policyName: 'flat' });
    const none = await runRaw({ ...on, mechanisms: { caseReturn: { maxReturns: 0 } } }, { policyName: 'flat' });
    expect(none.casesText).toBe(base.casesText);
  });
});
