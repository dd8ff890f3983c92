import { describe, expect, it } from 'vitest';
import { csvCell, csvNumber, csvTable, CsvWriter, parseCsv, parseCsvLine, parseCsvRows } from '../../sim/run/csv.ts';

describe('the one CSV writer and reader', () => {
  const awkward = ['plain', 'a,b', 'say "hi"', 'two\nlines', 'cr\r\nlf', '', ' padded ', '"', ',,'];

  it('writes fields with commas, quotes and line breaks so that they read back as written', () => {
    const rows = awkward.map((text, i) => [i, text, i / 3]);
    const text = csvTable(['id', 'name, with comma', 'third'], rows);
    const back = parseCsvRows(text);
    expect(back[0]).toEqual(['id', 'name, with comma', 'third']);
    expect(back.slice(1).map((r) => r[1])).toEqual(awkward);
    expect(back.slice(1).every((r) => r.length === 3)).toBe(true);
    expect(back[4]![2]).toBe('1'); // 3/3
    const { columns, rows: objects } = parseCsv(text);
    expect(columns).toEqual(['id', 'name, with comma', 'third']);
    expect(objects.map((o) => o['name, with comma'])).toEqual(awkward);
  });

  it('streams the same bytes as the whole-table writer', () => {
    const chunks: string[] = [];
    const w = new CsvWriter({ write: (t) => chunks.push(t) }, ['id', 'name'], 3);
    awkward.forEach((t, i) => w.row([i, t]));
    w.flush();
    expect(chunks.length).toBeGreaterThan(2); // header + blocks of 3
    expect(chunks.join('')).toBe(csvTable(['id', 'name'], awkward.map((t, i) => [i, t])));
    expect(() => w.row([1])).toThrow(/1 cells for 2 columns/);
  });

  it('has one number format: 10 significant digits, empty for NaN and infinities', () => {
    expect(csvNumber(1 / 3)).toBe('0.3333333333');
    expect(csvNumber(123456789.987654321)).toBe('123456790');
    expect(csvNumber(12345678901234)).toBe('12345678901234'); // a seed stays exact
    expect(csvNumber(42)).toBe('42');
    expect([NaN, Infinity, -Infinity].map(csvNumber)).toEqual(['', '', '']);
    expect([true, false, null, undefined].map(csvCell)).toEqual(['1', '0', '', '']);
    expect(csvCell([1, 'a,b'])).toBe('"[1,""a,b""]"');
  });

  it('reads one streamed line with quotes', () => {
    expect(parseCsvLine('1,"a,b","x""y",')).toEqual(['1', 'a,b', 'x"y', '']);
  });
});
