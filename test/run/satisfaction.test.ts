import { describe, expect, it } from 'vitest';
import { minimalScenario } from '../helpers/scenarios.ts';
import { runRaw } from '../helpers/run.ts';

type Row = { month: number; fromDay: number; toDay: number; rated: number; response: number | null; resolution: number | null; satisfaction: number | null };
type Sat = { rated: number; pending: number; response: number; resolution: number; satisfaction: number; satisfactionExpected: number; monthly: Row[] };
const sat = (r: { summary: { satisfaction?: unknown } }) => r.summary.satisfaction as Sat;
const generous = { emergency: 1000, urgent: 1000, general: 1000, complex: 1000 };

describe('resident satisfaction model', () => {
  it('reports the three rates overall and per month, the months covering the window', async () => {
    const r = await runRaw(minimalScenario({ horizonDays: 75, warmupDays: 5, satisfaction: {} }));
    const s = sat(r);
    expect(s.rated).toBeGreaterThan(500);
    for (const k of ['response', 'resolution', 'satisfaction'] as const) {
      expect(s[k]).toBeGreaterThan(0.3);
      expect(s[k]).toBeLessThanOrEqual(1);
    }
    expect(s.monthly.map((m) => [m.month, m.fromDay, m.toDay])).toEqual([
      [1, 5, 30],
      [2, 30, 60],
      [3, 60, 75],
    ]);
    expect(s.monthly.reduce((a, m) => a + m.rated, 0)).toBe(s.rated);
    const weighted = s.monthly.reduce((a, m) => a + m.rated * m.satisfaction!, 0) / s.rated;
    expect(weighted).toBeCloseTo(s.satisfaction, 12);
    expect(Math.abs(s.satisfaction - s.satisfactionExpected)).toBeLessThan(0.05);
  });

  it('turns outcomes into rates: in-time closures are resolved, overdue cases are not, slow responses are not responses', async () => {
    const fast = sat(await runRaw(minimalScenario({ timeLimitsHours: generous, satisfaction: { resolvedIfClosed: 1, responseHours: generous } })));
    expect(fast.resolution).toBe(1);
    expect(fast.response).toBe(1);
    const tight = sat(await runRaw(minimalScenario({ timeLimitsHours: { emergency: 0.5, urgent: 0.5, general: 0.5, complex: 0.5 }, satisfaction: { responseHours: { emergency: 0.01, urgent: 0.01, general: 0.01, complex: 0.01 } } })));
    expect(tight.resolution).toBeLessThan(0.1);
    expect(tight.response).toBeLessThan(0.5);
    expect(tight.satisfaction).toBeLessThan(fast.satisfaction - 0.3);
  });

  it('weighs each term of the score: contacts, reopens and the intercept move satisfaction', async () => {
    const raw = minimalScenario({ horizonDays: 40, satisfaction: {} });
    const base = sat(await runRaw(raw));
    const calls = sat(await runRaw({ ...raw, satisfaction: { score: { extraContact: -5 } } }));
    expect(calls.satisfaction).toBeLessThan(base.satisfaction);
    expect(sat(await runRaw({ ...raw, satisfaction: { score: { intercept: 50, unresolved: 0, timeRatio: 0, extraContact: 0, reopen: 0, noResponse: 0 } } })).satisfaction).toBe(1);
    expect(sat(await runRaw({ ...raw, satisfaction: { score: { intercept: -50 } } })).satisfaction).toBe(0);
  });

  it('only observes: with no reopens it changes no case, and it draws from the satisfaction stream only', async () => {
    const raw = minimalScenario();
    for (const c of (raw.demand as { categories: Record<string, unknown>[] }).categories) c.reopenProbability = 0;
    const off = await runRaw(raw, { seed: 5 });
    const on = await runRaw({ ...raw, satisfaction: {} }, { seed: 5 });
    expect(on.casesText).toBe(off.casesText);
    const { satisfaction, engine, ...rest } = on.summary;
    const { engine: engineOff, ...restOff } = off.summary;
    expect(satisfaction).toBeDefined();
    expect(JSON.stringify(rest)).toBe(JSON.stringify(restOff));
    expect(engine.events).toBe(engineOff.events);
  });
});
