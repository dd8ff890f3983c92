import { describe, expect, it } from 'vitest';
import { mser } from '../../sim/stats/mser.ts';
import { createStreams } from '../../sim/random/stream.ts';
import { gridgov, tempDir, writeJson } from '../helpers/cli.ts';
import { minimalScenario } from '../helpers/scenarios.ts';

describe('MSER warm-up cut', () => {
  const rng = createStreams('mser-test').stream('noise');
  const noise = () => rng.next() - 0.5;

  it('cuts a decaying transient and keeps a stationary series whole', () => {
    // 200 steps of a transient decaying from +20, then 800 steady steps around 10
    const series = Array.from({ length: 1000 }, (_, i) => 10 + (i < 200 ? 20 * (1 - i / 200) : 0) + noise());
    const cut = mser(series);
    expect(cut.truncate % 5).toBe(0);
    expect(cut.truncate).toBeGreaterThanOrEqual(150);
    expect(cut.truncate).toBeLessThanOrEqual(260);
    expect(cut.atLimit).toBe(false);
    const flat = Array.from({ length: 1000 }, () => 10 + noise());
    expect(mser(flat).truncate).toBeLessThan(100);
  });

  it('says when the series has not settled (a steady climb)', () => {
    const climb = Array.from({ length: 500 }, (_, i) => i + noise());
    expect(mser(climb).atLimit).toBe(true);
  });

  it('gridgov warmup suggests warmupDays from a pilot from an empty system', () => {
    const dir = tempDir('gridgov-warmup-');
    const file = writeJson(dir, 'mini.json', minimalScenario({ horizonDays: 6, warmupDays: 1 }));
    const r = gridgov(['warmup', file, '--reps', '2', '-w', '1']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('pilot of 2 replication(s) × 6 days from empty');
    expect(r.stdout).toMatch(/^all tiers\s+\d+/m);
    const days = Number(/suggest: --set warmupDays=(\d+)/.exec(r.stdout)![1]);
    expect(days).toBeGreaterThanOrEqual(0);
    expect(days).toBeLessThanOrEqual(3); // at most half the pilot
  });
});
