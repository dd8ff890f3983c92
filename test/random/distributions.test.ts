import { describe, expect, it } from 'vitest';
import {
  AliasTable,
  bernoulli,
  createStreams,
  exponential,
  gammaSample,
  meanOf,
  pickIndex,
  sample,
  standardNormal,
  validateDist,
  varianceOf,
  type DistSpec,
  type Rng,
} from '../../sim/random/index.ts';

const N = 200_000;
const zeroRng: Rng = { next: () => 0 };

/** Sample mean, (biased) variance and fourth central moment. */
function moments(xs: Float64Array): { mean: number; variance: number; m4: number } {
  let s = 0;
  for (const x of xs) s += x;
  const mean = s / xs.length;
  let s2 = 0;
  let s4 = 0;
  for (const x of xs) {
    const d2 = (x - mean) ** 2;
    s2 += d2;
    s4 += d2 * d2;
  }
  return { mean, variance: s2 / xs.length, m4: s4 / xs.length };
}

/** Frequencies of a categorical sampler must be within 4 SE = 4*sqrt(p(1-p)/n) of p. */
function expectFrequencies(counts: number[], weights: readonly number[], n: number): void {
  const total = weights.reduce((a, b) => a + b, 0);
  weights.forEach((w, i) => {
    const p = w / total;
    const se = Math.sqrt((p * (1 - p)) / n);
    if (p === 0) expect(counts[i]).toBe(0);
    else expect(Math.abs(counts[i] / n - p)).toBeLessThanOrEqual(4 * se);
  });
}

/** Pearson chi-square over the cells with positive expectation. */
function chiSquare(counts: number[], weights: readonly number[], n: number): { stat: number; df: number } {
  const total = weights.reduce((a, b) => a + b, 0);
  let stat = 0;
  let cells = 0;
  weights.forEach((w, i) => {
    if (w <= 0) return;
    const e = (n * w) / total;
    stat += (counts[i] - e) ** 2 / e;
    cells++;
  });
  return { stat, df: cells - 1 };
}

/** Wilson–Hilferty approximation of the chi-square quantile; z = 3.0902 is the N(0,1) 0.999 quantile. */
function chiSquareCritical999(df: number): number {
  const z = 3.090232306167813;
  const a = 2 / (9 * df);
  return df * (1 - a + z * Math.sqrt(a)) ** 3;
}

const specs: [string, DistSpec][] = [
  ['constant', { dist: 'constant', value: 3.5 }],
  ['exponential', { dist: 'exponential', mean: 2.5 }],
  ['lognormal', { dist: 'lognormal', mean: 4, sd: 3 }],
  ['gamma (shape > 1)', { dist: 'gamma', mean: 6, sd: 2 }],
  ['gamma (shape < 1)', { dist: 'gamma', mean: 1, sd: 2 }],
  ['gamma (shape = 1)', { dist: 'gamma', mean: 3, sd: 3 }],
  ['triangular', { dist: 'triangular', min: 1, mode: 2, max: 6 }],
  ['triangular (mode = min)', { dist: 'triangular', min: 0, mode: 0, max: 1 }],
  ['uniform', { dist: 'uniform', min: -2, max: 5 }],
  ['empirical (weighted)', { dist: 'empirical', values: [1, 2, 5, 10], weights: [4, 3, 2, 1] }],
  ['empirical (unweighted)', { dist: 'empirical', values: [0, 1, 1, 7] }],
];

describe('distribution samplers: moments within 4 standard errors', () => {
  for (const [name, spec] of specs) {
    it(name, () => {
      expect(validateDist(spec)).toBeNull();
      const rng = createStreams('dist-test').stream(name);
      const xs = new Float64Array(N);
      for (let i = 0; i < N; i++) xs[i] = sample(rng, spec);
      expect(xs.every(Number.isFinite)).toBe(true);
      const { mean, variance, m4 } = moments(xs);
      const mu = meanOf(spec);
      const v = varianceOf(spec);
      if (v === 0) {
        expect(xs.every((x) => x === mu)).toBe(true);
        return;
      }
      // SE of the mean = sqrt(var/n); SE of the sample variance ≈ sqrt((m4 - var^2)/n).
      expect(Math.abs(mean - mu)).toBeLessThanOrEqual(4 * Math.sqrt(v / N));
      expect(Math.abs(variance - v)).toBeLessThanOrEqual(4 * Math.sqrt((m4 - variance ** 2) / N));
    });
  }

  it('samples stay inside their support', () => {
    const rng = createStreams(3).stream('support');
    let violations = 0;
    for (let i = 0; i < 20_000; i++) {
      const t = sample(rng, { dist: 'triangular', min: 1, mode: 2, max: 6 });
      if (!(t >= 1 && t <= 6)) violations++;
      const u = sample(rng, { dist: 'uniform', min: -2, max: 5 });
      if (!(u >= -2 && u < 5)) violations++;
      if (!(sample(rng, { dist: 'gamma', mean: 0.5, sd: 2 }) >= 0)) violations++;
      if (!(sample(rng, { dist: 'lognormal', mean: 1, sd: 5 }) > 0)) violations++;
      const e = sample(rng, { dist: 'empirical', values: [1, 2, 5], weights: [1, 0, 1] }); // zero weight never drawn
      if (!(e === 1 || e === 5)) violations++;
    }
    expect(violations).toBe(0);
  });

  it('standard normal has mean 0 and variance 1 (within 4 SE; m4 = 3 for the SE of the variance)', () => {
    const rng = createStreams(11).stream('normal');
    const xs = new Float64Array(N);
    for (let i = 0; i < N; i++) xs[i] = standardNormal(rng);
    const { mean, variance } = moments(xs);
    expect(Math.abs(mean)).toBeLessThanOrEqual(4 * Math.sqrt(1 / N));
    expect(Math.abs(variance - 1)).toBeLessThanOrEqual(4 * Math.sqrt((3 - 1) / N));
  });

  it('gammaSample with shape/scale directly', () => {
    const rng = createStreams(12).stream('gamma');
    const shape = 0.3;
    const scale = 2;
    const xs = new Float64Array(N);
    for (let i = 0; i < N; i++) xs[i] = gammaSample(rng, shape, scale);
    const { mean, variance, m4 } = moments(xs);
    const v = shape * scale * scale;
    expect(Math.abs(mean - shape * scale)).toBeLessThanOrEqual(4 * Math.sqrt(v / N));
    expect(Math.abs(variance - v)).toBeLessThanOrEqual(4 * Math.sqrt((m4 - variance ** 2) / N));
    expect(() => gammaSample(rng, 0, 1)).toThrow();
  });
});

describe('edge cases of the uniform source', () => {
  it('exponential never returns Infinity/NaN, even when rng.next() returns 0', () => {
    expect(exponential(zeroRng, 5)).toBe(0);
    expect(Number.isFinite(sample(zeroRng, { dist: 'exponential', mean: 5 }))).toBe(true);
    const almostOne: Rng = { next: () => 1 - Number.EPSILON / 2 };
    expect(Number.isFinite(exponential(almostOne, 5))).toBe(true);
  });

  it('standardNormal and lognormal stay finite when rng.next() returns 0', () => {
    expect(Number.isFinite(standardNormal(zeroRng))).toBe(true);
    expect(Number.isFinite(sample(zeroRng, { dist: 'lognormal', mean: 2, sd: 1 }))).toBe(true);
    expect(Number.isFinite(sample(zeroRng, { dist: 'triangular', min: 0, mode: 1, max: 2 }))).toBe(true);
  });
});

describe('discrete choice', () => {
  it('bernoulli frequency within 4 SE', () => {
    const rng = createStreams(5).stream('bern');
    const p = 0.137;
    let hits = 0;
    for (let i = 0; i < N; i++) if (bernoulli(rng, p)) hits++;
    expect(Math.abs(hits / N - p)).toBeLessThanOrEqual(4 * Math.sqrt((p * (1 - p)) / N));
    expect(bernoulli(rng, 0)).toBe(false);
    expect(bernoulli(zeroRng, 1)).toBe(true);
  });

  const weights = [5, 1, 0, 2.5, 10, 0.5, 3, 7, 1];

  it('pickIndex frequencies within 4 SE of weights/sum (weights need not sum to 1)', () => {
    const rng = createStreams(5).stream('pick');
    const counts = new Array<number>(weights.length).fill(0);
    for (let i = 0; i < N; i++) counts[pickIndex(rng, weights)]++;
    expectFrequencies(counts, weights, N);
    expect(pickIndex(zeroRng, [0, 0, 3])).toBe(2);
    expect(() => pickIndex(rng, [0, 0])).toThrow();
  });

  it('AliasTable frequencies within 4 SE and a chi-square goodness-of-fit test', () => {
    const rng = createStreams(5).stream('alias');
    const table = new AliasTable(weights);
    const counts = new Array<number>(weights.length).fill(0);
    for (let i = 0; i < N; i++) counts[table.pick(rng)]++;
    expectFrequencies(counts, weights, N);
    const { stat, df } = chiSquare(counts, weights, N);
    expect(df).toBe(7); // 8 cells with positive weight
    // Critical value of chi-square with 7 df at p = 0.001 (upper tail), from tables: 24.322.
    expect(chiSquareCritical999(7)).toBeCloseTo(24.32, 0); // sanity check of the approximation below
    expect(stat).toBeLessThan(24.322);
  });

  it('AliasTable over thousands of grids: chi-square against a computed critical value', () => {
    const wrng = createStreams(9).stream('weights');
    const K = 5000;
    const w = Array.from({ length: K }, () => 0.2 + wrng.next() * 3); // expected counts ~ 25..320 per cell
    const n = 400_000;
    const table = new AliasTable(w);
    const rng = createStreams(9).stream('alias-big');
    const counts = new Array<number>(K).fill(0);
    for (let i = 0; i < n; i++) counts[table.pick(rng)]++;
    const { stat, df } = chiSquare(counts, w, n);
    expect(df).toBe(K - 1);
    // Wilson–Hilferty gives ≈ 5313.7 for df = 4999 at p = 0.001 (exact quantile 5313.70).
    const crit = chiSquareCritical999(df);
    expect(crit).toBeCloseTo(5313.7, 0);
    expect(stat).toBeLessThan(crit);
  });

  it('AliasTable handles a single cell, zero weights and rejects bad weights', () => {
    const rng = createStreams(1).stream('alias-edge');
    expect(new AliasTable([3]).pick(rng)).toBe(0);
    const t = new AliasTable([0, 1, 0]);
    for (let i = 0; i < 1000; i++) expect(t.pick(rng)).toBe(1);
    expect(() => new AliasTable([])).toThrow();
    expect(() => new AliasTable([0, 0])).toThrow();
    expect(() => new AliasTable([1, -1])).toThrow();
  });
});

describe('validateDist', () => {
  const bad: [unknown, RegExp][] = [
    [{ dist: 'exponential', mean: 0 }, /mean must be > 0/],
    [{ dist: 'exponential', mean: -1 }, /mean must be > 0/],
    [{ dist: 'exponential' }, /mean must be a finite number/],
    [{ dist: 'lognormal', mean: 1, sd: 0 }, /sd must be > 0/],
    [{ dist: 'lognormal', mean: -1, sd: 1 }, /mean must be > 0/],
    [{ dist: 'gamma', mean: 1, sd: -2 }, /sd must be > 0/],
    [{ dist: 'gamma', mean: Number.NaN, sd: 1 }, /finite/],
    [{ dist: 'triangular', min: 2, mode: 1, max: 3 }, /min <= mode <= max/],
    [{ dist: 'triangular', min: 0, mode: 4, max: 3 }, /min <= mode <= max/],
    [{ dist: 'uniform', min: 2, max: 2 }, /min < max/],
    [{ dist: 'uniform', min: 3, max: 1 }, /min < max/],
    [{ dist: 'constant', value: Infinity }, /finite/],
    [{ dist: 'empirical', values: [] }, /non-empty/],
    [{ dist: 'empirical', values: [1, 2], weights: [1] }, /same length/],
    [{ dist: 'empirical', values: [1, 2], weights: [1, -1] }, />= 0/],
    [{ dist: 'empirical', values: [1, 2], weights: [0, 0] }, /positive sum/],
    [{ dist: 'weibull', shape: 1 }, /unknown dist/],
    [null, /object/],
  ];
  for (const [spec, msg] of bad) {
    it(`rejects ${JSON.stringify(spec)}`, () => {
      expect(validateDist(spec as DistSpec)).toMatch(msg);
    });
  }

  it('accepts good specs (including degenerate triangular)', () => {
    for (const [, spec] of specs) expect(validateDist(spec)).toBeNull();
    expect(validateDist({ dist: 'triangular', min: 2, mode: 2, max: 2 })).toBeNull();
    expect(sample(zeroRng, { dist: 'triangular', min: 2, mode: 2, max: 2 })).toBe(2);
  });
});
