import type { Summary } from '../run/summary.ts';
import { EXPERIMENT_METRICS, metricValue } from './metrics.ts';
import { csvTable } from '../run/csv.ts';
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

const byPointRep = (a: RunRecord, b: RunRecord) => a.point - b.point || a.rep - b.rep;

/** sweep.csv: one row per run (point, parameters, rep, seed, every metric, books). */
export function sweepRunsCsv(paths: readonly string[], points: readonly unknown[][], records: readonly RunRecord[]): string {
  return csvTable(
    ['point', ...paths, 'rep', 'seed', ...EXPERIMENT_METRICS, 'checksOk'],
    [...records].sort(byPointRep).map((r) => [r.point, ...points[r.point]!, r.rep, r.seed, ...EXPERIMENT_METRICS.map((m) => metricValue(r.summary, m)), r.summary.checks.ok]),
  );
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
  return csvTable(
    head,
    rows.map((row) => {
      const stats = metricNames.flatMap((m) => {
        const i = row.metrics[m]!;
        return [i.mean, i.ciLow, i.ciHigh, i.sd, i.n];
      });
      return [row.point, ...row.values, row.runs, ...stats, row.checksOk, row.level, ...Object.values(flags).map((f) => f(row))];
    }),
  );
}
