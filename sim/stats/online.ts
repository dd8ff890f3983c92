/**
 * Streaming (single-pass) summary statistics.
 *
 * Mean and variance use Welford's update, generalised to frequency weights
 * (West 1979): `add(x, w)` is equivalent to calling `add(x)` `w` times, so
 * `count` is the total weight and `variance()` divides by `count - 1`.
 * `merge` uses the pairwise combination of Chan, Golub & LeVeque (1979).
 */
export class OnlineStats {
  #count = 0;
  #mean = 0;
  #m2 = 0;
  #sum = 0;
  #min = Infinity;
  #max = -Infinity;

  /** Total weight added (the number of observations when all weights are 1). */
  get count(): number {
    return this.#count;
  }

  /** Weighted mean; NaN when empty. */
  get mean(): number {
    return this.#count > 0 ? this.#mean : NaN;
  }

  /** Weighted sum Σ w·x; 0 when empty. */
  get sum(): number {
    return this.#sum;
  }

  /** Smallest value added; +Infinity when empty. */
  get min(): number {
    return this.#min;
  }

  /** Largest value added; -Infinity when empty. */
  get max(): number {
    return this.#max;
  }

  /**
   * Adds an observation. `weight` is a frequency weight (default 1); a weight
   * of 0 is a no-op. Throws RangeError for NaN `x` or a negative / non-finite weight.
   */
  add(x: number, weight = 1): void {
    if (Number.isNaN(x)) throw new RangeError('OnlineStats.add: x is NaN');
    if (!(weight >= 0) || !Number.isFinite(weight)) {
      throw new RangeError(`OnlineStats.add: weight must be finite and >= 0, got ${weight}`);
    }
    if (weight === 0) return;
    const n = this.#count + weight;
    const delta = x - this.#mean;
    const r = (delta * weight) / n;
    this.#mean += r;
    this.#m2 += this.#count * delta * r; // = w_old * w * delta^2 / n
    this.#count = n;
    this.#sum += weight * x;
    if (x < this.#min) this.#min = x;
    if (x > this.#max) this.#max = x;
  }

  /** Sample variance (divides by count - 1); 0 when count < 2. */
  variance(): number {
    if (this.#count < 2) return 0;
    const v = this.#m2 / (this.#count - 1);
    return v > 0 ? v : 0;
  }

  /** Sample standard deviation; 0 when count < 2. */
  sd(): number {
    return Math.sqrt(this.variance());
  }

  /** Folds `other` into this accumulator (other is left unchanged). */
  merge(other: OnlineStats): void {
    const nb = other.#count;
    if (nb === 0) return;
    const na = this.#count;
    if (na === 0) {
      this.#count = nb;
      this.#mean = other.#mean;
      this.#m2 = other.#m2;
    } else {
      const n = na + nb;
      const delta = other.#mean - this.#mean;
      this.#mean += (delta * nb) / n;
      this.#m2 += other.#m2 + ((delta * delta * na) / n) * nb;
      this.#count = n;
    }
    this.#sum += other.#sum;
    if (other.#min < this.#min) this.#min = other.#min;
    if (other.#max > this.#max) this.#max = other.#max;
  }

  /** JSON view; mean/min/max are null when empty. */
  toJSON(): { count: number; mean: number | null; sd: number; min: number | null; max: number | null } {
    const empty = this.#count === 0;
    return {
      count: this.#count,
      mean: empty ? null : this.#mean,
      sd: this.sd(),
      min: empty ? null : this.#min,
      max: empty ? null : this.#max,
    };
  }
}
