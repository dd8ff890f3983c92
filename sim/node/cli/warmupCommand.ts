import { availableParallelism } from 'node:os';
import { repSeed } from '../../experiment/compare.ts';
import { mser } from '../../stats/mser.ts';
import { loadScenarioFile } from './files.ts';
import { parseSeed } from './main.ts';
import { policyOption } from './policyFile.ts';
import { Progress } from './progress.ts';
import type { ReplicationTask } from './replicationTask.ts';
import { renderTable } from './table.ts';
import { runReplications } from './workerPool.ts';

export interface WarmupOptions {
  policy?: string;
  reps: number;
  seed?: string;
  set: string[];
  variant?: string;
  workers?: number;
  /** Steps per batch (default: one day of steps; 5 is the textbook MSER-5). */
  batch?: number;
  quiet?: boolean;
}

/** One tier's backlog (or all tiers') over the pilot: the mean across replications at each step, and MSER-5's cut. */
export interface WarmupRow {
  tier: string;
  cutHours: number;
  atLimit: boolean;
}

/**
 * `gridgov warmup SCENARIO`: a pilot of `reps` replications from an empty system (warmupDays
 * 0, the scenario's horizon), the backlog per tier and in all averaged across replications at
 * each time step (averaging first is Welch's advice: it damps the noise the rule would read as
 * transient), and MSER on each (sim/stats/mser.ts) with batches of one day instead of 5 steps, so
 * that the daily cycle of demand and shifts is not taken for a transient (`--batch 5` gives the
 * textbook MSER-5). Suggests warmupDays: the latest cut of any
 * tier, rounded up to whole days. Prints the table; returns the suggestion.
 */
export async function warmupCommand(file: string, o: WarmupOptions): Promise<number> {
  const scenario = loadScenarioFile(file, [...o.set, 'warmupDays=0'], o.variant);
  const choice = await policyOption(o.policy ?? scenario.policy.name);
  const base = o.seed !== undefined ? parseSeed(o.seed) : scenario.seed;
  const tasks: ReplicationTask[] = Array.from({ length: o.reps }, (_, rep) => ({ index: rep, scenario, policyName: choice.name, policyFile: choice.file, seed: repSeed(base, rep), rep, timeseries: true }));
  const workers = Math.max(1, Math.min(o.workers ?? availableParallelism(), tasks.length));
  const progress = new Progress(tasks.length, 'pilot runs', o.quiet);
  const results = await runReplications(tasks, workers, (r, t) => progress.tick(`rep ${t.rep}${r.ok ? '' : ' FAILED'}`));
  progress.end();
  // hour → tier → sum of backlog over replications
  const sums = new Map<string, Map<number, number>>();
  let runs = 0;
  for (const r of results) {
    if (!r.ok) throw new Error(`pilot run ${r.index} (seed ${tasks[r.index]!.seed}) failed: ${r.error}`);
    if (!r.timeseriesCsv) continue;
    runs++;
    const [head, ...lines] = r.timeseriesCsv.trimEnd().split('\n');
    const cols = head!.split(',');
    const [h, t, b] = ['hour', 'tier', 'backlog'].map((c) => cols.indexOf(c));
    for (const line of lines) {
      const f = line.split(',');
      for (const tier of [f[t!]!, 'all tiers']) {
        let byHour = sums.get(tier);
        if (!byHour) sums.set(tier, (byHour = new Map()));
        const hour = Number(f[h!]);
        byHour.set(hour, (byHour.get(hour) ?? 0) + Number(f[b!]));
      }
    }
  }
  const rows: WarmupRow[] = [];
  for (const [tier, byHour] of sums) {
    const hours = [...byHour.keys()].sort((x, y) => x - y);
    const series = hours.map((x) => byHour.get(x)! / runs);
    if (series.every((v) => v === series[0])) continue; // a tier with no work says nothing
    // Batches of one day, not of 5 steps: the daily cycle of demand and shifts is not a transient.
    const stepHours = hours.length > 1 ? hours[1]! - hours[0]! : 1;
    const cut = mser(series, o.batch ?? Math.max(1, Math.round(24 / stepHours)));
    rows.push({ tier, cutHours: hours[cut.truncate] ?? 0, atLimit: cut.atLimit });
  }
  const latest = Math.max(0, ...rows.map((r) => r.cutHours));
  const days = Math.ceil(latest / 24 - 1e-9);
  if (!o.quiet) {
    process.stdout.write(`${scenario.name} · policy ${choice.name} · pilot of ${runs} replication(s) × ${scenario.horizonDays} days from empty · MSER (batches of ${o.batch ?? 'one day'}) on the mean backlog\n\n`);
    process.stdout.write(`${renderTable(['backlog of', 'cut at hour', 'day', ''], rows.map((r) => [r.tier, r.cutHours.toFixed(0), (r.cutHours / 24).toFixed(1), r.atLimit ? 'at the limit: not settled within the pilot' : '']))}\n\n`);
    process.stdout.write(`suggest: --set warmupDays=${days}   (the latest cut, rounded up to whole days; the scenario has ${loadScenarioFile(file, o.set, o.variant).warmupDays})\n`);
  }
  if (rows.some((r) => r.atLimit)) process.stderr.write(`gridgov: warning: MSER's cut is at half the pilot for ${rows.filter((r) => r.atLimit).map((r) => r.tier).join(', ')}: the backlog may still be growing; lengthen horizonDays (--set horizonDays=…) or check that the staff can keep up\n`);
  return days;
}
