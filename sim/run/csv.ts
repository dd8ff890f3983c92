import { csvParse, csvParseRows } from 'd3-dsv';

// The one CSV format of every table gridgov writes, and the one reader of those it reads
// (RFC 4180: fields holding a comma, a quote or a line break are quoted, a quote inside is
// doubled; rows end in \n). Browser-safe: the viewer reads and the core writes with the same code.

/**
 * A number as every table writes it: integers exactly (a seed, a count), other numbers to 10
 * significant digits, '' for NaN and ±∞.
 */
export const csvNumber = (x: number): string => (Number.isInteger(x) ? String(x) : Number.isFinite(x) ? String(Number(x.toPrecision(10))) : '');

/**
 * A time or an hour count in the per-event tables (cases, timeseries, staff): 4 decimals
 * (0.36 s), '' for NaN and ±∞. Fixed decimals keep those large files short and aligned.
 */
export function csvHours(x: number): string {
  if (!Number.isFinite(x)) return '';
  // x.toFixed(4), the same text, ≈ 2× faster (cases.csv formats ≈ 30 numbers per case): the
  // nearest integer to |x|·10⁴ with ties away from zero, unless the product is too near a tie
  // for its rounding error to be ruled out (then toFixed itself decides); tested against toFixed.
  const y = Math.abs(x) * 1e4;
  if (!(y < 9e15)) return x.toFixed(4);
  const whole = Math.floor(y);
  const frac = y - whole;
  if (Math.abs(frac - 0.5) < 1e-6 + y * 4e-16) return x.toFixed(4);
  const n = frac > 0.5 ? whole + 1 : whole;
  const int = Math.floor(n / 1e4);
  const dec = n - int * 1e4;
  const decText = dec < 10 ? '000' + dec : dec < 100 ? '00' + dec : dec < 1000 ? '0' + dec : '' + dec;
  return (x < 0 ? '-' : '') + int + '.' + decText;
}

/** Text quoted when it holds a comma, a quote or a line break. */
export function csvText(text: string): string {
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * One cell: numbers as csvNumber, booleans as 1/0, null and undefined as '', text quoted when
 * needed, anything else (an array or object, e.g. a sweep value) as its JSON text, quoted.
 */
export function csvCell(v: unknown): string {
  if (typeof v === 'number') return csvNumber(v);
  if (typeof v === 'string') return csvText(v);
  if (typeof v === 'boolean') return v ? '1' : '0';
  if (v === null || v === undefined) return '';
  if (typeof v === 'bigint') return String(v);
  return csvText(JSON.stringify(v));
}

/** One row, with its final line break. */
export const csvRow = (cells: readonly unknown[]): string => `${cells.map(csvCell).join(',')}\n`;

/** A whole table: the header, then one line per row. */
export function csvTable(columns: readonly string[], rows: Iterable<readonly unknown[]>): string {
  let out = csvRow(columns);
  for (const r of rows) out += csvRow(r);
  return out;
}

/** Where a streamed table goes (a file stream, a string builder). */
export interface CsvSink {
  write(text: string): void;
}

/**
 * A table written row by row, for tables too large to hold (cases.csv, sweep records). The
 * header goes out at construction; rows are buffered and passed on in blocks.
 */
export class CsvWriter {
  private buffer: string[] = [];
  rows = 0;

  constructor(
    private readonly sink: CsvSink,
    readonly columns: readonly string[],
    private readonly blockRows = 2048,
  ) {
    sink.write(csvRow(columns));
  }

  /** One row of cells in the order of `columns`. */
  row(cells: readonly unknown[]): void {
    if (cells.length !== this.columns.length) throw new Error(`CSV row of ${cells.length} cells for ${this.columns.length} columns`);
    this.line(csvRow(cells));
  }

  /** A row already formatted by the caller (a hot path), with its final line break. */
  line(text: string): void {
    this.buffer.push(text);
    this.rows++;
    if (this.buffer.length >= this.blockRows) this.flush();
  }

  flush(): void {
    if (this.buffer.length === 0) return;
    this.sink.write(this.buffer.join(''));
    this.buffer = [];
  }
}

/** A CSV text as rows of fields (quotes undone), the header row included. */
export function parseCsvRows(text: string): string[][] {
  return csvParseRows(text);
}

/** A CSV text as one object per row, keyed by the header's names; `columns` keeps their order. */
export function parseCsv(text: string): { columns: string[]; rows: Record<string, string>[] } {
  const parsed = csvParse(text);
  return { columns: parsed.columns, rows: [...parsed] as Record<string, string>[] };
}

/** The fields of one line (no line break inside); for readers that stream a table line by line. */
export function parseCsvLine(line: string): string[] {
  return csvParseRows(line)[0] ?? [''];
}
