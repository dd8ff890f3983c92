import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../helpers/prng.ts';
import { kaplanMeier, kmQuantile, kmQuantiles, survivalAt, type SurvivalObservation } from '../../sim/stats/kaplanMeier.ts';
import { normalQuantile } from '../../sim/stats/ci.ts';

const obs = (spec: string): SurvivalObservation[] =>
  spec.split(/\s+/).map((tok) => ({ time: Number(tok.replace('+', '')), event: !tok.endsWith('+') }));

const z = normalQuantile(0.975);

describe('kaplanMeier: a hand-computed censored example', () => {
  // 1, 2, 2, 3+, 4, 5+  (+ = censored, still open)
  // t=1: n=6 d=1 → Ŝ = 5/6;           Greenwood Σ = 1/(6·5) = 1/30
  // t=2: n=5 d=2 → Ŝ = 5/6·3/5 = 1/2; Σ = 1/30 + 2/(5·3) = 1/6
  // t=3: one censored, Ŝ unchanged;   n drops from 3 to 2
  // t=4: n=2 d=1 → Ŝ = 1/2·1/2 = 1/4; Σ = 1/6 + 1/(2·1) = 2/3
  // t=5: censored; the curve ends there.
  const fit = kaplanMeier(obs('4 1 2 3+ 2 5+'));

  it('gives the product-limit steps and Greenwood variances', () => {
    expect(fit.n).toBe(6);
    expect(fit.events).toBe(4);
    expect(fit.censored).toBe(2);
    expect(fit.maxTime).toBe(5);
    expect(fit.steps.map((s) => [s.time, s.atRisk, s.events])).toEqual([[1, 6, 1], [2, 5, 2], [4, 2, 1]]);
    expect(fit.steps.map((s) => s.censored)).toEqual([0, 1, 1]);
    const [a, b, c] = fit.steps;
    expect(a.survival).toBeCloseTo(5 / 6, 14);
    expect(b.survival).toBeCloseTo(1 / 2, 14);
    expect(c.survival).toBeCloseTo(1 / 4, 14);
    expect(a.variance).toBeCloseTo((25 / 36) * (1 / 30), 14);
    expect(b.variance).toBeCloseTo((1 / 4) * (1 / 6), 14);
    expect(c.variance).toBeCloseTo((1 / 16) * (2 / 3), 14);
  });

  it('log-log band: Ŝ^exp(∓z·σ/ln Ŝ)', () => {
    const s = fit.steps[1];
    const k = (z * Math.sqrt(1 / 6)) / Math.log(1 / 2);
    expect(s.lower).toBeCloseTo(Math.pow(0.5, Math.exp(-k)), 12);
    expect(s.upper).toBeCloseTo(Math.pow(0.5, Math.exp(k)), 12);
    expect(s.lower).toBeLessThan(0.5);
    expect(s.upper).toBeGreaterThan(0.5);
  });

  it('reads Ŝ(t) between steps, and refuses beyond the last observation', () => {
    expect(survivalAt(fit, 0.5)?.survival).toBe(1);
    expect(survivalAt(fit, 3)?.survival).toBeCloseTo(0.5, 14);
    expect(survivalAt(fit, 4.5)?.survival).toBeCloseTo(1 / 4, 14);
    expect(survivalAt(fit, 6)).toBeNull();
  });

  it('quantiles: first time Ŝ ≤ 1 − p; null where the curve never gets that low', () => {
    expect(kmQuantile(fit, 0.5).estimate).toBe(2);
    expect(kmQuantile(fit, 0.6).estimate).toBe(4);
    expect(kmQuantile(fit, 0.1).estimate).toBe(1);
    expect(kmQuantile(fit, 0.9).estimate).toBeNull();
    // Median interval: lower = first t whose lower band ≤ 0.5. At t=1, σ² = 1/30:
    const k1 = (z * Math.sqrt(1 / 30)) / Math.log(5 / 6);
    expect(Math.pow(5 / 6, Math.exp(-k1))).toBeLessThan(0.5);
    expect(kmQuantile(fit, 0.5).lower).toBe(1);
    // Upper band at t=4: (1/4)^exp(z·√(2/3)/ln(1/4)) > 0.5 → never below 0.5 → not identified.
    expect(Math.pow(1 / 4, Math.exp((z * Math.sqrt(2 / 3)) / Math.log(1 / 4)))).toBeGreaterThan(0.5);
    expect(kmQuantile(fit, 0.5).upper).toBeNull();
  });
});

describe('kaplanMeier: against published values', () => {
  // Acute myelogenous leukaemia, maintained group (Miller 1981; R's survival::aml). R:
  // survfit(Surv(time, status) ~ 1, data = aml[aml$x == "Maintained", ]) gives the survival and
  // standard errors below, median 31 with 0.95 LCL 18 and UCL NA under conf.type = "log".
  const fit = kaplanMeier(obs('9 13 13+ 18 23 28+ 31 34 45+ 48 161+'), { band: 'log' });
  it('matches R survfit', () => {
    const expected = [
      [9, 0.909, 0.0867],
      [13, 0.818, 0.116],
      [18, 0.716, 0.14],
      [23, 0.614, 0.153],
      [31, 0.491, 0.164],
      [34, 0.368, 0.163],
      [48, 0.184, 0.153],
    ];
    expect(fit.steps.length).toBe(expected.length);
    fit.steps.forEach((s, i) => {
      expect(s.time).toBe(expected[i][0]);
      expect(s.survival).toBeCloseTo(expected[i][1], 3);
      expect(Math.sqrt(s.variance)).toBeCloseTo(expected[i][2], 3);
    });
    expect(kmQuantile(fit, 0.5)).toEqual({ p: 0.5, estimate: 31, lower: 18, upper: null });
  });
});

describe('kaplanMeier: limiting cases', () => {
  it('without censoring it is one minus the empirical distribution', () => {
    const rand = mulberry32(7);
    const xs = Array.from({ length: 200 }, () => Math.round(rand() * 1000) / 10);
    const fit = kaplanMeier(xs.map((time) => ({ time, event: true })));
    for (const t of [5, 25, 50, 75, 99]) {
      expect(survivalAt(fit, t)!.survival).toBeCloseTo(xs.filter((x) => x > t).length / xs.length, 12);
    }
    expect(fit.steps[fit.steps.length - 1].survival).toBeCloseTo(0, 12);
  });

  it('censored exponential sample: the median interval holds the true median, the closed-only median is biased', () => {
    const rand = mulberry32(11);
    const mean = 10;
    const sample = Array.from({ length: 2000 }, () => {
      const t = -mean * Math.log(1 - rand());
      const c = 60 * rand(); // uniform censoring on [0, 60]: about a sixth of cases still open
      return { time: Math.min(t, c), event: t <= c };
    });
    const [q50, q90] = kmQuantiles(kaplanMeier(sample), [0.5, 0.9]);
    expect(q50.lower!).toBeLessThanOrEqual(mean * Math.LN2);
    expect(q50.upper!).toBeGreaterThanOrEqual(mean * Math.LN2);
    expect(q90.lower!).toBeLessThanOrEqual(mean * Math.log(10));
    expect(q90.upper!).toBeGreaterThanOrEqual(mean * Math.log(10));
    const closed = sample.filter((o) => o.event).map((o) => o.time).sort((a, b) => a - b);
    expect(closed[Math.floor(closed.length / 2)]).toBeLessThan(q50.lower!);
  });

  it('ties between an event and a censoring: the censored case is at risk at that time', () => {
    const fit = kaplanMeier(obs('2 2+ 3'));
    expect(fit.steps[0]).toMatchObject({ time: 2, atRisk: 3, events: 1, censored: 1 });
    expect(fit.steps[0].survival).toBeCloseTo(2 / 3, 14);
    expect(fit.steps[1]).toMatchObject({ time: 3, atRisk: 1, events: 1, survival: 0 });
  });

  it('empty input, all censored, and bad input', () => {
    expect(kaplanMeier([]).steps).toEqual([]);
    const allOpen = kaplanMeier(obs('1+ 2+'));
    expect(allOpen.steps).toEqual([]);
    expect(kmQuantile(allOpen, 0.5).estimate).toBeNull();
    expect(() => kaplanMeier([{ time: -1, event: true }])).toThrow(RangeError);
    expect(() => kaplanMeier([{ time: NaN, event: true }])).toThrow(RangeError);
    expect(() => kmQuantile(allOpen, 1)).toThrow(RangeError);
  });
});
