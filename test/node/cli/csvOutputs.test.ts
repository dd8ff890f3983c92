import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCsv, parseCsvRows } from '../../../sim/run/csv.ts';
import { EXPERIMENT_METRICS } from '../../../sim/experiment/metrics.ts';
import { gridgov, tempDir, writeJson } from '../../helpers/cli.ts';
import { minimalScenario } from '../../helpers/scenarios.ts';

describe('tables with awkward text', () => {
  it("--seed 'a,b' gives a runs.csv whose seed column reads back whole", () => {
    const dir = tempDir();
    const file = writeJson(dir, 's.json', minimalScenario({ horizonDays: 6, warmupDays: 1 }));
    const out = join(dir, 'reps');
    const r = gridgov(['replicate', file, '--reps', '2', '--seed', 'a,b', '--workers', '1', '--out', out]);
    expect(r.stderr).not.toMatch(/error/i);
    expect(r.code).toBe(0);
    const text = readFileSync(join(out, 'runs.csv'), 'utf8');
    const { columns, rows } = parseCsv(text);
    expect(columns).toEqual(expect.arrayContaining(['scenario', 'policy', 'rep', 'seed', ...EXPERIMENT_METRICS, 'checksOk']));
    expect(parseCsvRows(text).every((row) => row.length === columns.length)).toBe(true);
    expect(rows.map((x) => x.seed)).toEqual(['a,b.0', 'a,b.1']);
    expect(rows.map((x) => x.checksOk)).toEqual(['1', '1']);
    expect(Number(rows[0]!['cases.closed'])).toBeGreaterThan(0);
  });
});
