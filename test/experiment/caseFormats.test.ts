import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { parquetMetadata, parquetReadObjects } from 'hyparquet';
import { beforeAll, describe, expect, it } from 'vitest';
import { CASE_COLUMNS } from '../../sim/run/caseRows.ts';
import { parseCsvLine as splitCsvLine } from '../../sim/run/csv.ts';
import { openCaseSink, withIdColumns } from '../../sim/node/cli/caseSinks.ts';
import { gridgov, tempDir, writeJson } from '../helpers/cli.ts';
import { minimalScenario } from '../helpers/scenarios.ts';

// The same run written as cases.csv, cases.csv.gz and cases.parquet (with the id columns), read
// back as pandas, R or DuckDB would: the same rows, the same values.

let dir: string;
let file: string;
const read = (...p: string[]) => readFileSync(join(dir, ...p));
const lines = (text: string) => text.trimEnd().split('\n');

beforeAll(() => {
  dir = tempDir('gridgov-cases-');
  file = writeJson(dir, 'mini.json', minimalScenario({ horizonDays: 6, warmupDays: 1 }));
  for (const [out, extra] of [
    ['csv', []],
    ['gz', ['--cases-format', 'csv.gz']],
    ['pq', ['--cases-format', 'parquet', '--id-columns']],
  ] as const) {
    const r = gridgov(['run', file, '--seed', 'a,b', '-q', '--out', join(dir, out), ...extra]);
    expect(r.code, r.stderr).toBe(0);
  }
});

describe('--cases-format', () => {
  it('csv.gz is the csv, gzipped, byte for byte', () => {
    const csv = read('csv', 'cases.csv').toString('utf8');
    expect(lines(csv).length).toBeGreaterThan(50);
    expect(gunzipSync(read('gz', 'cases.csv.gz')).toString('utf8')).toBe(csv);
    const manifest = JSON.parse(read('gz', 'manifest.json').toString('utf8'));
    expect(manifest.files['cases.csv.gz']).toBe(read('gz', 'cases.csv.gz').length);
  });

  it('parquet holds every case with typed columns, the id columns first', async () => {
    const csv = lines(read('csv', 'cases.csv').toString('utf8'));
    const buf = read('pq', 'cases.parquet');
    const file = buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength);
    const meta = parquetMetadata(file);
    expect(Number(meta.num_rows)).toBe(csv.length - 1);
    expect(meta.schema.slice(1).map((s) => s.name)).toEqual(['scenario', 'policy', 'seed', 'rep', ...CASE_COLUMNS]);
    const rows = (await parquetReadObjects({ file })) as Record<string, unknown>[];
    expect(rows).toHaveLength(csv.length - 1);
    const head = splitCsvLine(csv[0]!);
    const first = Object.fromEntries(splitCsvLine(csv[1]!).map((v, i) => [head[i], v]));
    expect(rows[0]).toMatchObject({ scenario: 'test-mini', policy: 'hierarchical', seed: 'a,b', rep: 0, id: Number(first.id), category: first.category, createdAt: Number(first.createdAt) });
    const open = rows.find((r) => r.state !== 'closed');
    if (open) expect(open.closedAt).toBeNull(); // an empty cell is null, not 0
  });

  it('--id-columns puts scenario, policy, seed, rep first on timeseries.csv and staff.csv; without it they are as before', () => {
    for (const f of ['timeseries.csv', 'staff.csv']) {
      const plain = lines(read('csv', f).toString('utf8'));
      const tidy = lines(read('pq', f).toString('utf8'));
      expect(tidy[0]).toBe(`scenario,policy,seed,rep,${plain[0]}`);
      expect(tidy[1]).toBe(`test-mini,hierarchical,"a,b",0,${plain[1]}`);
      expect(splitCsvLine(tidy[1]!)).toHaveLength(splitCsvLine(plain[1]!).length + 4);
    }
    expect(withIdColumns('a,b\n1,"x\ny"\n', { scenario: 's', policy: 'p', seed: 3, rep: 1 })).toBe('scenario,policy,seed,rep,a,b\ns,p,3,1,1,"x\ny"\n');
  });

  it('a gzip of several blocks reads back whole', () => {
    const path = join(dir, 'big', 'cases.csv.gz');
    const sink = openCaseSink(path, 'csv.gz');
    const row = `${'x'.repeat(99)}\n`;
    let text = '';
    for (let i = 0; i < 60_000; i++) {
      sink.write(row); // 6 MB: two gzip members
      text += row;
    }
    const bytes = sink.close();
    expect(bytes).toBe(readFileSync(path).length);
    expect(gunzipSync(readFileSync(path)).toString('utf8')).toBe(text);
  });
});
