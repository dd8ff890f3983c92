import { simulate } from '../../run/simulateRun.ts';
import { loadPolicyFile } from './policyFile.ts';
import type { ReplicationResult, ReplicationTask } from './replicationTask.ts';
import { replayFile } from './replayFile.ts';
import { runToFolder } from './runOutputs.ts';

/** Runs one replication; used in worker threads and, for --workers 1, in the main thread. */
export async function runReplication(task: ReplicationTask): Promise<ReplicationResult> {
  try {
    const policy = task.policyFile ? await loadPolicyFile(task.policyFile) : undefined;
    if (task.outDir) {
      let timeseriesCsv: string | undefined;
      const onTimeseries = task.timeseries ? (csv: string) => (timeseriesCsv = csv) : undefined;
      const summary = await runToFolder(task.scenario, { outDir: task.outDir, seed: task.seed, policyName: task.policyName, policy, policyFile: task.policyFile, scenarioFile: task.scenarioFile, replay: task.replay, casesFormat: task.casesFormat, idColumns: true, rep: task.rep, onTimeseries });
      return { index: task.index, ok: true, summary, timeseriesCsv };
    }
    const replay = task.replay ? replayFile(task.scenario, task.seed, policy?.name ?? task.policyName, task.replay.path, task.replay) : undefined;
    const { summary, timeseriesCsv } = await simulate(task.scenario, { seed: task.seed, policyName: task.policyName, policy, observers: replay ? [replay.observer] : [] });
    replay?.close(summary);
    return { index: task.index, ok: true, summary, ...(task.timeseries ? { timeseriesCsv } : {}) };
  } catch (err) {
    return { index: task.index, ok: false, error: err instanceof Error ? err.message : String(err) };
  }
}

/** The pool's entry (sim/node/cli/taskPool.ts). */
export const runTask = runReplication;
