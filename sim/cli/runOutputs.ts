import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { simulate } from '../run/simulateRun.ts';
import type { Summary } from '../run/summary.ts';
import type { Policy } from '../policies/types.ts';
import type { Scenario } from '../scenario/schema.ts';
import { FileSink, stableJson, writeFileAtomic } from './files.ts';
import { VERSION } from './version.ts';

export interface RunToFolderOptions {
  outDir: string;
  seed?: string | number;
  policyName?: string;
  policy?: Policy;
  scenarioFile?: string;
  /** Write cases.csv (default true). */
  cases?: boolean;
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
  const sink = opts.cases === false ? undefined : new FileSink(join(opts.outDir, 'cases.csv'));
  const result = await simulate(scenario, { seed: opts.seed, policyName: opts.policyName, policy: opts.policy, caseSink: sink });
  sink?.close();
  const files: Record<string, number> = {};
  if (sink) files['cases.csv'] = sink.bytes;
  files['scenario.json'] = writeFileAtomic(join(opts.outDir, 'scenario.json'), stableJson(result.scenario));
  files['summary.json'] = writeFileAtomic(join(opts.outDir, 'summary.json'), stableJson(result.summary));
  files['timeseries.csv'] = writeFileAtomic(join(opts.outDir, 'timeseries.csv'), result.timeseriesCsv);
  files['staff.csv'] = writeFileAtomic(join(opts.outDir, 'staff.csv'), result.staffCsv);
  const manifest = {
    gridgov: VERSION,
    node: process.version,
    scenario: result.scenario.name,
    scenarioFile: opts.scenarioFile ?? null,
    scenarioHash: scenarioHash(result.scenario),
    policy: result.summary.policy,
    seed: result.summary.seed,
    timeUnit: 'hours',
    events: result.events,
    files,
    checksOk: result.summary.checks.ok,
    wallSeconds: Number(((performance.now() - started) / 1000).toFixed(3)),
  };
  writeFileAtomic(join(opts.outDir, 'manifest.json'), stableJson(manifest));
  return result.summary;
}
