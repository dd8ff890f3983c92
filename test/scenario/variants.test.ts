import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../sim/scenario/errors.ts';
import { parseScenarioText } from '../../sim/scenario/load.ts';
import { gridgov, tempDir, writeJson } from '../helpers/cli.ts';
import { minimalScenario } from '../helpers/scenarios.ts';

const withVariants = () =>
  minimalScenario({
    horizonDays: 6,
    warmupDays: 1,
    variants: [
      { name: 'before', label: 'complaints only', policy: 'hierarchical', set: { 'patrol.enabled': false, 'staff.gridWorker.count': 2 } },
      { name: 'flat', policy: 'flat' },
    ],
  });

describe('scenario variants', () => {
  it('applies a named variant’s policy and overrides, then --set on top', () => {
    const text = JSON.stringify(withVariants());
    const base = parseScenarioText(text, 'v.json');
    expect(base.patrol.enabled).toBe(true);
    const before = parseScenarioText(text, 'v.json', ['staff.gridWorker.count=3'], 'before');
    expect(before.patrol.enabled).toBe(false);
    expect(before.policy.name).toBe('hierarchical');
    expect((before.staff.gridWorker as { count: number }).count).toBe(3);
    expect(parseScenarioText(text, 'v.json', [], 'flat').policy.name).toBe('flat');
  });

  it('rejects an unknown variant, naming the ones there are', () => {
    const text = JSON.stringify(withVariants());
    expect(() => parseScenarioText(text, 'v.json', [], 'after')).toThrow(InputError);
    expect(() => parseScenarioText(text, 'v.json', [], 'after')).toThrow(/variants: expected a variant named one of "before", "flat", found "after"/);
    const dup = { ...withVariants(), variants: [{ name: 'a' }, { name: 'a' }] };
    expect(() => parseScenarioText(JSON.stringify(dup), 'v.json')).toThrow(/variants.1.name: expected a unique variant name/);
  });

  it('gridgov run --variant writes the variant’s run; a bad one exits 2', () => {
    const dir = tempDir();
    const file = writeJson(dir, 'v.json', withVariants());
    const ok = gridgov(['run', file, '--variant', 'before', '--out', join(dir, 'out'), '-q', '--no-cases']);
    expect(ok.code).toBe(0);
    const scenario = JSON.parse(readFileSync(join(dir, 'out', 'scenario.json'), 'utf8'));
    expect(scenario.patrol.enabled).toBe(false);
    const bad = gridgov(['run', file, '--variant', 'nope', '--out', join(dir, 'bad')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('variants: expected a variant named one of');
    expect(existsSync(join(dir, 'bad'))).toBe(false);
  });
});
