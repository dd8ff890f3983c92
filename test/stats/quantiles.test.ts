import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../helpers/prng.ts';
import { QuantileSample, quantileOfSorted } from '../../sim/stats/quantiles.ts';


/** Type-7 quantile computed directly from its definition, for comparison. */
function type7(sortedXs: number[], p: number): number {
  const h = (sortedXs.length - 1) * p;
  const j = Math.floor(h);
  const g = h - j;
  return j + 1 < sortedXs.length ? (1 - g) * sortedXs[j] + g * sortedXs[j + 1] : sortedXs[j];
}

describe('quantileOfSorted', () => {
  it('hand-worked [1,2,3,4]', () => {
    const xs = [1, 2, 3, 4];
    // h = 3p: p=0.5 → h=1.5 → 2 + 0.5·1; p=0.9 → h=2.7 → 3 + 0.7·1; p=0.25 → h=0.75 → 1.75; p=0.1 → 1.3
    expect(quantileOfSorted(xs, 0.5)).toBe(2.5);
    expect(quantileOfSorted(xs, 0.9)).toBeCloseTo(3.7, 14);
    expect(quantileOfSorted(xs, 0.25)).toBe(1.75);
    expect(quantileOfSorted(xs, 0.1)).toBeCloseTo(1.3, 14);
    expect(quantileOfSorted(xs, 0)).toBe(1);
    expect(quantileOfSorted(xs, 1)).toBe(4);
  });

  it('single element, empty, and invalid p', () => {
    expect(quantileOfSorted([7], 0.3)).toBe(7);
    expect(quantileOfSorted([], 0.5)).toBeNaN();
    expect(() => quantileOfSorted([1, 2], 1.5)).toThrow(RangeError);
    expect(() => quantileOfSorted([1, 2], -0.1)).toThrow(RangeError);
    expect(() => quantileOfSorted([1, 2], NaN)).toThrow(RangeError);
  });

  it('accepts typed arrays and handles infinite ties', () => {
    expect(quantileOfSorted(new Float64Array([1, Infinity, Infinity]), 0.75)).toBe(Infinity);
  });
});

describe('QuantileSample', () => {
  it('hand-worked unsorted input [3,1,4,1,5,9,2,6]', () => {
    const q = new QuantileSample();
    for (const x of [3, 1, 4, 1, 5, 9, 2, 6]) q.add(x);
    // sorted: 1 1 2 3 4 5 6 9; h = 7p
    // p=0.5 → h=3.5 → 3.5; p=0.75 → h=5.25 → 5.25; p=0.1 → h=0.7 → 1; p=0.33 → h=2.31 → 2.31; p=0.99 → h=6.93 → 6+0.93·3 = 8.79
    expect(q.count).toBe(8);
    expect(q.quantile(0.5)).toBe(3.5);
    expect(q.quantile(0.75)).toBe(5.25);
    expect(q.quantile(0.1)).toBe(1);
    expect(q.quantile(0.33)).toBeCloseTo(2.31, 12);
    expect(q.quantile(0.99)).toBeCloseTo(8.79, 12);
    expect(q.max()).toBe(9);
  });

  it('matches a direct sorted computation on seeded data, across growth and re-sorting', () => {
    const rnd = mulberry32(2024);
    const q = new QuantileSample(4); // small initial capacity forces several doublings
    const ref: number[] = [];
    const ps = [0, 0.01, 0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99, 0.999, 1];
    for (const n of [1, 2, 3, 10, 101, 1000, 5003]) {
      while (ref.length < n) {
        const x = -Math.log(1 - rnd()) * 3;
        q.add(x);
        ref.push(x);
      }
      const sorted = [...ref].sort((a, b) => a - b);
      const got = q.quantiles(ps);
      ps.forEach((p, i) => {
        expect(got[i]).toBeCloseTo(type7(sorted, p), 12);
        expect(q.quantile(p)).toBe(got[i]);
      });
      expect(q.max()).toBe(sorted[sorted.length - 1]);
      expect(q.count).toBe(n);
    }
  });

  it('empty sample gives NaN', () => {
    const q = new QuantileSample();
    expect(q.quantile(0.5)).toBeNaN();
    expect(q.quantiles([0.1, 0.9])).toEqual([NaN, NaN]);
    expect(q.max()).toBeNaN();
  });

  it('rejects NaN values', () => {
    expect(() => new QuantileSample().add(NaN)).toThrow(RangeError);
  });
});
