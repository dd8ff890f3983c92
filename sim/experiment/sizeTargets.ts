import { InputError } from '../scenario/errors.ts';
import { holmAdjust, holmLevels, intervalAtAlpha, oneSidedP } from '../stats/multiple.ts';
import { metricRange, type IntervalOut } from './intervals.ts';

type Ends = Pick<IntervalOut, 'ciLow' | 'ciHigh'> & Partial<IntervalOut>;
import { EXPERIMENT_METRICS } from './metrics.ts';

/** Metrics a target may name: the cost measures of sizing, then every experiment metric. */
export const SIZE_METRICS: readonly string[] = ['cost', 'costPerHousehold', ...EXPERIMENT_METRICS];

export interface Target {
  text: string;
  metric: string;
  op: '<=' | '>=';
  limit: number;
}

const TARGET = /^\s*([A-Za-z][\w.]*)\s*(<=|>=|≤|≥|<|>)\s*([-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?)\s*$/;

/** `metric<=limit` or `metric>=limit` (≤ ≥ < > accepted; an interval end never equals a limit by chance, so < reads as <=). */
export function parseTarget(text: string): Target {
  const m = TARGET.exec(text);
  if (!m) throw new InputError('--target', [{ path: '', expected: 'metric<=value or metric>=value, e.g. "resolutionHours.p90<=168" or "slaMet>=0.9"', found: text }]);
  const metric = m[1]!;
  if (!SIZE_METRICS.includes(metric)) {
    throw new InputError('--target', [{ path: metric, expected: `a metric: ${SIZE_METRICS.join(', ')}`, found: metric }]);
  }
  const op = m[2] === '<=' || m[2] === '≤' || m[2] === '<' ? '<=' : '>=';
  return { text: `${metric}${op}${m[3]}`, metric, op, limit: Number(m[3]) };
}

/** The end of the interval that is worse for the target: the upper end for <=, the lower for >=. */
export function unfavourableEnd(t: Target, i: Ends): number {
  return t.op === '<=' ? i.ciHigh : i.ciLow;
}

/** Met with confidence: the interval's unfavourable end is on the right side of the limit. */
export function targetMet(t: Target, i: Ends): boolean {
  const end = unfavourableEnd(t, i);
  if (!Number.isFinite(end)) return false;
  return t.op === '<=' ? end <= t.limit : end >= t.limit;
}

/** Slack of the unfavourable end, relative to the limit (negative = missed): the binding target has the least. */
export function slack(t: Target, i: Ends): number {
  const end = unfavourableEnd(t, i);
  if (!Number.isFinite(end)) return -Infinity;
  const d = t.op === '<=' ? t.limit - end : end - t.limit;
  return d / Math.max(Math.abs(t.limit), 1e-12);
}

/** Whether a lower value of the metric is better for this target. */
export const lowerIsBetter = (t: Target) => t.op === '<=';

/** A target at one candidate: its interval, the Holm-corrected test of "met", and the slack. */
export interface TargetStatus {
  target: string;
  mean: number;
  ciLow: number;
  ciHigh: number;
  /** One-sided p-value of "the target is missed" (H0: mean on the wrong side of the limit). */
  pValue: number;
  /** Holm-adjusted over the candidate's targets; met when ≤ (1 − level)/2. */
  pHolm: number;
  /** The unfavourable end at the one-sided level Holm's step used for this target (clipped to the metric's range). */
  unfavourableEnd: number;
  met: boolean;
  slack: number;
}

/**
 * Every target of a candidate, tested together with Holm's step-down correction: each target is
 * the one-sided test "missed" vs "met" at α = (1 − level)/2 (the unfavourable end of the two-sided
 * interval at `level`, as with one target), and the k targets of a candidate are a family, so the
 * claims "target j is met" hold together with probability ≥ 1 − α. With one target nothing
 * changes; with several, the i-th smallest p-value is tested at α/(k − i + 1).
 */
export function evaluateTargets(targets: readonly Target[], values: (metric: string) => number[], intervalOf: (metric: string) => IntervalOut, level: number): TargetStatus[] {
  const alpha = (1 - level) / 2;
  const p = targets.map((t) => oneSidedP(values(t.metric), t.op, t.limit));
  const adjusted = holmAdjust(p);
  const levels = holmLevels(p, alpha);
  return targets.map((t, k) => {
    const i = intervalOf(t.metric);
    const [lo, hi] = metricRange(t.metric);
    const at = Number.isFinite(levels[k]!) ? intervalAtAlpha(i, 2 * levels[k]!) : { ciLow: NaN, ciHigh: NaN };
    const clip = (x: number) => (Number.isNaN(x) ? x : Math.min(hi, Math.max(lo, x)));
    const ends = { ciLow: clip(at.ciLow), ciHigh: clip(at.ciHigh) };
    // Identical replications (sd 0): the interval is the point, the p-value 0 or 1.
    const end = i.sd === 0 ? i.mean : unfavourableEnd(t, ends);
    const met = Number.isFinite(adjusted[k]!) && adjusted[k]! <= alpha && Number.isFinite(end) && (t.op === '<=' ? end <= t.limit : end >= t.limit);
    return { target: t.text, mean: i.mean, ciLow: i.ciLow, ciHigh: i.ciHigh, pValue: p[k]!, pHolm: adjusted[k]!, unfavourableEnd: end, met, slack: slack(t, { ciLow: end, ciHigh: end }) };
  });
}
