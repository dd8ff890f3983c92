import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { simulate } from '../../run/simulateRun.ts';
import type { Summary } from '../../run/summary.ts';
import type { Policy } from '../../policies/types.ts';
import { resolvePolicy } from '../../policies/registry.ts';
import type { Scenario } from '../../scenario/schema.ts';
import { FileSink, stableJson, writeFileAtomic } from './files.ts';
import { replayFile, type ReplayOptions } from './replayFile.ts';
import { VERSION } from './version.ts';

export interface RunToFolderOptions {
  outDir: string;
  seed?: string | number;
  policyName?: string;
  policy?: Policy;
  scenarioFile?: string;
  /** The policy file `policy` was loaded from, as the user gave it. */
  policyFile?: string;
  /** Write cases.csv (default true). */
  cases?: boolean;
  /** Also write replay.json (the browser viewer's file); see docs/replay.md. */
  replay?: ReplayOptions;
  /** Progress of the simulation (see `simulate`'s onProgress). */
  onProgress?: (simHours: number, horizonHours: number, cases: number) => void;
}

export function scenarioHash(s: Scenario): string {
  return createHash('sha256').update(stableJson(s)).digest('hex');
}

/**
 * One run written to one folder: scenario.json (resolved), summary.json, cases.csv,
 * timeseries.csv, staff.csv and manifest.json. Every file is written to a temporary name and
 * renamed, so an interrupted run never leaves a half-written file behind.
 */
export async function runToFolder(scenario: Scenario, opts: RunToFolderOptions): Promise<Summary> {
  const started = performance.now();
  // Resolve the policy before opening any file, so bad input leaves nothing behind.
  const policyName = opts.policy?.name ?? opts.policyName ?? scenario.policy.name;
  resolvePolicy(policyName, scenario.policy, opts.policy);
  const sink = opts.cases === false ? undefined : new FileSink(join(opts.outDir, 'cases.csv'));
  const replay = opts.replay ? replayFile(scenario, opts.seed ?? scenario.seed, policyName, join(opts.outDir, 'replay.json'), opts.replay) : undefined;
  const observers = replay ? [replay.observer] : [];
  const result = await simulate(scenario, { seed: opts.seed, policyName: opts.policyName, policy: opts.policy, caseSink: sink, observers, onProgress: opts.onProgress });
  sink?.close();
  const files: Record<string, number> = {};
  if (sink) files['cases.csv'] = sink.bytes;
  if (replay) files[opts.replay?.gzip ? 'replay.json.gz' : 'replay.json'] = replay.close(result.summary);
  // A run with a policy file records the file, so scenario.json runs again as it is.
  const asRun = opts.policyFile ? { ...result.scenario, policy: { ...result.scenario.policy, name: opts.policyFile } } : result.scenario;
  files['scenario.json'] = writeFileAtomic(join(opts.outDir, 'scenario.json'), stableJson(asRun));
  files['summary.json'] = writeFileAtomic(join(opts.outDir, 'summary.json'), stableJson(result.summary));
  files['timeseries.csv'] = writeFileAtomic(join(opts.outDir, 'timeseries.csv'), result.timeseriesCsv);
  files['staff.csv'] = writeFileAtomic(join(opts.outDir, 'staff.csv'), result.staffCsv);
  const manifest = {
    gridgov: VERSION,
    node: process.version,
    scenario: result.scenario.name,
    scenarioFile: opts.scenarioFile ?? null,
    scenarioHash: scenarioHash(asRun),
    policy: result.summary.policy,
    seed: result.summary.seed,
    timeUnit: 'hours',
    events: result.events,
    meanPendingEvents: Math.round(result.meanPendingEvents),
    files,
    checksOk: result.summary.checks.ok,
    wallSeconds: Number(((performance.now() - started) / 1000).toFixed(3)),
  };
  writeFileAtomic(join(opts.outDir, 'manifest.json'), stableJson(manifest));
  return result.summary;
}
