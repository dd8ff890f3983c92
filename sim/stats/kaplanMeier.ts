/**
 * Kaplan–Meier estimate of a survival function from right-censored durations, with Greenwood
 * variances, pointwise confidence bands and quantiles (median, p90, …) with intervals.
 *
 * Why: a log of cases taken while some are still open holds only a lower bound for the open ones.
 * Their mean or quantiles over the closed cases alone is biased short; the Kaplan–Meier product-limit
 * estimator uses every case for as long as it was observed.
 *
 * Methods (Kalbfleisch & Prentice 2002, ch. 1.4; Klein & Moeschberger 2003, ch. 4):
 * - Ŝ(t) = Π_{t_i ≤ t} (1 − d_i / n_i) over the distinct event times t_i, n_i at risk just before
 *   t_i, d_i events at t_i. At a tie, events come before censorings (a case censored at t was at risk at t).
 * - Greenwood: Var Ŝ(t) = Ŝ(t)² Σ_{t_i ≤ t} d_i / (n_i (n_i − d_i)).
 * - Bands (level 1 − α, z = Φ⁻¹(1 − α/2)): 'log-log' (default; Kalbfleisch–Prentice, stays inside
 *   [0, 1]) Ŝ^{exp(±z·σ/ln Ŝ)} with σ² = Σ d/(n(n−d)); 'log' Ŝ·exp(±z·σ) capped at 1 (R's default);
 *   'plain' Ŝ ± z·σ·Ŝ clipped to [0, 1].
 * - Quantile t_p = min{t : Ŝ(t) ≤ 1 − p} (no interpolation; R's survfit instead takes the midpoint
 *   when Ŝ equals 1 − p exactly over a stretch). Its interval (Brookmeyer & Crowley 1982) is the set of
 *   t whose band holds 1 − p: lower = min{t : lower band(t) ≤ 1 − p}, upper = min{t : upper band(t) ≤ 1 − p}. `null` where the
 *   curve or band never falls that low before the last observation (not identified from the data).
 */
import { normalQuantile } from './ci.ts';

/** One duration: `time` ≥ 0 observed; `event` true if it ended there (closed), false if censored (still open). */
export interface SurvivalObservation {
  time: number;
  event: boolean;
}

export type SurvivalBand = 'log-log' | 'log' | 'plain';

export interface KaplanMeierOptions {
  /** Confidence level of the bands and quantile intervals (default 0.95). */
  level?: number;
  /** Transform used for the pointwise band (default 'log-log'). */
  band?: SurvivalBand;
}

/** The curve just after one distinct event time. */
export interface KaplanMeierStep {
  time: number;
  atRisk: number;
  events: number;
  /** Censorings at this time (they were at risk here, and leave after it). */
  censored: number;
  survival: number;
  /** Greenwood variance of `survival`. */
  variance: number;
  lower: number;
  upper: number;
}

export interface QuantileEstimate {
  p: number;
  estimate: number | null;
  lower: number | null;
  upper: number | null;
}

export interface KaplanMeierFit {
  n: number;
  events: number;
  censored: number;
  level: number;
  band: SurvivalBand;
  /** One step per distinct event time, ascending (censor-only times do not change Ŝ and are folded in). */
  steps: KaplanMeierStep[];
  /** Largest observed time (event or censored): the curve is not defined beyond it. */
  maxTime: number;
}

/** Fits the product-limit estimator. RangeError on a negative or non-finite time. */
export function kaplanMeier(observations: readonly SurvivalObservation[], options: KaplanMeierOptions = {}): KaplanMeierFit {
  const level = options.level ?? 0.95;
  const band = options.band ?? 'log-log';
  if (!(level > 0 && level < 1)) throw new RangeError(`kaplanMeier: level must be in (0, 1), got ${level}`);
  for (const o of observations) {
    if (!(Number.isFinite(o.time) && o.time >= 0)) throw new RangeError(`kaplanMeier: time must be finite and ≥ 0, got ${o.time}`);
  }
  const z = normalQuantile(1 - (1 - level) / 2);
  const sorted = [...observations].sort((a, b) => a.time - b.time);
  const steps: KaplanMeierStep[] = [];
  let atRisk = sorted.length;
  let survival = 1;
  let greenwoodSum = 0;
  let events = 0;
  let i = 0;
  while (i < sorted.length) {
    const t = sorted[i].time;
    let d = 0;
    let c = 0;
    while (i < sorted.length && sorted[i].time === t) {
      if (sorted[i].event) d++;
      else c++;
      i++;
    }
    if (d > 0) {
      survival *= 1 - d / atRisk;
      greenwoodSum += atRisk > d ? d / (atRisk * (atRisk - d)) : 0;
      const [lower, upper] = bandAt(survival, greenwoodSum, z, band);
      steps.push({ time: t, atRisk, events: d, censored: c, survival, variance: survival * survival * greenwoodSum, lower, upper });
      events += d;
    } else if (steps.length > 0 && steps[steps.length - 1].time < t) {
      // Censor-only time: Ŝ unchanged; counted on the preceding step so totals still add up.
      steps[steps.length - 1].censored += c;
    }
    atRisk -= d + c;
  }
  const maxTime = sorted.length ? sorted[sorted.length - 1].time : 0;
  return { n: sorted.length, events, censored: sorted.length - events, level, band, steps, maxTime };
}

function bandAt(s: number, sum: number, z: number, band: SurvivalBand): [number, number] {
  if (s <= 0) return [0, 0];
  const sigma = Math.sqrt(sum);
  if (band === 'plain') return [Math.max(0, s - z * sigma * s), Math.min(1, s + z * sigma * s)];
  if (band === 'log') return [s * Math.exp(-z * sigma), Math.min(1, s * Math.exp(z * sigma))];
  if (s >= 1) return [1, 1];
  const logS = Math.log(s);
  const k = (z * sigma) / logS; // logS < 0, so k ≤ 0
  return [Math.pow(s, Math.exp(-k)), Math.pow(s, Math.exp(k))];
}

/** Ŝ(t) with its band; 1 before the first event. `null` beyond the largest observed time. */
export function survivalAt(fit: KaplanMeierFit, t: number): { survival: number; lower: number; upper: number } | null {
  if (t > fit.maxTime) return null;
  let lo = 0;
  let hi = fit.steps.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (fit.steps[mid].time <= t) lo = mid + 1;
    else hi = mid;
  }
  if (lo === 0) return { survival: 1, lower: 1, upper: 1 };
  const s = fit.steps[lo - 1];
  return { survival: s.survival, lower: s.lower, upper: s.upper };
}

/** Quantile p of the duration (p = 0.5 the median) with its Brookmeyer–Crowley interval. */
export function kmQuantile(fit: KaplanMeierFit, p: number): QuantileEstimate {
  if (!(p > 0 && p < 1)) throw new RangeError(`kmQuantile: p must be in (0, 1), got ${p}`);
  const target = 1 - p;
  // Small tolerance so that e.g. Ŝ = 5/6·3/5 computed as 0.5000000000000001 still counts as ≤ 0.5.
  const eps = 1e-12;
  const first = (value: (s: KaplanMeierStep) => number): number | null => {
    for (const s of fit.steps) if (value(s) <= target + eps) return s.time;
    return null;
  };
  return { p, estimate: first((s) => s.survival), lower: first((s) => s.lower), upper: first((s) => s.upper) };
}

/** Several quantiles at once, e.g. [0.1, 0.5, 0.9]. */
export function kmQuantiles(fit: KaplanMeierFit, ps: readonly number[]): QuantileEstimate[] {
  return ps.map((p) => kmQuantile(fit, p));
}

/**
 * Inverse of Ŝ as a distribution function F = 1 − Ŝ evaluated on a grid of probabilities, for
 * QQ plots and KS distances against a simulated sample: F̂(t) at each step time.
 */
export function kmCdfPoints(fit: KaplanMeierFit): Array<{ time: number; cdf: number }> {
  return fit.steps.map((s) => ({ time: s.time, cdf: 1 - s.survival }));
}
