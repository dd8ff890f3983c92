import { describe, expect, it } from 'vitest';
import { metricInterval } from '../../sim/experiment/intervals.ts';
import { evaluateTargets, parseTarget, targetMet } from '../../sim/experiment/sizeTargets.ts';
import { meanCI, studentTQuantile } from '../../sim/stats/ci.ts';

// Two targets whose one-sided p-values both lie between α/2 and α (α = 0.025 at level 0.95):
// each alone is met, but together, Holm tests the smaller at α/2 and neither is claimed.
const rows: Record<string, number[]> = {
  'resolutionHours.p90': [97, 98, 99, 100], // limit 100.8: t = 3.56 on 3 df
  'utilization.streetHandler': [0.8, 0.81, 0.82, 0.83], // limit 0.838: t = 3.56
};
const values = (m: string) => rows[m]!;
const interval = (m: string) => metricInterval(m, rows[m]!);

describe('size: several targets, Holm-corrected', () => {
  const targets = [parseTarget('resolutionHours.p90<=100.8'), parseTarget('utilization.streetHandler<=0.838')];

  it('alone, each target is met at the unfavourable end of its 95% interval, as before', () => {
    for (const t of targets) {
      expect(targetMet(t, interval(t.metric))).toBe(true);
      const [s] = evaluateTargets([t], values, interval, 0.95);
      expect(s!.met).toBe(true);
      expect(s!.unfavourableEnd).toBeCloseTo(interval(t.metric).ciHigh, 9); // one target: no correction
    }
  });

  it('together, the Holm-adjusted p-values and the unfavourable ends at Holm’s levels decide', () => {
    const both = evaluateTargets(targets, values, interval, 0.95);
    const p = both.map((s) => s.pValue);
    for (const x of p) expect(x).toBeGreaterThan(0.0125);
    for (const x of p) expect(x).toBeLessThan(0.025);
    expect(both.map((s) => s.pHolm)).toEqual([Math.max(2 * Math.min(...p), Math.max(...p)), Math.max(2 * Math.min(...p), Math.max(...p))].map((x) => Math.min(1, x)));
    expect(both.map((s) => s.met)).toEqual([false, false]);
    // the first step's end is the one-sided α/2 = 0.0125 end: t(0.9875, 3)
    const first = both[p.indexOf(Math.min(...p))]!;
    const m = targets[p.indexOf(Math.min(...p))]!.metric;
    const i = meanCI(rows[m]!);
    expect(first.unfavourableEnd).toBeCloseTo(i.mean + (studentTQuantile(1 - 0.0125, 3) * i.sd) / 2, 9);
    expect(first.slack).toBeLessThan(0);
  });
});
