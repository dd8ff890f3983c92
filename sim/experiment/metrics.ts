import { ROLES } from '../model/types.ts';
import type { Summary } from '../run/summary.ts';
import { numberAt } from '../scenario/valueAt.ts';
import { TIERS } from '../scenario/schema.ts';
import { STAT_TIERS } from '../run/tierCollector.ts';

/** The metrics an experiment reports for each run, as dotted paths into summary.json. */
export const EXPERIMENT_METRICS: readonly string[] = [
  'resolutionHours.mean',
  'resolutionHours.p50',
  'resolutionHours.p90',
  'resolutionHours.p95',
  'handlingHours.mean',
  'handlingHours.p90',
  'discoveryLagHours.mean',
  'latentDiscoveryLagHours.mean',
  'waitHours.mean',
  'slaMet',
  'escalationsPerCase',
  'bouncesPerCase',
  'contactsPerCase',
  'timeoutsPerCase',
  'reopensPerCase',
  'whistledShare',
  'cases.closed',
  'cases.open',
  'costStaffHours',
  ...ROLES.map((r) => `utilization.${r}`),
  ...TIERS.map((t) => `resolvedByTier.${t}`),
  ...STAT_TIERS.map((t) => `backlog.${t}`),
];

/** The metric at a dotted path of summary.json; NaN when absent. */
export const metricValue = (summary: Summary, path: string): number => numberAt(summary, path);
