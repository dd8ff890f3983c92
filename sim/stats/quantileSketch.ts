import { QuantileSample } from './quantiles.ts';

/**
 * Quantiles in bounded memory: exact (type 7, like QuantileSample) up to `exactLimit` values,
 * then a log-bucket histogram (the DDSketch construction, Masson et al. 2019) whose every
 * quantile is within a relative error `relativeAccuracy` of the exact type-7 value.
 *
 * Why this bound holds: a value x > 0 goes to bucket i = ⌈log_γ x⌉ with γ = (1 + α)/(1 − α),
 * i.e. γ^(i−1) < x ≤ γ^i, and the bucket is represented by 2γ^i/(γ + 1), which is within α of
 * every value in it. The k-th smallest value is estimated by the representative of the bucket
 * holding rank k, so it is within α of the true k-th value; the type-7 interpolation of two such
 * estimates with non-negative weights is then within α of the interpolation of the true values.
 * Values below MIN_POSITIVE count as 0 (exactly); values above MAX_VALUE are clamped to it (both
 * far outside any duration in hours). The maximum is kept exactly. Memory: a fixed array of
 * about ln(MAX/MIN)/ln γ counts (≈ 14k doubles, 110 kB, at α = 0.001), whatever the count.
 * The switch happens at a fixed count, so results stay deterministic for a given seed.
 */
export class QuantileSketch {
  static readonly MIN_POSITIVE = 1e-6;
  static readonly MAX_VALUE = 1e7;

  #exact: QuantileSample | null = new QuantileSample();
  #n = 0;
  #max = -Infinity;
  #zeros = 0;
  #counts: Float64Array | null = null;
  readonly #gamma: number;
  readonly #logGamma: number;
  readonly #offset: number;
  readonly #size: number;

  constructor(
    readonly exactLimit = 250_000,
    readonly relativeAccuracy = 0.001,
  ) {
    if (!(relativeAccuracy > 0 && relativeAccuracy < 1)) throw new RangeError(`QuantileSketch: relativeAccuracy must be in (0, 1), got ${relativeAccuracy}`);
    if (!(exactLimit >= 0)) throw new RangeError(`QuantileSketch: exactLimit must be >= 0, got ${exactLimit}`);
    this.#gamma = (1 + relativeAccuracy) / (1 - relativeAccuracy);
    this.#logGamma = Math.log(this.#gamma);
    this.#offset = -Math.ceil(Math.log(QuantileSketch.MIN_POSITIVE) / this.#logGamma);
    this.#size = this.#offset + Math.ceil(Math.log(QuantileSketch.MAX_VALUE) / this.#logGamma) + 1;
  }

  get count(): number {
    return this.#n;
  }

  /** True once the values are held as buckets rather than exactly. */
  get sketched(): boolean {
    return this.#exact === null;
  }

  add(x: number): void {
    if (Number.isNaN(x)) throw new RangeError('QuantileSketch.add: x is NaN');
    this.#n++;
    if (x > this.#max) this.#max = x;
    if (this.#exact) {
      this.#exact.add(x);
      if (this.#exact.count > this.exactLimit) this.#toBuckets();
      return;
    }
    this.#bucketAdd(x);
  }

  #toBuckets(): void {
    const exact = this.#exact!;
    this.#counts = new Float64Array(this.#size);
    this.#exact = null;
    for (const x of exact.values()) this.#bucketAdd(x);
  }

  #bucketAdd(x: number): void {
    if (x < QuantileSketch.MIN_POSITIVE) {
      this.#zeros++;
      return;
    }
    const v = Math.min(x, QuantileSketch.MAX_VALUE);
    const i = Math.ceil(Math.log(v) / this.#logGamma) + this.#offset;
    this.#counts![Math.min(this.#size - 1, Math.max(0, i))]++;
  }

  #representative(i: number): number {
    return (2 * Math.pow(this.#gamma, i - this.#offset)) / (this.#gamma + 1);
  }

  /** The estimates of the values at ascending ranks (0-based), one pass over the buckets. */
  #valuesAtRanks(ranks: number[]): number[] {
    const out = new Array<number>(ranks.length);
    const order = ranks.map((_, k) => k).sort((a, b) => ranks[a]! - ranks[b]!);
    let seen = this.#zeros;
    let i = 0;
    const counts = this.#counts!;
    for (const k of order) {
      const r = ranks[k]!;
      if (r < this.#zeros) {
        out[k] = 0;
        continue;
      }
      while (i < this.#size && seen + counts[i]! <= r) seen += counts[i++]!;
      out[k] = r === this.#n - 1 ? this.#max : this.#representative(Math.min(i, this.#size - 1));
    }
    return out;
  }

  quantiles(ps: number[]): number[] {
    if (this.#exact) return this.#exact.quantiles(ps);
    for (const p of ps) if (!(p >= 0 && p <= 1)) throw new RangeError(`quantile: p must be in [0, 1], got ${p}`);
    const n = this.#n;
    const ranks: number[] = [];
    for (const p of ps) {
      const lo = Math.floor((n - 1) * p);
      ranks.push(lo, Math.min(n - 1, lo + 1));
    }
    const v = this.#valuesAtRanks(ranks);
    return ps.map((p, j) => {
      const h = (n - 1) * p;
      const frac = h - Math.floor(h);
      const lo = v[2 * j]!;
      const hi = v[2 * j + 1]!;
      return frac === 0 || lo === hi ? lo : lo + frac * (hi - lo);
    });
  }

  quantile(p: number): number {
    return this.quantiles([p])[0]!;
  }

  max(): number {
    return this.#n === 0 ? NaN : this.#max;
  }
}
