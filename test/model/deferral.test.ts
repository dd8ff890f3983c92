import { describe, expect, it } from 'vitest';
import { minimalScenario } from '../helpers/scenarios.ts';
import { runRaw } from '../helpers/run.ts';
import { expectOffIsIdentical, mechanismSummary } from '../helpers/mechanisms.ts';

// Tight limits: many cases are still at a handling unit when most of their limit has passed.
const tight = { emergency: 2, urgent: 12, general: 36, complex: 72 };
const raw = minimalScenario({ horizonDays: 25, timeLimitsHours: tight, satisfaction: {}, deadlineCallback: { expedite: false } });
const on = { ...raw, mechanisms: { deferral: { applyProbability: 1, approvalProbability: 1 } } };
type D = { applied: number; granted: number };
type CB = { calls: number };
type Sat = { ratedLate: number; satisfactionExpected: number };

describe('deferral 延期 (mechanisms.deferral)', () => {
  it('off: outputs byte-identical to the scenario without it', async () => {
    await expectOffIsIdentical(raw, 'deferral');
  });

  it('on: deadlines move, so fewer deadline call-backs and fewer late ratings; the cases themselves and the SLA statistics do not change', async () => {
    const base = await runRaw(raw, { policyName: 'hierarchical' });
    const def = await runRaw(on, { policyName: 'hierarchical' });
    const d = mechanismSummary<D>(def, 'deferral');
    expect(d.granted).toBeGreaterThan(10);
    expect(d.granted).toBe(d.applied);
    expect((def.summary.deadlineCallbacks as CB).calls).toBeLessThan((base.summary.deadlineCallbacks as CB).calls);
    expect((def.summary.satisfaction as Sat).ratedLate).toBeLessThan((base.summary.satisfaction as Sat).ratedLate);
    expect((def.summary.satisfaction as Sat).satisfactionExpected).toBeGreaterThan((base.summary.satisfaction as Sat).satisfactionExpected);
    // a deferral is paperwork: without pressing, no case moves differently, and the SLA keeps the original limit
    expect(def.casesText).toBe(base.casesText);
    expect(def.summary.slaMet).toBe(base.summary.slaMet);
  });

  it('never approved: applications are counted, nothing else changes', async () => {
    const base = await runRaw(raw, { policyName: 'hierarchical' });
    const refused = await runRaw({ ...raw, mechanisms: { deferral: { approvalProbability: 0 } } }, { policyName: 'hierarchical' });
    expect(mechanismSummary<D>(refused, 'deferral').granted).toBe(0);
    expect(mechanismSummary<D>(refused, 'deferral').applied).toBeGreaterThan(0);
    // (the checks add engine events: their timers)
    const { mechanisms, engine, ...rest } = refused.summary as unknown as Record<string, unknown>;
    const { engine: baseEngine, ...baseRest } = base.summary as unknown as Record<string, unknown>;
    expect(mechanisms).toBeDefined();
    expect((engine as { events: number }).events).toBeGreaterThan((baseEngine as { events: number }).events);
    expect(JSON.stringify(rest)).toBe(JSON.stringify(baseRest));
    expect(refused.casesText).toBe(base.casesText);
  });
});
