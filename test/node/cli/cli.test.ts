import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gridgov, tempDir, writeJson } from '../../helpers/cli.ts';
import { minimalScenario } from '../../helpers/scenarios.ts';

const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string };

describe('gridgov command', () => {
  it('prints its version and help', () => {
    const v = gridgov(['--version']);
    expect(v.code).toBe(0);
    expect(v.stdout.trim()).toBe(pkg.version);
    const h = gridgov(['--help']);
    expect(h.code).toBe(0);
    for (const cmd of ['run', 'compare', 'replicate', 'validate', 'schema']) expect(h.stdout).toContain(cmd);
    const rh = gridgov(['run', '--help']);
    expect(rh.code).toBe(0);
    expect(rh.stdout).toContain('--set');
  });

  it('run writes one complete folder that follows the output contract', () => {
    const dir = tempDir();
    const file = writeJson(dir, 'mini.json', minimalScenario());
    const out = join(dir, 'out');
    const r = gridgov(['run', file, '--policy', 'flat', '--seed', '5', '--out', out]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('policy flat');
    expect(readdirSync(out).sort()).toEqual(['cases.csv', 'manifest.json', 'scenario.json', 'staff.csv', 'summary.json', 'timeseries.csv']);
    const s = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    expect(s.scenario).toBe('test-mini');
    expect(s.policy).toBe('flat');
    expect(s.seed).toBe(5);
    expect(Object.keys(s.cases)).toEqual(expect.arrayContaining(['created', 'closed', 'open']));
    expect(s.cases.created).toBe(s.cases.closed + s.cases.open);
    expect(Object.keys(s.resolutionHours)).toEqual(expect.arrayContaining(['mean', 'p50', 'p90', 'p95', 'max']));
    expect(s.slaMet).toBeGreaterThan(0);
    expect(s.slaMet).toBeLessThanOrEqual(1);
    expect(Object.keys(s.resolvedByTier)).toEqual(expect.arrayContaining(['grid', 'community', 'street', 'district']));
    expect(typeof s.escalationsPerCase).toBe('number');
    expect(s.utilization.gridWorker).toBeGreaterThan(0);
    expect(s.checks.conservation).toBe(true);
    expect(Object.keys(s.checks.littleLaw)).toEqual(expect.arrayContaining(['relErr', 'ok']));
    const header = readFileSync(join(out, 'cases.csv'), 'utf8').split('\n')[0]!.split(',');
    expect(header).toEqual(expect.arrayContaining(['id', 'category', 'grid', 'source', 'priority', 'createdAt', 'closedAt', 'resolutionHours', 'resolvedTier', 'escalations']));
    const ts = readFileSync(join(out, 'timeseries.csv'), 'utf8').split('\n')[0];
    expect(ts).toBe('hour,tier,arrivals,backlog,busyStaff,patrolStaff,onDutyStaff');
    const m = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(m.gridgov).toBe(pkg.version);
    expect(m.seed).toBe(5);
    expect(m.scenarioHash).toMatch(/^[0-9a-f]{64}$/);
    expect(typeof m.wallSeconds).toBe('number');
    const resolved = JSON.parse(readFileSync(join(out, 'scenario.json'), 'utf8'));
    expect(resolved.policy.name).toBe('flat');
    expect(resolved.seed).toBe(5);
    expect(resolved.patrol.roundHours).toBe(1); // defaults filled in
  });

  it('gives byte-identical outputs for the same command, apart from wall time', () => {
    const dir = tempDir();
    const file = writeJson(dir, 'mini.json', minimalScenario());
    for (const o of ['a', 'b']) expect(gridgov(['run', file, '--out', join(dir, o), '-q']).code).toBe(0);
    for (const f of ['cases.csv', 'summary.json', 'timeseries.csv', 'staff.csv', 'scenario.json']) {
      expect(readFileSync(join(dir, 'b', f), 'utf8'), f).toBe(readFileSync(join(dir, 'a', f), 'utf8'));
    }
    const strip = (p: string) => ({ ...JSON.parse(readFileSync(p, 'utf8')), wallSeconds: 0 });
    expect(strip(join(dir, 'b', 'manifest.json'))).toEqual(strip(join(dir, 'a', 'manifest.json')));
  });

  it('bad input: a clear message naming file and field, exit 2, and nothing already written is lost', () => {
    const dir = tempDir();
    const out = join(dir, 'out');
    const good = writeJson(dir, 'good.json', minimalScenario());
    expect(gridgov(['run', good, '--out', out, '-q']).code).toBe(0);
    const before = readFileSync(join(out, 'summary.json'), 'utf8');
    const bad = writeJson(dir, 'bad.json', minimalScenario({ horizonDays: -3 }));
    const r = gridgov(['run', bad, '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('bad.json:3:3: horizonDays: expected > 0, found -3');
    expect(r.stderr).not.toMatch(/\bat .*\.ts:\d+/); // no stack trace
    expect(readFileSync(join(out, 'summary.json'), 'utf8')).toBe(before);

    writeFileSync(join(dir, 'broken.json'), '{ "name": "x", ');
    const b = gridgov(['validate', join(dir, 'broken.json')]);
    expect(b.code).toBe(2);
    expect(b.stderr).toContain('broken.json:1:16: (top level): expected valid JSON (expected a quoted field name, found the end of the file)');

    const missing = gridgov(['run', join(dir, 'nope.json')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('nope.json: (top level): expected a readable scenario file (no such file)');

    const flag = gridgov(['run', good, '--frobnicate']);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toContain("gridgov: unknown option '--frobnicate'");
    expect(gridgov(['frob']).stderr).toContain("gridgov: unknown command 'frob'");

    const set = gridgov(['run', good, '--set', 'patrol.roundHours=fast', '--out', out]);
    expect(set.code).toBe(2);
    expect(set.stderr).toContain('patrol.roundHours: expected number, found "fast"');

    const fresh = join(dir, 'fresh');
    expect(gridgov(['run', good, '--policy', 'anarchy', '--out', fresh]).code).toBe(2);
    expect(existsSync(fresh)).toBe(false); // nothing half-written
    const pol = gridgov(['run', good, '--policy', 'anarchy']);
    expect(pol.code).toBe(2);
    expect(pol.stderr).toContain('policy.name: expected one of "hierarchical", "flat", "whistle" or a policy file');
    expect(readFileSync(join(out, 'summary.json'), 'utf8')).toBe(before);
  });

  it('validate checks every file and schema prints the JSON Schema', () => {
    const dir = tempDir();
    const good = writeJson(dir, 'good.json', minimalScenario());
    const v = gridgov(['validate', good, 'scenarios/default.json']);
    expect(v.code).toBe(0);
    expect(v.stdout).toContain('good.json: ok');
    const s = gridgov(['schema']);
    expect(s.code).toBe(0);
    expect(JSON.parse(s.stdout).properties.demand).toBeDefined();
  });

  it('compare runs policies on common seeds and writes comparison.json/csv; identical policies differ by exactly zero', () => {
    const dir = tempDir();
    const file = writeJson(dir, 'mini.json', minimalScenario({ horizonDays: 15 }));
    const out = join(dir, 'cmp');
    const r = gridgov(['compare', file, '--policies', 'hierarchical,test/fixtures/sameAsHierarchical.ts,flat', '--reps', '3', '--seed', '11', '--out', out]);
    expect(r.stderr).not.toContain('error');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('hierarchical-copyOfHierarchical');
    const c = JSON.parse(readFileSync(join(out, 'comparison.json'), 'utf8'));
    expect(c.scenario).toBe('test-mini');
    expect(c.reps).toBe(3);
    expect(c.policies).toEqual(['hierarchical', 'copyOfHierarchical', 'flat']);
    expect(c.seeds).toEqual([11, 12, 13]);
    for (const m of ['resolutionHours.mean', 'resolutionHours.p90', 'slaMet', 'utilization.gridWorker']) {
      const i = c.metrics[m].hierarchical;
      expect(i.ciLow).toBeLessThanOrEqual(i.mean);
      expect(i.ciHigh).toBeGreaterThanOrEqual(i.mean);
      expect(c.differences[m]['hierarchical-copyOfHierarchical']).toMatchObject({ mean: 0, ciLow: 0, ciHigh: 0, n: 3, sd: 0, pValue: 1, pHolm: 1 });
      expect(c.differences[m]['hierarchical-flat']).toBeDefined();
    }
    expect(c.differences['resolutionHours.mean']['hierarchical-flat'].mean).not.toBe(0);
    // where the hours go: printed, and in comparison.json with paired differences (issue 11)
    expect(r.stdout).toContain('where the hours go');
    expect(r.stdout).toMatch(/\ntransit +\d/);
    expect(r.stdout).toContain('KM median');
    const stages = ['discovery', 'registration', 'queue', 'review', 'transit', 'travel', 'work', 'verify', 'rework'];
    const sum = stages.reduce((a, st) => a + c.hours.hierarchical[`${st}Hours`].meanHours, 0);
    expect(sum).toBeCloseTo(c.metrics['resolutionHours.mean'].hierarchical.mean, 6);
    expect(c.differences['stages.meanHours.queueHours']['hierarchical-copyOfHierarchical']).toMatchObject({ mean: 0, ciLow: 0, ciHigh: 0 });
    expect(Number.isFinite(c.differences['survival.median.estimate']['hierarchical-flat'].mean)).toBe(true);
    const csv = readFileSync(join(out, 'comparison.csv'), 'utf8');
    expect(csv.split('\n')[0]).toBe('metric,kind,policy,n,mean,sd,ciLow,ciHigh,level,pValue,adjustment,pAdjusted,ciLowAdjusted,ciHighAdjusted');
    expect(r.stdout).toContain('Holm-adjusted');
    expect(readFileSync(join(out, 'runs.csv'), 'utf8').trimEnd().split('\n')).toHaveLength(1 + 9);
    expect(existsSync(join(out, 'manifest.json'))).toBe(true);
  });

  it('loads a user policy file for run', () => {
    const dir = tempDir();
    const file = writeJson(dir, 'mini.json', minimalScenario());
    const r = gridgov(['run', file, '--policy', 'scenarios/policies/streetFirst.ts', '--out', join(dir, 'o'), '-q']);
    expect(r.stderr).not.toMatch(/BOOKS|error/); // a Little's-law warning on this short run is allowed
    expect(r.code).toBe(0);
    const s = JSON.parse(readFileSync(join(dir, 'o', 'summary.json'), 'utf8'));
    expect(s.policy).toBe('streetFirst');
    expect(s.checks.ok).toBe(true);
    expect(s.utilization.districtDispatcher).toBeLessThan(0.2); // no case loops between the centres (a loop pins it at 100%)
    // the resolved scenario names the policy file, so it runs again as it is
    const again = gridgov(['run', join(dir, 'o', 'scenario.json'), '--out', join(dir, 'again'), '-q']);
    expect(again.code).toBe(0);
    expect(readFileSync(join(dir, 'again', 'cases.csv'), 'utf8')).toBe(readFileSync(join(dir, 'o', 'cases.csv'), 'utf8'));
    const bad = gridgov(['run', file, '--policy', 'test/fixtures/notThere.ts']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('notThere.ts');
  });
});

describe('gridgov selftest', () => {
  it('prints the analytic table with theory, simulated mean ± CI and PASS/FAIL', () => {
    const dir = tempDir();
    const r = gridgov(['selftest', '--only', 'mm1-rho0.5', '--json', join(dir, 'self.json'), '-q']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/model\s+parameters\s+metric\s+theory\s+simulated ± 99% hw\s+rel\.err\s+result/);
    expect(r.stdout).toContain('M/M/1');
    expect(r.stdout).toMatch(/5\/5 PASS/);
    const j = JSON.parse(readFileSync(join(dir, 'self.json'), 'utf8'));
    expect(j.results.every((x: { pass: boolean }) => x.pass)).toBe(true);
  });
});
