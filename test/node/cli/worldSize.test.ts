import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { estimateWorld } from '../../../sim/node/cli/worldSize.ts';
import { loadScenarioFile } from '../../../sim/node/cli/files.ts';
import { buildTerritory } from '../../../sim/territory/build.ts';
import { gridgov, tempDir, writeJson } from '../../helpers/cli.ts';
import { minimalScenario } from '../../helpers/scenarios.ts';

describe('limits stated before the work', () => {
  it('counts the world as buildTerritory builds it, from counts and from lists', () => {
    for (const file of ['scenarios/default.json', 'scenarios/megacity.json']) {
      const s = loadScenarioFile(file);
      const t = buildTerritory(s.territory);
      const e = estimateWorld(s);
      if (s.territory.boundaries) {
        // built from boundary polygons: districts and streets exact, grids and communities within 1%
        expect([e.districts, e.streets], file).toEqual([t.districts.length, t.streets.length]);
        expect(Math.abs(e.grids / t.grids.length - 1), file).toBeLessThan(0.01);
        expect(Math.abs(e.communities / t.communities.length - 1), file).toBeLessThan(0.01);
      } else {
        expect([e.districts, e.streets, e.communities, e.grids], file).toEqual([t.districts.length, t.streets.length, t.communities.length, t.grids.length]);
      }
      expect(e.residents / t.residents, file).toBeCloseTo(1, 9);
      expect(e.timeseriesCells).toBe(Math.ceil((s.horizonDays * 24) / s.outputs.timeseriesStepHours) * 6);
    }
  });

  it('refuses a territory that cannot fit, with the estimate, the limit and the option that raises it', () => {
    const out = join(tempDir(), 'o');
    const r = gridgov(['run', 'scenarios/default.json', '--set', 'territory.streetsPerDistrict=100000', '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^gridgov: scenarios\/default\.json: territory: expected a world that fits in memory: ≈ [\d,]+ MB estimated \(3\.60e\+6 grids, .*\), over the limit of \d+ MB \(fix: .*streetsPerDistrict.*--max-memory <MB>/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(out)).toBe(false);
  });

  it('refuses a horizon whose time series cannot fit, and honours --max-memory', () => {
    const r = gridgov(['run', 'scenarios/default.json', '--set', 'horizonDays=1e12']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/horizonDays: expected a run that fits in memory: its time series alone need .* found 1000000000000 \(fix: shorten horizonDays or lengthen outputs\.timeseriesStepHours/);
    const file = writeJson(tempDir(), 'mini.json', minimalScenario());
    const small = gridgov(['validate', file, '--max-memory', '10']);
    expect(small.code).toBe(2);
    expect(small.stderr).toContain('over the limit of 10 MB');
  });

  it('says so on stderr when a run creates no cases', () => {
    const dir = tempDir();
    const file = writeJson(dir, 'empty.json', minimalScenario({ horizonDays: 4, warmupDays: 1 }));
    const r = gridgov(['run', file, '--set', 'territory.householdsPerGrid=0.0001', '--out', join(dir, 'o')]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('gridgov: warning: no case was created in the statistics window of test-mini hierarchical seed');
  });
});
