import { normalQuantile } from '../stats/ci.ts';

/**
 * Time to close of every counted case, open ones censored at the horizon: the Kaplan–Meier
 * estimate (summary.json `survival`). The same estimator as sim/stats/kaplanMeier.ts (Greenwood
 * variance, log-log band, Brookmeyer–Crowley quantile intervals; test/run/survival.test.ts checks
 * they agree), computed in one pass over two sorted Float64Arrays instead of an array of objects,
 * so that the megacity's ≈ 12 M counted cases cost one float each (≈ 100 MB), not an object each.
 */

export interface KmQuantile {
  estimate: number | null;
  lower: number | null;
  upper: number | null;
}

export interface SurvivalSummary {
  /** Counted cases, closed (events) and open at the horizon (censored). */
  n: number;
  events: number;
  censored: number;
  level: number;
  /** Kaplan–Meier median and p90 of occurrence → closure, hours; null where the curve does not fall that low by the horizon. */
  median: KmQuantile;
  p90: KmQuantile;
  /** The curve, thinned to steps of at least 0.01 in Ŝ: [hours, share still open]. */
  curve: [number, number][];
}

/** A growable array of doubles. */
class Floats {
  data = new Float64Array(1024);
  length = 0;
  push(x: number): void {
    if (this.length === this.data.length) {
      const grown = new Float64Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = x;
  }
  sorted(): Float64Array {
    return this.data.slice(0, this.length).sort();
  }
}

/** Collects one float per counted case: its time to close, or (open) its time observed. */
export class SurvivalSample {
  private readonly events = new Floats();
  private readonly censored = new Floats();

  addClosed(hours: number): void {
    this.events.push(hours);
  }

  addOpen(hours: number): void {
    this.censored.push(hours);
  }

  summary(level = 0.95): SurvivalSummary {
    return kaplanMeierSorted(this.events.sorted(), this.censored.sorted(), level);
  }
}

/** Kaplan–Meier from sorted event and censoring times (events before censorings at a tie). */
export function kaplanMeierSorted(events: Float64Array, censored: Float64Array, level = 0.95): SurvivalSummary {
  const z = normalQuantile(1 - (1 - level) / 2);
  const n = events.length + censored.length;
  const targets = [0.5, 0.1]; // Ŝ at the median and at p90
  const found: KmQuantile[] = targets.map(() => ({ estimate: null, lower: null, upper: null }));
  const curve: [number, number][] = [[0, 1]];
  let atRisk = n;
  let s = 1;
  let gw = 0;
  let i = 0;
  let j = 0;
  let lastKept = 1;
  const eps = 1e-12;
  while (i < events.length) {
    const t = events[i]!;
    while (j < censored.length && censored[j]! < t) {
      atRisk--;
      j++;
    }
    let d = 0;
    while (i < events.length && events[i] === t) {
      d++;
      i++;
    }
    s *= 1 - d / atRisk;
    gw += atRisk > d ? d / (atRisk * (atRisk - d)) : 0;
    const [lower, upper] = logLogBand(s, gw, z);
    targets.forEach((target, k) => {
      const q = found[k]!;
      if (q.estimate === null && s <= target + eps) q.estimate = t;
      if (q.lower === null && lower <= target + eps) q.lower = t;
      if (q.upper === null && upper <= target + eps) q.upper = t;
    });
    if (lastKept - s >= 0.01 || i === events.length) {
      curve.push([t, s]);
      lastKept = s;
    }
    atRisk -= d;
  }
  const maxTime = Math.max(events.length ? events[events.length - 1]! : 0, censored.length ? censored[censored.length - 1]! : 0);
  if (maxTime > curve[curve.length - 1]![0]) curve.push([maxTime, s]);
  return { n, events: events.length, censored: censored.length, level, median: found[0]!, p90: found[1]!, curve };
}

/** Kalbfleisch–Prentice log-log band of Ŝ with Greenwood sum `gw` (as sim/stats/kaplanMeier.ts). */
function logLogBand(s: number, gw: number, z: number): [number, number] {
  if (s <= 0) return [0, 0];
  if (s >= 1) return [1, 1];
  const k = (z * Math.sqrt(gw)) / Math.log(s);
  return [Math.pow(s, Math.exp(-k)), Math.pow(s, Math.exp(k))];
}
