// Names and units of summary.json metrics (dotted paths, as in sim/experiment/metrics.ts), shared
// by the viewer's results panel and the sweeps page, so the same metric reads the same everywhere.

export type Unit = 'h' | 'share' | 'per case' | 'staff-h' | 'cases' | 'visits';

export interface MetricName {
  label: string;
  unit: Unit;
  /** Whether a lower value is the better one (for "which run is ahead"). */
  lowerIsBetter: boolean;
}

const ROLE_LABEL: Record<string, string> = {
  gridWorker: 'grid workers',
  communityStaff: 'community staff',
  streetDispatcher: 'street dispatchers',
  streetHandler: 'street handlers',
  callTaker: 'hotline call-takers',
  districtDispatcher: 'district dispatchers',
  districtHandler: 'district handlers',
  departmentHandler: 'department handlers',
};

const FIXED: Record<string, MetricName> = {
  'resolutionHours.mean': { label: 'resolution time, mean', unit: 'h', lowerIsBetter: true },
  'resolutionHours.p50': { label: 'resolution time, median', unit: 'h', lowerIsBetter: true },
  'resolutionHours.p90': { label: 'resolution time, 90th percentile', unit: 'h', lowerIsBetter: true },
  'resolutionHours.p95': { label: 'resolution time, 95th percentile', unit: 'h', lowerIsBetter: true },
  'handlingHours.mean': { label: 'handling time (registration → closure), mean', unit: 'h', lowerIsBetter: true },
  'handlingHours.p90': { label: 'handling time, 90th percentile', unit: 'h', lowerIsBetter: true },
  'discoveryLagHours.mean': { label: 'discovery lag, mean', unit: 'h', lowerIsBetter: true },
  'latentDiscoveryLagHours.mean': { label: 'discovery lag of latent issues, mean', unit: 'h', lowerIsBetter: true },
  'waitHours.mean': { label: 'queue wait, mean', unit: 'h', lowerIsBetter: true },
  slaMet: { label: 'closed within the time limit (SLA met)', unit: 'share', lowerIsBetter: false },
  closureRate: { label: 'closure rate (closed ÷ created)', unit: 'share', lowerIsBetter: false },
  escalationsPerCase: { label: 'escalations per case', unit: 'per case', lowerIsBetter: true },
  bouncesPerCase: { label: 'bounces (misroutes) per case', unit: 'per case', lowerIsBetter: true },
  contactsPerCase: { label: 'hotline contacts per case', unit: 'per case', lowerIsBetter: true },
  timeoutsPerCase: { label: 'timeouts per case', unit: 'per case', lowerIsBetter: true },
  reopensPerCase: { label: 'reopened per case', unit: 'per case', lowerIsBetter: true },
  whistledShare: { label: 'cases whistled', unit: 'share', lowerIsBetter: false },
  'cases.created': { label: 'cases created (counted)', unit: 'cases', lowerIsBetter: false },
  'cases.closed': { label: 'cases closed (counted)', unit: 'cases', lowerIsBetter: false },
  'cases.open': { label: 'cases open at the end (counted)', unit: 'cases', lowerIsBetter: true },
  costStaffHours: { label: 'cost', unit: 'staff-h', lowerIsBetter: true },
};

/** Label, unit and direction of a metric path; unknown paths keep their id. */
export function metricName(path: string): MetricName {
  const fixed = FIXED[path];
  if (fixed) return fixed;
  const [head, key = ''] = path.split('.');
  if (head === 'utilization') return { label: `utilization: ${ROLE_LABEL[key] ?? key}`, unit: 'share', lowerIsBetter: false };
  if (head === 'resolvedByTier') return { label: `resolved by the ${key} tier`, unit: 'share', lowerIsBetter: false };
  if (head === 'backlog') return { label: `backlog at the ${key} tier, time-average`, unit: 'visits', lowerIsBetter: true };
  if (head === 'staffCount') return { label: `staff: ${ROLE_LABEL[key] ?? key}`, unit: 'cases', lowerIsBetter: true };
  return { label: path, unit: /Hours/.test(path) ? 'h' : 'per case', lowerIsBetter: !/^(slaMet|resolvedByTier\.|cases\.closed)/.test(path) };
}

/** "resolution time, mean (h)": a metric's label with its unit, for axes and menus. */
export function metricTitle(path: string): string {
  const m = metricName(path);
  const unit = m.unit === 'share' ? '%' : m.unit;
  return `${m.label} (${unit})`;
}

/** A value in its unit: shares as percentages, hours and counts with sensible digits. */
export function formatMetric(x: number, unit: Unit, signed = false): string {
  if (!Number.isFinite(x)) return '—';
  const sign = signed && x > 0 ? '+' : '';
  if (unit === 'share') return `${sign}${(100 * x).toFixed(1)}${signed ? ' pt' : '%'}`;
  const a = Math.abs(x);
  const digits = unit === 'cases' || unit === 'staff-h' || a >= 1000 ? 0 : a >= 100 ? 1 : a >= 1 ? 2 : 3;
  return `${sign}${x.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits })}`;
}
