import { appendFileSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { gzipSync } from 'node:zlib';
import { ParquetWriter, fileWriter } from 'hyparquet-writer';
import { CASE_COLUMNS, type TextSink } from '../../run/caseRows.ts';
import { csvCell as cell, parseCsvLine as splitCsvLine } from '../../run/csv.ts';
import { FileSink } from './files.ts';

/**
 * Where a run's cases go: `csv` (cases.csv), `csv.gz` (the same text gzipped: a megacity year
 * shrinks about tenfold) or `parquet` (typed columns, compressed, what pandas, R/arrow and
 * DuckDB read directly). All three stream: memory holds one block of rows, never the file.
 */
export const CASES_FORMATS = ['csv', 'csv.gz', 'parquet'] as const;
export type CasesFormat = (typeof CASES_FORMATS)[number];

export const casesFileName = (format: CasesFormat) => (format === 'parquet' ? 'cases.parquet' : `cases.${format}`);

/** What identifies a run in a stack of runs: the columns `scenario, policy, seed, rep` put first. */
export interface RunIds {
  scenario: string;
  policy: string;
  seed: string | number;
  rep: number;
}

export const ID_COLUMNS = ['scenario', 'policy', 'seed', 'rep'] as const;

export interface CaseSink extends TextSink {
  /** Finishes the file and renames it into place; returns its size in bytes. */
  close(): number;
}

/** The CSV lines of `text`, each with its newline; a newline inside quotes stays inside its line. */
export function csvLines(text: string): string[] {
  if (!text.includes('"')) return text.split(/(?<=\n)/);
  const out: string[] = [];
  let quoted = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') quoted = !quoted;
    else if (ch === '\n' && !quoted) {
      out.push(text.slice(start, i + 1));
      start = i + 1;
    }
  }
  if (start < text.length) out.push(text.slice(start));
  return out;
}

/** A CSV text with the id columns put before every line (the header gets their names). */
export function withIdColumns(csv: string, ids: RunIds): string {
  const values = `${[ids.scenario, ids.policy, ids.seed, ids.rep].map(cell).join(',')},`;
  const lines = csvLines(csv);
  return lines.map((l, i) => (i === 0 ? `${ID_COLUMNS.join(',')},` : values) + l).join('');
}

/** Prefixes every row a sink receives with the id columns (the first line written is the header). */
class IdColumns implements CaseSink {
  private header = true;
  private readonly values: string;

  constructor(
    private readonly inner: CaseSink,
    ids: RunIds,
  ) {
    this.values = `${[ids.scenario, ids.policy, ids.seed, ids.rep].map(cell).join(',')},`;
  }

  write(text: string): void {
    let out = '';
    for (const line of csvLines(text)) {
      out += (this.header ? `${ID_COLUMNS.join(',')},` : this.values) + line;
      this.header = false;
    }
    this.inner.write(out);
  }

  close(): number {
    return this.inner.close();
  }
}

class CsvSink implements CaseSink {
  private readonly file: FileSink;
  constructor(path: string) {
    this.file = new FileSink(path);
  }
  write(text: string): void {
    this.file.write(text);
  }
  close(): number {
    this.file.close();
    return this.file.bytes;
  }
}

/**
 * cases.csv.gz, written synchronously in blocks of about 4 MB of text, each compressed as one
 * gzip member and appended: a file of several members is standard gzip (RFC 1952 §2.2), read
 * whole by gzip -d, zcat, Python's gzip (pandas), R's gzfile, DuckDB and node:zlib.
 */
class GzipSink implements CaseSink {
  private readonly tmp: string;
  private pending: string[] = [];
  private pendingChars = 0;
  private bytes = 0;

  constructor(private readonly path: string) {
    mkdirSync(dirname(path), { recursive: true });
    this.tmp = `${path}.tmp-${process.pid}`;
    writeFileSync(this.tmp, '');
  }

  write(text: string): void {
    this.pending.push(text);
    this.pendingChars += text.length;
    if (this.pendingChars >= 4 << 20) this.flush();
  }

  private flush(): void {
    if (this.pending.length === 0) return;
    const gz = gzipSync(this.pending.join(''), { level: 6 });
    appendFileSync(this.tmp, gz);
    this.bytes += gz.length;
    this.pending = [];
    this.pendingChars = 0;
  }

  close(): number {
    this.flush();
    renameSync(this.tmp, this.path);
    return this.bytes;
  }
}

type ColumnType = 'STRING' | 'INT32' | 'DOUBLE';
const INTS = new Set(['id', 'rep', 'slaMet', 'escalations', 'bounces', 'timeouts', 'reopens', 'contacts', 'whistled', 'counted']);
const DOUBLES = new Set(['createdAt', 'reportedAt', 'registeredAt', 'dispatchedAt', 'firstWorkAt', 'resolvedAt', 'verifiedAt', 'closedAt', 'resolutionHours', 'handlingHours', 'waitHours', 'limitHours']);
const typeOf = (column: string): ColumnType => (INTS.has(column) ? 'INT32' : DOUBLES.has(column) ? 'DOUBLE' : 'STRING');
const ROWS_PER_GROUP = 50_000;

/**
 * cases.parquet through hyparquet-writer: the CSV rows are read back into typed columns (times
 * and hours DOUBLE, counts INT32, text UTF-8; an empty cell is null) and written a row group of
 * 50,000 rows at a time, snappy-compressed, so memory holds one row group.
 */
class ParquetSink implements CaseSink {
  private readonly tmp: string;
  private writer: ParquetWriter | undefined;
  private columns: string[] = [];
  private types: ColumnType[] = [];
  private rows: (string | number | null)[][] = [];
  private carry = '';

  constructor(private readonly path: string) {
    mkdirSync(dirname(path), { recursive: true });
    this.tmp = `${path}.tmp-${process.pid}`;
  }

  write(text: string): void {
    const lines = csvLines(this.carry + text);
    this.carry = lines.length && !lines.at(-1)!.endsWith('\n') ? lines.pop()! : '';
    for (const line of lines) {
      const fields = splitCsvLine(line.endsWith('\r\n') ? line.slice(0, -2) : line.slice(0, -1));
      if (!this.writer) this.open(fields);
      else this.rows.push(fields.map((f, j) => (f === '' ? null : this.types[j] === 'STRING' ? f : Number(f))));
      if (this.rows.length >= ROWS_PER_GROUP) this.flush();
    }
  }

  private open(header: string[]): void {
    this.columns = header;
    this.types = header.map(typeOf);
    const schema = [
      { name: 'root', num_children: header.length },
      ...header.map((name, j) => {
        const t = this.types[j]!;
        return t === 'STRING' ? { name, type: 'BYTE_ARRAY' as const, converted_type: 'UTF8' as const, repetition_type: 'OPTIONAL' as const } : { name, type: t, repetition_type: 'OPTIONAL' as const };
      }),
    ];
    this.writer = new ParquetWriter({ writer: fileWriter(this.tmp), schema, createdBy: 'gridgov' });
  }

  private flush(): void {
    if (!this.writer || this.rows.length === 0) return;
    const columnData = this.columns.map((name, j) => ({ name, data: this.rows.map((r) => r[j] ?? null) }));
    void this.writer.write({ columnData, rowGroupSize: this.rows.length });
    this.rows = [];
  }

  close(): number {
    if (this.carry) this.write('\n');
    if (!this.writer) this.open([...CASE_COLUMNS]); // no header came: an empty table
    this.flush();
    void this.writer!.finish();
    renameSync(this.tmp, this.path);
    return this.writer!.writer.offset;
  }
}

/** Opens the case sink of a run folder in `format`, with the id columns first when `ids` is given. */
export function openCaseSink(path: string, format: CasesFormat, ids?: RunIds): CaseSink {
  const sink = format === 'csv' ? new CsvSink(path) : format === 'csv.gz' ? new GzipSink(path) : new ParquetSink(path);
  return ids ? new IdColumns(sink, ids) : sink;
}
