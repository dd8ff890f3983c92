// `npm run findings`: runs every scenario of the findings plan (scenarios/findings.json) with
// its variants on common random numbers, adding replications until the precision target is met
// (or the cap), on worker threads, and writes docs/findings.md, docs/findings/<scenario>.svg and
// docs/findings/findings.json. Everything in them is generated from the plan and the runs.
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, relative } from 'node:path';
import { loadScenarioFile, stableJson, writeFileAtomic } from '../cli/files.ts';
import { policyOption } from '../cli/policyFile.ts';
import { VERSION } from '../cli/version.ts';
import { InputError } from '../../scenario/errors.ts';
import { meanCI, pairedDiffCI } from '../../stats/ci.ts';
import { DERIVED, metricContext, metricOf, seriesOf } from './derived.ts';
import { loadPlan, type ScenarioPlan } from './plan.ts';
import { ReplicationPool } from '../cli/workerPool.ts';
import { hoursBars, pairsOf, readings, reformSplit, renderScenario, survivalSeries, type ParameterNote, type ScenarioResult } from './render.ts';
import { replicateAdaptively, type VariantRun } from '../experiment/precision.ts';
import { barChart, lineChart, stackedBars, survivalChart } from './svg.ts';
import { headlineSensitivity, sensitivityNumbers } from './sensitivity.ts';

export interface FindingsOptions {
  plan: string;
  out: string;
  horizonDays?: number;
  minReps?: number;
  maxReps?: number;
  target?: number;
  workers: number;
  only?: string[];
  quiet?: boolean;
  /** Replications of the sensitivity tornado (0: none); default the plan's minReps. */
  sensitivityReps?: number;
}

interface RawVariant {
  name: string;
  label?: string;
  policy?: string;
  set?: Record<string, unknown>;
}

function rawVariants(file: string): RawVariant[] {
  const raw = JSON.parse(readFileSync(file, 'utf8')) as { variants?: RawVariant[] };
  return raw.variants ?? [];
}

function overridesText(v: RawVariant | undefined): string {
  if (!v?.set) return '';
  return Object.entries(v.set)
    .map(([k, x]) => (k === 'handoff' && x && typeof x === 'object' ? `channel \`${String((x as { channel?: unknown }).channel)}\`` : `\`${k}\` = \`${JSON.stringify(x)}\``))
    .join('; ');
}

/**
 * The scenario's inputs marked sourced or assumed: its `parameters` block when it has one
 * (entries with path, label, status, source), and its hand-off channel unless the block covers it.
 */
export function parameterNotes(file: string, channels: readonly { channel: string; source: string }[]): ParameterNote[] {
  const raw = JSON.parse(readFileSync(file, 'utf8')) as { parameters?: unknown };
  const notes: ParameterNote[] = [];
  const list = Array.isArray(raw.parameters) ? raw.parameters : [];
  for (const e of list as Record<string, unknown>[]) {
    if (!e || typeof e.path !== 'string') continue;
    const source = typeof e.source === 'string' ? e.source : '';
    const status = e.status === 'sourced' || e.status === 'assumed' ? e.status : /^assum/i.test(source) || !source ? 'assumed' : 'sourced';
    notes.push({ path: e.path, label: typeof e.label === 'string' ? e.label : e.path, status, source: source || 'assumption' });
  }
  if (!notes.some((n) => n.path.startsWith('handoff'))) {
    const seen = new Set<string>();
    for (const h of channels) {
      if (seen.has(h.channel)) continue;
      seen.add(h.channel);
      notes.push({ path: 'handoff.delaysHours', label: `hand-off delays (${h.channel} channel)`, status: /^assum/i.test(h.source) ? 'assumed' : 'sourced', source: h.source });
    }
  }
  return notes;
}

async function loadVariants(p: ScenarioPlan, o: FindingsOptions): Promise<{ variants: VariantRun[]; overrides: Record<string, string> }> {
  const raws = rawVariants(p.file);
  const variants: VariantRun[] = [];
  const overrides: Record<string, string> = {};
  for (const name of p.variants) {
    const sets = horizonSets(p, name, o);
    const scenario = loadScenarioFile(p.file, sets, name);
    const choice = await policyOption(scenario.policy.name);
    const raw = raws.find((r) => r.name === name);
    overrides[name] = overridesText(raw);
    variants.push({ name, label: raw?.label ?? name, scenario, policyName: choice.name, policyFile: choice.file, summaries: [] });
  }
  return { variants, overrides };
}

/** The overrides that shorten a variant's run (--horizon-days). */
function horizonSets(p: ScenarioPlan, name: string, o: FindingsOptions): string[] {
  if (o.horizonDays === undefined) return [];
  const full = loadScenarioFile(p.file, [], name);
  return [`horizonDays=${o.horizonDays}`, `warmupDays=${Math.min(full.warmupDays, o.horizonDays / 5)}`];
}

function chartFor(r: ScenarioResult): string {
  const c = r.plan.chart;
  if (c.type === 'bars') {
    const label = (m: string) => r.plan.metrics.find((x) => x.metric === m)?.label ?? m;
    const groups = c.groups ?? c.metrics.map(label);
    const series = r.variants.map((v) => ({
      label: `${v.name}: ${v.label}`,
      bars: c.metrics.map((m) => {
        const i = meanCI(v.summaries.map((s) => metricOf(s, m, r.ctx)));
        return { mean: i.mean, lo: i.ciLow, hi: i.ciHigh };
      }),
    }));
    return barChart(c.title, c.yLabel, groups, series, c.percent);
  }
  const series = r.variants.map((v) => {
    const runs = v.summaries.map((s) => seriesOf(s, c.series) as number[]);
    const n = Math.min(...runs.map((x) => x.length));
    return { label: `${v.name}: ${v.label}`, values: Array.from({ length: n }, (_, i) => runs.reduce((a, x) => a + x[i]!, 0) / runs.length) };
  });
  return lineChart(c.title, c.xLabel, c.yLabel, series);
}

function numbers(r: ScenarioResult) {
  const metrics: Record<string, Record<string, { mean: number; ciLow: number; ciHigh: number }>> = {};
  const differences: Record<string, Record<string, { mean: number; ciLow: number; ciHigh: number }>> = {};
  for (const m of r.plan.metrics) {
    metrics[m.metric] = {};
    differences[m.metric] = {};
    const vals = (name: string) => r.variants.find((v) => v.name === name)!.summaries.map((s) => metricOf(s, m.metric, r.ctx));
    for (const v of r.variants) {
      const i = meanCI(vals(v.name));
      metrics[m.metric]![v.name] = { mean: i.mean, ciLow: i.ciLow, ciHigh: i.ciHigh };
    }
    for (const [a, b] of pairsOf(r.plan)) {
      const d = pairedDiffCI(vals(a), vals(b));
      differences[m.metric]![`${a}-${b}`] = { mean: d.mean, ciLow: d.ciLow, ciHigh: d.ciHigh };
    }
  }
  const pick = (i: { mean: number; ciLow: number; ciHigh: number }) => ({ mean: i.mean, ciLow: i.ciLow, ciHigh: i.ciHigh });
  const reform = r.plan.reform;
  const reformSplits = reform
    ? Object.fromEntries(r.plan.metrics.map((m) => {
        const x = reformSplit(r, reform, m.metric);
        return [m.metric, { whole: pick(x.whole), channel: pick(x.channel), structure: pick(x.structure) }];
      }))
    : undefined;
  const channels = Object.fromEntries(r.variants.map((v) => [v.name, v.scenario.handoff.channel]));
  return { scenario: r.variants[0]!.scenario.name, file: r.plan.file, reps: r.achieved.reps, relativeHalfWidth: r.achieved.relative, precisionMet: r.achieved.met, horizonDays: r.horizonDays, warmupDays: r.warmupDays, seeds: r.variants[0]!.summaries.map((s) => s.seed), channels, metrics, differences, ...(reformSplits ? { reform: { ...reform, split: reformSplits } } : {}), ...(r.sensitivity ? { sensitivity: sensitivityNumbers(r.sensitivity) } : {}) };
}

export async function runFindings(o: FindingsOptions): Promise<{ markdown: string; results: ScenarioResult[] }> {
  const started = performance.now();
  const plan = loadPlan(o.plan);
  const precision = {
    ...plan.precision,
    ...(o.minReps !== undefined ? { minReps: o.minReps } : {}),
    ...(o.maxReps !== undefined ? { maxReps: o.maxReps } : {}),
    ...(o.target !== undefined ? { relativeHalfWidth: o.target } : {}),
  };
  precision.minReps = Math.min(precision.minReps, precision.maxReps);
  const scenarios = plan.scenarios.filter((s) => !o.only || o.only.some((x) => s.file.includes(x)));
  if (scenarios.length === 0) throw new InputError('--only', [{ path: 'only', expected: 'the name of a scenario in the plan', found: o.only?.join(',') }]);
  for (const [i, s] of plan.scenarios.entries()) {
    for (const m of [...s.metrics.map((x) => x.metric), precision.metric]) {
      if (m.startsWith('derived.') && !DERIVED[m.slice(8)]) throw new InputError(o.plan, [{ path: `scenarios.${i}.metrics`, expected: `a derived metric (${Object.keys(DERIVED).join(', ')})`, found: m }]);
    }
  }
  const pool = new ReplicationPool(o.workers);
  const results: ScenarioResult[] = [];
  const log = (s: string) => {
    if (!o.quiet) process.stderr.write(s);
  };
  try {
    for (const p of scenarios) {
      const { variants, overrides } = await loadVariants(p, o);
      const first = variants[0]!.scenario;
      const ctx = metricContext(first);
      const t0 = performance.now();
      const tty = process.stderr.isTTY === true;
      let finished = 0;
      const achieved = await replicateAdaptively(variants, first.seed, precision, (s) => metricOf(s, precision.metric, ctx), (tasks) => {
        finished = 0;
        return Promise.all(
          tasks.map(async (t) => {
            const r = await pool.run(t);
            if (tty) log(`\r\x1b[K${first.name}: ${++finished}/${tasks.length} runs`);
            return r;
          }),
        );
      });
      const broken = variants.flatMap((v) => v.summaries.filter((s) => !s.checks.ok).map((s) => `${v.name} seed ${s.seed}`));
      if (broken.length) throw new Error(`${first.name}: the books do not balance in ${broken.join(', ')}`);
      const littleWarnings = variants.reduce((a, v) => a + v.summaries.filter((s) => !s.checks.littleLaw.ok).length, 0);
      const name = first.name;
      const r: ScenarioResult = {
        plan: p,
        variants,
        achieved,
        ctx,
        horizonDays: first.horizonDays,
        warmupDays: first.warmupDays,
        baseSeed: first.seed,
        overrides,
        chartFile: `findings/${name}.svg`,
        hoursChartFile: `findings/${name}-hours.svg`,
        survivalChartFile: `findings/${name}-survival.svg`,
        parameters: parameterNotes(p.file, variants.map((v) => v.scenario.handoff)),
        littleWarnings,
      };
      writeFileAtomic(join(o.out, 'findings', `${name}.svg`), chartFor(r));
      const bars = hoursBars(r);
      writeFileAtomic(join(o.out, r.hoursChartFile), stackedBars(`${name}: where the hours go`, 'hours per closed case (mean)', bars.categories, bars.parts, bars.values));
      writeFileAtomic(join(o.out, r.survivalChartFile), survivalChart(`${name}: time to close (Kaplan–Meier, open cases censored)`, 'hours since occurrence', survivalSeries(r)));
      const sensitivityReps = o.sensitivityReps ?? precision.minReps;
      if (sensitivityReps > 0) {
        const scenarioOf = (variant: string, sets: string[]) => loadScenarioFile(p.file, [...horizonSets(p, variant, o), ...sets], variant);
        const s = await headlineSensitivity(p, variants, ctx, pool, sensitivityReps, scenarioOf, first.seed);
        if (s) {
          r.sensitivity = s;
          writeFileAtomic(join(o.out, s.chartFile), s.chart);
        }
      }
      results.push(r);
      log(`${tty ? '\r\x1b[K' : ''}${name}: ${achieved.reps} replications × ${variants.length} variants, half-width ≤ ${(Math.max(...Object.values(achieved.relative)) * 100).toFixed(1)}% of the mean (${((performance.now() - t0) / 1000).toFixed(1)} s)\n`);
    }
  } finally {
    await pool.close();
  }
  const wall = (performance.now() - started) / 1000;
  const markdown = renderDocument(results, precision, o, wall);
  writeFileAtomic(join(o.out, 'findings.md'), markdown);
  writeFileAtomic(join(o.out, 'findings', 'findings.json'), stableJson({ gridgov: VERSION, plan: o.plan, precision, scenarios: results.map(numbers) }));
  return { markdown, results };
}

function renderDocument(results: ScenarioResult[], precision: { metric: string; relativeHalfWidth: number; minReps: number; maxReps: number }, o: FindingsOptions, wall: number): string {
  const link = (p: string) => relative(o.out, p).split('\\').join('/');
  const runs = results.reduce((a, r) => a + r.variants.length * r.achieved.reps, 0);
  const out = [
    '# Findings',
    '',
    `<!-- Generated by \`npm run findings\` (sim/node/findings/main.ts) from [${o.plan}](${link(o.plan)}); do not edit: run it again. -->`,
    '',
    `Every number, table and chart below is generated by \`npm run findings\` from the plan [\`${o.plan}\`](${link(o.plan)}) and the runs it makes. ` +
      `Each scenario's variants run on the same seeds (common random numbers); replications are added until the 95% confidence half-width of the mean of \`${precision.metric}\` ` +
      `is under ${(precision.relativeHalfWidth * 100).toFixed(0)}% of the mean for every variant (at least ${precision.minReps}, at most ${precision.maxReps} replications). ` +
      `Intervals are Student-t 95% intervals over replications; differences are paired by seed. Published figures are those of \`FACTS.md\` with their quality tags ([S] well sourced, [M] medium, [E] derived, [U] unverified).` +
      (o.horizonDays !== undefined ? ` **Shortened run: every horizon set to ${o.horizonDays} days.**` : ''),
    '',
    '| # | scenario | question | headline (first metric, paired) |',
    '|---|---|---|---|',
    ...results.map((r, i) => `| ${i + 1} | [${r.plan.title}](#${i + 1}-${r.plan.title.toLowerCase().replace(/[^a-z0-9 -]/g, '').replace(/ /g, '-')}) | ${r.plan.question.replace(/\|/g, '\\|')} | ${(readings(r)[0] ?? '').replace(/\|/g, '\\|')} |`),
    '',
    ...results.map((r, i) => renderScenario(r, i + 1, link)),
    '---',
    '',
    `${runs} runs in ${wall < 120 ? `${wall.toFixed(0)} s` : `${(wall / 60).toFixed(1)} min`} on ${o.workers} worker thread${o.workers === 1 ? '' : 's'} (gridgov ${VERSION}, Node ${process.version}).`,
    '',
  ];
  return out.join('\n');
}

function positiveInt(name: string) {
  return (text: string) => {
    const n = Number(text);
    if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError(`${name} must be a positive integer, got "${text}"`);
    return n;
  };
}

export async function main(argv: string[]): Promise<number> {
  const program = new Command('findings')
    .description('Run the findings plan and write docs/findings.md (generated; see docs/findings.md)')
    .option('--plan <file>', 'findings plan', 'scenarios/findings.json')
    .option('-o, --out <dir>', 'folder for findings.md and findings/', 'docs')
    .option('--horizon-days <n>', 'shorten every scenario to this many days (warm-up at most a fifth of it)', positiveInt('--horizon-days'))
    .option('--min-reps <n>', 'replications to start with (default: the plan’s)', positiveInt('--min-reps'))
    .option('--max-reps <n>', 'cap on replications (default: the plan’s)', positiveInt('--max-reps'))
    .option('--target <x>', 'relative 95% half-width to reach (default: the plan’s)', (t) => {
      const x = Number(t);
      if (!(x > 0)) throw new InvalidArgumentError(`--target must be a positive number, got "${t}"`);
      return x;
    })
    .option('-w, --workers <n>', 'worker threads (default: all cores)', positiveInt('--workers'))
    .option('--only <names>', 'comma-separated scenario names (substrings of their files)')
    .option('--sensitivity-reps <n>', 'replications of each scenario’s sensitivity tornado (default: the plan’s minReps)', positiveInt('--sensitivity-reps'))
    .option('--no-sensitivity', 'skip the sensitivity tornadoes')
    .option('-q, --quiet', 'no progress')
    .exitOverride();
  try {
    program.parse(argv, { from: 'user' });
    const o = program.opts<{ plan: string; out: string; horizonDays?: number; minReps?: number; maxReps?: number; target?: number; workers?: number; only?: string; quiet?: boolean; sensitivityReps?: number; sensitivity: boolean }>();
    await runFindings({ ...o, sensitivityReps: o.sensitivity ? o.sensitivityReps : 0, only: o.only?.split(',').map((s) => s.trim()).filter(Boolean), workers: o.workers ?? availableParallelism() });
    return 0;
  } catch (err) {
    if (err instanceof CommanderError) return err.code === 'commander.helpDisplayed' || err.code === 'commander.help' ? 0 : 2;
    if (err instanceof InputError) {
      process.stderr.write(`findings: ${err.message.split('\n').join('\nfindings: ')}\n`);
      return 2;
    }
    process.stderr.write(`findings: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    return 1;
  }
}

if (process.argv[1] !== undefined && /findings[\\/]main\.[jt]s$/.test(process.argv[1])) {
  process.exitCode = await main(process.argv.slice(2));
}
