import { ROLES } from '../model/types.ts';
import type { Summary } from '../run/summary.ts';
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

export function metricValue(summary: Summary, path: string): number {
  let node: unknown = summary;
  for (const key of path.split('.')) {
    if (typeof node !== 'object' || node === null) return NaN;
    node = (node as Record<string, unknown>)[key];
  }
  return typeof node === 'number' ? node : NaN;
}
