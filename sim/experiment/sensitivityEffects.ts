import { createStreams } from '../random/stream.ts';
import { meanCI, studentTQuantile } from '../stats/ci.ts';
import type { DesignPoint, MorrisDesign } from './sensitivityDesign.ts';
import type { Factor } from './sensitivityFactors.ts';

/** A mean with its two-sided 95% interval. */
export interface Est {
  mean: number;
  ciLow: number;
  ciHigh: number;
}

const est = (xs: readonly number[]): Est => {
  const i = meanCI(xs);
  return { mean: i.mean, ciLow: i.ciLow, ciHigh: i.ciHigh };
};
const halfWidth = (e: Est) => (Number.isFinite(e.ciHigh) ? (e.ciHigh - e.ciLow) / 2 : Infinity);

/** The value of the metric at a design point in replication r (already paired across policies). */
export type Outcome = (point: number, rep: number) => number;

export interface OatRow {
  factor: number;
  path: string;
  label: string;
  status: string;
  /** Change of the metric from the base point, paired by replication (common random numbers). */
  effectLow: Est;
  effectHigh: Est;
  /** Width of the tornado bar: from the lowest to the highest of 0, effectLow, effectHigh. */
  swing: number;
  /** Ends where the metric's mean has the other sign than at base ('' if none). */
  signFlip: string;
  /** Ends where it has the other sign and its interval excludes 0. */
  signFlipClear: string;
}

export interface OatResult {
  reps: number;
  headline: Est;
  rows: OatRow[];
  /** The widest half-width among the effects, and the precision target it is held to. */
  maxHalfWidth: number;
  target: number;
}

/**
 * One-at-a-time effects over `reps` replications. `points` is oneAtATime's list: base, then each
 * factor's low and high. Rows are sorted by swing, largest first (the tornado's order).
 */
export function oatEffects(factors: readonly Factor[], points: readonly DesignPoint[], y: Outcome, reps: number, precision: number): OatResult {
  const at = (p: number) => Array.from({ length: reps }, (_, r) => y(p, r));
  const base = at(0);
  const headline = est(base);
  const index = new Map<string, number>();
  points.forEach((p, i) => {
    if (p.kind === 'oat') index.set(`${p.factor}/${p.end}`, i);
  });
  const rows = factors.map((f, i): OatRow => {
    const lo = at(index.get(`${i}/low`)!);
    const hi = at(index.get(`${i}/high`)!);
    const effectLow = est(lo.map((v, r) => v - base[r]!));
    const effectHigh = est(hi.map((v, r) => v - base[r]!));
    const swing = Math.max(0, effectLow.mean, effectHigh.mean) - Math.min(0, effectLow.mean, effectHigh.mean);
    const flip = (e: Est, end: string, clear: boolean) => {
      const m = headline.mean + e.mean;
      if (headline.mean === 0 || Math.sign(m) === Math.sign(headline.mean) || m === 0) return [];
      if (!clear) return [end];
      const i = est(end === 'low' ? lo : hi);
      return (headline.mean > 0 ? i.ciHigh < 0 : i.ciLow > 0) ? [end] : [];
    };
    return {
      factor: i,
      path: f.path,
      label: f.label,
      status: f.status,
      effectLow,
      effectHigh,
      swing,
      signFlip: [...flip(effectLow, 'low', false), ...flip(effectHigh, 'high', false)].join('+'),
      signFlipClear: [...flip(effectLow, 'low', true), ...flip(effectHigh, 'high', true)].join('+'),
    };
  });
  rows.sort((a, b) => b.swing - a.swing || a.factor - b.factor);
  const largest = Math.max(0, ...rows.flatMap((r) => [Math.abs(r.effectLow.mean), Math.abs(r.effectHigh.mean)]));
  const maxHalfWidth = Math.max(0, ...rows.flatMap((r) => [halfWidth(r.effectLow), halfWidth(r.effectHigh)]));
  return { reps, headline, rows, maxHalfWidth, target: precision * largest };
}

/**
 * Replications for the next round, or `reps` when the effects are narrow enough (every 95%
 * half-width at most `precision` × the largest effect) or the cap is reached. The guess scales
 * with (half-width / target)², at least one more and at most double.
 */
export function nextReps(r: OatResult, cap: number): number {
  if (r.reps >= cap || r.maxHalfWidth <= r.target) return r.reps;
  const ratio = Number.isFinite(r.maxHalfWidth) && r.target > 0 ? (r.maxHalfWidth / r.target) ** 2 : 2;
  return Math.min(cap, Math.max(r.reps + 1, Math.min(2 * r.reps, Math.ceil(r.reps * ratio))));
}

export interface MorrisRow {
  factor: number;
  path: string;
  label: string;
  status: string;
  /** μ* = mean |EE| (Campolongo et al. 2007) with a bootstrap interval over trajectories. */
  muStar: Est;
  /** μ = mean EE with its t interval: the sign of the effect. */
  mu: Est;
  /** σ = sd of the EEs: non-linearity or interaction with other factors. */
  sigma: number;
  /** Every elementary effect, one per trajectory (metric change per full range of the factor). */
  effects: number[];
}

export interface MorrisResult {
  design: MorrisDesign;
  reps: number;
  rows: MorrisRow[];
}

/**
 * Morris elementary effects: along each trajectory, the change of the metric (mean over `reps`
 * replications) when one factor moves by Δ of its range, divided by Δ — the metric's change per
 * full range of that factor. Rows sorted by μ*, largest first.
 */
export function morrisIndices(factors: readonly Factor[], points: readonly DesignPoint[], first: number, y: Outcome, reps: number, design: MorrisDesign, seed: string | number): MorrisResult {
  const mean = (p: number) => Array.from({ length: reps }, (_, r) => y(p, r)).reduce((a, b) => a + b, 0) / reps;
  const ee: number[][] = factors.map(() => []);
  for (let i = first; i < points.length; i++) {
    const p = points[i]!;
    if (p.kind !== 'morris' || p.step === 0) continue;
    const prev = points[i - 1]! as Extract<DesignPoint, { kind: 'morris' }>;
    const j = p.u.findIndex((v, q) => v !== prev.u[q]);
    ee[j]!.push((mean(i) - mean(i - 1)) / (p.u[j]! - prev.u[j]!));
  }
  const rng = createStreams(seed).stream('sensitivity-bootstrap');
  const rows = factors.map((f, i): MorrisRow => {
    const e = ee[i]!;
    const abs = e.map(Math.abs);
    const mu = est(e);
    const sd = e.length > 1 ? Math.sqrt(e.reduce((a, v) => a + (v - mu.mean) ** 2, 0) / (e.length - 1)) : NaN;
    return { factor: i, path: f.path, label: f.label, status: f.status, muStar: { mean: avg(abs), ...bootstrap(abs, rng) }, mu, sigma: sd, effects: e };
  });
  rows.sort((a, b) => b.muStar.mean - a.muStar.mean || a.factor - b.factor);
  return { design, reps, rows };
}

const avg = (xs: readonly number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : NaN);

/** 95% percentile bootstrap interval of the mean (1,000 resamples). */
function bootstrap(xs: readonly number[], rng: { next(): number }): { ciLow: number; ciHigh: number } {
  if (xs.length < 2) return { ciLow: NaN, ciHigh: NaN };
  const means: number[] = [];
  for (let b = 0; b < 1000; b++) {
    let s = 0;
    for (let i = 0; i < xs.length; i++) s += xs[Math.floor(rng.next() * xs.length)]!;
    means.push(s / xs.length);
  }
  means.sort((a, b) => a - b);
  return { ciLow: means[24]!, ciHigh: means[974]! };
}

/** A lower 95% bound of σ (chi-square, normal EEs assumed): σ is clearly above 0 when it is. */
export function sigmaLowerBound(row: MorrisRow): number {
  const n = row.effects.length;
  if (n < 2 || !Number.isFinite(row.sigma)) return NaN;
  // Upper 97.5% quantile of χ²(n−1) by Wilson–Hilferty, close enough for a bound.
  const df = n - 1;
  const z = studentTQuantile(0.975, 1e6);
  const q = df * (1 - 2 / (9 * df) + z * Math.sqrt(2 / (9 * df))) ** 3;
  return row.sigma * Math.sqrt(df / Math.max(q, 1e-9));
}
