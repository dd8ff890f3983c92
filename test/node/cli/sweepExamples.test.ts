import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { gridgov, tempDir, writeJson } from '../../helpers/cli.ts';
import { minimalScenario } from '../../helpers/scenarios.ts';

// The Slurm script and the Kubernetes manifest of docs/examples/ run here as a scheduler would
// run them (the environment each task gets), on a tiny sweep, and their merged folder must equal
// a one-machine sweep.

const ROOT = new URL('../../..', import.meta.url).pathname;
const SWEEP_ARGS = '--set staff.gridWorker.count=1,2 --set staff.streetHandler.count=2,3 --reps 2 -q';
const FILES = ['sweep.json', 'sweep.csv', 'sweep-summary.csv'];
let dir: string;
let scenario: string;
let whole: string;

function bash(script: string, args: string[], env: Record<string, string>) {
  const r = spawnSync('bash', [...args], { cwd: ROOT, encoding: 'utf8', input: '', env: { ...process.env, FORCE_COLOR: '0', SCENARIO: scenario, SWEEP_ARGS, ...env } });
  expect(r.status, `${script}: ${r.stderr}`).toBe(0);
  return r;
}

beforeAll(() => {
  dir = tempDir('gridgov-examples-');
  scenario = writeJson(dir, 'mini.json', minimalScenario({ horizonDays: 4, warmupDays: 1 }));
  whole = join(dir, 'whole');
  expect(gridgov(['sweep', scenario, ...SWEEP_ARGS.split(' '), '-w', '1', '--out', whole]).code).toBe(0);
});

describe('docs/examples', () => {
  it('sweep-slurm.sh: two array tasks (ids 5 and 6) and the merge job give the one-machine files', () => {
    const out = join(dir, 'slurm');
    for (const id of ['5', '6']) bash('sweep-slurm.sh', ['docs/examples/sweep-slurm.sh'], { OUT: out, SLURM_ARRAY_TASK_ID: id, SLURM_ARRAY_TASK_MIN: '5', SLURM_ARRAY_TASK_COUNT: '2' });
    bash('sweep-slurm.sh (merge)', ['docs/examples/sweep-slurm.sh'], { OUT: out, GRIDGOV_MERGE: '1' });
    for (const f of FILES) expect(readFileSync(join(out, 'merged', f), 'utf8'), f).toBe(readFileSync(join(whole, f), 'utf8'));
    const script = readFileSync(join(ROOT, 'docs/examples/sweep-slurm.sh'), 'utf8');
    expect(script).toMatch(/^#SBATCH --array=1-4$/m);
  });

  it('sweep-k8s.yaml: the pods’ command with JOB_COMPLETION_INDEX 0 and 1, then the merge Job’s', () => {
    const job = readFileSync(join(ROOT, 'docs/examples/sweep-k8s.yaml'), 'utf8');
    const merge = readFileSync(join(ROOT, 'docs/examples/sweep-k8s-merge.yaml'), 'utf8');
    expect(job).toContain('completionMode: Indexed');
    const completions = /^\s+completions: (\d+)$/m.exec(job)![1];
    expect(/name: GRIDGOV_SHARD_COUNT\s+value: "(\d+)"/.exec(job)![1]).toBe(completions);
    const command = (text: string) => /command: \["bash", "-c", '(.*)'\]/.exec(text)![1]!.replace('--workers 4', '--workers 1');
    const out = join(dir, 'k8s');
    for (const index of ['0', '1']) bash('sweep-k8s.yaml', ['-c', command(job)], { OUT: out, JOB_COMPLETION_INDEX: index, GRIDGOV_SHARD_COUNT: '2' });
    bash('sweep-k8s-merge.yaml', ['-c', command(merge)], { OUT: out });
    for (const f of FILES) expect(readFileSync(join(out, 'merged', f), 'utf8'), f).toBe(readFileSync(join(whole, f), 'utf8'));
  });
});
