import { parseCsvRows } from '../../../sim/run/csv.ts';

// A sweep or sizing result as the page uses it, read from sweep-summary.csv,
// size-candidates.csv (the same format) or size.json.

export interface Stat {
  mean: number;
  ciLow: number;
  ciHigh: number;
}

export interface ResultRow {
  point: number;
  values: (string | number)[];
  runs: number;
  stats: Record<string, Stat>;
  /** feasible / pareto / chosen (sizing), checksOk. */
  flags: Record<string, number>;
}

export interface SweepResult {
  kind: 'sweep' | 'size';
  name: string;
  params: string[];
  metrics: string[];
  rows: ResultRow[];
  /** The x of the frontier: `cost` for a sizing, staff-hours for a sweep. */
  costMetric: string;
  /** The metric the frontier and heatmap show first. */
  mainMetric: string;
  /** Sizing: the metric's better direction, from the first target. */
  lowerIsBetter?: boolean;
}

const num = (t: string | undefined) => (t === undefined || t === '' ? NaN : Number(t));
const value = (t: string) => (t !== '' && Number.isFinite(Number(t)) ? Number(t) : t);

/** Reads either format; throws an Error that says what was expected. */
export function parseResult(text: string, name: string): SweepResult {
  const trimmed = text.trimStart();
  if (trimmed.startsWith('{')) return fromSizeJson(JSON.parse(trimmed), name);
  return fromSummaryCsv(text, name);
}

export function fromSummaryCsv(text: string, name: string): SweepResult {
  const table = parseCsvRows(text).filter((r) => !(r.length === 1 && r[0] === ''));
  const head = table[0] ?? [];
  const runsAt = head.indexOf('runs');
  if (head[0] !== 'point' || runsAt < 1) throw new Error(`${name}: expected sweep-summary.csv or size-candidates.csv (columns point, the parameters, runs, <metric>.mean, …)`);
  const params = head.slice(1, runsAt);
  const metrics: string[] = [];
  for (let i = runsAt + 1; i + 2 < head.length; i++) {
    const h = head[i]!;
    if (h.endsWith('.mean') && head[i + 1] === `${h.slice(0, -5)}.ciLow` && head[i + 2] === `${h.slice(0, -5)}.ciHigh`) {
      metrics.push(h.slice(0, -5));
      i += 2;
    }
  }
  const metricCols = new Set(metrics.flatMap((m) => [`${m}.mean`, `${m}.ciLow`, `${m}.ciHigh`]));
  const flagCols = head.map((h, i) => ({ h, i })).filter(({ h, i }) => i > runsAt && !metricCols.has(h));
  const rows = table.slice(1).map((f) => {
    const stats: Record<string, Stat> = {};
    for (const m of metrics) stats[m] = { mean: num(f[head.indexOf(`${m}.mean`)]), ciLow: num(f[head.indexOf(`${m}.ciLow`)]), ciHigh: num(f[head.indexOf(`${m}.ciHigh`)]) };
    return { point: Number(f[0]), values: params.map((_, j) => value(f[1 + j] ?? '')), runs: Number(f[runsAt]), stats, flags: Object.fromEntries(flagCols.map(({ h, i }) => [h, Number(f[i])])) };
  });
  const isSize = metrics.includes('cost') && flagCols.some((c) => c.h === 'feasible');
  return { kind: isSize ? 'size' : 'sweep', name, params, metrics, rows, costMetric: isSize ? 'cost' : 'costStaffHours', mainMetric: metrics.includes('resolutionHours.p90') ? 'resolutionHours.p90' : metrics[0]! };
}

interface SizeJson {
  sizeId: string;
  objective: string;
  mainMetric: string;
  targets: string[];
  vary: { path: string }[];
  candidates: { values: number[]; summary: { point: number; runs: number; metrics: Record<string, Stat>; checksOk: boolean }; feasible: boolean; pareto: boolean; chosen: boolean }[];
}

export function fromSizeJson(j: SizeJson, name: string): SweepResult {
  if (!j || !Array.isArray(j.candidates) || !Array.isArray(j.vary)) throw new Error(`${name}: expected size.json from gridgov size (with vary and candidates)`);
  const rows = j.candidates.map((c) => ({
    point: c.summary.point,
    values: c.values,
    runs: c.summary.runs,
    stats: Object.fromEntries(Object.entries(c.summary.metrics).map(([m, s]) => [m, { mean: s.mean ?? NaN, ciLow: s.ciLow ?? NaN, ciHigh: s.ciHigh ?? NaN }])),
    flags: { feasible: c.feasible ? 1 : 0, pareto: c.pareto ? 1 : 0, chosen: c.chosen ? 1 : 0, checksOk: c.summary.checksOk ? 1 : 0 },
  }));
  const first = j.targets[0] ?? '';
  return {
    kind: 'size',
    name,
    params: j.vary.map((v) => v.path),
    metrics: Object.keys(rows[0]?.stats ?? {}),
    rows,
    costMetric: j.objective,
    mainMetric: j.mainMetric,
    lowerIsBetter: !first.includes('>='),
  };
}

/** Whether lower is better for a metric, when the file does not say. */
export function lowerIsBetterFor(metric: string): boolean {
  return !/^(slaMet|resolvedByTier\.|cases\.closed)/.test(metric);
}
