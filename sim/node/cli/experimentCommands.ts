import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { comparisonCsv, hoursTable, repSeed, runsCsv, summarizeComparison, type PolicyChoice, type RunRecord } from '../../experiment/compare.ts';
import { InputError } from '../../scenario/errors.ts';
import type { Scenario } from '../../scenario/schema.ts';
import { loadScenarioFile, stableJson, writeFileAtomic } from './files.ts';
import { parseSeed } from './main.ts';
import { policyOption } from './policyFile.ts';
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
  const tasks: ReplicationTask[] = [];
  const replay = replayFlags(o);
  for (let rep = 0; rep < o.reps; rep++) {
    const seed = repSeed(baseSeed, rep);
    for (const choice of policies) {
      tasks.push({
        index: tasks.length,
        scenario,
        policyName: choice.name,
        policyFile: choice.file,
        seed,
        rep,
        outDir: o.runs ? join(outDir, 'runs', `${choice.name}-rep${rep}`) : undefined,
        scenarioFile: file,
        replay: replay && { ...replay, path: join(outDir, 'replays', `${choice.name}-rep${rep}.replay.json`) },
      });
    }
  }
  const workers = Math.max(1, Math.min(o.workers ?? availableParallelism(), tasks.length));
  const progress = new Progress(tasks.length, workers > 1 ? `runs (${workers} threads)` : 'runs', o.quiet);
  const started = performance.now();
  const results = await runReplications(tasks, workers, (r, t) => progress.tick(`${t.policyName} rep ${t.rep}${r.ok ? '' : ' FAILED'}`));
  progress.end();
  const records: RunRecord[] = [];
  const failures: string[] = [];
  for (const r of results) {
    const t = tasks[r.index]!;
    if (r.ok) records.push({ policy: t.policyName, rep: t.rep, seed: t.seed, summary: r.summary });
    else failures.push(`${t.policyName} rep ${t.rep} (seed ${t.seed}): ${r.error}`);
  }
  const names = policies.map((p) => p.name);
  const comparison = summarizeComparison(scenario.name, records, names, baseSeed);
  if (failures.length) {
    comparison.checks.allRunsOk = false;
    comparison.checks.failedRuns.push(...failures);
  }
  writeFileAtomic(join(outDir, 'comparison.json'), stableJson(comparison));
  writeFileAtomic(join(outDir, 'comparison.csv'), comparisonCsv(comparison));
  writeFileAtomic(join(outDir, 'runs.csv'), runsCsv(records));
  writeFileAtomic(join(outDir, 'scenario.json'), stableJson(scenario));
  writeFileAtomic(
    join(outDir, 'manifest.json'),
    stableJson({ gridgov: VERSION, node: process.version, scenario: scenario.name, scenarioFile: file, scenarioHash: scenarioHash(scenario), policies: names, reps: o.reps, baseSeed, runs: records.length, wallSeconds: Number(((performance.now() - started) / 1000).toFixed(3)) }),
  );
  if (!o.quiet) {
    // One pair: its paired interval. More: every pair, Holm-adjusted (the interval at the level of Holm's step for it).
    const pairs = Object.keys(comparison.differences[SHOWN[0]![0]]!);
    const holm = pairs.length > 1;
    const diff = (m: string, p: string) => {
      const d = comparison.differences[m]![p]!;
      return holm ? { mean: d.mean, ciLow: d.ciLowHolm, ciHigh: d.ciHighHolm } : d;
    };
    const head = ['metric (mean [95% CI])', ...names, ...pairs.map((p) => `${p} (paired${holm ? ', Holm' : ''})`)];
    const rows = SHOWN.map(([m, label, d]) => [label, ...names.map((p) => interval(comparison.metrics[m]![p]!, d)), ...pairs.map((p) => interval(diff(m, p), d))]);
    process.stdout.write(`${scenario.name}: ${names.join(' vs ')}, ${o.reps} replications (seeds ${comparison.seeds[0]}..${comparison.seeds[comparison.seeds.length - 1]}), common random numbers\n\n`);
    process.stdout.write(`${renderTable(head, rows)}\n\n`);
    if (holm) process.stdout.write(`differences: ${pairs.length} pairs per metric, Holm-adjusted (familywise 95%); p-values and adjusted p-values in comparison.csv\n`);
    const hours = hoursTable(comparison, pairs);
    process.stdout.write(`where the hours go (${scenario.handoff.channel} channel; stages add up to occurrence → closure; KM = Kaplan–Meier over every counted case, open ones censored at the horizon)\n\n${renderTable(hours.head, hours.rows)}\n\n`);
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
