import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AtomicFileSink, isTempFile, writeFileAtomic } from '../../../sim/node/io/atomicWrite.ts';
import { gridgov, tempDir, writeJson } from '../../helpers/cli.ts';
import { minimalScenario } from '../../helpers/scenarios.ts';

/** The pid of a process that has ended (so its temporary files are leftovers). */
function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(r.stdout);
}

describe('the one atomic write', () => {
  it('writes whole files and streams, leaving no temporary file', () => {
    const dir = tempDir();
    expect(writeFileAtomic(join(dir, 'a', 'x.json'), '{"a":1}\n')).toBe(8);
    const sink = new AtomicFileSink(join(dir, 'a', 'y.csv'));
    sink.write('h\n');
    expect(existsSync(join(dir, 'a', 'y.csv'))).toBe(false); // not there until closed
    sink.write('1\n');
    sink.close();
    expect(readFileSync(join(dir, 'a', 'y.csv'), 'utf8')).toBe('h\n1\n');
    expect(readdirSync(join(dir, 'a')).sort()).toEqual(['x.json', 'y.csv']);
  });

  it("cleans a dead writer's leftovers when the folder is written again, and keeps a live writer's", () => {
    const dir = tempDir();
    const dead = `cases.csv.tmp-${hostname()}-${deadPid()}`;
    const live = `staff.csv.tmp-${hostname()}-${process.ppid}`; // the parent is running
    const foreign = `x.json.tmp-othernode-1`; // another machine's, recent: maybe still writing
    for (const f of [dead, live, foreign]) writeFileSync(join(dir, f), 'partial');
    expect([dead, live, foreign].every(isTempFile)).toBe(true);
    writeFileAtomic(join(dir, 'summary.json'), '{}\n');
    expect(readdirSync(dir).sort()).toEqual([foreign, live, 'summary.json'].sort());
  });

  it('gridgov run removes the cases.csv.tmp-… an interrupted run left in its folder', () => {
    const dir = tempDir();
    const out = join(dir, 'run');
    const file = writeJson(dir, 's.json', minimalScenario({ horizonDays: 4, warmupDays: 1 }));
    expect(gridgov(['run', file, '--out', out, '-q']).code).toBe(0);
    const leftover = `cases.csv.tmp-${hostname()}-${deadPid()}`;
    writeFileSync(join(out, leftover), 'id,category\n1,');
    expect(gridgov(['run', file, '--out', out, '-q']).code).toBe(0);
    expect(readdirSync(out).filter(isTempFile)).toEqual([]);
  });
});
