import { meanCI, studentTQuantile, studentTUpperTail, type Interval } from './ci.ts';

/**
 * Multiple comparisons: Holm's step-down correction (Holm 1979) for a family of m tests, and the
 * confidence intervals that go with it. Holm controls the familywise error rate (the chance that
 * any of the m claims is wrong) at α, like Bonferroni, and rejects at least as often.
 */

/** Holm-adjusted p-values, in the order given: p_(i) · (m − i + 1), made monotone, capped at 1. NaN stays NaN (and is not counted in m). */
export function holmAdjust(p: readonly number[]): number[] {
  const idx = p.map((_, i) => i).filter((i) => Number.isFinite(p[i]!));
  idx.sort((a, b) => p[a]! - p[b]! || a - b);
  const m = idx.length;
  const out = p.map(() => NaN);
  let running = 0;
  idx.forEach((i, rank) => {
    running = Math.max(running, Math.min(1, (m - rank) * p[i]!));
    out[i] = running;
  });
  return out;
}

/**
 * The two-sided significance level Holm's step-down tests each hypothesis at: α/(m − i + 1) for
 * the i-th smallest p-value while every smaller one was rejected; from the first that is not
 * rejected on, every later one keeps that step's level. An interval at 1 − this level excludes
 * the null value exactly when Holm rejects (the "Holm-adjusted intervals" of Ludbrook 1998);
 * step 1 is the Bonferroni level α/m, whose intervals hold for all m together.
 */
export function holmLevels(p: readonly number[], alpha: number): number[] {
  const idx = p.map((_, i) => i).filter((i) => Number.isFinite(p[i]!));
  idx.sort((a, b) => p[a]! - p[b]! || a - b);
  const m = idx.length;
  const out = p.map(() => NaN);
  let stopped: number | undefined;
  idx.forEach((i, rank) => {
    const level = alpha / (m - rank);
    if (stopped === undefined && p[i]! > level) stopped = level;
    out[i] = stopped ?? level;
  });
  return out;
}

/** Two-sided p-value of the one-sample t test of mean = 0 for an interval from meanCI (NaN for n < 2). */
export function tTestP(i: Pick<Interval, 'mean' | 'sd' | 'n'>): number {
  if (!(i.n >= 2) || !Number.isFinite(i.sd)) return NaN;
  if (i.sd === 0) return i.mean === 0 ? 1 : 0;
  const t = i.mean / (i.sd / Math.sqrt(i.n));
  return Math.min(1, 2 * studentTUpperTail(Math.abs(t), i.n - 1));
}

/** The t interval of meanCI at another two-sided level α (mean ± t(1 − α/2, n − 1) · sd/√n). */
export function intervalAtAlpha(i: Pick<Interval, 'mean' | 'sd' | 'n'>, alpha: number): { ciLow: number; ciHigh: number } {
  if (!(i.n >= 2) || !Number.isFinite(i.sd) || !Number.isFinite(alpha)) return { ciLow: NaN, ciHigh: NaN };
  const h = (studentTQuantile(1 - alpha / 2, i.n - 1) * i.sd) / Math.sqrt(i.n);
  return { ciLow: i.mean - h, ciHigh: i.mean + h };
}

/** One-sided p-value of H0: mean ≥ limit (op '<=') or mean ≤ limit (op '>='), from the replications. */
export function oneSidedP(xs: readonly number[], op: '<=' | '>=', limit: number): number {
  const i = meanCI(xs);
  if (!(i.n >= 2) || !Number.isFinite(i.sd)) return NaN;
  const d = op === '<=' ? limit - i.mean : i.mean - limit;
  if (i.sd === 0) return d > 0 ? 0 : 1;
  return studentTUpperTail(d / (i.sd / Math.sqrt(i.n)), i.n - 1);
}
