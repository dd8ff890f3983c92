import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TimeseriesMean } from '../../sim/experiment/timeseriesMean.ts';
import { nextRound, relativeHalfWidth } from '../../sim/node/experiment/precision.ts';
import { meanCI } from '../../sim/stats/ci.ts';
import { gridgov, tempDir, writeJson } from '../helpers/cli.ts';
import { minimalScenario } from '../helpers/scenarios.ts';

const P = { metric: 'm', relativeHalfWidth: 0.05, minReps: 3, maxReps: 20 };

describe('replications to a target precision', () => {
  it('projects the replications needed from the spread, and stops at the target or the cap', () => {
    expect(relativeHalfWidth([10, 10, 10])).toBe(0);
    expect(relativeHalfWidth([1])).toBe(Infinity);
    expect(nextRound(3, { a: 0.04, b: 0.01 }, P)).toMatchObject({ met: true, next: 3 });
    // 3 · (0.1/0.05)² · 1.1 = 13.2 → 14
    expect(nextRound(3, { a: 0.1 }, P)).toMatchObject({ met: false, next: 14 });
    expect(nextRound(14, { a: 0.5 }, P).next).toBe(20);
    expect(nextRound(20, { a: 0.5 }, P)).toMatchObject({ met: false, next: 20 });
    expect(nextRound(3, { a: 0.051 }, P).next).toBe(4); // at least one more
  });

  it('replicate --precision adds replications until the half-width is reached (or says it is not); timeseries-mean.csv has the band', () => {
    const dir = tempDir('gridgov-precision-');
    const file = writeJson(dir, 'mini.json', minimalScenario({ horizonDays: 5, warmupDays: 1 }));
    const out = join(dir, 'p');
    const r = gridgov(['compare', file, '--reps', '2', '--precision', '0.0001', '--max-reps', '3', '-w', '1', '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/precision: 95% half-width of resolutionHours\.mean within [\d.]+% of the mean after 3 replications \(target 0\.0%, NOT reached at --max-reps 3\)/);
    const c = JSON.parse(readFileSync(join(out, 'comparison.json'), 'utf8'));
    expect(c.reps).toBe(3);
    expect(c.precision).toMatchObject({ metric: 'resolutionHours.mean', target: 0.0001, reps: 3, met: false });
    const rows = readFileSync(join(out, 'timeseries-mean.csv'), 'utf8').trimEnd().split('\n').map((l) => l.split(','));
    expect(rows[0]).toEqual(['scenario', 'policy', 'hour', 'tier', 'n', 'arrivals.mean', 'arrivals.ciLow', 'arrivals.ciHigh', 'backlog.mean', 'backlog.ciLow', 'backlog.ciHigh', 'busyStaff.mean', 'busyStaff.ciLow', 'busyStaff.ciHigh', 'level']);
    expect(new Set(rows.slice(1).map((x) => x[1]))).toEqual(new Set(['flat', 'hierarchical']));
    expect(rows.slice(1).every((x) => x[4] === '3' && Number(x[9]) >= 0)).toBe(true);
    expect(rows.length - 1).toBe(2 * 5 * 24 * 6); // policies × hours × tiers
  });

  it('averages each step and tier across replications with a pointwise interval clipped at 0', () => {
    const t = new TimeseriesMean();
    t.add('p', 'hour,tier,arrivals,backlog,busyStaff\n0,grid,1,0,0.5\n1,grid,3,2,1\n');
    t.add('p', 'hour,tier,arrivals,backlog,busyStaff\n0,grid,2,0,0.1\n1,grid,5,4,2\n');
    const [, r0, r1] = t.csv('s', ['p']).trimEnd().split('\n').map((l) => l.split(','));
    expect(r0!.slice(0, 6)).toEqual(['s', 'p', '0', 'grid', '2', '1.5']);
    expect(Number(r0![6])).toBe(0); // 1.5 − 12.7·0.35 < 0: clipped
    expect(Number(r1![10])).toBeCloseTo(meanCI([2, 4]).ciHigh, 6);
  });
});
