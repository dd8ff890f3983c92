import { describe, expect, it } from 'vitest';
import { minimalScenario } from '../helpers/scenarios.ts';
import { runRaw } from '../helpers/run.ts';
import { expectOffIsIdentical, mechanismSummary } from '../helpers/mechanisms.ts';

const raw = minimalScenario({ horizonDays: 25 });
const on = { ...raw, mechanisms: { duplicateReports: { extraReports: { dist: 'constant', value: 1 } } } };
type Dup = { reports: number; mergedAt: Record<string, number>; closedAsDuplicate: number; staffHours: number };

describe('duplicate reports and merging (mechanisms.duplicateReports)', () => {
  it('off: outputs byte-identical to the scenario without it', async () => {
    await expectOffIsIdentical(raw, 'duplicateReports');
  });

  it('on: every extra report loads the hotline; hierarchy merges the rest at the grid, flat sends them on to be closed as duplicates on site, at more staff time', async () => {
    const got: Record<string, Dup> = {};
    for (const policyName of ['flat', 'hierarchical']) {
      const base = await runRaw(raw, { policyName });
      const dup = await runRaw(on, { policyName });
      const d = mechanismSummary<Dup>(dup, 'duplicateReports');
      got[policyName] = d;
      expect(d.reports).toBeGreaterThan(50);
      // (the hotline counts contacts received in the window; the mechanism counts reports of cases created in it)
      expect(dup.summary.hotline.duplicates - base.summary.hotline.duplicates).toBeGreaterThan(0.9 * d.reports);
      // duplicates are not case records: the case counts do not change
      expect(dup.summary.cases.created).toBe(base.summary.cases.created);
      const callHours = (r: typeof base) => r.summary.activityShare.callTaker.call * r.summary.staffHours.callTaker;
      expect(callHours(dup)).toBeGreaterThan(callHours(base));
      expect(dup.summary.checks.ok).toBe(true);
      // the centre recognises about half of them (recognition.district = 0.5)
      expect(d.mergedAt.district! / d.reports).toBeGreaterThan(0.35);
      expect(d.mergedAt.district! / d.reports).toBeLessThan(0.65);
    }
    expect(got.hierarchical!.closedAsDuplicate).toBe(0);
    expect(got.hierarchical!.mergedAt.grid).toBeGreaterThan(0);
    expect(got.flat!.closedAsDuplicate).toBeGreaterThan(0);
    expect(got.flat!.staffHours / got.flat!.reports).toBeGreaterThan(got.hierarchical!.staffHours / got.hierarchical!.reports);
  });
});
