import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { inShard, resolveShard, shardLabel, type Shard } from '../../experiment/shard.ts';
import { parseSetSpec, type SweepParam } from '../../experiment/sweepParams.ts';
import { buildSweepPlan, plannedRuns, pointAssignments, type SweepPlan } from '../../experiment/sweepPlan.ts';
import { pointSummaryCsv, summarizePoints, sweepRunsCsv, type RunRecord } from '../../experiment/sweepTables.ts';
import type { Scenario } from '../../scenario/schema.ts';
import { stableJson } from './files.ts';
import { parseSeed } from './main.ts';
import { reportBooks, runPlanned, type PlannedTask } from './planRunner.ts';
import { emitResult, fail } from './output.ts';
import { policyOption } from './policyFile.ts';
import { claimPlan, planHash, RunStore } from './runStore.ts';
import { writeFileAtomic } from '../io/atomicWrite.ts';
import { scenarioHash } from './runOutputs.ts';
import { ScenarioVariants } from './scenarioVariants.ts';
import { interval, renderTable } from './table.ts';
import { VERSION } from './version.ts';

export interface SweepOptions {
  set: string[];
  samples?: number;
  reps: number;
  seed?: string;
  policy?: string;
  out?: string;
  workers?: number;
  shard?: string;
  shardCount?: number;
  quiet?: boolean;
}

/** A sweep ready to run: its plan, each point's scenario and each run's policy. */
export interface PreparedSweep {
  plan: SweepPlan;
  variants: ScenarioVariants;
  points: Scenario[];
  policies: Map<string, { name: string; file?: string }>;
}

/** Parses and validates everything (every point's scenario, every policy) before writing anything. */
export async function prepareSweep(file: string, o: SweepOptions): Promise<PreparedSweep> {
  const fixed: string[] = o.policy !== undefined ? [`policy.name=${JSON.stringify(o.policy)}`] : [];
  const params: SweepParam[] = [];
  for (const spec of o.set) {
    const s = parseSetSpec(spec);
    if (s.kind === 'fixed') fixed.push(s.assignment);
    else params.push(s.param);
  }
  const variants = new ScenarioVariants(file, fixed);
  const base = variants.base;
  const baseSeed = o.seed !== undefined ? parseSeed(o.seed) : base.seed;
  const draft = buildSweepPlan({ gridgov: VERSION, scenario: base.name, scenarioHash: scenarioHash(base), fixed, params, samples: o.samples, reps: o.reps, baseSeed });
  const plan: SweepPlan = { ...draft, sweepId: planHash(draft) };
  const points = plan.points.map((_, p) => variants.variant(pointAssignments(plan, p), '--set'));
  const policies = new Map<string, { name: string; file?: string }>();
  for (const s of points) {
    if (!policies.has(s.policy.name)) policies.set(s.policy.name, await policyOption(s.policy.name));
  }
  return { plan, variants, points, policies };
}

export function defaultSweepOut(plan: SweepPlan): string {
  return join('results', `${plan.scenario}-sweep-${plan.sweepId.slice(0, 8)}`);
}

/** The files of a finished sweep, from its records (read back from disk, whatever wrote them). */
export function writeSweepResults(outDir: string, plan: SweepPlan, records: readonly RunRecord[]): void {
  const paths = plan.parameters.map((p) => p.path);
  writeFileAtomic(join(outDir, 'sweep.csv'), sweepRunsCsv(paths, plan.points, records));
  writeFileAtomic(join(outDir, 'sweep-summary.csv'), pointSummaryCsv(paths, summarizePoints(plan.points, records)));
}

export async function sweepCommand(file: string, o: SweepOptions): Promise<void> {
  const started = performance.now();
  const prepared = await prepareSweep(file, o);
  const { plan, points, policies, variants } = prepared;
  const shard: Shard = resolveShard(o.shard, process.env, o.shardCount);
  const outDir = o.out ?? defaultSweepOut(plan);
  claimPlan(outDir, 'sweep.json', plan, 'sweepId');
  writeFileAtomic(join(outDir, 'scenario.json'), stableJson(variants.base));
  // One records file per shard (shards may share the folder); the whole sweep's is runs.jsonl.
  const store = new RunStore(outDir, plan.sweepId, shard.count > 1 ? `shard-${shard.index + 1}-of-${shard.count}.jsonl` : 'runs.jsonl');
  const done = store.loadAll();
  const mine = plannedRuns(plan).filter((r) => inShard(r.index, shard));
  const remaining = mine.filter((r) => !done.has(r.key));
  if (shard.count > 1) writeFileAtomic(join(outDir, 'shards', `${shard.index + 1}-of-${shard.count}.json`), stableJson({ sweepId: plan.sweepId, shard: shardLabel(shard), source: shard.source, runs: mine.length }));
  const tasks: PlannedTask[] = remaining.map((r) => {
    const choice = policies.get(points[r.point]!.policy.name)!;
    return { key: r.key, point: r.point, rep: r.rep, seed: r.seed, scenario: points[r.point]!, policyName: choice.name, policyFile: choice.file, scenarioFile: file };
  });
  const workers = o.workers ?? availableParallelism();
  const what = `${plan.points.length} points × ${plan.reps} reps = ${plan.runs} runs${shard.count > 1 ? `, shard ${shardLabel(shard)} (${shard.source}): ${mine.length} runs` : ''}`;
  if (!o.quiet) process.stderr.write(`gridgov sweep ${plan.sweepId.slice(0, 12)}: ${what}; ${mine.length - remaining.length} already done, ${remaining.length} to run on ${Math.min(workers, Math.max(1, remaining.length))} thread(s) → ${outDir}\n`);
  const result = await runPlanned(store, tasks, { workers, label: 'sweep', quiet: o.quiet, alreadyDone: mine.length - remaining.length, total: mine.length });
  store.close();
  const all = store.loadAll();
  const complete = plannedRuns(plan).every((r) => all.has(r.key));
  const records = [...all.values()];
  if (complete || shard.count === 1) writeSweepResults(outDir, plan, records);
  if (!o.quiet) {
    if (complete || shard.count === 1) printSweepTable(plan, records);
    const secs = ((performance.now() - started) / 1000).toFixed(1);
    if (complete) process.stdout.write(`\n${plan.runs} runs; this process ran ${result.ran} in ${secs} s\noutputs: ${outDir}/sweep.csv, sweep-summary.csv\n`);
    else if (shard.count > 1) process.stdout.write(`shard ${shardLabel(shard)}: ran ${result.ran} runs in ${secs} s; ${all.size} of ${plan.runs} runs in ${outDir}. Join the shards' folders with: gridgov merge DIR… --out DIR\n`);
    else process.stdout.write(`\n${all.size} of ${plan.runs} runs finished (${secs} s); run the same command again to retry the rest\noutputs: ${outDir}\n`);
  }
  reportBooks(result.summaries);
  for (const f of result.failures) fail(`run failed: ${f}`);
  emitResult({ sweepId: plan.sweepId, scenario: plan.scenario, parameters: plan.parameters.map((p) => p.path), design: plan.design, reps: plan.reps, seeds: plan.seeds, runs: plan.runs, finished: all.size, complete, outDir, points: summarizePoints(plan.points, records) });
  if (result.failures.length) process.exitCode = 1;
}

const SHOWN: [string, string, number][] = [
  ['resolutionHours.mean', 'resolution h', 1],
  ['resolutionHours.p90', 'p90 h', 1],
  ['slaMet', 'SLA met', 3],
  ['costStaffHours', 'staff-hours', 0],
];
const MAX_ROWS = 40;

function printSweepTable(plan: SweepPlan, records: readonly RunRecord[]): void {
  const rows = summarizePoints(plan.points, records);
  const head = ['point', ...plan.parameters.map((p) => p.path), 'runs', ...SHOWN.map(([, l]) => `${l} [95% CI]`)];
  const body = rows.slice(0, MAX_ROWS).map((r) => [String(r.point), ...r.values.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))), String(r.runs), ...SHOWN.map(([m, , d]) => interval(r.metrics[m]!, d))]);
  process.stdout.write(`${plan.scenario}: sweep of ${plan.parameters.map((p) => p.path).join(' × ')} (${plan.design}), ${plan.reps} reps per point on seeds ${plan.seeds[0]}..${plan.seeds[plan.seeds.length - 1]} (common random numbers)\n\n`);
  process.stdout.write(`${renderTable(head, body)}\n`);
  if (rows.length > MAX_ROWS) process.stdout.write(`… ${rows.length - MAX_ROWS} more points in sweep-summary.csv\n`);
}

