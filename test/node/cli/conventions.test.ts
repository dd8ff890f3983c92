import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Progress } from '../../../sim/node/cli/progress.ts';
import { gridgov, tempDir, writeJson } from '../../helpers/cli.ts';
import { minimalScenario } from '../../helpers/scenarios.ts';

describe('command-line conventions', () => {
  const dir = tempDir();
  const file = writeJson(dir, 'mini.json', minimalScenario({ horizonDays: 4, warmupDays: 1 }));

  it('run --json prints summary.json on stdout and nothing else; -q prints nothing at all', () => {
    const r = gridgov(['run', file, '--json', '--out', join(dir, 'a')]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(JSON.parse(readFileSync(join(dir, 'a', 'summary.json'), 'utf8')));
    expect(r.stderr).not.toContain('outputs:');
    const loud = gridgov(['run', file, '--out', join(dir, 'b')]);
    expect(loud.stderr).toContain('gridgov: warning:'); // this short run misses Little's law
    const q = gridgov(['run', file, '-q', '--out', join(dir, 'c')]);
    expect([q.code, q.stdout, q.stderr]).toEqual([0, '', '']);
  });

  it('replicate --json prints comparison.json; validate --json gives each file its problems with line and column', () => {
    const r = gridgov(['replicate', file, '--reps', '2', '--workers', '1', '--json', '--out', join(dir, 'r')]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(JSON.parse(readFileSync(join(dir, 'r', 'comparison.json'), 'utf8')));
    const bad = writeJson(dir, 'bad.json', minimalScenario({ horizonDays: '7' }));
    const v = gridgov(['validate', file, bad, '--json']);
    expect(v.code).toBe(2);
    const doc = JSON.parse(v.stdout) as { file: string; ok: boolean; problems?: { path: string; line: number; column: number }[] }[];
    expect(doc.map((d) => d.ok)).toEqual([true, false]);
    expect(doc[1]!.problems![0]).toMatchObject({ path: 'horizonDays', line: 3, column: 3 });
    expect(v.stderr).toMatch(/^gridgov: .*bad\.json:3:3: horizonDays: expected number, found "7"$/m);
  });
});

describe('progress', () => {
  const tty = process.stderr.isTTY;
  afterEach(() => {
    process.stderr.isTTY = tty;
    vi.unstubAllEnvs();
    vi.restoreAllMocks();
  });

  const written = (term: string) => {
    process.stderr.isTTY = true;
    vi.stubEnv('TERM', term);
    const out: string[] = [];
    vi.spyOn(process.stderr, 'write').mockImplementation((t) => (out.push(String(t)), true));
    const p = new Progress(2, 'runs');
    p.tick('a');
    p.tick('b');
    p.end();
    return out.join('');
  };

  it('redraws one line on a terminal, and prints plain lines when TERM=dumb', () => {
    expect(written('xterm')).toContain('\r\x1b[2K');
    const dumb = written('dumb');
    expect(dumb).not.toMatch(/\r|\x1b/);
    expect(dumb.trimEnd().split('\n')).toHaveLength(2);
  });
});
