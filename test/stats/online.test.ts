import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../helpers/prng.ts';
import { OnlineStats } from '../../sim/stats/online.ts';


function relClose(actual: number, expected: number, rel = 1e-9): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(rel * Math.max(Math.abs(expected), 1e-300));
}

function twoPass(xs: number[]): { mean: number; variance: number; sum: number; min: number; max: number } {
  let sum = 0;
  for (const x of xs) sum += x;
  const mean = sum / xs.length;
  let ss = 0;
  for (const x of xs) ss += (x - mean) ** 2;
  return { mean, variance: ss / (xs.length - 1), sum, min: Math.min(...xs), max: Math.max(...xs) };
}

// Values with a large offset relative to their spread: naive Σx² − n·mean² would lose digits.
function sample(n: number, seed: number): number[] {
  const rnd = mulberry32(seed);
  return Array.from({ length: n }, () => 1e6 + 50 * (rnd() - 0.5) + 10 * rnd() ** 3);
}

describe('OnlineStats', () => {
  it('matches a direct two-pass computation on 10k seeded values', () => {
    const xs = sample(10_000, 12345);
    const s = new OnlineStats();
    for (const x of xs) s.add(x);
    const ref = twoPass(xs);
    expect(s.count).toBe(10_000);
    relClose(s.mean, ref.mean);
    relClose(s.variance(), ref.variance);
    relClose(s.sd(), Math.sqrt(ref.variance));
    relClose(s.sum, ref.sum);
    expect(s.min).toBe(ref.min);
    expect(s.max).toBe(ref.max);
  });

  it('merging two halves equals the whole', () => {
    const xs = sample(10_000, 777);
    const whole = new OnlineStats();
    const a = new OnlineStats();
    const b = new OnlineStats();
    xs.forEach((x, i) => {
      whole.add(x);
      (i < 3_700 ? a : b).add(x);
    });
    a.merge(b);
    expect(a.count).toBe(whole.count);
    relClose(a.mean, whole.mean, 1e-12);
    relClose(a.variance(), whole.variance(), 1e-9);
    relClose(a.sum, whole.sum, 1e-12);
    expect(a.min).toBe(whole.min);
    expect(a.max).toBe(whole.max);
    // b is untouched
    expect(b.count).toBe(6_300);
  });

  it('merge with empty accumulators in either direction', () => {
    const s = new OnlineStats();
    [1, 2, 3].forEach((x) => s.add(x));
    const empty = new OnlineStats();
    s.merge(empty);
    expect(s.toJSON()).toEqual({ count: 3, mean: 2, sd: 1, min: 1, max: 3 });
    const e2 = new OnlineStats();
    e2.merge(s);
    expect(e2.toJSON()).toEqual({ count: 3, mean: 2, sd: 1, min: 1, max: 3 });
  });

  it('empty and single-value edge cases', () => {
    const s = new OnlineStats();
    expect(s.count).toBe(0);
    expect(s.mean).toBeNaN();
    expect(s.variance()).toBe(0);
    expect(s.min).toBe(Infinity);
    expect(s.max).toBe(-Infinity);
    expect(s.toJSON()).toEqual({ count: 0, mean: null, sd: 0, min: null, max: null });
    expect(JSON.stringify(s)).toBe('{"count":0,"mean":null,"sd":0,"min":null,"max":null}');
    s.add(4.5);
    expect(s.variance()).toBe(0);
    expect(s.toJSON()).toEqual({ count: 1, mean: 4.5, sd: 0, min: 4.5, max: 4.5 });
  });

  it('identical values give exactly zero variance', () => {
    const s = new OnlineStats();
    for (let i = 0; i < 1000; i++) s.add(0.1);
    expect(s.mean).toBe(0.1);
    expect(s.variance()).toBe(0);
  });

  it('integer weights are equivalent to repeated observations', () => {
    const rnd = mulberry32(99);
    const weighted = new OnlineStats();
    const repeated = new OnlineStats();
    for (let i = 0; i < 500; i++) {
      const x = rnd() * 10;
      const w = 1 + Math.floor(rnd() * 4);
      weighted.add(x, w);
      for (let j = 0; j < w; j++) repeated.add(x);
    }
    expect(weighted.count).toBe(repeated.count);
    relClose(weighted.mean, repeated.mean, 1e-12);
    relClose(weighted.variance(), repeated.variance(), 1e-10);
    relClose(weighted.sum, repeated.sum, 1e-12);
  });

  it('rejects NaN values and invalid weights; weight 0 is a no-op', () => {
    const s = new OnlineStats();
    expect(() => s.add(NaN)).toThrow(RangeError);
    expect(() => s.add(1, -1)).toThrow(RangeError);
    expect(() => s.add(1, NaN)).toThrow(RangeError);
    s.add(5, 0);
    expect(s.count).toBe(0);
  });
});
