import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ReplicationTask } from '../../../sim/node/cli/replicationTask.ts';
import { ReplicationPool } from '../../../sim/node/cli/threadPool.ts';
import { resolveScenario } from '../../../sim/scenario/load.ts';
import { minimalScenario } from '../../helpers/scenarios.ts';

describe('the thread pool kept across batches', () => {
  it('returns every result in task order, replaces threads that die, and serves the next batch', async () => {
    const scenario = resolveScenario(minimalScenario({ horizonDays: 4, warmupDays: 1 }), 'pool');
    const task = (index: number, policyFile?: string): ReplicationTask => ({ index, scenario, policyName: policyFile ? 'exiting' : 'hierarchical', policyFile, seed: index + 1, rep: index });
    const pool = new ReplicationPool(2);
    try {
      const dying = Array.from({ length: 8 }, (_, i) => task(10 + i, resolve('test/fixtures/exitingPolicy.ts')));
      const seen: number[] = [];
      const first = await pool.run(dying, (r) => seen.push(r.index));
      expect(first.map((r) => r.index)).toEqual(dying.map((t) => t.index));
      expect(seen.sort((a, b) => a - b)).toEqual(dying.map((t) => t.index));
      const failed = first.filter((r) => !r.ok);
      expect(failed.length).toBeGreaterThan(0);
      for (const f of failed) expect(f.ok ? '' : f.error).toBe('worker thread exited unexpectedly');
      const second = await pool.run([task(0), task(1), task(2)], () => {});
      expect(second.map((r) => [r.index, r.ok])).toEqual([[0, true], [1, true], [2, true]]);
    } finally {
      await pool.close();
    }
  });
});
