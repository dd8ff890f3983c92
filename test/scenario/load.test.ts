import { describe, expect, it } from 'vitest';
import { inputError as problemsOf } from '../helpers/errors.ts';
import { readFileSync } from 'node:fs';
import { parseScenarioText, resolveScenario } from '../../sim/scenario/load.ts';
import { scenarioJsonSchema } from '../../sim/scenario/schema.ts';
import { minimalScenario } from '../helpers/scenarios.ts';
import { stableJson } from '../../sim/node/cli/files.ts';


describe('scenario loading', () => {
  it('fills every default in one place', () => {
    const s = resolveScenario(minimalScenario(), 'mini.json');
    expect(s.policy.name).toBe('hierarchical');
    expect(s.timeLimitsHours).toEqual({ emergency: 2, urgent: 24, general: 168, complex: 360 });
    expect(s.demand.categories[0]!.reportDelayHours).toEqual({ dist: 'exponential', mean: 12 });
    expect(s.patrol.enabled).toBe(true);
    expect(s.seed).toBe(1);
  });

  it('names the file, the field, what was expected and what was found', () => {
    const err = problemsOf(() => resolveScenario(minimalScenario({ horizonDays: 'ninety' }), 'bad.json'));
    expect(err.message).toMatch(/^bad\.json: horizonDays: expected number, found "ninety"$/m);
    expect(err.problems[0]!.path).toBe('horizonDays');
  });

  it('rejects unknown fields (typos) by name', () => {
    const raw = minimalScenario();
    (raw as Record<string, unknown>).horizonDay = 3;
    const err = problemsOf(() => resolveScenario(raw, 'typo.json'));
    expect(err.message).toContain('typo.json');
    expect(err.message).toContain('"horizonDay"');
    expect(err.message).toContain('no such field');
  });

  it('explains a bad distribution', () => {
    const raw = minimalScenario();
    const cats = (raw.demand as { categories: Record<string, unknown>[] }).categories;
    cats[0]!.workHours = { dist: 'normal', mean: 1 };
    const err = problemsOf(() => resolveScenario(raw, 'd.json'));
    expect(err.message).toContain('demand.categories.0.workHours.dist');
    expect(err.message).toContain('"lognormal"');
    expect(err.message).toContain('found "normal"');
  });

  it('checks values across fields: departments, shifts, report shares, warm-up', () => {
    const raw = minimalScenario({ warmupDays: 50 });
    const cats = (raw.demand as { categories: Record<string, unknown>[] }).categories;
    cats[1]!.department = 'nowhere';
    cats[0]!.report = { hotline: 0.7, app: 0.5 };
    (raw.staff as Record<string, unknown>).gridWorker = { count: 1, shift: { startHour: 18, endHour: 9 } };
    const err = problemsOf(() => resolveScenario(raw, 'x.json'));
    const paths = err.problems.map((p) => p.path);
    expect(paths).toContain('warmupDays');
    expect(paths).toContain('demand.categories.1.department');
    expect(paths).toContain('demand.categories.0.report');
    expect(paths).toContain('staff.gridWorker.shift.endHour');
    expect(err.message).toContain('one of the departments ("utilities")');
  });

  it('names the field of a bad rota: empty, a bad group, a bad shift', () => {
    const withGrid = (gridWorker: unknown) => {
      const raw = minimalScenario();
      (raw.staff as Record<string, unknown>).gridWorker = gridWorker;
      return problemsOf(() => resolveScenario(raw, 'r.json'));
    };
    expect(withGrid({ rota: [] }).message).toMatch(/^r\.json: staff\.gridWorker\.rota: expected at least 1 items/m);
    expect(withGrid({ rota: [{ count: 1, shift: 'nope' }] }).problems[0]!.path).toBe('staff.gridWorker.rota.0.shift');
    expect(withGrid({ rota: [{ count: 1 }, { count: -2 }] }).problems[0]!.path).toBe('staff.gridWorker.rota.1.count');
    expect(withGrid({ rota: [{ count: 1, shift: { startHour: 18, endHour: 9 } }] }).problems[0]!.path).toBe('staff.gridWorker.rota.0.shift.endHour');
    // A plain group's error still names the group's field, not the rota's.
    expect(withGrid({ count: -1 }).problems[0]!.path).toBe('staff.gridWorker.count');
  });

  it('keeps volunteers to plain groups (no rota form)', () => {
    const raw = minimalScenario({ selfManagement: { volunteers: { rota: [{ count: 1 }] } } });
    expect(problemsOf(() => resolveScenario(raw, 'v.json')).message).toContain('selfManagement.volunteers');
  });

  it('reports broken JSON with its line and column', () => {
    const err = problemsOf(() => parseScenarioText('{\n  "name": "x",\n  "horizonDays": ,\n}', 'broken.json'));
    expect(err.message).toMatch(/^broken\.json:3:18: \(top level\): expected valid JSON \(expected a value, found ','\)$/);
    const trailing = problemsOf(() => parseScenarioText('{\n  "name": "x",\n}', 't.json'));
    expect(trailing.message).toBe("t.json:3:1: (top level): expected valid JSON (trailing comma before '}')");
  });

  it('gives the line and column of a bad field, and none for a value that --set gave', () => {
    const raw = minimalScenario({ horizonDays: '7' });
    const text = JSON.stringify(raw, null, 2);
    const line = text.split('\n').findIndex((l) => l.includes('"horizonDays"')) + 1;
    const err = problemsOf(() => parseScenarioText(text, 'scenarios/x.json'));
    expect(err.message).toBe(`scenarios/x.json:${line}:3: horizonDays: expected number, found "7"`);
    expect(err.problems[0]).toMatchObject({ path: 'horizonDays', line, column: 3 });
    const nested = JSON.stringify(minimalScenario({ territory: { districts: 1, streetsPerDistrict: 'two', communitiesPerStreet: 2, gridsPerCommunity: 3 } }), null, 2);
    const nestedLine = nested.split('\n').findIndex((l) => l.includes('"streetsPerDistrict"')) + 1;
    expect(problemsOf(() => parseScenarioText(nested, 'n.json')).message).toMatch(new RegExp(`^n\\.json:${nestedLine}:5: territory\\.streetsPerDistrict: expected`));
    const set = problemsOf(() => parseScenarioText(JSON.stringify(minimalScenario()), 'm.json', ['horizonDays="7"']));
    expect(set.message).toBe('m.json: horizonDays: expected number, found "7"');
  });

  it('suggests the fix when the warm-up is not shorter than the horizon', () => {
    const text = JSON.stringify(minimalScenario({ horizonDays: 20, warmupDays: 14 }), null, 2);
    const line = text.split('\n').findIndex((l) => l.includes('"warmupDays"')) + 1;
    const err = problemsOf(() => parseScenarioText(text, 'w.json', ['horizonDays=7']));
    expect(err.message).toBe(`w.json:${line}:3: warmupDays: expected less than horizonDays (7), found 14 (fix: set warmupDays below 7, e.g. --set warmupDays=1, or horizonDays above 14)`);
  });

  it('applies --set overrides with JSON values and dotted paths', () => {
    const text = JSON.stringify(minimalScenario());
    const s = parseScenarioText(text, 'm.json', ['horizonDays=7', 'demand.categories.0.ratePer1000PerDay=2.5', 'policy.name=flat', 'patrol.enabled=false', 'name=renamed']);
    expect(s.horizonDays).toBe(7);
    expect(s.demand.categories[0]!.ratePer1000PerDay).toBe(2.5);
    expect(s.policy.name).toBe('flat');
    expect(s.patrol.enabled).toBe(false);
    expect(s.name).toBe('renamed');
  });

  it('rejects a malformed --set and an override of the wrong type', () => {
    const text = JSON.stringify(minimalScenario());
    expect(problemsOf(() => parseScenarioText(text, 'm.json', ['horizonDays'])).message).toContain('path=value');
    expect(problemsOf(() => parseScenarioText(text, 'm.json', ['horizonDays=abc'])).message).toContain('horizonDays: expected number, found "abc"');
    expect(problemsOf(() => parseScenarioText(text, 'm.json', ['name.first=x'])).message).toContain('name: expected an object');
  });

  it('emits a JSON Schema that editors can use, and scenarios/schema.json is current', () => {
    const schema = scenarioJsonSchema() as { properties: Record<string, unknown>; required: string[] };
    expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(['territory', 'demand', 'staff', 'policy']));
    expect(schema.required).toEqual(expect.arrayContaining(['name', 'horizonDays', 'territory', 'demand', 'staff']));
    const onDisk = JSON.parse(readFileSync(new URL('../../scenarios/schema.json', import.meta.url), 'utf8'));
    expect(readFileSync(new URL("../../scenarios/schema.json", import.meta.url), "utf8")).toBe(stableJson(schema));
    expect(onDisk.properties.horizonDays).toBeDefined();
  });

  it('every bundled scenario validates', () => {
    for (const f of ['default.json']) {
      const text = readFileSync(new URL(`../../scenarios/${f}`, import.meta.url), 'utf8');
      expect(() => parseScenarioText(text, f)).not.toThrow();
    }
  });
});
