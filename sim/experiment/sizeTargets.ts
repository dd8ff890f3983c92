import { InputError } from '../scenario/errors.ts';
import type { IntervalOut } from './intervals.ts';

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
