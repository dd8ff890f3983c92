import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { engineFloor } from '../../../sim/node/bench/engineFloor.ts';
import { median, powerLawExponent } from '../../../sim/node/bench/stats.ts';
import { gridgov, tempDir, writeJson } from '../../helpers/cli.ts';
import { minimalScenario } from '../../helpers/scenarios.ts';

describe('bench building blocks', () => {
  it('fits the exponent of a power law and takes medians', () => {
    const xs = [1000, 2000, 4000, 8000];
    expect(powerLawExponent(xs, xs.map((x) => 3 * x ** 1.25))).toBeCloseTo(1.25, 10);
    expect(powerLawExponent(xs, xs.map((x) => 0.5 * x))).toBeCloseTo(1, 10);
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
  });

  it('the engine floor delivers exactly the events asked for, at the depth asked for', async () => {
    const f = await engineFloor(50, 20_000);
    expect(f.events).toBe(20_000);
    expect(f.depth).toBe(50);
    expect(f.eventsPerSecond).toBeGreaterThan(0);
  });
});

describe('gridgov bench', () => {
  it('measures every part on small scenarios and writes a complete report', () => {
    const dir = tempDir();
    const small = writeJson(dir, 'small.json', minimalScenario({ horizonDays: 4, warmupDays: 1 }));
    // A "city" of 16 small districts listed by name, so the scaling series can take 2, 4, 8, 16.
    const city = minimalScenario({ name: 'city', horizonDays: 4, warmupDays: 1 });
    (city.territory as Record<string, unknown>).districts = Array.from({ length: 16 }, (_, i) => ({ name: `D${i}`, streets: 1 }));
    const cityFile = writeJson(dir, 'city.json', city);
    const out = join(dir, 'bench.json');
    const r = gridgov(['bench', '--default', small, '--city', cityFile, '--reps', '1', '--megacity-days', '2', '--scale-days', '2', '--chain-days', '200', '--out', out, '-q']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const report = JSON.parse(readFileSync(out, 'utf8'));
    expect(report.floor.smallHeap.events).toBe(2_000_000);
    expect(report.default.runs).toHaveLength(1);
    expect(report.default.median.events).toBeGreaterThan(0);
    expect(report.default.median.checksOk).toBe(true);
    expect(report.default.median.bytesWritten).toBeGreaterThan(1000);
    expect(report.megacity.days).toBe(2);
    // the megacity run's own daily open-case series (end of each of its 2 days), and the quarters' ratio
    expect(report.megacity.openCases.daily).toHaveLength(2);
    expect(report.megacity.openCases.daily.every((x: number) => Number.isInteger(x) && x >= 0)).toBe(true);
    expect(report.megacity.openCases.lastQuarterDays).toEqual([1, 2]);
    expect(report.default.median.openCases).toBeUndefined();
    expect(report.scaling.points.map((p: { districts: number }) => p.districts)).toEqual([2, 4, 8, 16]);
    const cases = report.scaling.points.map((p: { casesAll: number }) => p.casesAll);
    expect(cases[3]).toBeGreaterThan(cases[0] * 4); // the series really grows
    expect(Number.isFinite(report.scaling.exponent)).toBe(true);
    // the same network, both ways: about the same number of cases (λ = 1.4/h over 200 days ≈ 6,720)
    expect(report.chain.days).toBe(200);
    expect(Math.abs(report.chain.loop.cases - 6720)).toBeLessThan(6 * Math.sqrt(6720));
    expect(Math.abs(report.chain.gridgov.casesAll - 6720)).toBeLessThan(6 * Math.sqrt(6720));
    expect(report.chain.wallRatio).toBeGreaterThan(0);
    expect(report.targets.map((t: { name: string }) => t.name)).toEqual([
      'default scenario wall time',
      'cost per event vs bare simjs (same heap depth)',
      'cost per event vs bare simjs (100 pending)',
      'time growth with cases (exponent)',
      'three-tier network vs hand-written loop',
      'megacity year on one core',
      'megacity peak memory',
    ]);
  });

  it('rejects a bad flag value with exit 2', () => {
    const r = gridgov(['bench', '--megacity-days', '0']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--megacity-days must be a positive integer/);
  });

  it('refuses a horizon a scenario cannot take before measuring anything (exit 2, the flag and the field)', () => {
    const out = join(tempDir(), 'bench.json');
    const r = gridgov(['bench', '--no-megacity', '--chain-days', '100', '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('gridgov: --chain-days: scenarios/validation/chain-3tier.json: warmupDays: expected less than horizonDays (100)');
    expect(r.stderr).not.toMatch(/engine floor|internal error/);
    expect(existsSync(out)).toBe(false);
  });
});
