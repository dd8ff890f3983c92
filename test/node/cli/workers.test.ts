import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gridgov, tempDir, writeJson } from '../../helpers/cli.ts';
import { minimalScenario } from '../../helpers/scenarios.ts';

describe('replications on worker threads', () => {
  it('give byte-identical results to a sequential run', () => {
    const dir = tempDir();
    const file = writeJson(dir, 'mini.json', minimalScenario({ horizonDays: 12 }));
    const args = ['compare', file, '--policies', 'flat,hierarchical,whistle', '--reps', '3', '-q'];
    expect(gridgov([...args, '--workers', '2', '--out', join(dir, 'par')]).code).toBe(0);
    expect(gridgov([...args, '--workers', '1', '--out', join(dir, 'seq')]).code).toBe(0);
    for (const f of ['comparison.json', 'comparison.csv', 'runs.csv']) {
      expect(readFileSync(join(dir, 'par', f), 'utf8'), f).toBe(readFileSync(join(dir, 'seq', f), 'utf8'));
    }
  });

  it('report a crashed replication with its seed while the others finish', () => {
    const dir = tempDir();
    const file = writeJson(dir, 'mini.json', minimalScenario({ horizonDays: 8 }));
    // each replication is a fresh thread (workers = reps), so the policy decides anew per seed
    const r = gridgov(['replicate', file, '--policy', 'test/fixtures/crashingPolicy.ts', '--reps', '6', '--workers', '6', '--seed', '1', '-q', '--out', join(dir, 'o')]);
    expect(r.code).toBe(1);
    const failed = [...r.stderr.matchAll(/replication failed: crashy rep (\d) \(seed (\d)\): crashy policy gave up/g)];
    expect(failed.length).toBeGreaterThan(0);
    expect(failed.length).toBeLessThan(6);
    for (const m of failed) expect(Number(m[2])).toBe(1 + Number(m[1]));
    const c = JSON.parse(readFileSync(join(dir, 'o', 'comparison.json'), 'utf8'));
    expect(c.checks.allRunsOk).toBe(false);
    expect(c.checks.failedRuns).toHaveLength(failed.length);
    const rows = readFileSync(join(dir, 'o', 'runs.csv'), 'utf8').trimEnd().split('\n');
    expect(rows.length - 1).toBe(6 - failed.length);
  });
});
