import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { experimentJsonSchema, loadExperiment } from '../../sim/node/experiment/experimentFile.ts';
import { stableJson } from '../../sim/run/stableJson.ts';
import { gridgov, tempDir, writeJson } from '../helpers/cli.ts';
import { inputError } from '../helpers/errors.ts';
import { minimalScenario } from '../helpers/scenarios.ts';

const EXAMPLES = readdirSync('docs/examples').filter((f) => f.startsWith('experiment-') && f.endsWith('.json'));

describe('experiment files', () => {
  it('the examples and the findings plan are valid experiment files, and scenarios/experiment.schema.json is current', () => {
    expect(EXAMPLES.length).toBeGreaterThanOrEqual(4);
    const kinds = EXAMPLES.map((f) => loadExperiment(join('docs/examples', f)).kind).sort();
    expect(kinds).toEqual(['compare', 'replicate', 'size', 'sweep']);
    expect(loadExperiment('scenarios/findings.json').kind).toBe('findings');
    expect(readFileSync('scenarios/experiment.schema.json', 'utf8')).toBe(stableJson(experimentJsonSchema()));
  });

  it('bad files: the file, the field and what was expected; a kind of a later version is named', () => {
    const dir = tempDir('gridgov-expfile-');
    const bad = writeJson(dir, 'bad.json', { kind: 'sweep', scenario: 's.json', parameters: { 'staff.gridWorker.count': [1] }, replications: 0 });
    const e = inputError(() => loadExperiment(bad));
    expect(e.message).toContain(`${bad}: parameters.staff.gridWorker.count`);
    expect(e.message).toContain('replications');
    const unknown = writeJson(dir, 'k.json', { kind: 'optimize', scenario: 's.json' });
    expect(inputError(() => loadExperiment(unknown)).message).toContain('kind');
    const later = writeJson(dir, 's.json', { kind: 'sensitivity', scenario: 's.json' });
    expect(inputError(() => loadExperiment(later)).message).toContain('“sensitivity” comes with gridgov sensitivity');
  });

  it('a compare file gives the files of the command line it declares', () => {
    const dir = tempDir('gridgov-expfile-');
    const scenario = writeJson(dir, 'mini.json', minimalScenario({ horizonDays: 4, warmupDays: 1 }));
    const plan = writeJson(dir, 'plan.json', { kind: 'compare', scenario, set: { 'staff.gridWorker.count': 2 }, policies: ['flat', 'hierarchical', 'whistle'], replications: 2, seed: 7, workers: 1, metrics: ['slaMet'], outputs: { dir: join(dir, 'file') } });
    const r = gridgov(['experiment', plan]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('Holm-adjusted');
    expect(r.stdout.split('\n').filter((l) => l.startsWith('slaMet'))).toHaveLength(1); // the table shows the file's metrics
    const cli = gridgov(['compare', scenario, '--set', 'staff.gridWorker.count=2', '--policies', 'flat,hierarchical,whistle', '--reps', '2', '--seed', '7', '-w', '1', '-q', '--out', join(dir, 'cli')]);
    expect(cli.code, cli.stderr).toBe(0);
    for (const f of ['comparison.csv', 'runs.csv', 'timeseries-mean.csv']) expect(readFileSync(join(dir, 'file', f), 'utf8'), f).toBe(readFileSync(join(dir, 'cli', f), 'utf8'));
  });
});
