import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { EXPERIMENT_METRICS, metricValue } from '../../experiment/metrics.ts';
import { tornadoChart } from '../../experiment/sensitivityChart.ts';
import { morrisDefaults, morrisTrajectories, oneAtATime, pointAssignments, type DesignPoint } from '../../experiment/sensitivityDesign.ts';
import { morrisIndices, nextReps, oatEffects, type OatResult } from '../../experiment/sensitivityEffects.ts';
import { declaredFactors, parseVary, type Factor } from '../../experiment/sensitivityFactors.ts';
import { stagePlan, type SensitivityPlan } from '../../experiment/sensitivityPlan.ts';
import { factorOut, headlineLabel, morrisTable, oatTable, sensitivityCsv, sensitivityWords, type SensitivityResult } from '../../experiment/sensitivityReport.ts';
import { inShard, resolveShard, shardLabel, type Shard } from '../../experiment/shard.ts';
import { plannedRuns, type SweepPlan } from '../../experiment/sweepPlan.ts';
import type { RunRecord } from '../../experiment/sweepTables.ts';
import { InputError } from '../../scenario/errors.ts';
import type { Scenario } from '../../scenario/schema.ts';
import { stableJson } from './files.ts';
import { parseSeed } from './main.ts';
import { reportBooks, type PlannedTask } from './planRunner.ts';
import { policyOption } from './policyFile.ts';
import { planHash } from './runStore.ts';
import { writeFileAtomic } from '../io/atomicWrite.ts';
import { scenarioHash } from './runOutputs.ts';
import { ScenarioVariants } from './scenarioVariants.ts';
import { SensitivityStage } from './sensitivityStore.ts';
import { renderTable } from './table.ts';
import { VERSION } from './version.ts';

export interface SensitivityOptions {
  policies?: string;
  policy?: string;
  metric: string;
  vary: string[];
  set: string[];
  method: string;
  reps: number;
  maxReps: number;
  precision: number;
  trajectories: number;
  morrisReps: number;
  seed?: string;
  out?: string;
  workers?: number;
  shard?: string;
  shardCount?: number;
  quiet?: boolean;
}

const METHODS = ['oat', 'morris'];

/** Everything checked and every point's scenario resolved, before anything is written. */
async function prepare(file: string, o: SensitivityOptions) {
  for (const s of o.set) if (s.indexOf('=') <= 0) throw new InputError('--set', [{ path: '', expected: 'path=value', found: s }]);
  const variants = new ScenarioVariants(file, o.set);
  const base = variants.base;
  const arms = (o.policies ?? o.policy ?? base.policy.name).split(',').map((s) => s.trim()).filter(Boolean);
  if (arms.length < 1 || arms.length > 2 || new Set(arms).size !== arms.length) throw new InputError('--policies', [{ path: 'policies', expected: 'one policy, or two different ones to compare (a,b)', found: o.policies }]);
  if (!EXPERIMENT_METRICS.includes(o.metric)) throw new InputError('--metric', [{ path: 'metric', expected: `an experiment metric (${EXPERIMENT_METRICS.slice(0, 6).join(', ')}, …; see docs/experiments.md)`, found: o.metric }]);
  const methods = o.method.split(',').map((s) => s.trim());
  for (const m of methods) if (!METHODS.includes(m)) throw new InputError('--method', [{ path: 'method', expected: 'oat, morris or oat,morris', found: m }]);
  if (o.maxReps < o.reps) throw new InputError('--max-reps', [{ path: 'max-reps', expected: `at least --reps (${o.reps})`, found: o.maxReps }]);
  if (!(o.precision > 0)) throw new InputError('--precision', [{ path: 'precision', expected: 'a positive fraction (0.05: ±5% of the largest effect)', found: o.precision }]);
  const factors: Factor[] = o.vary.length ? o.vary.map((v) => parseVary(base, v)) : declaredFactors(base, file);
  if (factors.length === 0) throw new InputError(o.vary.length ? '--vary' : file, [{ path: 'parameters', expected: 'assumed parameters with ranges in the scenario’s "parameters" block, or --vary path=low..high', found: 'none' }]);
  const paths = new Set<string>();
  for (const f of factors) {
    if (paths.has(f.path)) throw new InputError('--vary', [{ path: f.path, expected: 'each field varied once', found: f.path }]);
    paths.add(f.path);
  }
  const choices = new Map<string, { name: string; file?: string }>();
  for (const a of arms) choices.set(a, await policyOption(a));
  const baseSeed = o.seed !== undefined ? parseSeed(o.seed) : base.seed;
  const plan: SensitivityPlan = {
    kind: 'sensitivity',
    gridgov: VERSION,
    scenario: base.name,
    scenarioHash: scenarioHash(base),
    fixed: [...o.set],
    metric: o.metric,
    arms,
    factors: factors.map((f) => ({ path: f.path, kind: f.kind, low: f.low, base: f.base, high: f.high })),
    methods: METHODS.filter((m) => methods.includes(m)),
    minReps: o.reps,
    maxReps: o.maxReps,
    precision: o.precision,
    trajectories: o.trajectories,
    morrisReps: o.morrisReps,
    baseSeed,
  };
  const id = planHash(plan);
  const oat = plan.methods.includes('oat') ? oneAtATime(factors) : [];
  const morris = plan.methods.includes('morris') ? morrisTrajectories(factors, morrisDefaults(o.trajectories), baseSeed) : [];
  // Resolve every point's scenario now: a range that leaves the field's domain is exit 2 here.
  const scenarios = new Map<string, Scenario>();
  const scenarioOf = (p: DesignPoint, arm: string): Scenario => {
    const sets = [`policy.name=${JSON.stringify(arm)}`, ...pointAssignments(factors, p)];
    const key = sets.join('\n');
    let s = scenarios.get(key);
    if (!s) scenarios.set(key, (s = variants.variant(sets, '--vary')));
    return s;
  };
  for (const p of [...oat, ...morris]) for (const a of arms) scenarioOf(p, a);
  return { plan, id, base, factors, oat, morris, arms, choices, scenarioOf };
}

type Prepared = Awaited<ReturnType<typeof prepare>>;

interface StageOutcome {
  complete: boolean;
  ran: number;
  records: RunRecord[];
  failures: string[];
}

/** Runs this process's share of one stage (a sweep folder) and reads back what the folder holds. */
async function runStage(prep: Prepared, outDir: string, name: string, design: readonly DesignPoint[], firstRep: number, reps: number, file: string, shard: Shard, o: SensitivityOptions): Promise<StageOutcome> {
  const draft = stagePlan(prep.plan, prep.id, name, prep.factors, design, firstRep, reps);
  const plan: SweepPlan = { ...draft, sweepId: planHash(draft) };
  const stage = new SensitivityStage(outDir, name, plan);
  stage.claim(prep.base);
  const done = stage.records();
  const mine = plannedRuns(plan).filter((r) => inShard(r.index, shard));
  const remaining = mine.filter((r) => !done.has(r.key));
  const armCount = prep.arms.length;
  const tasks: PlannedTask[] = remaining.map((r) => {
    const arm = prep.arms[r.point % armCount]!;
    const choice = prep.choices.get(arm)!;
    return { key: r.key, point: r.point, rep: r.rep, seed: r.seed, scenario: prep.scenarioOf(design[Math.floor(r.point / armCount)]!, arm), policyName: choice.name, policyFile: choice.file, scenarioFile: file };
  });
  const workers = o.workers ?? availableParallelism();
  if (!o.quiet) process.stderr.write(`gridgov sensitivity ${name}: ${design.length} points × ${armCount} ${armCount > 1 ? 'policies' : 'policy'} × ${reps} reps = ${plan.runs} runs${shard.count > 1 ? `, shard ${shardLabel(shard)}: ${mine.length}` : ''}; ${mine.length - remaining.length} already done\n`);
  const result = tasks.length ? await stage.run(tasks, { workers, label: name, quiet: o.quiet, alreadyDone: mine.length - remaining.length, total: mine.length }) : { ran: 0, failures: [], summaries: [] };
  reportBooks(result.summaries);
  const all = stage.records();
  const complete = plannedRuns(plan).every((r) => all.has(r.key));
  const records = [...all.values()];
  if (complete) stage.finish(records);
  return { complete, ran: result.ran, records, failures: result.failures };
}

/** y(design point, replication of the analysis): the metric of the first arm, minus the second's. */
function outcome(records: readonly { rec: RunRecord; firstRep: number }[], armCount: number, metric: string) {
  const values = new Map<string, number[]>();
  for (const { rec, firstRep } of records) {
    const key = `${Math.floor(rec.point / armCount)}/${firstRep + rec.rep}`;
    let v = values.get(key);
    if (!v) values.set(key, (v = []));
    v[rec.point % armCount] = metricValue(rec.summary, metric);
  }
  return (point: number, rep: number) => {
    const v = values.get(`${point}/${rep}`);
    if (!v) throw new Error(`sensitivity: no run for point ${point}, replication ${rep}`);
    return armCount > 1 ? v[0]! - v[1]! : v[0]!;
  };
}

export function defaultSensitivityOut(scenario: string, id: string): string {
  return join('results', `${scenario}-sensitivity-${id.slice(0, 8)}`);
}

export async function sensitivityCommand(file: string, o: SensitivityOptions): Promise<void> {
  const started = performance.now();
  const prep = await prepare(file, o);
  const { plan, id, factors, arms } = prep;
  const shard = resolveShard(o.shard, process.env, o.shardCount);
  const outDir = o.out ?? defaultSensitivityOut(plan.scenario, id);
  const failures: string[] = [];
  let ran = 0;
  let waiting = '';

  // One-at-a-time: rounds of replications on continuing seeds, until the effects are narrow.
  let oat: (OatResult & { rounds: number[] }) | null = null;
  let oatRuns = 0;
  if (prep.oat.length) {
    const recs: { rec: RunRecord; firstRep: number }[] = [];
    const rounds: number[] = [];
    let reps = plan.minReps;
    let have = 0;
    for (let round = 1; ; round++) {
      const s = await runStage(prep, outDir, `oat-${round}`, prep.oat, have, reps - have, file, shard, o);
      ran += s.ran;
      failures.push(...s.failures);
      if (!s.complete) {
        waiting = `oat-${round}`;
        break;
      }
      recs.push(...s.records.map((rec) => ({ rec, firstRep: have })));
      oatRuns += s.records.length;
      rounds.push(reps);
      have = reps;
      const r = oatEffects(factors, prep.oat, outcome(recs, arms.length, plan.metric), reps, plan.precision);
      const next = nextReps(r, plan.maxReps);
      if (next === reps) {
        oat = { ...r, rounds };
        break;
      }
      reps = next;
    }
  }
  // Morris: r trajectories over the whole box, each point on the same morrisReps seeds.
  let morris: SensitivityResult['morris'] = null;
  if (prep.morris.length) {
    const s = await runStage(prep, outDir, 'morris', prep.morris, 0, plan.morrisReps, file, shard, o);
    ran += s.ran;
    failures.push(...s.failures);
    if (s.complete) {
      const y = outcome(s.records.map((rec) => ({ rec, firstRep: 0 })), arms.length, plan.metric);
      morris = { ...morrisIndices(factors, prep.morris, 0, y, plan.morrisReps, morrisDefaults(plan.trajectories), plan.baseSeed), runs: s.records.length };
    } else waiting ||= 'morris';
  }
  for (const f of failures) process.stderr.write(`gridgov: run failed: ${f}\n`);
  if (failures.length) process.exitCode = 1;
  const secs = ((performance.now() - started) / 1000).toFixed(1);
  if (waiting || (prep.oat.length && !oat) || (prep.morris.length && !morris)) {
    if (!o.quiet) {
      const how = shard.count > 1 ? `shard ${shardLabel(shard)} has made its runs of ${waiting}; the stage still lacks other shards' runs: rerun the shards (the same command resumes), or merge the stage folders (gridgov merge DIR…/${waiting} --out OUT/${waiting}) and run this command with --out OUT` : 'run the same command again to retry the rest';
      process.stdout.write(`\nsensitivity not finished (${secs} s, ${ran} runs made here): ${how}\noutputs so far: ${outDir}\n`);
    }
    return;
  }
  const result: SensitivityResult = {
    kind: 'sensitivity',
    gridgov: VERSION,
    scenario: plan.scenario,
    metric: plan.metric,
    arms,
    headline: headlineLabel(plan.metric, arms),
    factors: factors.map(factorOut),
    oat: oat ? { ...oat, runs: oatRuns, maxReps: plan.maxReps, precision: plan.precision } : null,
    morris,
    runs: oatRuns + (morris?.runs ?? 0),
    baseSeed: plan.baseSeed,
  };
  writeResults(outDir, result, factors);
  if (!o.quiet) {
    printResult(result);
    process.stdout.write(`\n${result.runs} runs (this process ran ${ran}) in ${secs} s\noutputs: ${outDir}/sensitivity.csv, sensitivity.json, sensitivity.svg\n`);
  }
}

export function writeResults(outDir: string, r: SensitivityResult, factors: readonly Factor[]): void {
  writeFileAtomic(join(outDir, 'sensitivity.json'), stableJson(r));
  writeFileAtomic(join(outDir, 'sensitivity.csv'), sensitivityCsv(r));
  writeFileAtomic(join(outDir, 'sensitivity.svg'), tornadoChart(r, factors));
}

function printResult(r: SensitivityResult): void {
  const out = process.stdout;
  if (r.oat) {
    const h = r.oat.headline;
    out.write(`${r.scenario}: sensitivity of ${r.headline}; at base ${h.mean.toFixed(2)} [${h.ciLow.toFixed(2)}, ${h.ciHigh.toFixed(2)}]\n`);
    out.write(`\nOne at a time (each parameter at its low and high end, the others at base; ${r.oat.reps} replications on common seeds, rounds ${r.oat.rounds.join(' → ')}; widest half-width ${r.oat.maxHalfWidth.toFixed(3)} against the target ${r.oat.target.toFixed(3)} = ${r.oat.precision * 100}% of the largest effect${r.oat.maxHalfWidth > r.oat.target ? `, not reached by the cap of ${r.oat.maxReps}` : ''}), sorted by swing:\n\n`);
    const t = oatTable(r);
    out.write(`${renderTable(t.head, t.body)}\n`);
  }
  if (r.morris) {
    const m = r.morris;
    out.write(`\nMorris elementary effects (${m.design.trajectories} trajectories × ${r.factors.length + 1} points, ${m.design.levels} levels, Δ = ${m.design.delta.toFixed(3)}, ${m.reps} replication${m.reps > 1 ? 's' : ''} per point; effects per full range), sorted by μ*:\n\n`);
    const t = morrisTable(r);
    out.write(`${renderTable(t.head, t.body)}\n`);
  }
  if (r.oat) out.write(`\n${sensitivityWords(r, 2).replace(/\*\*/g, '')}\n`);
}
