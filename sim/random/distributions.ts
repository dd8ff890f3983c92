// JSON-serializable distribution specs and samplers. All samplers take an explicit Rng;
// nothing here uses the global Math RNG.
import type { Rng } from './stream.ts';

export type DistSpec =
  | { dist: 'constant'; value: number }
  | { dist: 'exponential'; mean: number }
  /** Parameterized by the mean and sd of the variable itself (not of its log). */
  | { dist: 'lognormal'; mean: number; sd: number }
  /** shape k = (mean/sd)^2, scale = sd^2/mean. */
  | { dist: 'gamma'; mean: number; sd: number }
  | { dist: 'triangular'; min: number; mode: number; max: number }
  | { dist: 'uniform'; min: number; max: number }
  /** Discrete over `values`; uniform when `weights` is omitted. */
  | { dist: 'empirical'; values: number[]; weights?: number[] };

/**
 * Exponential with the given mean: -mean*ln(1-u), computed as -mean*log1p(-u) (accurate for small u).
 * u in [0,1) so 1-u in (0,1]: never Infinity; u = 0 gives +0.
 */
export function exponential(rng: Rng, mean: number): number {
  return mean * -Math.log1p(-rng.next());
}

/**
 * Standard normal by Box–Muller (cosine branch only). Always consumes exactly two uniforms and
 * keeps no cached second value, so a stream's position depends only on how many calls were made.
 */
export function standardNormal(rng: Rng): number {
  const u1 = 1 - rng.next(); // (0,1]: log never sees 0
  const u2 = rng.next();
  return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
}

/** Gamma(shape, scale) by Marsaglia–Tsang (2000); shape < 1 via Gamma(shape+1) * U^(1/shape). */
export function gammaSample(rng: Rng, shape: number, scale: number): number {
  if (!(shape > 0) || !(scale > 0)) throw new RangeError(`gamma needs shape > 0 and scale > 0 (got ${shape}, ${scale})`);
  if (shape < 1) {
    const u = 1 - rng.next(); // (0,1]
    return gammaSample(rng, shape + 1, scale) * Math.pow(u, 1 / shape);
  }
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = standardNormal(rng);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = rng.next();
    const x2 = x * x;
    if (u < 1 - 0.0331 * x2 * x2) return d * v * scale;
    if (Math.log(u) < 0.5 * x2 + d * (1 - v + Math.log(v))) return d * v * scale;
  }
}

export function bernoulli(rng: Rng, p: number): boolean {
  return rng.next() < p;
}

/** Index i with probability weights[i]/sum (weights >= 0, positive sum, need not sum to 1). O(n). */
export function pickIndex(rng: Rng, weights: readonly number[]): number {
  let total = 0;
  for (const w of weights) total += w;
  if (!(total > 0) || !Number.isFinite(total)) throw new RangeError('pickIndex needs weights with a positive finite sum');
  const r = rng.next() * total;
  let cum = 0;
  let lastPositive = -1;
  for (let i = 0; i < weights.length; i++) {
    const w = weights[i];
    if (w > 0) {
      cum += w;
      lastPositive = i;
      if (r < cum) return i;
    }
  }
  return lastPositive; // only reached through floating-point round-off at the top end
}

/** Walker/Vose alias method: O(n) construction, O(1) pick (two uniforms per pick). */
export class AliasTable {
  readonly size: number;
  private readonly prob: Float64Array;
  private readonly alias: Int32Array;

  constructor(weights: readonly number[]) {
    const n = weights.length;
    if (n === 0) throw new RangeError('AliasTable needs at least one weight');
    let total = 0;
    for (const w of weights) {
      if (!(w >= 0) || !Number.isFinite(w)) throw new RangeError('AliasTable weights must be finite and >= 0');
      total += w;
    }
    if (!(total > 0)) throw new RangeError('AliasTable needs a positive weight sum');
    this.size = n;
    this.prob = new Float64Array(n);
    this.alias = new Int32Array(n);
    const scaled = new Float64Array(n);
    const small: number[] = [];
    const large: number[] = [];
    for (let i = 0; i < n; i++) {
      scaled[i] = (weights[i] * n) / total;
      (scaled[i] < 1 ? small : large).push(i);
    }
    while (small.length > 0 && large.length > 0) {
      const s = small.pop()!;
      const l = large.pop()!;
      this.prob[s] = scaled[s];
      this.alias[s] = l;
      scaled[l] = scaled[l] + scaled[s] - 1;
      (scaled[l] < 1 ? small : large).push(l);
    }
    // Leftovers are 1 up to round-off.
    for (const i of large) { this.prob[i] = 1; this.alias[i] = i; }
    for (const i of small) {
      // Round-off can leave a column slightly under 1; a zero-weight column must never be
      // picked itself, so only round up columns that actually carry weight.
      this.prob[i] = weights[i] > 0 ? 1 : 0;
      this.alias[i] = weights[i] > 0 ? i : this.firstPositive(weights);
    }
  }

  private firstPositive(weights: readonly number[]): number {
    for (let i = 0; i < weights.length; i++) if (weights[i] > 0) return i;
    return 0;
  }

  pick(rng: Rng): number {
    const i = Math.floor(rng.next() * this.size);
    return rng.next() < this.prob[i] ? i : this.alias[i];
  }
}

function lognormalParams(mean: number, sd: number): { mu: number; sigma: number } {
  const sigma2 = Math.log(1 + (sd * sd) / (mean * mean));
  return { mu: Math.log(mean) - sigma2 / 2, sigma: Math.sqrt(sigma2) };
}

export function sample(rng: Rng, d: DistSpec): number {
  switch (d.dist) {
    case 'constant':
      return d.value;
    case 'exponential':
      return exponential(rng, d.mean);
    case 'lognormal': {
      const { mu, sigma } = lognormalParams(d.mean, d.sd);
      return Math.exp(mu + sigma * standardNormal(rng));
    }
    case 'gamma': {
      const shape = (d.mean / d.sd) ** 2;
      const scale = (d.sd * d.sd) / d.mean;
      return gammaSample(rng, shape, scale);
    }
    case 'triangular': {
      const { min: a, mode: c, max: b } = d;
      if (b === a) return a;
      const u = rng.next();
      const fc = (c - a) / (b - a);
      return u < fc ? a + Math.sqrt(u * (b - a) * (c - a)) : b - Math.sqrt((1 - u) * (b - a) * (b - c));
    }
    case 'uniform':
      return d.min + (d.max - d.min) * rng.next();
    case 'empirical':
      if (d.weights === undefined) return d.values[Math.floor(rng.next() * d.values.length)];
      return d.values[pickIndex(rng, d.weights)];
  }
}

function empiricalProbs(d: { values: number[]; weights?: number[] }): number[] {
  const n = d.values.length;
  if (d.weights === undefined) return d.values.map(() => 1 / n);
  const total = d.weights.reduce((s, w) => s + w, 0);
  return d.weights.map((w) => w / total);
}

export function meanOf(d: DistSpec): number {
  switch (d.dist) {
    case 'constant':
      return d.value;
    case 'exponential':
    case 'lognormal':
    case 'gamma':
      return d.mean;
    case 'triangular':
      return (d.min + d.mode + d.max) / 3;
    case 'uniform':
      return (d.min + d.max) / 2;
    case 'empirical': {
      const p = empiricalProbs(d);
      return d.values.reduce((s, v, i) => s + v * p[i], 0);
    }
  }
}

export function varianceOf(d: DistSpec): number {
  switch (d.dist) {
    case 'constant':
      return 0;
    case 'exponential':
      return d.mean * d.mean;
    case 'lognormal':
    case 'gamma':
      return d.sd * d.sd;
    case 'triangular': {
      const { min: a, mode: c, max: b } = d;
      return (a * a + b * b + c * c - a * b - a * c - b * c) / 18;
    }
    case 'uniform':
      return (d.max - d.min) ** 2 / 12;
    case 'empirical': {
      const p = empiricalProbs(d);
      const m = meanOf(d);
      return d.values.reduce((s, v, i) => s + p[i] * (v - m) ** 2, 0);
    }
  }
}

const isNum = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);

/** null if the spec is usable, otherwise a short human-readable reason. */
export function validateDist(d: DistSpec): string | null {
  const o = d as unknown as Record<string, unknown> | null;
  if (o === null || typeof o !== 'object') return 'distribution must be an object';
  const need = (...keys: string[]): string | null => {
    for (const k of keys) if (!isNum(o[k])) return `${k} must be a finite number`;
    return null;
  };
  switch (o.dist) {
    case 'constant':
      return need('value');
    case 'exponential':
      return need('mean') ?? ((o.mean as number) > 0 ? null : 'mean must be > 0');
    case 'lognormal':
    case 'gamma':
      return (
        need('mean', 'sd') ??
        ((o.mean as number) > 0 ? null : 'mean must be > 0') ??
        ((o.sd as number) > 0 ? null : 'sd must be > 0')
      );
    case 'triangular': {
      const e = need('min', 'mode', 'max');
      if (e) return e;
      const { min, mode, max } = o as { min: number; mode: number; max: number };
      return min <= mode && mode <= max ? null : 'need min <= mode <= max';
    }
    case 'uniform': {
      const e = need('min', 'max');
      if (e) return e;
      return (o.min as number) < (o.max as number) ? null : 'need min < max';
    }
    case 'empirical': {
      const { values, weights } = o as { values: unknown; weights?: unknown };
      if (!Array.isArray(values) || values.length === 0) return 'values must be a non-empty array';
      if (!values.every(isNum)) return 'values must be finite numbers';
      if (weights === undefined) return null;
      if (!Array.isArray(weights) || weights.length !== values.length) return 'weights must have the same length as values';
      if (!weights.every((w) => isNum(w) && w >= 0)) return 'weights must be finite and >= 0';
      return weights.reduce((s: number, w: number) => s + w, 0) > 0 ? null : 'weights must have a positive sum';
    }
    default:
      return `unknown dist '${String(o.dist)}'`;
  }
}
