import type { Summary } from '../../run/summary.ts';
import { meanCI, pairedDiffCI, type Interval } from '../../stats/ci.ts';
import { metricOf, seriesOf, type MetricContext } from './derived.ts';
import type { MetricSpec, MonthlySpec, PublishedSpec, ReformSpec, ScenarioPlan } from './plan.ts';
import { STAGE_COLUMNS, STAGES } from '../../model/stageClock.ts';
import type { Achieved, VariantRun } from './replicate.ts';
import { sensitivityLines, type FindingsSensitivity } from './sensitivity.ts';

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
  /** "Where the hours go" stacked bars and the Kaplan–Meier curves (docs/findings/). */
  hoursChartFile: string;
  survivalChartFile: string;
  /** The scenario's parameters marked sourced or assumed (its `parameters` block, else its channel). */
  parameters: ParameterNote[];
  littleWarnings: number;
  /** The tornado of the headline over the assumed parameters (sensitivity.ts). */
  sensitivity?: FindingsSensitivity;
}

/** One input of a scenario and whether it is sourced. */
export interface ParameterNote {
  path: string;
  label: string;
  status: 'sourced' | 'assumed';
  source: string;
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

// ---- issue 11: the channel, the 2 × 2 of a reform, where the hours go, survival, parameters ----

/** Which channel each variant ran on; a comparison across channels is named as such. */
function channelNote(r: ScenarioResult): string {
  const byChannel = new Map<string, string[]>();
  for (const v of r.variants) {
    const ch = v.scenario.handoff.channel;
    byChannel.set(ch, [...(byChannel.get(ch) ?? []), v.name]);
  }
  const src = (ch: string) => r.variants.find((v) => v.scenario.handoff.channel === ch)!.scenario.handoff.source;
  if (byChannel.size === 1) {
    const [ch] = [...byChannel.keys()];
    return `**Channel.** Every variant on the same hand-off channel, \`${ch}\` (${cell(src(ch!))}), so the differences are the structures', not the paperwork's.`;
  }
  const list = [...byChannel.entries()].map(([ch, names]) => `\`${ch}\` for ${names.map((n) => `\`${n}\``).join(', ')} (${cell(src(ch))})`).join('; ');
  return `**Channels.** ${list}. ${r.plan.reform ? 'The reform changed structure and channel together; the 2 × 2 below separates them.' : 'The variants do not share one channel: their differences mix structure and channel.'}`;
}

/**
 * The gap of a reform that changed structure and channel together, split in two (per replication,
 * then a t interval over replications): the channel's part is the mean of the channel's effect
 * under the old and the new structure, the structure's part the mean of the structure's effect
 * on the old and the new channel (the two add up to the whole gap; the Shapley split of a 2 × 2).
 */
function reformTable(r: ScenarioResult, f: ReformSpec): string[] {
  const head = ['metric', `whole gap \`${f.after}\` − \`${f.before}\``, 'from the channel', 'from the structure', 'channel share of the gap'];
  const lines = [`| ${head.join(' | ')} |`, `|---|${head.slice(1).map(() => '---:').join('|')}|`];
  for (const m of r.plan.metrics) {
    const { whole: w, channel: c, structure } = reformSplit(r, f, m.metric);
    const share = w.mean !== 0 && Number.isFinite(w.mean) ? `${fixed((c.mean / w.mean) * 100, 0)}%` : '—';
    lines.push(`| ${cell(m.label)} | ${fmtInterval(w, m, true)} | ${fmtInterval(c, m, true)} | ${fmtInterval(structure, m, true)} | ${share} |`);
  }
  return lines;
}

/** The split of one metric's reform gap (per replication, then t intervals): whole = channel + structure. */
export function reformSplit(r: ScenarioResult, f: ReformSpec, metric: string): { whole: Interval; channel: Interval; structure: Interval } {
  const [b, a, so, co] = [f.before, f.after, f.structureOnly, f.channelOnly].map((n) => values(byName(r, n), metric, r.ctx));
  const n = Math.min(b!.length, a!.length, so!.length, co!.length);
  const whole: number[] = [];
  const channel: number[] = [];
  const structure: number[] = [];
  for (let i = 0; i < n; i++) {
    whole.push(a![i]! - b![i]!);
    channel.push((co![i]! - b![i]! + (a![i]! - so![i]!)) / 2);
    structure.push((so![i]! - b![i]! + (a![i]! - co![i]!)) / 2);
  }
  return { whole: meanCI(whole), channel: meanCI(channel), structure: meanCI(structure) };
}

const STAGE_LABEL: Record<string, string> = {
  discoveryHours: 'discovery',
  registrationHours: 'registration',
  queueHours: 'queue wait',
  reviewHours: 'review',
  transitHours: 'transit (hand-offs)',
  travelHours: 'travel',
  workHours: 'work',
  verifyHours: 'verification',
  reworkHours: 'rework after a reopen',
};

/** Mean hours per closed case in each stage, per variant, with the first pair's paired difference. */
function hoursTable(r: ScenarioResult): string[] {
  const pair = pairsOf(r.plan)[0];
  const head = ['hours per closed case', ...r.variants.map((v) => `\`${v.name}\``), ...(pair ? [`\`${pair[0]}\` − \`${pair[1]}\` (paired)`] : [])];
  const lines = [`| ${head.join(' | ')} |`, `|---|${head.slice(1).map(() => '---:').join('|')}|`];
  const spec = { digits: 1, percent: false };
  const row = (label: string, metric: string, digits = 1) => {
    const m = { ...spec, digits };
    const cells = [label, ...r.variants.map((v) => fmtInterval(meanCI(values(v, metric, r.ctx)), m))];
    if (pair) cells.push(fmtInterval(pairedDiffCI(values(byName(r, pair[0]), metric, r.ctx), values(byName(r, pair[1]), metric, r.ctx)), m, true));
    lines.push(`| ${cells.join(' | ')} |`);
  };
  for (const s of STAGES) row(STAGE_LABEL[`${s}Hours`] ?? s, `stages.meanHours.${s}Hours`);
  row('**occurrence → closure** (the stages add up to it)', 'resolutionHours.mean');
  for (const col of STAGE_COLUMNS.slice(STAGES.length)) row(`queue wait at the ${col.slice('queueHours_'.length)}`, `stages.meanHours.${col}`);
  row('hand-offs per closed case', 'stages.handoffsPerCase', 2);
  row('Kaplan–Meier median, every counted case (open ones censored; — = not reached by the horizon)', 'survival.median.estimate');
  row('Kaplan–Meier p90, every counted case', 'survival.p90.estimate');
  row('cases still open at the horizon', 'cases.open', 0);
  return lines;
}

/** Stack values for the hours chart: per variant, the mean of each stage over the replications. */
export function hoursBars(r: ScenarioResult): { categories: string[]; parts: string[]; values: number[][] } {
  return {
    categories: r.variants.map((v) => v.name),
    parts: STAGES.map((s) => STAGE_LABEL[`${s}Hours`] ?? s),
    values: r.variants.map((v) => STAGES.map((s) => meanCI(values(v, `stages.meanHours.${s}Hours`, r.ctx)).mean)),
  };
}

/** Each variant's Kaplan–Meier curve averaged over its replications on a common grid of 120 times. */
export function survivalSeries(r: ScenarioResult): { label: string; points: [number, number][] }[] {
  const at = (curve: [number, number][], t: number) => {
    let s = 1;
    for (const [ti, si] of curve) {
      if (ti > t) break;
      s = si;
    }
    return s;
  };
  const tMax = Math.min(...r.variants.flatMap((v) => v.summaries.map((s) => s.survival.curve[s.survival.curve.length - 1]?.[0] ?? 0)));
  const grid = Array.from({ length: 121 }, (_, i) => (tMax * i) / 120);
  return r.variants.map((v) => ({
    label: `${v.name}: ${v.label}`,
    points: grid.map((t) => [t, v.summaries.reduce((a, s) => a + at(s.survival.curve, t), 0) / v.summaries.length] as [number, number]),
  }));
}

function parametersList(r: ScenarioResult): string[] {
  if (!r.parameters.length) return [];
  const sourced = r.parameters.filter((p) => p.status === 'sourced').length;
  return [
    `**Parameters** (${sourced} sourced, ${r.parameters.length - sourced} assumed):`,
    '',
    '| parameter | | source |',
    '|---|---|---|',
    ...r.parameters.map((p) => `| ${cell(p.label)} (\`${p.path}\`) | ${p.status} | ${cell(p.source)} |`),
    '',
  ];
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
  out.push(channelNote(r), '');
  if (p.reform) {
    out.push(`**Channel or structure?** The reform changed both at once; the 2 × 2 (\`${p.reform.before}\` old structure on the old channel, \`${p.reform.channelOnly}\` old structure on the new channel, \`${p.reform.structureOnly}\` new structure on the old channel, \`${p.reform.after}\` both new) splits each gap into the part the channel makes and the part the structure makes (each the mean of its effect at both levels of the other; paired by seed):`, '');
    out.push(...reformTable(r, p.reform), '');
  }
  out.push('**Where the hours go** (mean hours per closed case in each stage; the stages add up to occurrence → closure; the Kaplan–Meier rows count every case, open ones censored at the horizon):', '');
  out.push(...hoursTable(r), '');
  out.push(`![Where the hours go](${r.hoursChartFile})`, '', `![Time to close, Kaplan–Meier](${r.survivalChartFile})`, '');
  out.push(...parametersList(r));
  if (r.sensitivity) out.push(...sensitivityLines(r.sensitivity));
  if (p.monthly) out.push('**Per month** (mean over the replications [95% interval]):', '', ...monthlyTable(r, p.monthly), '');
  if (p.published.length) out.push('**Against the published figures.**', '', ...publishedTable(r, p.published), '');
  else out.push('**Against the published figures.** `FACTS.md` has no published outcome figure for this question; the scenario doc says which inputs are sourced.', '');
  out.push(`Books: every run balanced (conservation, lifecycle order, staff hours); Little's-law warnings in ${r.littleWarnings} of ${r.variants.length * r.achieved.reps} runs.`, '');
  return out.join('\n');
}
