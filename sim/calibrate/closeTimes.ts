import { kaplanMeier, kmQuantiles, type KaplanMeierFit, type QuantileEstimate, type SurvivalObservation } from '../stats/kaplanMeier.ts';

/**
 * Time to close (created → closed, hours) of a set of requests, requests still open at the
 * censoring time counted as censored there: the Kaplan–Meier curve and its p10/p50/p90 with
 * Brookmeyer–Crowley intervals (sim/stats/kaplanMeier.ts). The same function reads the log and
 * the simulated log, so the two are compared like for like.
 */
export const REPORT_PS = [0.1, 0.5, 0.9] as const;

export interface CloseTimes {
  n: number;
  closed: number;
  open: number;
  fit: KaplanMeierFit;
  quantiles: QuantileEstimate[];
}

export interface Duration {
  created: number;
  closed: number | null;
}

export function closeTimes(items: readonly Duration[], censorAt: number): CloseTimes {
  const obs: SurvivalObservation[] = [];
  for (const it of items) {
    if (it.created > censorAt) continue;
    if (it.closed !== null && it.closed <= censorAt) obs.push({ time: it.closed - it.created, event: true });
    else obs.push({ time: censorAt - it.created, event: false });
  }
  const fit = kaplanMeier(obs);
  return { n: fit.n, closed: fit.events, open: fit.censored, fit, quantiles: kmQuantiles(fit, REPORT_PS) };
}

/**
 * Largest vertical distance between two Kaplan–Meier distribution functions (1 − Ŝ), over
 * the times both curves are defined (up to the smaller of their last observations): the
 * Kolmogorov–Smirnov statistic, extended to censored samples (Fleming et al. 1980).
 */
export function ksDistance(a: KaplanMeierFit, b: KaplanMeierFit): number {
  const limit = Math.min(a.maxTime, b.maxTime);
  let i = 0, j = 0, sa = 1, sb = 1, d = 0;
  while (true) {
    const ta = i < a.steps.length ? a.steps[i]!.time : Infinity;
    const tb = j < b.steps.length ? b.steps[j]!.time : Infinity;
    const t = Math.min(ta, tb);
    if (!(t <= limit)) break;
    if (ta === t) sa = a.steps[i++]!.survival;
    if (tb === t) sb = b.steps[j++]!.survival;
    d = Math.max(d, Math.abs(sa - sb));
  }
  return d;
}

/** Time at which Ŝ first falls to 1 − p, for QQ plots; null if it never does. */
export function kmTimeAt(fit: KaplanMeierFit, p: number): number | null {
  for (const s of fit.steps) if (s.survival <= 1 - p + 1e-12) return s.time;
  return null;
}
