import type { Summary } from '../run/summary.ts';
import { EXPERIMENT_METRICS, metricValue } from './metrics.ts';
import { metricInterval, type IntervalOut } from './intervals.ts';

/** One finished run of a sweep or sizing, as its record file holds it. */
export interface RunRecord {
  kind: 'run';
  /** The sweep (or sizing) id the run belongs to. */
  planId: string;
  key: string;
  point: number;
  rep: number;
  seed: string | number;
  summary: Summary;
}

/** Mean and interval of every metric over one point's runs. */
export interface PointSummary {
  point: number;
  values: unknown[];
  runs: number;
  /** Confidence level of the intervals. */
  level: number;
  metrics: Record<string, IntervalOut>;
  checksOk: boolean;
}

/** A number as every output file writes it: 10 significant digits, '' for NaN/∞. */
export const fmt = (x: number) => (Number.isFinite(x) ? String(Number(x.toPrecision(10))) : '');

/** One CSV cell: numbers as fmt, text quoted when it holds , " or a newline, objects as JSON. */
export function cell(v: unknown): string {
  if (typeof v === 'number') return fmt(v);
  const text = typeof v === 'string' ? v : JSON.stringify(v);
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

const byPointRep = (a: RunRecord, b: RunRecord) => a.point - b.point || a.rep - b.rep;

/** sweep.csv: one row per run (point, parameters, rep, seed, every metric, books). */
export function sweepRunsCsv(paths: readonly string[], points: readonly unknown[][], records: readonly RunRecord[]): string {
  const lines = [['point', ...paths, 'rep', 'seed', ...EXPERIMENT_METRICS, 'checksOk'].map(cell).join(',')];
  for (const r of [...records].sort(byPointRep)) {
    lines.push([r.point, ...points[r.point]!, r.rep, r.seed, ...EXPERIMENT_METRICS.map((m) => metricValue(r.summary, m)), r.summary.checks.ok ? 1 : 0].map(cell).join(','));
  }
  return `${lines.join('\n')}\n`;
}

/** Per point: the mean and t interval at `level` of each metric, over the runs that finished. */
export function summarizePoints(points: readonly unknown[][], records: readonly RunRecord[], level = 0.95, extra: Record<string, (s: Summary, point: number) => number> = {}): PointSummary[] {
  const byPoint = new Map<number, RunRecord[]>();
  for (const r of [...records].sort(byPointRep)) {
    let list = byPoint.get(r.point);
    if (!list) byPoint.set(r.point, (list = []));
    list.push(r);
  }
  const out: PointSummary[] = [];
  for (const [point, runs] of [...byPoint.entries()].sort((a, b) => a[0] - b[0])) {
    const metrics: Record<string, IntervalOut> = {};
    const add = (name: string, values: number[]) => {
      metrics[name] = metricInterval(name, values, level);
    };
    for (const [name, f] of Object.entries(extra)) add(name, runs.map((r) => f(r.summary, point)));
    for (const m of EXPERIMENT_METRICS) add(m, runs.map((r) => metricValue(r.summary, m)));
    out.push({ point, values: points[point]!, runs: runs.length, level, metrics, checksOk: runs.every((r) => r.summary.checks.ok) });
  }
  return out;
}

/**
 * sweep-summary.csv: one row per point: `point`, the parameters, `runs`, then for each metric
 * `<metric>.mean,<metric>.ciLow,<metric>.ciHigh,<metric>.sd,<metric>.n` (n: replications with a
 * value), then `checksOk`, `level` (of the intervals) and any extra flag columns. The parameters
 * are the columns between `point` and `runs`.
 */
export function pointSummaryCsv(paths: readonly string[], rows: readonly PointSummary[], flags: Record<string, (row: PointSummary) => unknown> = {}): string {
  const metricNames = rows.length ? Object.keys(rows[0]!.metrics) : [...EXPERIMENT_METRICS];
  const head = ['point', ...paths, 'runs', ...metricNames.flatMap((m) => [`${m}.mean`, `${m}.ciLow`, `${m}.ciHigh`, `${m}.sd`, `${m}.n`]), 'checksOk', 'level', ...Object.keys(flags)];
  const lines = [head.map(cell).join(',')];
  for (const row of rows) {
    const stats = metricNames.flatMap((m) => {
      const i = row.metrics[m]!;
      return [i.mean, i.ciLow, i.ciHigh, i.sd, i.n];
    });
    lines.push([row.point, ...row.values, row.runs, ...stats, row.checksOk ? 1 : 0, row.level, ...Object.values(flags).map((f) => f(row))].map(cell).join(','));
  }
  return `${lines.join('\n')}\n`;
}
