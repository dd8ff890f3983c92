import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ReplicationTask } from '../../../sim/node/cli/replicationTask.ts';
import { TaskPool } from '../../../sim/node/cli/taskPool.ts';
import { ReplicationPool } from '../../../sim/node/cli/workerPool.ts';
import { runTask } from '../../../sim/node/cli/selftestWorker.ts';
import { resolveScenario } from '../../../sim/scenario/load.ts';
import { minimalScenario } from '../../helpers/scenarios.ts';

const EXITING = resolve('test/fixtures/exitingPolicy.ts');

describe('the one task pool', () => {
  const scenario = resolveScenario(minimalScenario({ horizonDays: 4, warmupDays: 1 }), 'pool');
  const task = (index: number, policyFile?: string): ReplicationTask => ({ index, scenario, policyName: policyFile ? 'own' : 'hierarchical', policyFile, seed: index + 1, rep: index });

  it('gives the results of a sequential run, in task order, on threads kept across batches', async () => {
    const tasks = [0, 1, 2, 3].map((i) => task(i));
    const seq = new ReplicationPool(1);
    const par = new ReplicationPool(2);
    try {
      const a = await seq.runAll(tasks, () => {});
      const b = await par.runAll(tasks, () => {});
      expect(b.map((r) => r.index)).toEqual([0, 1, 2, 3]);
      expect(JSON.stringify(b)).toBe(JSON.stringify(a));
      expect(JSON.stringify(await par.runAll(tasks.slice(0, 2), () => {}))).toBe(JSON.stringify(a.slice(0, 2)));
    } finally {
      await Promise.all([seq.close(), par.close()]);
    }
  });

  it('detects a thread that exits without a word, replaces it, and serves the next batch', async () => {
    const pool = new ReplicationPool(2);
    try {
      const dying = Array.from({ length: 8 }, (_, i) => task(10 + i, EXITING));
      const seen: number[] = [];
      const first = await pool.runAll(dying, (r) => seen.push(r.index));
      expect(first.map((r) => r.index)).toEqual(dying.map((t) => t.index));
      expect(seen.sort((a, b) => a - b)).toEqual(dying.map((t) => t.index));
      const failed = first.filter((r) => !r.ok);
      expect(failed.length).toBeGreaterThan(0);
      for (const f of failed) expect(f.ok ? '' : f.error).toMatch(/^worker thread exited with code 7 before finishing/);
      const second = await pool.runAll([task(0), task(1), task(2)], () => {});
      expect(second.map((r) => [r.index, r.ok])).toEqual([[0, true], [1, true], [2, true]]);
    } finally {
      await pool.close();
    }
  });

  it('names the task in the error where the caller asks', async () => {
    const named = new TaskPool({ module: new URL('../../../sim/node/cli/selftestWorker.ts', import.meta.url).href, size: 1, inline: runTask, describe: (t: { id: string }) => `case ${t.id}` });
    const [bad] = await named.runAll([{ id: 'no-such-case', reps: 1, horizonDays: 1 }]);
    expect(bad).toEqual({ ok: false, error: 'case no-such-case: no analytic case no-such-case' });
    await named.close();
  });
});
