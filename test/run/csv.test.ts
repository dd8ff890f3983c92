import { describe, expect, it } from 'vitest';
import { csvCell, csvHours, csvNumber, csvTable, CsvWriter, parseCsv, parseCsvLine, parseCsvRows } from '../../sim/run/csv.ts';

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

describe('csvHours', () => {
  it('writes exactly what toFixed(4) writes, ties and signs included', () => {
    // Deterministic values: random-looking magnitudes, exact ties k/10⁴ + 0.00005 (the cases
    // the fast path must hand to toFixed), tiny negatives, integers, large numbers.
    const xs: number[] = [0, -0, 1, -1, 0.00005, -0.00005, 0.00004999, 123.00005, 2.5e-5, -2.5e-5, 1e-9, -1e-9, 9e11, 1e12 + 0.12345, 1e16, -1e21];
    let s = 12345;
    for (let i = 0; i < 200_000; i++) {
      s = (s * 16807) % 2147483647;
      const u = s / 2147483647;
      xs.push(u * 10 ** ((i % 9) - 2) * (i % 3 === 0 ? -1 : 1));
      xs.push(Math.floor(u * 1e7) / 1e4 + 0.00005);
    }
    const wrong = xs.filter((x) => csvHours(x) !== x.toFixed(4));
    expect(wrong.slice(0, 5).map((x) => [x, csvHours(x), x.toFixed(4)])).toEqual([]);
    expect(csvHours(NaN)).toBe('');
    expect(csvHours(Infinity)).toBe('');
  });
});
