import { describe, expect, it } from 'vitest';
import { resolveScenario } from '../../sim/scenario/load.ts';
import { inputError } from '../helpers/errors.ts';
import { minimalScenario } from '../helpers/scenarios.ts';

describe('the mechanisms block of a scenario', () => {
  it('fills each present sub-block with its defaults and leaves absent ones absent', () => {
    const s = resolveScenario(minimalScenario({ mechanisms: { deferral: {}, centreSaturation: { timePerQueued: 0.1 } } }), 'f.json');
    expect(s.mechanisms!.deferral).toMatchObject({ enabled: true, applyAtShare: 0.8, maxDeferrals: 1 });
    expect(s.mechanisms!.centreSaturation!.timePerQueued).toBe(0.1);
    expect(s.mechanisms!.informalSettlement).toBeUndefined();
  });

  it('names the field of a bad value: an unknown category, an unknown mechanism, a probability above 1', () => {
    const cat = inputError(() => resolveScenario(minimalScenario({ mechanisms: { informalSettlement: { byCategory: { nosuch: { grid: 0.5 } } } } }), 'f.json'));
    expect(cat.problems[0]!.path).toBe('mechanisms.informalSettlement.byCategory.nosuch');
    expect(cat.file).toBe('f.json');
    const unknown = inputError(() => resolveScenario(minimalScenario({ mechanisms: { telepathy: {} } }), 'f.json'));
    expect(JSON.stringify(unknown.problems)).toContain('telepathy');
    const prob = inputError(() => resolveScenario(minimalScenario({ mechanisms: { caseReturn: { share: { street: 1.5 } } } }), 'f.json'));
    expect(prob.problems[0]!.path).toBe('mechanisms.caseReturn.share.street');
  });
});
