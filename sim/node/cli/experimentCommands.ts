import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { comparisonCsv, hoursTable, repSeed, runsCsv, summarizeComparison, type PolicyChoice, type RunRecord } from '../../experiment/compare.ts';
import { metricValue } from '../../experiment/metrics.ts';
import { TimeseriesMean } from '../../experiment/timeseriesMean.ts';
import { nextRound, relativeHalfWidth, type Achieved, type Precision } from '../experiment/precision.ts';
import { InputError } from '../../scenario/errors.ts';
import type { Scenario } from '../../scenario/schema.ts';
import { loadScenarioFile, stableJson, writeFileAtomic } from './files.ts';
import { parseSeed } from './main.ts';
import { policyOption } from './policyFile.ts';
import type { CasesFormat } from './caseSinks.ts';
import { Progress } from './progress.ts';
import { reportChecks } from './report.ts';
import { emitResult, fail } from './output.ts';
import type { ReplicationTask } from './replicationTask.ts';
import { replayFlags, type ReplayFlags } from './replayFile.ts';
import { scenarioHash } from './runOutputs.ts';
import { runReplications } from './workerPool.ts';
import { interval, renderTable } from './table.ts';
import { VERSION } from './version.ts';

interface ExperimentOptions extends ReplayFlags {
  reps: number;
  workers?: number;
  seed?: string;
  out?: string;
  set: string[];
  variant?: string;
  runs?: boolean;
  casesFormat?: CasesFormat;
  /** Add replications until the 95% half-width of `precisionMetric`'s mean is within this share of the mean. */
  precision?: number;
  precisionMetric?: string;
  maxReps?: number;
  /** Metrics for the printed table (default SHOWN); the files hold all of them. */
  metrics?: string[];
  quiet?: boolean;
}

/** Metrics shown on the terminal; the files hold all of them. */
const SHOWN: [string, string, number][] = [
  ['resolutionHours.mean', 'resolution h, mean', 1],
  ['resolutionHours.p90', 'resolution h, p90', 1],
  ['handlingHours.mean', 'handling h, mean', 1],
  ['slaMet', 'SLA met', 3],
  ['escalationsPerCase', 'escalations/case', 2],
  ['bouncesPerCase', 'bounces/case', 2],
  ['utilization.gridWorker', 'util. grid workers', 3],
  ['utilization.streetHandler', 'util. street handlers', 3],
  ['utilization.districtDispatcher', 'util. district dispatch', 3],
  ['utilization.departmentHandler', 'util. departments', 3],
];

async function runExperiment(file: string, policies: PolicyChoice[], o: ExperimentOptions, defaultOut: (s: Scenario, seed: string | number) => string) {
  const scenario = loadScenarioFile(file, o.set, o.variant);
  const baseSeed = o.seed !== undefined ? parseSeed(o.seed) : scenario.seed;
  const outDir = o.out ?? defaultOut(scenario, baseSeed);
  const replay = replayFlags(o);
  const names = policies.map((p) => p.name);
  const precision: Precision | undefined =
    o.precision === undefined ? undefined : { metric: o.precisionMetric ?? 'resolutionHours.mean', relativeHalfWidth: o.precision, minReps: Math.max(2, o.reps), maxReps: Math.max(2, o.reps, o.maxReps ?? 100) };
  const taskFor = (choice: PolicyChoice, rep: number): ReplicationTask => ({
    index: 0,
    scenario,
    policyName: choice.name,
    policyFile: choice.file,
    seed: repSeed(baseSeed, rep),
    rep,
    outDir: o.runs ? join(outDir, 'runs', `${choice.name}-rep${rep}`) : undefined,
    casesFormat: o.casesFormat,
    timeseries: true,
    scenarioFile: file,
    replay: replay && { ...replay, path: join(outDir, 'replays', `${choice.name}-rep${rep}.replay.json`) },
  });
  const started = performance.now();
  const records: RunRecord[] = [];
  const failures: string[] = [];
  const series = new TimeseriesMean();
  let achieved: Achieved | undefined;
  // Rounds of replications: one round of --reps; with --precision, more rounds until the target (precision.ts).
  let reps = precision ? precision.minReps : o.reps;
  for (let done = 0; ; ) {
    const tasks: ReplicationTask[] = [];
    for (let rep = done; rep < reps; rep++) for (const choice of policies) tasks.push({ ...taskFor(choice, rep), index: tasks.length });
    const workers = Math.max(1, Math.min(o.workers ?? availableParallelism(), tasks.length));
    const progress = new Progress(tasks.length, `${workers > 1 ? `runs (${workers} threads)` : 'runs'}${done > 0 ? `, reps ${done + 1}..${reps}` : ''}`, o.quiet);
    const results = await runReplications(tasks, workers, (r, t) => progress.tick(`${t.policyName} rep ${t.rep}${r.ok ? '' : ' FAILED'}`));
    progress.end();
    for (const r of results) {
      const t = tasks[r.index]!;
      if (r.ok) {
        records.push({ policy: t.policyName, rep: t.rep, seed: t.seed, summary: r.summary });
        if (r.timeseriesCsv) series.add(t.policyName, r.timeseriesCsv);
      } else failures.push(`${t.policyName} rep ${t.rep} (seed ${t.seed}): ${r.error}`);
    }
    done = reps;
    if (!precision) break;
    const relative = Object.fromEntries(names.map((p) => [p, relativeHalfWidth(records.filter((r) => r.policy === p).map((r) => metricValue(r.summary, precision.metric)))]));
    const round = nextRound(reps, relative, precision);
    achieved = round;
    if (round.next === reps) break;
    reps = round.next;
  }
  const comparison = summarizeComparison(scenario.name, records, names, baseSeed);
  if (precision && achieved) comparison.precision = { metric: precision.metric, target: precision.relativeHalfWidth, maxReps: precision.maxReps, reps: achieved.reps, relativeHalfWidth: achieved.relative, met: achieved.met };
  if (failures.length) {
    comparison.checks.allRunsOk = false;
    comparison.checks.failedRuns.push(...failures);
  }
  writeFileAtomic(join(outDir, 'comparison.json'), stableJson(comparison));
  writeFileAtomic(join(outDir, 'comparison.csv'), comparisonCsv(comparison));
  writeFileAtomic(join(outDir, 'runs.csv'), runsCsv(records, scenario.name));
  writeFileAtomic(join(outDir, 'timeseries-mean.csv'), series.csv(scenario.name, names, comparison.level));
  writeFileAtomic(join(outDir, 'scenario.json'), stableJson(scenario));
  writeFileAtomic(
    join(outDir, 'manifest.json'),
    stableJson({ gridgov: VERSION, node: process.version, scenario: scenario.name, scenarioFile: file, scenarioHash: scenarioHash(scenario), policies: names, reps, baseSeed, runs: records.length, wallSeconds: Number(((performance.now() - started) / 1000).toFixed(3)) }),
  );
  if (!o.quiet) {
    // One pair: its paired interval. More: every pair, Holm-adjusted (the interval at the level of Holm's step for it).
    const shown: [string, string, number][] = o.metrics ? o.metrics.map((m) => [m, m, 3]) : SHOWN;
    const pairs = Object.keys(comparison.differences[shown[0]![0]]!);
    const holm = pairs.length > 1;
    const diff = (m: string, p: string) => {
      const d = comparison.differences[m]![p]!;
      return holm ? { mean: d.mean, ciLow: d.ciLowHolm, ciHigh: d.ciHighHolm } : d;
    };
    const head = ['metric (mean [95% CI])', ...names, ...pairs.map((p) => `${p} (paired${holm ? ', Holm' : ''})`)];
    const rows = shown.map(([m, label, d]) => [label, ...names.map((p) => interval(comparison.metrics[m]![p]!, d)), ...pairs.map((p) => interval(diff(m, p), d))]);
    process.stdout.write(`${scenario.name}: ${names.join(' vs ')}, ${o.reps} replications (seeds ${comparison.seeds[0]}..${comparison.seeds[comparison.seeds.length - 1]}), common random numbers\n\n`);
    process.stdout.write(`${renderTable(head, rows)}\n\n`);
    if (holm) process.stdout.write(`differences: ${pairs.length} pairs per metric, Holm-adjusted (familywise 95%); p-values and adjusted p-values in comparison.csv\n`);
    const hours = hoursTable(comparison, pairs);
    process.stdout.write(`where the hours go (${scenario.handoff.channel} channel; stages add up to occurrence → closure; KM = Kaplan–Meier over every counted case, open ones censored at the horizon)\n\n${renderTable(hours.head, hours.rows)}\n\n`);
    if (precision && achieved) {
      const worst = Math.max(...Object.values(achieved.relative));
      process.stdout.write(`precision: 95% half-width of ${precision.metric} within ${(100 * worst).toFixed(1)}% of the mean after ${achieved.reps} replications (target ${(100 * precision.relativeHalfWidth).toFixed(1)}%${achieved.met ? '' : `, NOT reached at --max-reps ${precision.maxReps}`})\n`);
    }
    process.stdout.write(`books: ${comparison.checks.allRunsOk ? 'every run balanced' : `FAILED in ${comparison.checks.failedRuns.join('; ')}`}\noutputs: ${outDir}\n`);
  }
  reportChecks(records.map((r) => r.summary));
  for (const f of failures) fail(`replication failed: ${f}`);
  emitResult(comparison);
  if (failures.length) process.exitCode = 1;
  return comparison;
}

export async function compareCommand(file: string, o: ExperimentOptions & { policies: string }): Promise<void> {
  const names = o.policies.split(',').map((p) => p.trim()).filter(Boolean);
  if (names.length < 1) throw new InputError('--policies', [{ path: 'policies', expected: 'a comma-separated list of policies', found: o.policies }]);
  const choices = await Promise.all(names.map(policyOption));
  const unique = new Set(choices.map((c) => c.name));
  if (unique.size !== choices.length) throw new InputError('--policies', [{ path: 'policies', expected: 'distinct policies', found: o.policies }]);
  await runExperiment(file, choices, o, (s, seed) => join('results', `${s.name}${o.variant ? `-${o.variant}` : ''}-compare-seed${seed}`));
}

export async function replicateCommand(file: string, o: ExperimentOptions & { policy?: string }): Promise<void> {
  const scenarioPolicy = o.policy ?? loadScenarioFile(file, o.set, o.variant).policy.name;
  const choice = await policyOption(scenarioPolicy);
  await runExperiment(file, [choice], o, (s) => join('results', `${s.name}${o.variant ? `-${o.variant}` : ''}-${choice.name}-reps`));
}
