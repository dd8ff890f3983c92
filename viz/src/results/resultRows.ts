import { formatMetric, metricName, type Unit } from './metricNames.ts';

// The rows of the results panel and its CSV, read from a replay's summary.json. Optional
// sections (a stage breakdown `stages`, written by newer simulators) add rows when present.

export interface Interval {
  mean: number;
  ciLow: number;
  ciHigh: number;
}

export interface ResultRow {
  /** Dotted path into summary.json (the experiment's metric id). */
  path: string;
  group: string;
  label: string;
  unit: Unit;
  values: number[];
  /** A − B when two runs; NaN otherwise. */
  diff: number;
  /** The paired interval of A − B over the replications of a `compare`, when known. */
  paired: Interval | null;
}

const ROLES = ['gridWorker', 'communityStaff', 'streetDispatcher', 'streetHandler', 'callTaker', 'districtDispatcher', 'districtHandler', 'departmentHandler'];
const TIERS = ['grid', 'community', 'street', 'district', 'department'];

/** The number at a dotted path of a summary, or NaN. */
export function valueAt(summary: unknown, path: string): number {
  if (path === 'closureRate') {
    const created = valueAt(summary, 'cases.created');
    return created > 0 ? valueAt(summary, 'cases.closed') / created : NaN;
  }
  let node: unknown = summary;
  for (const key of path.split('.')) {
    if (typeof node !== 'object' || node === null) return NaN;
    node = (node as Record<string, unknown>)[key];
  }
  if (typeof node === 'object' && node !== null && typeof (node as { mean?: unknown }).mean === 'number') return (node as { mean: number }).mean;
  return typeof node === 'number' ? node : NaN;
}

/**
 * Stage rows ("where the hours go") when the summary carries `stages.meanHours` (hours per closed
 * case in each stage, sim/run/stagesSummary.ts); an older flat `stages` object of hours also works.
 */
function stagePaths(summaries: unknown[]): [string, string][] {
  const keys = new Map<string, string>();
  for (const s of summaries) {
    const st = (s as { stages?: unknown } | undefined)?.stages;
    if (typeof st !== 'object' || st === null) continue;
    const means = (st as { meanHours?: unknown }).meanHours;
    if (typeof means === 'object' && means !== null) {
      for (const [k, v] of Object.entries(means)) if (typeof v === 'number') keys.set(`stages.meanHours.${k}`, k.replace(/Hours$/, '').replace(/^queueHours_/, 'queue at '));
      continue;
    }
    for (const [k, v] of Object.entries(st)) if (typeof v === 'number' || (typeof v === 'object' && v !== null && typeof (v as { mean?: unknown }).mean === 'number')) keys.set(`stages.${k}`, k);
  }
  return [...keys];
}

/**
 * The panel's rows for one or two summaries (A, B). `paired` maps a metric path to the paired
 * interval of A − B when the runs are replications of a compare (comparison.json).
 */
export function resultRows(summaries: unknown[], paired: Record<string, Interval> = {}): ResultRow[] {
  const spec: [string, string, string?][] = [
    ['resolutionHours.mean', 'resolution'],
    ['resolutionHours.p50', 'resolution'],
    ['resolutionHours.p90', 'resolution'],
    ['slaMet', 'resolution'],
    ['closureRate', 'resolution'],
    ['cases.created', 'cases'],
    ['cases.closed', 'cases'],
    ['escalationsPerCase', 'cases'],
    ['bouncesPerCase', 'cases'],
    ['costStaffHours', 'cost'],
    ...ROLES.map((r) => [`utilization.${r}`, 'utilization by role'] as [string, string]),
    ...TIERS.map((t) => [`resolvedByTier.${t}`, 'resolved by tier'] as [string, string]),
    ...stagePaths(summaries).map(([p, k]) => [p, 'where the hours go (per case)', k] as [string, string, string]),
  ];
  const rows: ResultRow[] = [];
  for (const [path, group, stage] of spec) {
    const values = summaries.map((s) => valueAt(s, path));
    if (values.every((v) => !Number.isFinite(v))) continue;
    // a role with no staff in either run has no utilization to show
    if (path.startsWith('utilization.') && summaries.every((s) => !(valueAt(s, `staffCount.${path.slice(12)}`) > 0)) && values.every((v) => v === 0)) continue;
    const m = metricName(path);
    rows.push({ path, group, label: stage ? `${stage}` : m.label, unit: stage ? 'h' : m.unit, values, diff: values.length === 2 ? values[0]! - values[1]! : NaN, paired: paired[path] ?? null });
  }
  return rows;
}

const csvCell = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
const num = (x: number) => (Number.isFinite(x) ? String(Number(x.toPrecision(10))) : '');

/** The results table as tidy CSV: one row per metric, the runs' values, A − B and its paired interval. */
export function resultsCsv(rows: ResultRow[], runNames: string[]): string {
  const two = runNames.length === 2;
  const head = ['metric', 'label', 'unit', ...runNames, ...(two ? ['A-B', 'pairedLow', 'pairedHigh'] : [])];
  const lines = [head.map(csvCell).join(',')];
  for (const r of rows) lines.push([r.path, r.label, r.unit, ...r.values.map(num), ...(two ? [num(r.diff), num(r.paired?.ciLow ?? NaN), num(r.paired?.ciHigh ?? NaN)] : [])].map(csvCell).join(','));
  return `${lines.join('\n')}\n`;
}

export const fmtValue = (x: number, unit: Unit) => formatMetric(x, unit);
export const fmtDiff = (x: number, unit: Unit) => formatMetric(x, unit, true);
