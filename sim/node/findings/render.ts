import type { Summary } from '../../run/summary.ts';
import { meanCI, pairedDiffCI, type Interval } from '../../stats/ci.ts';
import { metricOf, seriesOf, type MetricContext } from './derived.ts';
import type { MetricSpec, MonthlySpec, PublishedSpec, ScenarioPlan } from './plan.ts';
import type { Achieved, VariantRun } from '../experiment/precision.ts';

export interface ScenarioResult {
  plan: ScenarioPlan;
  variants: VariantRun[];
  achieved: Achieved;
  ctx: MetricContext;
  horizonDays: number;
  warmupDays: number;
  baseSeed: string | number;
  overrides: Record<string, string>;
  chartFile: string;
  littleWarnings: number;
}

/** Fixed digits, without a minus sign on a value that rounds to zero. */
function fixed(v: number, digits: number): string {
  const t = v.toFixed(digits);
  return /^-0(\.0*)?$/.test(t) ? t.slice(1) : t;
}

export function fmt(x: number, digits: number, percent = false): string {
  if (!Number.isFinite(x)) return '—';
  return `${fixed(percent ? x * 100 : x, digits)}${percent ? '%' : ''}`;
}

/** `mean [low, high]`; a difference (`signed`) of shares is in percentage points. */
function fmtInterval(i: Interval, m: Pick<MetricSpec, 'digits' | 'percent'>, signed = false): string {
  const points = signed && m.percent;
  const one = (x: number) => (points ? (Number.isFinite(x) ? fixed(x * 100, m.digits) : '—') : fmt(x, m.digits, m.percent));
  const f = (x: number) => `${signed && x > 0 && one(x) !== one(0) ? '+' : ''}${one(x)}`;
  if (!Number.isFinite(i.mean)) return '—';
  const unit = points ? ' pp' : '';
  if (!Number.isFinite(i.ciLow)) return `${f(i.mean)}${unit}`;
  return `${f(i.mean)} [${one(i.ciLow)}, ${one(i.ciHigh)}]${unit}`;
}

const values = (v: VariantRun, metric: string, ctx: MetricContext) => v.summaries.map((s) => metricOf(s, metric, ctx));
const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function pairsOf(plan: ScenarioPlan): [string, string][] {
  return plan.pairs ?? plan.variants.slice(1).map((v) => [v, plan.variants[0]!] as [string, string]);
}

function byName(r: ScenarioResult, name: string): VariantRun {
  return r.variants.find((v) => v.name === name)!;
}

/** The results table: one row per metric, one column per variant, then the paired differences. */
function resultsTable(r: ScenarioResult): string[] {
  const pairs = pairsOf(r.plan);
  const head = ['metric', ...r.variants.map((v) => `\`${v.name}\``), ...pairs.map(([a, b]) => `\`${a}\` − \`${b}\` (paired)`)];
  const lines = [`| ${head.join(' | ')} |`, `|${head.map((_, i) => (i === 0 ? '---' : '---:')).join('|')}|`];
  for (const m of r.plan.metrics) {
    const cells = [cell(m.label), ...r.variants.map((v) => fmtInterval(meanCI(values(v, m.metric, r.ctx)), m))];
    for (const [a, b] of pairs) cells.push(fmtInterval(pairedDiffCI(values(byName(r, a), m.metric, r.ctx), values(byName(r, b), m.metric, r.ctx)), m, true));
    lines.push(`| ${cells.join(' | ')} |`);
  }
  return lines;
}

/** One generated sentence per pair on the first metric: the change, relative, and whether the interval excludes 0. */
export function readings(r: ScenarioResult): string[] {
  const m = r.plan.metrics[0]!;
  return pairsOf(r.plan).map(([a, b]) => {
    const va = values(byName(r, a), m.metric, r.ctx);
    const vb = values(byName(r, b), m.metric, r.ctx);
    const d = pairedDiffCI(va, vb);
    const base = meanCI(vb).mean;
    const rel = base !== 0 ? d.mean / base : NaN;
    const sig = Number.isFinite(d.ciLow) ? (d.ciLow > 0 || d.ciHigh < 0 ? 'the 95% interval excludes 0' : 'the 95% interval includes 0: no difference shown') : 'one replication: no interval';
    return `\`${a}\` against \`${b}\`, ${m.label}: ${fmtInterval(d, m, true)} (${Number.isFinite(rel) ? `${rel > 0 ? '+' : ''}${(rel * 100).toFixed(1)}%` : '—'} of \`${b}\`); ${sig}.`;
  });
}

function monthlyTable(r: ScenarioResult, spec: MonthlySpec): string[] {
  const rows = (s: Summary) => seriesOf(s, spec.series) as Record<string, number | null>[];
  const first = rows(r.variants[0]!.summaries[0]!);
  const head = ['month (days)', ...r.variants.flatMap((v) => spec.labels.map((l) => `\`${v.name}\` ${l}`))];
  const lines = [`| ${head.join(' | ')} |`, `|${head.map((_, i) => (i === 0 ? '---' : '---:')).join('|')}|`];
  first.forEach((row, k) => {
    const cells = [`${row.month} (${row.fromDay}–${row.toDay})`];
    for (const v of r.variants) {
      for (const f of spec.fields) {
        const xs = v.summaries.map((s) => rows(s)[k]?.[f]).filter((x): x is number => typeof x === 'number');
        cells.push(xs.length ? fmtInterval(meanCI(xs), { digits: 1, percent: true }) : '—');
      }
    }
    lines.push(`| ${cells.join(' | ')} |`);
  });
  return lines;
}

function publishedTable(r: ScenarioResult, list: PublishedSpec[]): string[] {
  const lines = ['| published figure | published | source | simulated (variant) | simulated ÷ published |', '|---|---|---|---|---:|'];
  for (const p of list) {
    const spec = r.plan.metrics.find((m) => m.metric === p.metric) ?? { digits: 2, percent: false };
    const ci = meanCI(values(byName(r, p.variant), p.metric, r.ctx));
    let ratio = '—';
    if (p.value !== undefined && p.value !== 0) ratio = `${(ci.mean / p.value).toFixed(2)}`;
    else if (p.range) {
      const [lo, hi] = p.range;
      ratio = ci.mean < lo ? `below the range (${(ci.mean / lo).toFixed(2)} × its low end)` : ci.mean > hi ? `above the range (${(ci.mean / hi).toFixed(2)} × its high end)` : 'inside the range';
    }
    lines.push(`| ${cell(p.figure)} | ${cell(p.text)} | ${cell(p.source)} | ${fmtInterval(ci, spec)} (\`${p.variant}\`) | ${ratio} |`);
  }
  return lines;
}

export function renderScenario(r: ScenarioResult, k: number, docPath: (p: string) => string): string {
  const p = r.plan;
  const rel = Object.values(r.achieved.relative);
  const out: string[] = [];
  out.push(`## ${k}. ${p.title}`, '');
  out.push(`**Question.** ${p.question}`, '');
  out.push(
    `**Scenario.** [\`${p.file}\`](${docPath(p.file)}), described in [\`${p.doc}\`](${docPath(p.doc)}). ${r.horizonDays} days with ${r.warmupDays} day${r.warmupDays === 1 ? '' : 's'} of warm-up; ` +
      `${r.achieved.reps} replications per variant (seeds ${r.variants[0]!.summaries[0]!.seed}…${r.variants[0]!.summaries[r.achieved.reps - 1]!.seed}, the same for every variant: common random numbers). ` +
      `Precision: the 95% half-width of the mean resolution time is ${(Math.min(...rel) * 100).toFixed(1)}–${(Math.max(...rel) * 100).toFixed(1)}% of the mean` +
      `${r.achieved.met ? ' (target met)' : ' (target NOT met at the replication cap)'}.`,
    '',
  );
  out.push('**Variants compared.**', '', '| variant | what | policy | overrides |', '|---|---|---|---|');
  for (const v of r.variants) out.push(`| \`${v.name}\` | ${cell(v.label)} | ${cell(v.policyName)} | ${cell(r.overrides[v.name] || '—')} |`);
  out.push('', '**Results** (mean over the replications [95% confidence interval]; the differences are paired on the same seeds):', '');
  out.push(...resultsTable(r), '');
  out.push(...readings(r).map((s) => `- ${s}`), '');
  out.push(`![${p.chart.title}](${r.chartFile})`, '');
  if (p.monthly) out.push('**Per month** (mean over the replications [95% interval]):', '', ...monthlyTable(r, p.monthly), '');
  if (p.published.length) out.push('**Against the published figures.**', '', ...publishedTable(r, p.published), '');
  else out.push('**Against the published figures.** `FACTS.md` has no published outcome figure for this question; the scenario doc says which inputs are sourced.', '');
  out.push(`Books: every run balanced (conservation, lifecycle order, staff hours); Little's-law warnings in ${r.littleWarnings} of ${r.variants.length * r.achieved.reps} runs.`, '');
  return out.join('\n');
}
