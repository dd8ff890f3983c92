import { spawn } from 'node:child_process';
import { cpSync, existsSync, readFileSync, readdirSync, statSync, truncateSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BIN, gridgov, tempDir, writeJson } from '../../helpers/cli.ts';
import { minimalScenario } from '../../helpers/scenarios.ts';
import { parseCsvRows } from '../../../sim/run/csv.ts';

// A small sweep: 2 × 2 points × 3 replications of an 8-day district, ≈ 50 ms a run.
const SWEEP = ['--set', 'staff.gridWorker.count=1,2', '--set', 'staff.streetHandler.count=2..3', '--reps', '3', '-q'];
const FILES = ['sweep.json', 'scenario.json', 'sweep.csv', 'sweep-summary.csv'];

let dir: string;
let file: string;
let whole: string;

const read = (d: string, f: string) => readFileSync(join(d, f), 'utf8');
const recordFiles = (d: string) => (existsSync(join(d, 'runs')) ? readdirSync(join(d, 'runs')).sort() : []);
/** The run records of a folder (JSON lines, one file per shard), by key. */
function records(d: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const f of recordFiles(d).filter((x) => x.endsWith('.jsonl'))) {
    for (const line of read(d, `runs/${f}`).split('\n')) {
      if (!line) continue;
      try {
        out.set(JSON.parse(line).key, line);
      } catch {
        // a torn line (the test that tears one checks it)
      }
    }
  }
  return out;
}
const runFiles = (d: string) => [...records(d).keys()].sort();
const rows = (text: string) => parseCsvRows(text);

function expectSameSweep(a: string, b: string): void {
  for (const f of FILES) expect(read(a, f), f).toBe(read(b, f));
  expect(runFiles(a)).toEqual(runFiles(b));
  const ra = records(a);
  const rb = records(b);
  for (const k of ra.keys()) expect(ra.get(k), k).toBe(rb.get(k));
}

beforeAll(() => {
  dir = tempDir('gridgov-sweep-');
  file = writeJson(dir, 'mini.json', minimalScenario({ horizonDays: 8, warmupDays: 1 }));
  whole = join(dir, 'whole');
  const r = gridgov(['sweep', file, ...SWEEP, '--workers', '2', '--out', whole]);
  expect(r.stderr).not.toContain('gridgov: run failed');
  expect(r.code).toBe(0);
});

describe('gridgov sweep', () => {
  it('writes one row per run and per point, on common seeds, the same with any number of threads', () => {
    const runs = rows(read(whole, 'sweep.csv'));
    expect(runs[0]!.slice(0, 5)).toEqual(['point', 'staff.gridWorker.count', 'staff.streetHandler.count', 'rep', 'seed']);
    expect(runs).toHaveLength(1 + 12);
    for (const p of [0, 1, 2, 3]) expect(runs.filter((r) => r[0] === String(p)).map((r) => r[4])).toEqual(['1', '2', '3']);
    const summary = rows(read(whole, 'sweep-summary.csv'));
    expect(summary).toHaveLength(1 + 4);
    expect(summary[0]!.slice(0, 7)).toEqual(['point', 'staff.gridWorker.count', 'staff.streetHandler.count', 'runs', 'resolutionHours.mean.mean', 'resolutionHours.mean.ciLow', 'resolutionHours.mean.ciHigh']);
    expect(summary[3]!.slice(0, 4)).toEqual(['2', '2', '2', '3']);
    // common random numbers: replication r sees the same issues at every point
    const created = (p: number, r: number) => JSON.parse(records(whole).get(`p${p}-r${r}`)!).summary.cases.created;
    expect(created(0, 1)).toBe(created(3, 1));
    expect(created(0, 1)).not.toBe(created(0, 2));
    const seq = join(dir, 'seq');
    expect(gridgov(['sweep', file, ...SWEEP, '--workers', '1', '--out', seq]).code).toBe(0);
    expectSameSweep(seq, whole);
  });

  it('shards from --shard, Slurm and a Kubernetes indexed job merge into exactly the one-machine files', () => {
    const s = [1, 2, 3].map((k) => join(dir, `shard${k}`));
    expect(gridgov(['sweep', file, ...SWEEP, '--shard', '1/3', '-w', '1', '--out', s[0]!]).code).toBe(0);
    expect(gridgov(['sweep', file, ...SWEEP, '-w', '1', '--out', s[1]!], undefined, { SLURM_ARRAY_TASK_ID: '12', SLURM_ARRAY_TASK_MIN: '11', SLURM_ARRAY_TASK_COUNT: '3' }).code).toBe(0);
    expect(gridgov(['sweep', file, ...SWEEP, '-w', '1', '--out', s[2]!], undefined, { JOB_COMPLETION_INDEX: '2', GRIDGOV_SHARD_COUNT: '3' }).code).toBe(0);
    expect(s.map((d) => runFiles(d).length)).toEqual([4, 4, 4]);
    expect(s.map(recordFiles)).toEqual([['shard-1-of-3.jsonl'], ['shard-2-of-3.jsonl'], ['shard-3-of-3.jsonl']]); // one file per shard, not per run
    expect(existsSync(join(s[0]!, 'sweep.csv'))).toBe(false); // a shard alone writes only its runs

    const partial = join(dir, 'partial');
    const missing = gridgov(['merge', s[0]!, s[2]!, '--out', partial]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('4 of 12 runs of sweep');
    expect(missing.stderr).toMatch(/p0-r1 \(shard 2\/3\)/);
    expect(existsSync(partial)).toBe(false);

    const merged = join(dir, 'merged');
    const r = gridgov(['merge', ...s, '--out', merged]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expectSameSweep(merged, whole);
  });

  it('refuses to merge shards of different sweeps, writing nothing', () => {
    const other = join(dir, 'other');
    expect(gridgov(['sweep', file, ...SWEEP, '--reps', '2', '--shard', '1/2', '--out', other]).code).toBe(0);
    const out = join(dir, 'mixed');
    const r = gridgov(['merge', whole, other, '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${other}: sweep.json: expected a shard of the same sweep as ${whole}`);
    expect(r.stderr).toContain('reps 2 vs 3');
    expect(existsSync(out)).toBe(false);
  });

  it('a sweep killed with SIGKILL resumes where it stopped and ends with the uninterrupted files', async () => {
    const out = join(dir, 'killed');
    const args = ['sweep', file, '--set', 'staff.gridWorker.count=1,2', '--set', 'staff.streetHandler.count=1..4', '--reps', '4', '-q', '--workers', '1', '--out', out];
    const child = spawn(process.execPath, [BIN, ...args], { stdio: 'ignore' });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
    const deadline = Date.now() + 60_000;
    while (runFiles(out).length < 4 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    const survived = runFiles(out).length;
    expect(survived).toBeGreaterThanOrEqual(4);
    expect(survived).toBeLessThan(32);
    expect(existsSync(join(out, 'sweep.csv'))).toBe(false);

    const resumed = gridgov(args.filter((a) => a !== '-q'));
    expect(resumed.code).toBe(0);
    expect(resumed.stderr).toContain(`${survived} already done, ${32 - survived} to run`);
    const fresh = join(dir, 'fresh');
    expect(gridgov([...args.slice(0, -4), '--workers', '2', '--out', fresh]).code).toBe(0);
    expectSameSweep(out, fresh);
  });

  it('a torn last record (a crash mid-write) is detected, cut off and its run redone; the files equal the uninterrupted ones', () => {
    const out = join(dir, 'torn');
    cpSync(whole, out, { recursive: true });
    expect(recordFiles(out)).toEqual(['runs.jsonl']);
    const recordsPath = join(out, 'runs', 'runs.jsonl');
    const text = read(out, 'runs/runs.jsonl');
    const lastKey = JSON.parse(text.trimEnd().split('\n').at(-1)!).key;
    truncateSync(recordsPath, statSync(recordsPath).size - 40); // the last line loses its end and its newline
    for (const f of ['sweep.csv', 'sweep-summary.csv']) truncateSync(join(out, f), 0);
    const r = gridgov(['sweep', file, ...SWEEP.filter((a) => a !== '-q'), '-w', '1', '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('11 already done, 1 to run');
    const lines = read(out, 'runs/runs.jsonl').split('\n').filter(Boolean);
    expect(lines).toHaveLength(12);
    for (const l of lines) expect(() => JSON.parse(l)).not.toThrow();
    expect(JSON.parse(lines.at(-1)!).key).toBe(lastKey);
    expectSameSweep(out, whole);
  });

  it('bad input: exit 2 with the flag, field and what was expected; nothing already written is lost', () => {
    const before = FILES.map((f) => read(whole, f));
    const cases: [string[], string][] = [
      [['--set', 'staff.gridWorker.count=5..1:0'], '--set: staff.gridWorker.count: expected lo..hi:step with lo <= hi, found "5..1:0"'],
      [['--set', 'staff.gridWorkr.count=1,2'], 'staff.gridWorkr'],
      [['--set', 'staff.gridWorker.count=1,2', '--shard', '3/2'], '--shard: shard: expected k/N with 1 <= k <= N'],
      [['--set', 'horizonDays=8,-1'], 'horizonDays: expected > 0, found -1'],
      [['--set', 'staff.gridWorker.count=1,2'], `--out: sweep.json: expected the same plan to resume`],
    ];
    for (const [extra, message] of cases) {
      const r = gridgov(['sweep', file, ...extra, '--reps', '2', '--out', whole]);
      expect(r.code, extra.join(' ')).toBe(2);
      expect(r.stderr, extra.join(' ')).toContain(message);
    }
    expect(FILES.map((f) => read(whole, f))).toEqual(before);
    expect(runFiles(whole)).toHaveLength(12);
  });
});
