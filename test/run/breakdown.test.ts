import { describe, expect, it } from 'vitest';
import { minimalScenario } from '../helpers/scenarios.ts';
import { runRaw } from '../helpers/run.ts';

type Disc = { created: number; registeredShare: number; within24h: number; within72h: number; within168h: number; meanLagCensoredHours: number };
type ByA = Record<string, { closed: number; resolutionHoursMean: number | null; handlingHoursMean: number | null; slaMet: number | null }>;

describe('outputs.breakdown', () => {
  it('splits closed cases by authority and measures discovery, with patrol against passive response', async () => {
    const raw = minimalScenario({ horizonDays: 30, outputs: { breakdown: true } });
    const patrol = await runRaw(raw);
    const passive = await runRaw({ ...raw, patrol: { enabled: false } });
    const by = patrol.summary.byAuthority as ByA;
    expect(Object.values(by).reduce((a, b) => a + b.closed, 0)).toBe(patrol.summary.cases.closed);
    expect(by.grid!.resolutionHoursMean!).toBeLessThan(by.department!.resolutionHoursMean!);
    const d = patrol.summary.discovery as Disc;
    const p = passive.summary.discovery as Disc;
    expect(d.created).toBe(patrol.summary.cases.created);
    expect(d.registeredShare).toBeCloseTo(patrol.summary.cases.registered / patrol.summary.cases.created, 12);
    expect(d.within24h).toBeLessThanOrEqual(d.within72h);
    expect(d.within72h).toBeLessThanOrEqual(d.within168h);
    // without patrol the issues nobody reports are never found
    expect(p.registeredShare).toBeLessThan(d.registeredShare - 0.1);
    expect(p.meanLagCensoredHours).toBeGreaterThan(d.meanLagCensoredHours);
    expect(patrol.summary.sourceShare.patrol).toBeGreaterThan(0);
    expect(passive.summary.sourceShare.patrol).toBe(0);
  });
});
