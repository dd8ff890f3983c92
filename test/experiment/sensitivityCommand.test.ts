import { cpSync, existsSync, readFileSync, readdirSync, rmSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { BIN, gridgov, tempDir, writeJson } from '../helpers/cli.ts';
import { minimalScenario } from '../helpers/scenarios.ts';

// Constructed scenarios on the 12-grid test district for 8 days (≈ 0.1 s a run): street-tier
// demand only, on street handlers working around the clock, so their count is what binds.
let dir: string;
let one: string;
const OUTPUTS = ['sensitivity.csv', 'sensitivity.json', 'sensitivity.svg'];
const read = (d: string, f: string) => readFileSync(join(d, f), 'utf8');
const csv = (d: string) => read(d, 'sensitivity.csv').trimEnd().split('\n').map((l) => l.split(','));

function streetBound(extra: Record<string, unknown> = {}) {
  const s = minimalScenario({ horizonDays: 8, warmupDays: 1, ...extra }) as { demand: { categories: Record<string, unknown>[] }; staff: Record<string, unknown> };
  Object.assign(s.demand.categories[0]!, { authority: { street: 1 }, ratePer1000PerDay: 3, workHours: { dist: 'lognormal', mean: 1.5, sd: 0.5 } });
  s.staff.streetHandler = { count: 2, shift: 'always' };
  return s;
}

// Only the street handlers' count matters; the flat policy's accuracy and the whistle's response
// time are never read under the hierarchical policy.
const ONE = ['--policy', 'hierarchical', '--vary', 'staff.streetHandler.count=1..3', '--vary', 'policy.classificationAccuracy=0.7..0.98', '--vary', 'policy.whistleResponseHours=0.25..1', '--reps', '2', '--max-reps', '3', '--trajectories', '4', '--morris-reps', '1', '-w', '1', '-q'];

beforeAll(() => {
  dir = tempDir('gridgov-sensitivity-');
  one = writeJson(dir, 'one.json', streetBound());
});

describe('gridgov sensitivity', () => {
  it('ranks the one binding parameter first by both methods, the others within their intervals of zero; resumes to the same files', () => {
    const out = join(dir, 'one');
    const r = gridgov(['sensitivity', one, ...ONE, '--out', out]);
    expect(r.stderr).not.toContain('run failed');
    expect(r.code).toBe(0);
    const rows = csv(out);
    const col = (name: string) => rows[0]!.indexOf(name);
    const oat = rows.filter((x) => x[0] === 'oat');
    const morris = rows.filter((x) => x[0] === 'morris');
    expect(oat.map((x) => x[col('path')])).toHaveLength(3);
    expect(oat[0]![col('path')]).toBe('staff.streetHandler.count');
    expect(morris[0]![col('path')]).toBe('staff.streetHandler.count');
    expect(Number(oat[0]![col('effectLow.ciLow')])).toBeGreaterThan(0); // one handler: slower, clearly
    for (const x of oat.slice(1)) {
      for (const end of ['effectLow', 'effectHigh']) {
        expect(Number(x[col(`${end}.ciLow`)])).toBeLessThanOrEqual(0);
        expect(Number(x[col(`${end}.ciHigh`)])).toBeGreaterThanOrEqual(0);
      }
    }
    for (const x of morris.slice(1)) {
      expect(Number(x[col('mu.ciLow')])).toBeLessThanOrEqual(0);
      expect(Number(x[col('mu.ciHigh')])).toBeGreaterThanOrEqual(0);
      expect(Number(x[col('muStar.mean')])).toBeLessThan(0.05 * Number(morris[0]![col('muStar.mean')]));
    }
    const json = JSON.parse(read(out, 'sensitivity.json'));
    expect(json.runs).toBe(json.oat.runs + json.morris.runs);
    expect(json.morris.runs).toBe(4 * 4);
    expect(read(out, 'sensitivity.svg')).toContain('<svg');
    // Each stage is a sweep folder: sweep.json, runs/, sweep.csv.
    expect(existsSync(join(out, 'oat-1', 'sweep.csv'))).toBe(true);
    expect(existsSync(join(out, 'morris', 'sweep.json'))).toBe(true);

    // Interrupted: the later stages and some runs of the first are lost, and no output written.
    const again = join(dir, 'again');
    cpSync(out, again, { recursive: true });
    for (const f of OUTPUTS) unlinkSync(join(again, f));
    rmSync(join(again, 'morris'), { recursive: true });
    for (const d of readdirSync(again).filter((x) => /^oat-[2-9]/.test(x))) rmSync(join(again, d), { recursive: true });
    const runs = readdirSync(join(again, 'oat-1', 'runs'));
    for (const f of runs.slice(0, runs.length / 2)) unlinkSync(join(again, 'oat-1', 'runs', f));
    unlinkSync(join(again, 'oat-1', 'sweep.csv'));
    const resumed = gridgov(['sensitivity', one, ...ONE, '--out', again]);
    expect(resumed.code).toBe(0);
    for (const f of OUTPUTS) expect(read(again, f), f).toBe(read(out, f));
  });

  it('killed with SIGKILL in its first stage, the same command resumes to the same files', async () => {
    const whole = join(dir, 'one');
    expect(existsSync(join(whole, 'sensitivity.csv')), 'made by the first test').toBe(true);
    const out = join(dir, 'killed');
    // finished runs: complete lines of the stage's records files (one JSON-lines file per shard)
    const records = () => {
      const runs = join(out, 'oat-1', 'runs');
      if (!existsSync(runs)) return 0;
      return readdirSync(runs)
        .filter((f) => f.endsWith('.jsonl'))
        .reduce((n, f) => n + (readFileSync(join(runs, f), 'utf8').match(/\n/g)?.length ?? 0), 0);
    };
    const child = spawn(process.execPath, [BIN, 'sensitivity', one, ...ONE, '--out', out], { stdio: 'ignore' });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
    const deadline = Date.now() + 120_000;
    while (records() < 3 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    expect(records()).toBeGreaterThanOrEqual(3);
    expect(existsSync(join(out, 'sensitivity.csv'))).toBe(false);
    expect(gridgov(['sensitivity', one, ...ONE, '--out', out]).code).toBe(0);
    for (const f of OUTPUTS) expect(read(out, f), f).toBe(read(whole, f));
  });

  it('shards each stage like a sweep: two shards sharing a folder end with the one-machine files', () => {
    const whole = join(dir, 'one');
    expect(existsSync(join(whole, 'sensitivity.csv')), 'made by the first test').toBe(true);
    const shared = join(dir, 'shared');
    for (let i = 0; i < 8 && !existsSync(join(shared, 'sensitivity.csv')); i++) {
      const r = gridgov(['sensitivity', one, ...ONE, '--shard', `${(i % 2) + 1}/2`, '--out', shared]);
      expect(r.code).toBe(0);
    }
    for (const f of OUTPUTS) expect(read(shared, f), f).toBe(read(whole, f));
  });

  it('shards in separate folders join with gridgov merge, stage by stage, into the one-machine files', () => {
    const one1 = [...ONE.slice(0, ONE.indexOf('--reps')), '--reps', '2', '--max-reps', '2', '--trajectories', '2', '--morris-reps', '1', '-w', '1', '-q'];
    const [whole, a, b, m] = ['m-whole', 'm-a', 'm-b', 'm-merged'].map((x) => join(dir, x));
    expect(gridgov(['sensitivity', one, ...one1, '--out', whole!]).code).toBe(0);
    expect(gridgov(['sensitivity', one, ...one1, '--shard', '1/2', '--out', a!]).code).toBe(0);
    expect(gridgov(['sensitivity', one, ...one1, '--shard', '2/2', '--out', b!]).code).toBe(0);
    expect(existsSync(join(a!, 'sensitivity.csv'))).toBe(false);
    for (const stage of ['oat-1', 'morris']) expect(gridgov(['merge', join(a!, stage), join(b!, stage), '--out', join(m!, stage), '-q']).code).toBe(0);
    const r = gridgov(['sensitivity', one, ...one1, '--out', m!]);
    expect(r.code).toBe(0);
    for (const f of OUTPUTS) expect(read(m!, f), f).toBe(read(whole!, f));
  });

  it('reports the interaction of two parameters: Morris σ clearly above 0', () => {
    const file = writeJson(dir, 'two.json', streetBound());
    const out = join(dir, 'two');
    const r = gridgov(['sensitivity', file, '--policy', 'hierarchical', '--method', 'morris', '--vary', 'staff.streetHandler.count=1..3', '--vary', 'demand.categories.0.workHours=0.5..2', '--trajectories', '6', '--morris-reps', '1', '-w', '1', '-q', '--out', out]);
    expect(r.code).toBe(0);
    const json = JSON.parse(read(out, 'sensitivity.json'));
    expect(json.oat).toBeNull();
    for (const row of json.morris.rows) {
      expect(row.sigma).toBeGreaterThan(0.3 * row.muStar.mean);
      expect(row.muStar.mean).toBeGreaterThan(0);
    }
  });

  // The other refusals (a non-numeric field, no range) are checked on parseVary in sensitivity.test.ts.
  it('exits 2 on bad --vary input, naming the field, before writing anything', () => {
    const out = join(dir, 'bad');
    for (const [spec, text] of [
      ['staff.noSuchRole.count=1..2', 'staff.noSuchRole.count'],
      ['policy.classificationAccuracy=0.9..0.7', 'policy.classificationAccuracy: expected low < high'],
    ]) {
      const r = gridgov(['sensitivity', one, '--vary', spec!, '--out', out, '-q']);
      expect(r.code, spec).toBe(2);
      expect(r.stderr).toContain(text);
    }
    expect(existsSync(out)).toBe(false);
  });
});
