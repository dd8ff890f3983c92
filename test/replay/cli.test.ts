import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { parseReplayText } from '../../sim/replay/reader.ts';
import { gridgov, tempDir, writeJson } from '../helpers/cli.ts';
import { minimalScenario } from '../helpers/scenarios.ts';

describe('gridgov --replay', () => {
  it('run --replay writes replay.json (listed in the manifest), --replay-gzip the same bytes gzipped, --replay-sample a sampled one', () => {
    const dir = tempDir();
    const file = writeJson(dir, 'mini.json', minimalScenario({ horizonDays: 3, warmupDays: 1 }));
    const a = gridgov(['run', file, '--seed', '2', '--policy', 'flat', '--replay', '--no-cases', '--out', join(dir, 'a'), '-q']);
    expect(a.stderr).not.toContain('error');
    expect(a.code).toBe(0);
    const text = readFileSync(join(dir, 'a', 'replay.json'), 'utf8');
    const r = parseReplayText(text);
    expect(r.meta).toMatchObject({ scenario: 'test-mini', policy: 'flat', seed: 2, hours: 72 });
    const manifest = JSON.parse(readFileSync(join(dir, 'a', 'manifest.json'), 'utf8'));
    expect(manifest.files['replay.json']).toBe(Buffer.byteLength(text));
    expect(JSON.stringify(r.summary)).toBe(JSON.stringify(JSON.parse(readFileSync(join(dir, 'a', 'summary.json'), 'utf8'))));
    expect(gridgov(['run', file, '--seed', '2', '--policy', 'flat', '--replay-gzip', '--no-cases', '--out', join(dir, 'b'), '-q']).code).toBe(0);
    expect(gunzipSync(readFileSync(join(dir, 'b', 'replay.json.gz'))).toString('utf8')).toBe(text);
    expect(gridgov(['run', file, '--seed', '2', '--policy', 'flat', '--replay-sample', '0.25', '--no-cases', '--out', join(dir, 'c'), '-q']).code).toBe(0);
    const c = parseReplayText(readFileSync(join(dir, 'c', 'replay.json'), 'utf8'));
    expect(c.meta.sample.caseFraction).toBe(0.25);
    expect(c.caseCount).toBeLessThan(r.caseCount / 2);
    expect(c.totals).toEqual(r.totals);
  });

  it('compare --replay writes one replay per run; a bad --replay-sample is a usage error', () => {
    const dir = tempDir();
    const file = writeJson(dir, 'mini.json', minimalScenario({ horizonDays: 2, warmupDays: 1 }));
    const r = gridgov(['compare', file, '--reps', '2', '--workers', '2', '--replay', '--out', join(dir, 'cmp'), '-q']);
    expect(r.code).toBe(0);
    for (const name of ['flat-rep0', 'flat-rep1', 'hierarchical-rep0', 'hierarchical-rep1']) {
      const replay = parseReplayText(readFileSync(join(dir, 'cmp', 'replays', `${name}.replay.json`), 'utf8'));
      expect(replay.meta.policy).toBe(name.split('-')[0]);
    }
    const bad = gridgov(['run', file, '--replay-sample', '0', '--out', join(dir, 'bad')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--replay-sample must be a fraction in (0, 1], got "0"');
    expect(existsSync(join(dir, 'bad'))).toBe(false);
  });
});
