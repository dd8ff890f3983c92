import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { BIN, gridgov, tempDir, writeJson } from '../../helpers/cli.ts';
import { minimalScenario } from '../../helpers/scenarios.ts';

// The Slurm script, the Kubernetes manifests and the Dockerfile of the project, run or read as the
// schedulers and the image builder would take them: the Slurm tasks with the environment Slurm
// gives an array task (and a resubmitted one), the pods with JOB_COMPLETION_INDEX and the
// environment the rendered manifest declares, on a tiny sweep whose merged files must equal a
// one-machine sweep. `sbatch` and `kubectl` are stand-ins that record what they were asked.

const ROOT = new URL('../../..', import.meta.url).pathname;
const SWEEP_ARGS = '--set staff.gridWorker.count=1,2 --set staff.streetHandler.count=2,3 --reps 2 -q';
const FILES = ['sweep.json', 'sweep.csv', 'sweep-summary.csv'];
let dir: string;
let bin: string;
let scenario: string;
let whole: string;

/** A bash run of a script in the project folder, with stand-ins for sbatch, kubectl and the image's `gridgov` first on PATH. */
function bash(args: string[], env: Record<string, string>, input = '') {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('SLURM_') && k !== 'JOB_COMPLETION_INDEX' && k !== 'GRIDGOV_SHARD_COUNT'));
  return spawnSync('bash', args, { cwd: ROOT, encoding: 'utf8', input, env: { ...clean, FORCE_COLOR: '0', PATH: `${bin}:${process.env.PATH}`, SCENARIO: scenario, SWEEP_ARGS, ...env } });
}

function ok(r: ReturnType<typeof bash>, what: string) {
  expect(r.status, `${what}: ${r.stderr}`).toBe(0);
  return r;
}

function shim(name: string, body: string) {
  const path = join(bin, name);
  writeFileSync(path, `#!/bin/bash\n${body}\n`);
  chmodSync(path, 0o755);
}

beforeAll(() => {
  dir = tempDir('gridgov-examples-');
  bin = join(dir, 'bin');
  mkdirSync(bin);
  shim('sbatch', `echo "$*" >> "${dir}/sbatch.log"; echo 4242`);
  shim('kubectl', `echo "$*" > "${dir}/kubectl.args"; cat > "${dir}/kubectl.yaml"`);
  shim('gridgov', `exec "${process.execPath}" "${BIN}" "$@"`); // what the image puts on PATH
  scenario = writeJson(dir, 'mini.json', minimalScenario({ horizonDays: 4, warmupDays: 1 }));
  whole = join(dir, 'whole');
  expect(gridgov(['sweep', scenario, ...SWEEP_ARGS.split(' '), '-w', '1', '--out', whole]).code).toBe(0);
});

const slurmTask = (id: number, array: { min: number; max: number }) => ({
  SLURM_JOB_ID: String(5000 + id),
  SLURM_ARRAY_JOB_ID: '4242',
  SLURM_ARRAY_TASK_ID: String(id),
  SLURM_ARRAY_TASK_MIN: String(array.min),
  SLURM_ARRAY_TASK_MAX: String(array.max),
  SLURM_ARRAY_TASK_COUNT: String(array.max - array.min + 1),
  SLURM_ARRAY_TASK_STEP: '1',
  SLURM_CPUS_PER_TASK: '1',
});

describe('docs/examples/sweep-slurm.sh', () => {
  it('submits the array and an afterok merge from the login node; a resubmitted task 3 runs shard 3 of 4; the merge equals one machine', () => {
    const out = join(dir, 'slurm');
    const login = ok(bash(['docs/examples/sweep-slurm.sh'], { OUT: out }), 'login node');
    expect(login.stdout).toContain('submitted sweep array 4242');
    const calls = readFileSync(join(dir, 'sbatch.log'), 'utf8').trimEnd().split('\n');
    expect(calls).toHaveLength(2);
    expect(calls[0]).toMatch(/^--parsable --array=1-4 --export=ALL \S+sweep-slurm\.sh$/);
    expect(calls[1]).toContain('--dependency=afterok:4242 --kill-on-invalid-dep=yes');
    expect(calls[1]).toContain('--export=ALL,GRIDGOV_MERGE=1');

    // Tasks 1, 2 and 4 of --array=1-4 as Slurm runs them (the environment of the login node, exported).
    for (const id of [1, 2, 4]) ok(bash(['docs/examples/sweep-slurm.sh'], { OUT: out, ...slurmTask(id, { min: 1, max: 4 }) }), `task ${id}`);
    // Task 3 failed; `sbatch --array=3` runs it as a one-task array: COUNT=1, MIN=MAX=3.
    ok(bash(['docs/examples/sweep-slurm.sh'], { OUT: out, ...slurmTask(3, { min: 3, max: 3 }) }), 'task 3 resubmitted');
    const note = JSON.parse(readFileSync(join(out, 'shard-3', 'shards', '3-of-4.json'), 'utf8'));
    expect(note).toMatchObject({ shard: '3/4', runs: 2 });
    expect(existsSync(join(out, 'shard-3', 'sweep.csv'))).toBe(false); // not the whole sweep

    ok(bash(['docs/examples/sweep-slurm.sh'], { OUT: out, GRIDGOV_MERGE: '1' }), 'merge');
    for (const f of FILES) expect(readFileSync(join(out, 'merged', f), 'utf8'), f).toBe(readFileSync(join(whole, f), 'utf8'));
  });

  it('refuses to run as a plain (non-array) batch job, which would submit from a compute node', () => {
    const r = bash(['docs/examples/sweep-slurm.sh'], { OUT: join(dir, 'slurm-bad'), SLURM_JOB_ID: '77' });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('run it with bash on the login node');
  });
});

describe('docs/examples/sweep-k8s.yaml', () => {
  it('renders one shard count into completions and GRIDGOV_SHARD_COUNT; its pods, run by index, leave the merged one-machine files', () => {
    ok(bash(['docs/examples/sweep-k8s.sh'], { SHARDS: '3', IMAGE: 'registry.example/gridgov:test' }), 'sweep-k8s.sh');
    expect(readFileSync(join(dir, 'kubectl.args'), 'utf8').trim()).toBe('create -f -');
    const job = parse(readFileSync(join(dir, 'kubectl.yaml'), 'utf8'));
    expect(job.kind).toBe('Job');
    expect(job.metadata.generateName).toBe('gridgov-sweep-'); // re-submitting creates a new Job
    expect(job.metadata.name).toBeUndefined();
    expect(job.spec).toMatchObject({ completionMode: 'Indexed', completions: 3, parallelism: 3 });
    expect(job.spec.backoffLimitPerIndex).toBeGreaterThan(0);
    expect(job.spec.ttlSecondsAfterFinished).toBeGreaterThan(0);
    const pod = job.spec.template.spec;
    expect(pod.securityContext.runAsNonRoot).toBe(true);
    expect(pod.securityContext.runAsUser).toBeGreaterThan(0);
    const c = pod.containers[0];
    expect(c.image).toBe('registry.example/gridgov:test');
    const env = Object.fromEntries(c.env.map((e: { name: string; value: string }) => [e.name, e.value]));
    expect(env.GRIDGOV_SHARD_COUNT).toBe('3');
    const pvc = parseAllDocuments(readFileSync(join(ROOT, 'docs/examples/sweep-k8s-pvc.yaml'), 'utf8'))[0]!.toJS();
    expect(pvc.kind).toBe('PersistentVolumeClaim');
    expect(pvc.spec.accessModes).toContain('ReadWriteMany');
    expect(pod.volumes[0].persistentVolumeClaim.claimName).toBe(pvc.metadata.name);
    expect(env.OUT.startsWith(`${c.volumeMounts[0].mountPath}/`)).toBe(true);

    // The pods as Kubernetes runs them: the container command with the manifest's environment and
    // the index, one folder on the shared claim; the pod that completes the plan writes the CSVs.
    expect(c.command.slice(0, 2)).toEqual(['sh', '-c']);
    const out = join(dir, 'k8s');
    const command = c.command[2].replace('--workers 4', '--workers 1');
    for (const index of ['2', '0', '1']) {
      expect(existsSync(join(out, 'sweep.csv')), `before pod ${index}`).toBe(false);
      ok(bash(['-c', command], { ...env, SCENARIO: scenario, SWEEP_ARGS, OUT: out, JOB_COMPLETION_INDEX: index }), `pod ${index}`);
    }
    for (const f of FILES) expect(readFileSync(join(out, f), 'utf8'), f).toBe(readFileSync(join(whole, f), 'utf8'));
  });

  it('sweep-k8s.sh refuses a shard count that is not a positive whole number', () => {
    const r = bash(['docs/examples/sweep-k8s.sh'], { SHARDS: '0' });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('SHARDS must be a positive whole number');
  });
});

describe('Dockerfile', () => {
  // No container engine here: the Dockerfile is checked for what a multi-stage, non-root image
  // of this project needs (hadolint is not available either).
  const lines = readFileSync(join(ROOT, 'Dockerfile'), 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
  const stages: { from: string; name: string; lines: string[] }[] = [];
  for (const l of lines) {
    const from = /^FROM\s+(\S+)(?:\s+AS\s+(\S+))?$/i.exec(l);
    if (from) stages.push({ from: from[1]!, name: from[2] ?? '', lines: [] });
    else stages.at(-1)?.lines.push(l);
  }
  const build = stages[0]!;
  const runtime = stages.at(-1)!;

  it('builds in one stage with npm ci and runs from another with only the production dependencies', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    for (const s of stages) expect(s.from).toMatch(/^node:20[-.\w]*$/); // the project's Node
    expect(build.lines).toContain('RUN npm ci --ignore-scripts --no-audit --no-fund');
    expect(build.lines.some((l) => /^RUN .*npm run build:lib\b/.test(l))).toBe(true);
    expect(runtime.lines.some((l) => /^RUN npm ci --omit=dev\b/.test(l))).toBe(true);
    expect(lines.some((l) => /npm (install|i)\b/.test(l))).toBe(false); // the lock file decides, always
    expect(runtime.lines).toContain(`COPY --from=${build.name} /app/lib ./lib`);
    for (const need of ['bin', 'sim', 'scenarios']) expect(runtime.lines.some((l) => l.startsWith(`COPY ${need} `))).toBe(true);
  });

  it('runs as a non-root user with gridgov as its entry point', () => {
    const users = runtime.lines.filter((l) => l.startsWith('USER '));
    expect(users).toHaveLength(1);
    expect(users[0]).not.toMatch(/^USER\s+(root|0)(:|$)/);
    const after = runtime.lines.slice(runtime.lines.indexOf(users[0]!));
    expect(after.some((l) => l.startsWith('RUN '))).toBe(false); // nothing runs as root after USER
    expect(runtime.lines).toContain('ENTRYPOINT ["gridgov"]');
    const ignore = readFileSync(join(ROOT, '.dockerignore'), 'utf8').split('\n');
    for (const p of ['node_modules', 'results', '.git']) expect(ignore).toContain(p);
  });
});
