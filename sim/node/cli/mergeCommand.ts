import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { plannedRuns, type SweepPlan } from '../../experiment/sweepPlan.ts';
import type { RunRecord } from '../../experiment/sweepTables.ts';
import { InputError } from '../../scenario/errors.ts';
import { claimPlan, RunStore } from './runStore.ts';
import { writeFileAtomic } from '../io/atomicWrite.ts';
import { writeSweepResults } from './sweepCommand.ts';

export interface MergeOptions {
  out: string;
  allowMissing?: boolean;
  quiet?: boolean;
}

function readPlan(dir: string): SweepPlan {
  const file = join(dir, 'sweep.json');
  if (!existsSync(file)) throw new InputError(dir, [{ path: 'sweep.json', expected: 'a sweep folder (one written by gridgov sweep, with sweep.json and runs/)', found: 'no sweep.json' }]);
  let plan: SweepPlan;
  try {
    plan = JSON.parse(readFileSync(file, 'utf8')) as SweepPlan;
  } catch {
    throw new InputError(file, [{ path: '', expected: 'valid JSON' }]);
  }
  if (plan.kind !== 'sweep' || typeof plan.sweepId !== 'string') throw new InputError(file, [{ path: 'kind', expected: 'a sweep plan', found: plan.kind }]);
  return plan;
}

const PLAN_FIELDS = ['gridgov', 'scenario', 'scenarioHash', 'fixed', 'design', 'samples', 'parameters', 'reps', 'baseSeed'] as const;

/** What makes two plans different, in words. */
function planDifference(a: SweepPlan, b: SweepPlan): string {
  const diff = PLAN_FIELDS.filter((f) => JSON.stringify(a[f]) !== JSON.stringify(b[f]));
  return diff.length ? diff.map((f) => `${f} ${JSON.stringify(b[f])} vs ${JSON.stringify(a[f])}`).join('; ') : 'the points differ';
}

/** Which shards (from the shards/ notes the folders hold) a run index belongs to. */
function shardCounts(dirs: readonly string[]): number[] {
  const counts = new Set<number>();
  for (const d of dirs) {
    const s = join(d, 'shards');
    if (!existsSync(s)) continue;
    for (const name of readdirSync(s)) {
      const m = /^\d+-of-(\d+)\.json$/.exec(name);
      if (m) counts.add(Number(m[1]));
    }
  }
  return [...counts].sort((x, y) => x - y);
}

/**
 * `gridgov merge DIR… --out DIR`: joins the folders of a sweep's shards (or of any runs of the same
 * sweep) into the files one machine would have written: sweep.json, scenario.json, runs/,
 * sweep.csv and sweep-summary.csv, byte for byte. Refuses folders of different sweeps, and
 * reports runs that no folder has.
 */
export async function mergeCommand(dirs: string[], o: MergeOptions): Promise<void> {
  const plans = dirs.map(readPlan);
  const plan = plans[0]!;
  plans.forEach((p, i) => {
    if (p.sweepId !== plan.sweepId) {
      throw new InputError(dirs[i]!, [{ path: 'sweep.json', expected: `a shard of the same sweep as ${dirs[0]} (id ${plan.sweepId.slice(0, 12)})`, found: `sweep ${p.sweepId.slice(0, 12)}: ${planDifference(plan, p)}` }]);
    }
  });
  const found = new Map<string, { dir: string; record: RunRecord; bytes: string }>();
  const conflicts: string[] = [];
  for (const dir of dirs) {
    const store = new RunStore(dir, plan.sweepId);
    for (const [key, record] of store.loadAll()) {
      const bytes = store.bytes(key);
      const had = found.get(key);
      if (!had) found.set(key, { dir, record, bytes });
      else if (had.bytes !== bytes && resolve(had.dir) !== resolve(dir)) conflicts.push(`${key} (${had.dir} vs ${dir})`);
    }
  }
  const planned = plannedRuns(plan);
  const missing = planned.filter((r) => !found.has(r.key));
  if (missing.length) {
    const counts = shardCounts(dirs);
    const where = (i: number) => (counts.length ? ` (shard ${counts.map((n) => `${(i % n) + 1}/${n}`).join(' or ')})` : '');
    const list = missing.slice(0, 20).map((r) => `${r.key}${where(r.index)}`).join(', ');
    process.stderr.write(`gridgov: merge: ${missing.length} of ${plan.runs} runs of sweep ${plan.sweepId.slice(0, 12)} are in none of the folders: ${list}${missing.length > 20 ? ', …' : ''}\n`);
    process.stderr.write(`gridgov: rerun the shards that lack them (the same command resumes), then merge again${o.allowMissing ? '' : '; or pass --allow-missing to write the partial results'}\n`);
    process.exitCode = 1;
    if (!o.allowMissing) return;
  }
  for (const c of conflicts) process.stderr.write(`gridgov: warning: run ${c} differs between folders; kept the first\n`);
  claimPlan(o.out, 'sweep.json', plan, 'sweepId');
  const scenarioFile = dirs.map((d) => join(d, 'scenario.json')).find(existsSync);
  if (scenarioFile) writeFileAtomic(join(o.out, 'scenario.json'), readFileSync(scenarioFile, 'utf8'));
  // The merged folder's records: one file in plan order (records another folder of the same
  // plan already has in --out, e.g. shards that shared it, are kept where they are).
  const outStore = new RunStore(o.out, plan.sweepId, 'merged.jsonl');
  outStore.loadAll();
  const records: RunRecord[] = [];
  for (const r of planned) {
    const f = found.get(r.key);
    if (!f) continue;
    outStore.adopt(r.key, f.bytes);
    records.push(f.record);
  }
  outStore.close();
  writeSweepResults(o.out, plan, records);
  if (!o.quiet) process.stdout.write(`merged ${records.length} of ${plan.runs} runs of sweep ${plan.sweepId.slice(0, 12)} from ${dirs.length} folder(s)\noutputs: ${o.out}/sweep.csv, sweep-summary.csv\n`);
}
