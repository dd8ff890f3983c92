import type { Summary } from '../../run/summary.ts';
import type { Scenario } from '../../scenario/schema.ts';
import type { CasesFormat } from './caseSinks.ts';
import type { ReplayOptions } from './replayFile.ts';

/** One replication of one policy, as sent to a worker thread (plain data). */
export interface ReplicationTask {
  index: number;
  scenario: Scenario;
  policyName: string;
  /** Absolute path of a user policy module, loaded again inside the worker. */
  policyFile?: string;
  seed: string | number;
  rep: number;
  /** When set, the run's own folder is written there (its rows start with scenario, policy, seed, rep). */
  outDir?: string;
  /** Send the run's timeseries.csv text back with its summary (timeseries-mean.csv). */
  timeseries?: boolean;
  /** Format of the cases file in that folder (default csv). */
  casesFormat?: CasesFormat;
  scenarioFile?: string;
  /** Write a replay: into the run's folder when `outDir` is set, else at `path`. */
  replay?: ReplayOptions & { path: string };
}

export type ReplicationResult = { index: number; ok: true; summary: Summary; timeseriesCsv?: string } | { index: number; ok: false; error: string };
