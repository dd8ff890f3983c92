import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { IntervalOut } from '../../experiment/compare.ts';
import { repSeed } from '../../experiment/compare.ts';
import { costPerDay, parseCostRates, type CostRates } from '../../experiment/sizeCost.ts';
import { paretoFlags } from '../../experiment/sizeFrontier.ts';
import { searchLeastCost, type Evaluation } from '../../experiment/sizeSearch.ts';
import { candidateKey, candidateValues, parseVary, type VaryField } from '../../experiment/sizeSpace.ts';
import { evaluateTargets, lowerIsBetter, parseTarget, type Target, type TargetStatus } from '../../experiment/sizeTargets.ts';
import { metricValue } from '../../experiment/metrics.ts';
import { parseSetSpec } from '../../experiment/sweepParams.ts';
import { pointSummaryCsv, summarizePoints, type PointSummary, type RunRecord } from '../../experiment/sweepTables.ts';
import type { Summary } from '../../run/summary.ts';
import { InputError } from '../../scenario/errors.ts';
import type { Scenario } from '../../scenario/schema.ts';
import { buildTerritory } from '../../territory/build.ts';
import { stableJson } from './files.ts';
import { parseSeed } from './main.ts';
import { reportBooks, runPlanned, type PlannedTask } from './planRunner.ts';
import { emitResult, fail } from './output.ts';
import { policyOption } from './policyFile.ts';
import { claimPlan, planHash, RunStore } from './runStore.ts';
import { writeFileAtomic } from '../io/atomicWrite.ts';
import { scenarioHash } from './runOutputs.ts';
import { ScenarioVariants } from './scenarioVariants.ts';
import { printSizing } from './sizeReport.ts';
import { ReplicationPool } from './workerPool.ts';
import { VERSION } from './version.ts';

export interface SizeOptions {
  target: string[];
  vary: string[];
  cost?: string;
  minimize?: string;
  set: string[];
  reps: number;
  seed?: string;
  policy?: string;
  level: number;
  exhaustive?: boolean;
  out?: string;
  workers?: number;
  quiet?: boolean;
}

/** One evaluated candidate, as size.json and size-candidates.csv report it. */
export interface Candidate {
  order: number;
  key: string;
  values: number[];
  households: number;
  summary: PointSummary;
  feasible: boolean;
  targets: TargetStatus[];
  pareto: boolean;
  chosen: boolean;
}

export interface SizingResult {
  sizeId: string;
  scenario: string;
  objective: 'cost' | 'costPerHousehold';
  costRates: CostRates;
  level: number;
  reps: number;
  seeds: (string | number)[];
  targets: string[];
  mainMetric: string;
  vary: { path: string; values: number[]; leastServiceFirst: number[] }[];
  search: { mode: string; boxSize: number; evaluated: number; runs: number };
  chosen: null | { values: Record<string, number>; cost: IntervalOut; costPerHousehold: IntervalOut; binding: string; cheaperNeighbours: { values: Record<string, number>; fails: string[] }[]; metrics: Record<string, IntervalOut> };
  candidates: Candidate[];
}

function parseOptions(o: SizeOptions) {
  if (o.target.length === 0) throw new InputError('--target', [{ path: '', expected: 'at least one target, e.g. --target "resolutionHours.p90<=168"' }]);
  if (o.vary.length === 0) throw new InputError('--vary', [{ path: '', expected: 'at least one field to vary, e.g. --vary staff.gridWorker.count=1..3' }]);
  if (o.reps < 2) throw new InputError('--reps', [{ path: 'reps', expected: 'at least 2 replications (a confidence interval needs two)', found: o.reps }]);
  if (!(o.level > 0 && o.level < 1)) throw new InputError('--level', [{ path: 'level', expected: 'a confidence level between 0 and 1, e.g. 0.95', found: o.level }]);
  const targets = o.target.map(parseTarget);
  const fields = o.vary.map(parseVary);
  const paths = new Set<string>();
  for (const f of fields) {
    if (paths.has(f.path)) throw new InputError('--vary', [{ path: f.path, expected: 'each field varied once', found: f.path }]);
    paths.add(f.path);
  }
  const fixed: string[] = o.policy !== undefined ? [`policy.name=${JSON.stringify(o.policy)}`] : [];
  for (const spec of o.set) {
    const s = parseSetSpec(spec);
    if (s.kind !== 'fixed') throw new InputError('--set', [{ path: s.param.path, expected: 'one value (size varies only the --vary fields; use gridgov sweep for grids of values)', found: spec }]);
    fixed.push(s.assignment);
  }
  const minimize = o.minimize ?? (fields.some((f) => f.kind === 'householdsPerGrid') ? 'costPerHousehold' : 'cost');
  if (minimize !== 'cost' && minimize !== 'costPerHousehold') throw new InputError('--minimize', [{ path: '', expected: 'cost or costPerHousehold', found: minimize }]);
  return { targets, fields, fixed, rates: parseCostRates(o.cost), objective: minimize as 'cost' | 'costPerHousehold' };
}

const assignmentsOf = (fields: readonly VaryField[], values: readonly number[]) => fields.map((f, j) => `${f.path}=${JSON.stringify(values[j])}`);

export async function sizeCommand(file: string, o: SizeOptions): Promise<void> {
  const started = performance.now();
  const { targets, fields, fixed, rates, objective } = parseOptions(o);
  const variants = new ScenarioVariants(file, fixed);
  const base = variants.base;
  const baseSeed = o.seed !== undefined ? parseSeed(o.seed) : base.seed;
  // Every value of every field, the others at their first value: a bad field or value fails here, before any file.
  for (const [j, f] of fields.entries()) {
    for (const v of f.values) variants.variant(assignmentsOf(fields, fields.map((g, i) => (i === j ? v : g.values[0]!))), '--vary');
  }
  const choice = await policyOption(base.policy.name);
  const draft = { kind: 'size', gridgov: VERSION, scenario: base.name, scenarioHash: scenarioHash(base), fixed, vary: fields.map((f) => ({ path: f.path, values: f.values })), reps: o.reps, baseSeed };
  const plan = { ...draft, sizeId: planHash(draft) };
  const outDir = o.out ?? join('results', `${base.name}-size-${plan.sizeId.slice(0, 8)}`);
  claimPlan(outDir, 'size-plan.json', plan, 'sizeId');
  writeFileAtomic(join(outDir, 'scenario.json'), stableJson(base));
  const store = new RunStore(outDir, plan.sizeId);
  const records = store.loadAll();
  const seeds = Array.from({ length: o.reps }, (_, r) => repSeed(baseSeed, r));
  const workers = o.workers ?? availableParallelism();
  const pool = new ReplicationPool(Math.min(workers, o.exhaustive ? Infinity : o.reps));
  const byKey = new Map<string, Candidate>();
  const summaries: Summary[] = [];
  let runsMade = 0;

  const evaluate = async (batch: number[][]): Promise<Evaluation[]> => {
    const cands = batch.map((levels) => {
      const values = candidateValues(fields, levels);
      const scenario = variants.variant(assignmentsOf(fields, values), '--vary');
      return { levels, values, key: candidateKey(fields, levels), scenario };
    });
    const tasks: PlannedTask[] = [];
    for (const c of cands) {
      for (let rep = 0; rep < o.reps; rep++) {
        const key = `${c.key}-r${rep}`;
        if (!records.has(key)) tasks.push({ key, point: 0, rep, seed: seeds[rep]!, scenario: c.scenario, policyName: choice.name, policyFile: choice.file, scenarioFile: file });
      }
    }
    const label = cands.length === 1 ? `size ${describe(fields, cands[0]!.values)}` : `size (${cands.length} candidates)`;
    const result = await runPlanned(store, tasks, { workers, label, quiet: o.quiet, pool, every: Math.max(1, tasks.length) });
    summaries.push(...result.summaries);
    runsMade += result.ran;
    if (result.failures.length) throw new RunsFailed(result.failures);
    for (const t of tasks) records.set(t.key, store.load(t.key)!);
    return cands.map((c) => {
      const cand = summarizeCandidate(c, fields, targets, rates, o, records, byKey.size);
      byKey.set(cand.key, cand);
      return { feasible: cand.feasible, cost: cand.summary.metrics[objective]!.mean };
    });
  };

  let search: Awaited<ReturnType<typeof searchLeastCost>>;
  try {
    search = await searchLeastCost(fields.map((f) => f.values.length), evaluate, o.exhaustive ? 'exhaustive' : 'monotone');
  } catch (err) {
    if (!(err instanceof RunsFailed)) throw err;
    // The search cannot go on without those candidates; the finished runs stay for a rerun.
    reportBooks(summaries);
    for (const f of err.failures) process.stderr.write(`gridgov: run failed: ${f}\n`);
    process.stderr.write(`gridgov: size: stopped after ${err.failures.length} failed run(s); the runs that finished are kept in ${outDir}, so the same command resumes\n`);
    process.exitCode = 1;
    return;
  } finally {
    await pool.close();
  }
  const candidates = search.evaluated.map((e) => byKey.get(candidateKey(fields, e.levels))!);
  const main = targets[0]!;
  const flags = paretoFlags(candidates.map((c) => ({ cost: c.summary.metrics[objective]!.mean, metric: c.summary.metrics[main.metric]!.mean })), lowerIsBetter(main));
  candidates.forEach((c, i) => (c.pareto = flags[i]!));
  const chosen = search.chosen ? byKey.get(candidateKey(fields, search.chosen))! : null;
  if (chosen) chosen.chosen = true;
  const result: SizingResult = {
    sizeId: plan.sizeId,
    scenario: base.name,
    objective,
    costRates: rates,
    level: o.level,
    reps: o.reps,
    seeds,
    targets: targets.map((t) => t.text),
    mainMetric: main.metric,
    vary: fields.map((f) => ({ path: f.path, values: f.values, leastServiceFirst: f.order.map((i) => f.values[i]!) })),
    search: { mode: search.mode, boxSize: fields.reduce((n, f) => n * f.values.length, 1), evaluated: candidates.length, runs: candidates.length * o.reps },
    chosen: chosen ? describeChosen(chosen, candidates, fields) : null,
    candidates,
  };
  writeFileAtomic(join(outDir, 'size.json'), stableJson(result));
  writeFileAtomic(join(outDir, 'size-candidates.csv'), candidatesCsv(fields, candidates));
  if (!o.quiet) printSizing(result, fields, outDir, runsMade, (performance.now() - started) / 1000);
  reportBooks(summaries);
  emitResult(result);
  if (!chosen) {
    fail(`size: no candidate in the box meets every target at ${o.level} confidence; widen the --vary ranges or relax a target`);
    process.exitCode = 1;
  }
}

class RunsFailed extends Error {
  constructor(readonly failures: string[]) {
    super(`${failures.length} run(s) failed`);
  }
}

const describe = (fields: readonly VaryField[], values: readonly number[]) => fields.map((f, j) => `${f.path}=${values[j]}`).join(' ');

function summarizeCandidate(c: { levels: number[]; values: number[]; key: string; scenario: Scenario }, fields: readonly VaryField[], targets: readonly Target[], rates: CostRates, o: SizeOptions, records: Map<string, RunRecord>, order: number): Candidate {
  const households = buildTerritory(c.scenario.territory).grids.reduce((n, g) => n + g.households, 0);
  const runs = Array.from({ length: o.reps }, (_, rep) => ({ ...records.get(`${c.key}-r${rep}`)!, point: 0 }));
  const [summary] = summarizePoints([c.values], runs, o.level, {
    cost: (s) => costPerDay(s, rates),
    costPerHousehold: (s) => costPerDay(s, rates) / households,
  });
  const valuesOf = (metric: string) => runs.map((r) => (metric === 'cost' ? costPerDay(r.summary, rates) : metric === 'costPerHousehold' ? costPerDay(r.summary, rates) / households : metricValue(r.summary, metric)));
  const status = evaluateTargets(targets, valuesOf, (m) => summary!.metrics[m]!, o.level);
  return { order, key: c.key, values: c.values, households, summary: { ...summary!, point: order }, feasible: status.every((s) => s.met), targets: status, pareto: false, chosen: false };
}

function describeChosen(chosen: Candidate, all: readonly Candidate[], fields: readonly VaryField[]): NonNullable<SizingResult['chosen']> {
  const named = (values: readonly number[]) => Object.fromEntries(fields.map((f, j) => [f.path, values[j]!]));
  const binding = [...chosen.targets].sort((a, b) => a.slack - b.slack)[0]!.target;
  // The evaluated candidates one step less in one field: what they fail shows what binds.
  const cheaperNeighbours = [];
  for (const [j, f] of fields.entries()) {
    const pos = f.order.indexOf(f.values.indexOf(chosen.values[j]!));
    if (pos <= 0) continue;
    const values = chosen.values.map((v, i) => (i === j ? f.values[f.order[pos - 1]!]! : v));
    const n = all.find((c) => c.values.every((v, i) => v === values[i]));
    if (n) cheaperNeighbours.push({ values: named(values), fails: n.targets.filter((t) => !t.met).map((t) => t.target) });
  }
  const { cost, costPerHousehold, ...metrics } = chosen.summary.metrics;
  return { values: named(chosen.values), cost: cost!, costPerHousehold: costPerHousehold!, binding, cheaperNeighbours, metrics };
}

function candidatesCsv(fields: readonly VaryField[], candidates: readonly Candidate[]): string {
  const rows = candidates.map((c) => c.summary);
  const byOrder = new Map(candidates.map((c) => [c.order, c]));
  return pointSummaryCsv(
    fields.map((f) => f.path),
    rows,
    {
      // each target's Holm-adjusted p-value and whether it is met (Holm over the candidate's targets)
      ...Object.fromEntries(
        (candidates[0]?.targets ?? []).flatMap((t, k) => [
          [`${t.target}.pHolm`, (r: PointSummary) => byOrder.get(r.point)!.targets[k]!.pHolm],
          [`${t.target}.met`, (r: PointSummary) => (byOrder.get(r.point)!.targets[k]!.met ? 1 : 0)],
        ]),
      ),
      adjustment: () => 'holm',
      feasible: (r) => (byOrder.get(r.point)!.feasible ? 1 : 0),
      pareto: (r) => (byOrder.get(r.point)!.pareto ? 1 : 0),
      chosen: (r) => (byOrder.get(r.point)!.chosen ? 1 : 0),
    },
  );
}
