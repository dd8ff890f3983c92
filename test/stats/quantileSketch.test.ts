import { describe, expect, it } from 'vitest';
import { QuantileSample } from '../../sim/stats/quantiles.ts';
import { QuantileSketch } from '../../sim/stats/quantileSketch.ts';
import { mulberry32 } from '../helpers/prng.ts';

const PS = [0, 0.001, 0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99, 0.999, 1];

function lognormals(n: number, seed: number): number[] {
  const u = mulberry32(seed);
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const z = Math.sqrt(-2 * Math.log(1 - u())) * Math.cos(2 * Math.PI * u());
    out.push(Math.exp(2 + 1.2 * z)); // hours: median ≈ 7.4, long right tail
  }
  return out;
}

describe('QuantileSketch', () => {
  it('is exact (type 7) up to its exact limit', () => {
    const xs = lognormals(5000, 1);
    const sketch = new QuantileSketch(5000, 0.01);
    const exact = new QuantileSample();
    for (const x of xs) (sketch.add(x), exact.add(x));
    expect(sketch.sketched).toBe(false);
    expect(sketch.quantiles(PS)).toEqual(exact.quantiles(PS));
  });

  for (const alpha of [0.01, 0.001]) {
    it(`beyond the limit, every quantile is within the relative accuracy ${alpha} of the exact one`, () => {
      const xs = lognormals(200_000, 7);
      for (let i = 0; i < 500; i++) xs.push(0); // zeros are counted exactly
      const sketch = new QuantileSketch(1000, alpha);
      const exact = new QuantileSample();
      for (const x of xs) (sketch.add(x), exact.add(x));
      expect(sketch.sketched).toBe(true);
      expect(sketch.count).toBe(xs.length);
      const got = sketch.quantiles(PS);
      const want = exact.quantiles(PS);
      PS.forEach((p, k) => {
        const w = want[k]!;
        if (w === 0) expect(got[k]).toBe(0);
        else expect(Math.abs(got[k]! - w) / w).toBeLessThanOrEqual(alpha * (1 + 1e-9));
      });
      expect(sketch.max()).toBe(exact.max());
      // And not trivially: the error is not zero everywhere (the values really are bucketed).
      expect(got.some((g, k) => g !== want[k])).toBe(true);
    });
  }

  it('gives the same answers whatever the order of the values', () => {
    const xs = lognormals(20_000, 3);
    const a = new QuantileSketch(100);
    const b = new QuantileSketch(100);
    for (const x of xs) a.add(x);
    for (const x of [...xs].reverse()) b.add(x);
    expect(a.quantiles([0.5, 0.9, 0.95])).toEqual(b.quantiles([0.5, 0.9, 0.95]));
  });

  it('rejects NaN and bad parameters', () => {
    expect(() => new QuantileSketch().add(NaN)).toThrow(RangeError);
    expect(() => new QuantileSketch(10, 0)).toThrow(RangeError);
    const s = new QuantileSketch(1);
    s.add(1);
    s.add(2);
    expect(() => s.quantile(1.5)).toThrow(RangeError);
  });
});
