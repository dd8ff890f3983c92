import { metricValue } from '../../experiment/metrics.ts';
import type { Summary } from '../../run/summary.ts';
import { valueAt } from '../../scenario/valueAt.ts';
import type { Scenario } from '../../scenario/schema.ts';
import { buildTerritory } from '../../territory/build.ts';

/** What a derived metric needs besides the summary: the size of the territory and the window. */
export interface MetricContext {
  grids: number;
  residents: number;
  windowDays: number;
}

export function metricContext(s: Scenario): MetricContext {
  const t = buildTerritory(s.territory);
  return { grids: t.grids.length, residents: t.residents, windowDays: s.horizonDays - s.warmupDays };
}

const v = (s: Summary, path: string) => metricValue(s, path);

/** Metrics computed from summary.json fields (name → value); used as `derived.<name>` in the plan. */
export const DERIVED: Record<string, (s: Summary, ctx: MetricContext) => number> = {
  /** Closed / registered cases of the window (结案率). */
  closureRate: (s) => s.cases.closed / s.cases.registered,
  /** Registered / occurred issues of the window. */
  discoveredShare: (s) => s.cases.registered / s.cases.created,
  /** Registered cases per month (30 days) over the window. */
  casesPerMonth: (s, c) => (s.cases.registered / c.windowDays) * 30,
  /** Patrol finds per grid per day. */
  patrolFindsPerGridPerDay: (s, c) => (s.cases.registered * s.sourceShare.patrol) / c.grids / c.windowDays,
  /** Hotline contacts per 1,000 residents per day. */
  contactsPer1000PerDay: (s, c) => (s.hotline.contacts / c.residents / c.windowDays) * 1000,
  /** Share of closed cases resolved by the grid, community or street (the small loop). */
  smallLoopShare: (s) => s.resolvedByTier.grid + s.resolvedByTier.community + s.resolvedByTier.street,
  /** Busy hours of all desk staff per registered case. */
  staffHoursPerCase: (s) => {
    let busy = 0;
    for (const role of Object.keys(s.utilization) as (keyof Summary['utilization'])[]) busy += s.utilization[role] * s.staffHours[role];
    return busy / s.cases.registered;
  },
};

export function metricOf(s: Summary, path: string, ctx: MetricContext): number {
  if (path.startsWith('derived.')) {
    const f = DERIVED[path.slice('derived.'.length)];
    if (!f) throw new Error(`unknown derived metric ${path}`);
    return f(s, ctx);
  }
  return v(s, path);
}

/** A number array (a daily series) or an array of rows at `path`. */
export function seriesOf(s: Summary, path: string): unknown[] {
  const node = valueAt(s, path);
  return Array.isArray(node) ? node : [];
}
