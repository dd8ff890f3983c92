import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveScenario } from '../../../sim/scenario/load.ts';
import { minServersForWait, mmcMeanWait } from '../../../sim/stats/queueing.ts';
import { arrivalRates } from '../../../sim/validation/analytic.ts';
import { gridgov, tempDir, writeJson } from '../../helpers/cli.ts';
import { minimalScenario } from '../../helpers/scenarios.ts';

const readJson = (d: string, f: string) => JSON.parse(readFileSync(join(d, f), 'utf8'));

describe('gridgov size', () => {
  it('on the one-tier M/M/c queue, finds the server count Erlang C gives for a target mean wait', () => {
    const dir = tempDir('gridgov-size-');
    const raw = JSON.parse(readFileSync('scenarios/validation/mmc.json', 'utf8'));
    raw.horizonDays = 40;
    raw.warmupDays = 5;
    raw.demand.categories[0].ratePer1000PerDay = 115.2; // λ = 4.8/h, 1/μ = 1 h: needs c ≥ 5 to be stable
    const file = writeJson(dir, 'mmc.json', raw);
    const lambda = arrivalRates(resolveScenario(raw, 'mmc'))[0]!;
    const target = 0.3; // Wq(6) = 0.43 h, Wq(7) = 0.13 h: a target between them, far from both
    const c = minServersForWait(lambda, 1, target);
    expect(c).toBe(7);
    expect(mmcMeanWait(lambda, 1, c - 1)).toBeGreaterThan(target * 1.3);
    const out = join(dir, 'size');
    const args = ['size', file, '--vary', 'staff.gridWorker.count=1..10', '--target', `waitHours.mean<=${target}`, '--reps', '4', '--workers', '2', '--out', out];
    const r = gridgov(args);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('chosen: staff.gridWorker.count=7');
    const s = readJson(out, 'size.json');
    expect(s.chosen.values).toEqual({ 'staff.gridWorker.count': c });
    expect(s.chosen.binding).toBe(`waitHours.mean<=${target}`);
    expect(s.chosen.cheaperNeighbours).toEqual([{ values: { 'staff.gridWorker.count': 6 }, fails: [`waitHours.mean<=${target}`] }]);
    expect(s.search.evaluated).toBeLessThanOrEqual(6); // bisection over 10 candidates
    expect(s.candidates.every((x: { pareto: boolean }) => x.pareto)).toBe(true); // more servers: dearer and shorter waits
    const chosen = s.candidates.find((x: { chosen: boolean }) => x.chosen);
    expect(chosen.targets[0].ciHigh).toBeLessThanOrEqual(target);
    // Resumed: the same command makes no new run and writes the same files.
    const before = ['size.json', 'size-candidates.csv'].map((f) => readFileSync(join(out, f), 'utf8'));
    const again = gridgov(args);
    expect(again.stdout).toContain('0 runs made now');
    expect(['size.json', 'size-candidates.csv'].map((f) => readFileSync(join(out, f), 'utf8'))).toEqual(before);
  });

  it('the monotone search picks what an exhaustive search picks, over two staff fields, and sizes grids', () => {
    const dir = tempDir('gridgov-size-');
    const file = writeJson(dir, 'mini.json', minimalScenario({ horizonDays: 10, warmupDays: 2 }));
    const out = join(dir, 'size');
    const common = ['size', file, '--vary', 'staff.gridWorker.count=1..3', '--vary', 'staff.streetHandler.count=1..3', '--target', 'resolutionHours.p90<=62', '--target', 'utilization.streetHandler<=0.3', '--cost', 'gridWorker=45,streetHandler=50,*=40', '--reps', '3', '-q', '--out', out];
    expect(gridgov([...common, '--exhaustive']).code).toBe(0);
    const full = readJson(out, 'size.json');
    expect(full.search.evaluated).toBe(9);
    expect(full.chosen).not.toBeNull();
    expect(full.candidates.filter((c: { feasible: boolean }) => !c.feasible).length).toBeGreaterThan(0);
    expect(gridgov(common).code).toBe(0); // same runs, reused from the folder
    const smart = readJson(out, 'size.json');
    expect(smart.search.mode).toBe('monotone');
    expect(smart.search.evaluated).toBeLessThan(9);
    expect(smart.chosen?.values).toEqual(full.chosen?.values);
    const csv = readFileSync(join(out, 'size-candidates.csv'), 'utf8').split('\n')[0]!.split(',');
    expect(csv.slice(0, 4)).toEqual(['point', 'staff.gridWorker.count', 'staff.streetHandler.count', 'runs']);
    expect(csv.slice(4, 7)).toEqual(['cost.mean', 'cost.ciLow', 'cost.ciHigh']);
    expect(csv.slice(-3)).toEqual(['feasible', 'pareto', 'chosen']);

    const grids = gridgov(['size', file, '--vary', 'staff.gridWorker.count=1,2', '--vary', 'territory.householdsPerGrid=400,800', '--target', 'utilization.gridWorker<=0.7', '--reps', '2', '-q', '--out', join(dir, 'grids')]);
    expect(grids.code).toBe(0);
    const g = readJson(join(dir, 'grids'), 'size.json');
    expect(g.objective).toBe('costPerHousehold');
    expect(g.vary[1].leastServiceFirst).toEqual([800, 400]);
  });

  it('bad input: exit 2 naming the flag and what was expected', () => {
    const dir = tempDir('gridgov-size-');
    const file = writeJson(dir, 'mini.json', minimalScenario({ horizonDays: 4, warmupDays: 1 }));
    const cases: [string[], string][] = [
      [['--vary', 'staff.gridWorker.count=1..2', '--target', 'resolutionHours.p90=<168'], '--target: (top level): expected metric<=value or metric>=value'],
      [['--vary', 'staff.gridWorker.count=1..2', '--target', 'speed<=1'], '--target: speed: expected a metric'],
      [['--vary', 'horizonDays=1..2', '--target', 'slaMet>=0.9'], '--vary: horizonDays: expected a staff count'],
      [['--vary', 'staff.gridWorkr.count=1..2', '--target', 'slaMet>=0.9'], 'staff.gridWorkr'],
      [['--vary', 'staff.gridWorker.count=1..2', '--target', 'slaMet>=0.9', '--cost', 'mayor=100'], '--cost: mayor: expected a role'],
      [['--vary', 'staff.gridWorker.count=1..2', '--target', 'slaMet>=0.9', '--reps', '1'], '--reps: reps: expected at least 2 replications'],
    ];
    for (const [extra, message] of cases) {
      const r = gridgov(['size', file, ...extra, '--out', join(dir, 'o')]);
      expect(r.code, extra.join(' ')).toBe(2);
      expect(r.stderr, extra.join(' ')).toContain(message);
    }
  });

  it('a run that kills its thread stops the search with exit 1, naming the run and keeping the rest', () => {
    const dir = tempDir('gridgov-size-');
    const file = writeJson(dir, 'mini.json', minimalScenario({ horizonDays: 4, warmupDays: 1 }));
    const r = gridgov(['size', file, '--policy', 'test/fixtures/exitingPolicy.ts', '--vary', 'staff.gridWorker.count=1..3', '--target', 'slaMet>=0.5', '--reps', '4', '-w', '2', '-q', '--out', join(dir, 'o')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/run failed: c2-r\d \(seed \d\): worker thread exited with code 7 before finishing/);
    expect(r.stderr).toContain('the same command resumes');
    expect(r.stderr).not.toContain('internal error');
  });
});
