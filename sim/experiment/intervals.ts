import { meanCI } from '../stats/ci.ts';
import { ROLES } from '../model/types.ts';
import { TIERS } from '../scenario/schema.ts';

/** Mean, Student-t interval at the experiment's level, and what it rests on: n replications with standard deviation sd. */
export interface IntervalOut {
  mean: number;
  ciLow: number;
  ciHigh: number;
  n: number;
  sd: number;
}

const SHARES = new Set<string>(['slaMet', 'whistledShare', ...ROLES.map((r) => `utilization.${r}`), ...TIERS.map((t) => `resolvedByTier.${t}`)]);

/**
 * The range a metric's mean lies in: [0, 1] for shares and rates (SLA met, utilization, shares
 * by tier), [0, ∞) for everything else an experiment reports (hours, quantiles of hours, counts,
 * per-case counts, backlogs, staff-hours). Unknown metrics (a user's) are unbounded.
 */
export function metricRange(metric: string): [number, number] {
  if (SHARES.has(metric) || /Share(\.|$)/.test(metric)) return [0, 1];
  if (/(Hours|PerCase|Minutes)(\.|$)|^cases\.|^backlog\.|^costStaffHours$|^staffHours\.|^cost$|^costPerHousehold$/.test(metric)) return [0, Infinity];
  return [-Infinity, Infinity];
}

/**
 * Mean of a metric over replications with its Student-t interval at `level`, intersected with the
 * metric's range. The true mean lies in that range, so cutting the interval there never lowers
 * its coverage; it only removes impossible values (a p95 from 2 replications has t(0.975, 1) =
 * 12.7 standard errors each side, far below 0 hours).
 */
export function metricInterval(metric: string, values: readonly number[], level = 0.95): IntervalOut {
  const i = meanCI(values, level);
  const [lo, hi] = metricRange(metric);
  const clip = (x: number) => (Number.isNaN(x) ? x : Math.min(hi, Math.max(lo, x)));
  return { mean: i.mean, ciLow: clip(i.ciLow), ciHigh: clip(i.ciHigh), n: i.n, sd: i.sd };
}
