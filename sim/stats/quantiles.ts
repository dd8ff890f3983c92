/**
 * Exact sample quantiles over all stored values.
 *
 * Interpolation is Hyndman & Fan type 7 (R's default, numpy's 'linear'):
 * h = (n - 1)·p, Q(p) = x[⌊h⌋] + (h - ⌊h⌋)·(x[⌊h⌋ + 1] - x[⌊h⌋]) on the sorted sample.
 */

function checkP(p: number): void {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`quantile: p must be in [0, 1], got ${p}`);
}

/**
 * Type-7 quantile of an ascending-sorted array. NaN if empty; RangeError if p ∉ [0, 1].
 * The input is not checked for sortedness.
 */
export function quantileOfSorted(sorted: ArrayLike<number>, p: number): number {
  checkP(p);
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const xlo = sorted[lo];
  if (lo >= n - 1) return xlo;
  const frac = h - lo;
  const xhi = sorted[lo + 1];
  if (frac === 0 || xlo === xhi) return xlo;
  return xlo + frac * (xhi - xlo);
}

export class QuantileSample {
  #buf: Float64Array;
  #n = 0;
  #sorted = true;

  constructor(initialCapacity = 64) {
    this.#buf = new Float64Array(Math.max(1, Math.floor(initialCapacity)));
  }

  /** Number of values added. */
  get count(): number {
    return this.#n;
  }

  /** Stores a value (RangeError for NaN). Amortised O(1); invalidates the sort unless x ≥ current last value. */
  add(x: number): void {
    if (Number.isNaN(x)) throw new RangeError('QuantileSample.add: x is NaN');
    if (this.#n === this.#buf.length) {
      const next = new Float64Array(this.#buf.length * 2);
      next.set(this.#buf);
      this.#buf = next;
    }
    if (this.#sorted && this.#n > 0 && x < this.#buf[this.#n - 1]) this.#sorted = false;
    this.#buf[this.#n++] = x;
  }

  #view(): Float64Array {
    const v = this.#buf.subarray(0, this.#n);
    if (!this.#sorted) {
      v.sort();
      this.#sorted = true;
    }
    return v;
  }

  /** Type-7 quantile; NaN if empty; RangeError if p ∉ [0, 1]. */
  quantile(p: number): number {
    checkP(p);
    return quantileOfSorted(this.#view(), p);
  }

  /** Several quantiles with a single sort. */
  quantiles(ps: number[]): number[] {
    for (const p of ps) checkP(p);
    const v = this.#view();
    return ps.map((p) => quantileOfSorted(v, p));
  }

  /** The stored values (a view, in no guaranteed order). */
  values(): Float64Array {
    return this.#buf.subarray(0, this.#n);
  }

  /** Largest value (= quantile(1)); NaN if empty. */
  max(): number {
    return this.#n === 0 ? NaN : this.#view()[this.#n - 1];
  }
}
