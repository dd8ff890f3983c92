import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readLogText, HARMONIZED_MAPPING } from '../../../sim/calibrate/logRecords.ts';
import { gridgov, tempDir } from '../../helpers/cli.ts';
import { inputError } from '../../helpers/errors.ts';

const HEADER = 'city,window,request_id,created,closed,status,type,subtype,agency,channel,district,neighborhood,zip,lat,lon';
const row = (id: number, created: string, closed = '') => `X,w,${id},${created},${closed},,Pothole,,ROADS,PHONE,ward 1,,,,`;
const goodRows = Array.from({ length: 120 }, (_, i) => row(i + 1, `2024-01-0${1 + (i % 5)} ${String(8 + (i % 9)).padStart(2, '0')}:00:00`, `2024-01-0${6 + (i % 3)} 10:00:00`));

describe('gridgov calibrate: malformed logs exit 2 naming the file, the row and the column', () => {
  const dir = tempDir('gridgov-calibrate-');
  const write = (name: string, text: string) => {
    const p = join(dir, name);
    writeFileSync(p, text);
    return p;
  };

  it('a missing column', () => {
    const p = write('nocol.csv', `${HEADER.replace('closed', 'finished')}\n${goodRows.join('\n')}\n`);
    const r = gridgov(['calibrate', p, '-q']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/nocol\.csv: row 1 \(header\), column "closed": expected a column "closed" for "closed"/);
  });

  it('bad timestamps, beyond the allowed share', () => {
    const rows = [...goodRows];
    rows[4] = row(5, '2024-13-40 25:00:00');
    rows[9] = row(10, '2024-01-02 09:00:00', 'yesterday');
    const p = write('badtime.csv', `${HEADER}\n${rows.join('\n')}\n`);
    const r = gridgov(['calibrate', p, '-q']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/badtime\.csv: 2 of 120 rows: expected at most 1\.00% unreadable rows/);
    expect(r.stderr).toMatch(/row 6, column "created": expected a valid date and time, found "2024-13-40 25:00:00"/);
    expect(r.stderr).toMatch(/row 11, column "closed": expected a timestamp .*found "yesterday"/);
  });

  it('an empty file, and a header without rows', () => {
    const empty = gridgov(['calibrate', write('empty.csv', ''), '-q']);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toMatch(/empty\.csv: row 1: expected a header row and at least one data row; the file is empty/);
    const headerOnly = gridgov(['calibrate', write('header.csv', `${HEADER}\n`), '-q']);
    expect(headerOnly.code).toBe(2);
    expect(headerOnly.stderr).toMatch(/header\.csv: row 2: expected at least one data row/);
  });
});

describe('reading a log: what is dropped is counted and shown', () => {
  it('duplicates, closings before openings, and --max-bad-share', () => {
    const rows = [...goodRows, row(3, '2024-01-04 09:00:00'), row(500, '2024-01-03 09:00:00', '2024-01-02 09:00:00'), row(501, 'not a time')];
    const text = `${HEADER}\n${rows.join('\n')}\n`;
    const err = inputError(() => readLogText(text, 'log.csv', HARMONIZED_MAPPING));
    expect(err.message).toMatch(/log\.csv: 2 of 123 rows/);
    const { records, report } = readLogText(text, 'log.csv', HARMONIZED_MAPPING, { maxBadShare: 0.05 });
    expect(records.length).toBe(120);
    expect(report.duplicates).toEqual({ count: 1, firstIds: ['3'] });
    expect(report.closedBeforeCreated).toEqual({ count: 1, first: [{ line: 123, id: '500' }] });
    expect(report.bad).toEqual([{ line: 124, column: 'created', value: 'not a time', expected: expect.stringContaining('a timestamp') }]);
  });

  it('a quoted field with a comma and a line break keeps rows and line numbers right', () => {
    const text = `${HEADER}\nX,w,1,2024-01-01 08:00:00,,,"Pothole, deep\nand wide",,ROADS,PHONE,ward 1,,,,\n${row(2, '2024-01-01 09:00:00')}\n`;
    const { records } = readLogText(text, 'q.csv', HARMONIZED_MAPPING);
    expect(records.map((r) => [r.line, r.type])).toEqual([[2, 'Pothole, deep\nand wide'], [4, 'Pothole']]);
  });
});
