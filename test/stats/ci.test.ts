import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../helpers/prng.ts';
import { meanCI, normalQuantile, pairedDiffCI, studentTQuantile } from '../../sim/stats/ci.ts';


describe('normalQuantile', () => {
  it('matches reference values', () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.959964, 6);
    expect(normalQuantile(0.995)).toBeCloseTo(2.575829, 6);
    // higher-precision references
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 13);
    expect(normalQuantile(0.9)).toBeCloseTo(1.2815515655446004, 13);
    expect(normalQuantile(1e-10)).toBeCloseTo(-6.361340902404056, 12);
    expect(normalQuantile(0.5)).toBe(0);
  });

  it('is antisymmetric and handles the endpoints', () => {
    for (const p of [1e-6, 0.001, 0.03, 0.2, 0.4, 0.49]) {
      expect(normalQuantile(p)).toBeCloseTo(-normalQuantile(1 - p), 8);
    }
    // deep tail (1 − p would round to 1 here, so compare to a reference instead)
    expect(normalQuantile(1e-300)).toBeCloseTo(-37.0470962993612, 10);
    expect(normalQuantile(0)).toBe(-Infinity);
    expect(normalQuantile(1)).toBe(Infinity);
    expect(() => normalQuantile(1.1)).toThrow(RangeError);
    expect(() => normalQuantile(NaN)).toThrow(RangeError);
  });
});

describe('studentTQuantile', () => {
  it('matches the reference values to 1e-6', () => {
    const cases: [number, number, number][] = [
      [0.975, 1, 12.706205],
      [0.975, 2, 4.302653],
      [0.975, 4, 2.776445],
      [0.975, 9, 2.262157],
      [0.975, 29, 2.04523],
      [0.995, 9, 3.249836],
      [0.975, 1000, 1.962339],
    ];
    for (const [p, df, expected] of cases) {
      expect(Math.abs(studentTQuantile(p, df) - expected)).toBeLessThan(1e-6);
    }
  });

  it('matches high-precision references (covering the closed-form, iterative and large-df paths)', () => {
    const cases: [number, number, number][] = [
      [0.975, 1, 12.706204736174694],
      [0.995, 1, 63.656741162871526],
      [0.975, 2, 4.302652729749462],
      [0.975, 3, 3.1824463052837078],
      [0.975, 4, 2.7764451051977934],
      [0.995, 5, 4.032142983555228],
      [0.975, 10, 2.228138851986274],
      [0.995, 30, 2.7499956535672254],
      [0.975, 100, 1.9839715185235518],
      [0.995, 1000, 2.580754698065951],
      [0.975, 1e6, 1.9599663568141067],
    ];
    for (const [p, df, expected] of cases) {
      expect(Math.abs(studentTQuantile(p, df) / expected - 1)).toBeLessThan(1e-10);
    }
  });

  it('is antisymmetric, 0 at the median, and approaches the normal for large df', () => {
    for (const df of [1, 2, 3, 7.5, 40, 1e4]) {
      expect(studentTQuantile(0.5, df)).toBe(0);
      for (const p of [0.001, 0.1, 0.3]) {
        expect(studentTQuantile(p, df)).toBeCloseTo(-studentTQuantile(1 - p, df), 9);
      }
    }
    expect(studentTQuantile(0.975, 1e9)).toBeCloseTo(normalQuantile(0.975), 8);
    expect(studentTQuantile(0.975, Infinity)).toBe(normalQuantile(0.975));
  });

  it('is monotone in p and decreasing in df', () => {
    let prev = -Infinity;
    for (let p = 0.01; p < 1; p += 0.01) {
      const t = studentTQuantile(p, 6);
      expect(t).toBeGreaterThan(prev);
      prev = t;
    }
    let prevT = Infinity;
    for (const df of [1, 1.5, 2, 3, 5, 10, 30, 100, 1e3, 1e5, 1e6]) {
      const t = studentTQuantile(0.975, df);
      expect(t).toBeLessThan(prevT);
      prevT = t;
    }
  });

  it('rejects invalid arguments', () => {
    expect(() => studentTQuantile(0.975, 0)).toThrow(RangeError);
    expect(() => studentTQuantile(0.975, -3)).toThrow(RangeError);
    expect(() => studentTQuantile(0.975, NaN)).toThrow(RangeError);
    expect(() => studentTQuantile(2, 5)).toThrow(RangeError);
    expect(studentTQuantile(1, 5)).toBe(Infinity);
    expect(studentTQuantile(0, 5)).toBe(-Infinity);
  });
});

describe('meanCI', () => {
  it('matches a hand-computed interval', () => {
    // xs = 1..5: mean = 3, Σ(x−3)² = 4+1+0+1+4 = 10, s² = 10/4 = 2.5, s = 1.5811388300841898,
    // s/√n = √(2.5/5) = √0.5 = 0.7071067811865476, t(0.975, 4) = 2.7764451051977934,
    // halfWidth = 2.7764451051977934 · 0.7071067811865476 = 1.9632431614775572.
    const ci = meanCI([1, 2, 3, 4, 5]);
    expect(ci.n).toBe(5);
    expect(ci.mean).toBe(3);
    expect(ci.sd).toBeCloseTo(1.5811388300841898, 14);
    expect(ci.halfWidth).toBeCloseTo(1.9632431614775572, 10);
    expect(ci.ciLow).toBeCloseTo(3 - 1.9632431614775572, 10);
    expect(ci.ciHigh).toBeCloseTo(3 + 1.9632431614775572, 10);
    // 90% level: t(0.95, 4) = 2.1318467863266495 → halfWidth = 1.5074433190623229
    expect(meanCI([1, 2, 3, 4, 5], 0.9).halfWidth).toBeCloseTo(1.5074433190623229, 10);
  });

  it('identical values give zero width; small n gives NaN bounds', () => {
    const same = meanCI([0.1, 0.1, 0.1, 0.1]);
    expect(same).toEqual({ mean: 0.1, ciLow: 0.1, ciHigh: 0.1, halfWidth: 0, n: 4, sd: 0 });
    const one = meanCI([42]);
    expect(one.mean).toBe(42);
    expect(one.n).toBe(1);
    expect(one.halfWidth).toBeNaN();
    expect(one.ciLow).toBeNaN();
    expect(one.ciHigh).toBeNaN();
    const none = meanCI([]);
    expect(none.n).toBe(0);
    expect(none.mean).toBeNaN();
    expect(() => meanCI([1, 2], 1)).toThrow(RangeError);
    expect(() => meanCI([1, 2], 0)).toThrow(RangeError);
  });

  it('has close to nominal coverage on seeded normal samples', () => {
    const rnd = mulberry32(31337);
    const gauss = (): number => Math.sqrt(-2 * Math.log(1 - rnd())) * Math.cos(2 * Math.PI * rnd());
    let covered = 0;
    const trials = 4000;
    for (let i = 0; i < trials; i++) {
      const xs = Array.from({ length: 5 }, () => 10 + 2 * gauss());
      const ci = meanCI(xs);
      if (ci.ciLow <= 10 && 10 <= ci.ciHigh) covered++;
    }
    // binomial sd at 0.95 with 4000 trials ≈ 0.0034
    expect(covered / trials).toBeGreaterThan(0.935);
    expect(covered / trials).toBeLessThan(0.965);
  });
});

describe('pairedDiffCI', () => {
  it('identical arrays give exactly zero', () => {
    const a = [3.7, 1.1, 2.9, 10.25, 0.3];
    const ci = pairedDiffCI(a, [...a]);
    expect(ci.mean).toBe(0);
    expect(ci.halfWidth).toBe(0);
    expect(ci.ciLow).toBe(0);
    expect(ci.ciHigh).toBe(0);
    expect(ci.sd).toBe(0);
  });

  it('equals meanCI of the differences', () => {
    const a = [5, 7, 6, 9, 8];
    const b = [4, 7, 5, 7, 6];
    expect(pairedDiffCI(a, b)).toEqual(meanCI([1, 0, 1, 2, 2]));
  });

  it('throws when lengths differ', () => {
    expect(() => pairedDiffCI([1, 2, 3], [1, 2])).toThrow(RangeError);
  });
});
