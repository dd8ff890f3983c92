import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { calibrate, CALIBRATE_DEFAULTS } from '../../sim/calibrate/calibrate.ts';
import { HARMONIZED_MAPPING, readLogText, type LogMapping } from '../../sim/calibrate/logRecords.ts';

// The same 300 St. Louis requests (test/fixtures/calibrate/README.md) in the harmonized columns and
// in the city's own, read through the mapping the docs give.
const dir = new URL('../fixtures/calibrate/', import.meta.url).pathname;
const harmonized = readFileSync(`${dir}stlouis-excerpt.csv`, 'utf8');
const raw = readFileSync(`${dir}stlouis-excerpt-raw.csv`, 'utf8');
const mapping = JSON.parse(readFileSync(`${dir}stlouis-raw.map.json`, 'utf8')) as LogMapping;

describe('a system’s own columns through a mapping', () => {
  it('reads the same records as the harmonized file', () => {
    const a = readLogText(harmonized, 'h.csv', HARMONIZED_MAPPING);
    const b = readLogText(raw, 'raw.csv', mapping, { ignoreZone: mapping.ignoreZone });
    const strip = (r: (typeof a.records)[number]) => ({ ...r, line: 0 });
    expect(b.records.length).toBe(a.records.length);
    expect(b.records.map(strip)).toEqual(a.records.map(strip));
    expect(b.report.duplicates).toEqual(a.report.duplicates);
  });

  it('calibrates to the same scenario', async () => {
    const opts = { ...CALIBRATE_DEFAULTS, name: 'stl-excerpt', source: 'the St. Louis excerpt', maxIterations: 1, reps: 1, warmupDays: 1, fitRunDays: 2 };
    const a = readLogText(harmonized, 'h.csv', HARMONIZED_MAPPING);
    const b = readLogText(raw, 'raw.csv', mapping, { ignoreZone: true });
    const sa = await calibrate(a.records, a.report, opts);
    const sb = await calibrate(b.records, b.report, opts);
    expect(sb.scenario).toEqual(sa.scenario);
    expect(sa.scenario.departments!.length).toBeGreaterThan(2);
  }, 30_000);

  it('without ignoreZone the spurious Z is refused, naming the row and column', () => {
    expect(() => readLogText(raw, 'raw.csv', { ...mapping, ignoreZone: false })).toThrow(/raw\.csv: 300 of 300 rows: .*row 2, column "DATETIMEINIT".*--tz/);
  });
});
