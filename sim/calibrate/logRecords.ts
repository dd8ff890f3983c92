import { InputError, type InputProblem } from '../scenario/errors.ts';
import { parseCsv } from './csv.ts';
import { parseTimestamp, type TimestampOptions } from './timestamps.ts';

/**
 * From the text of a case log to typed records: one per request, times in wall-clock hours
 * (sim/calibrate/timestamps.ts). Columns come from a mapping (docs/calibration.md, "Mapping");
 * the harmonized format of the shared data folder is the default. Rows that cannot be read are
 * counted and shown, and the log is refused when their share exceeds `maxBadShare`: a
 * calibration never rests silently on a fraction of its log.
 */
export const LOG_FIELDS = ['id', 'created', 'closed', 'type', 'unit', 'channel', 'area', 'lat', 'lon'] as const;
export type LogField = (typeof LOG_FIELDS)[number];
export const REQUIRED_FIELDS: readonly LogField[] = ['created', 'closed', 'type', 'unit'];

export type FieldSpec = string | { column: string; prefix?: string; stripSuffix?: string; values?: Record<string, string> };

export interface LogMapping {
  columns: Partial<Record<LogField, FieldSpec>>;
  /** Cell texts read as "no value" in `closed`, `lat`, `lon` (an empty `closed` = still open). */
  missing?: string[];
  /** Ignore a zone designator on timestamps (they are local time whatever they say). */
  ignoreZone?: boolean;
  /** The log's channel names → the model's report channels; unlisted ones follow the default rule. */
  channels?: Record<string, 'hotline' | 'app' | 'gridWorker'>;
}

/** The harmonized header of /work/shared/data/service-requests (its README). */
export const HARMONIZED_MAPPING: LogMapping = {
  columns: { id: 'request_id', created: 'created', closed: 'closed', type: 'type', unit: 'agency', channel: 'channel', area: 'district', lat: 'lat', lon: 'lon' },
  missing: ['', 'NA', 'NULL'],
};

export interface LogRecord {
  /** 1-based line of the file where the row starts. */
  line: number;
  id: string;
  created: number;
  /** null = still open when the log was taken. */
  closed: number | null;
  type: string;
  unit: string;
  channel: string;
  area: string;
}

export interface BadRow {
  line: number;
  column: string;
  value: string;
  expected: string;
}

export interface LogReadReport {
  file: string;
  rowsRead: number;
  bad: BadRow[];
  duplicates: { count: number; firstIds: string[] };
  closedBeforeCreated: { count: number; first: Array<{ line: number; id: string }> };
  maxBadShare: number;
}

export interface LogReadOptions extends TimestampOptions {
  maxBadShare?: number;
}

const AREA_CELL_DEGREES = 0.02; // ≈ 2 km: areas from coordinates when the log has no area column

export function readLogText(text: string, file: string, mapping: LogMapping, opts: LogReadOptions = {}): { records: LogRecord[]; report: LogReadReport } {
  const maxBadShare = opts.maxBadShare ?? 0.01;
  const rows = parseCsv(text);
  const head = rows.next();
  if (head.done) throw new InputError(file, [{ path: 'row 1', expected: 'a header row and at least one data row; the file is empty' }]);
  const header = head.value.fields.map((h) => h.trim());
  const index = new Map(header.map((h, i) => [h, i]));
  const missingColumns: InputProblem[] = [];
  const specs = new Map<LogField, { col: number; name: string; spec: FieldSpec }>();
  for (const f of LOG_FIELDS) {
    const spec = mapping.columns[f];
    if (spec === undefined) {
      if (REQUIRED_FIELDS.includes(f)) missingColumns.push({ path: `row 1 (header)`, expected: `a column for "${f}" (give it with --columns ${f}=NAME or in the --map file)` });
      continue;
    }
    const name = typeof spec === 'string' ? spec : spec.column;
    const col = index.get(name);
    if (col === undefined) missingColumns.push({ path: `row 1 (header), column "${name}"`, expected: `a column "${name}" for "${f}"`, found: header.join(',') });
    else specs.set(f, { col, name, spec });
  }
  if (missingColumns.length) throw new InputError(file, missingColumns);

  const missing = new Set(mapping.missing ?? ['']);
  const bad: BadRow[] = [];
  const records: LogRecord[] = [];
  const seen = new Set<string>();
  const dupIds: string[] = [];
  let dupCount = 0;
  const cbc: Array<{ line: number; id: string }> = [];
  let cbcCount = 0;
  let rowsRead = 0;
  const value = (fields: string[], f: LogField): string | undefined => {
    const s = specs.get(f);
    if (!s) return undefined;
    let v = (fields[s.col] ?? '').trim();
    if (typeof s.spec !== 'string') {
      if (s.spec.values && v in s.spec.values) v = s.spec.values[v]!;
      if (s.spec.stripSuffix && v.endsWith(s.spec.stripSuffix)) v = v.slice(0, -s.spec.stripSuffix.length).trim();
      if (s.spec.prefix) v = s.spec.prefix + v;
    }
    return v;
  };
  for (const { line, fields } of rows) {
    rowsRead++;
    if (fields.length !== header.length) {
      bad.push({ line, column: '(row)', value: `${fields.length} fields`, expected: `${header.length} fields as in the header` });
      continue;
    }
    const created = parseTimestamp(value(fields, 'created')!, opts);
    if ('error' in created) {
      bad.push({ line, column: specs.get('created')!.name, value: value(fields, 'created')!, expected: created.error });
      continue;
    }
    const closedText = value(fields, 'closed')!;
    let closed: number | null = null;
    if (!missing.has(closedText)) {
      const c = parseTimestamp(closedText, opts);
      if ('error' in c) {
        bad.push({ line, column: specs.get('closed')!.name, value: closedText, expected: `${c.error}, or empty if still open` });
        continue;
      }
      closed = c.hours;
    }
    const id = value(fields, 'id') ?? String(line);
    if (seen.has(id)) {
      dupCount++;
      if (dupIds.length < 5) dupIds.push(id);
      continue;
    }
    seen.add(id);
    if (closed !== null && closed < created.hours) {
      cbcCount++;
      if (cbc.length < 5) cbc.push({ line, id });
      continue;
    }
    records.push({
      line,
      id,
      created: created.hours,
      closed,
      type: value(fields, 'type') || '(no type)',
      unit: value(fields, 'unit') || '(no unit)',
      channel: value(fields, 'channel') ?? '(no channel)',
      area: areaOf(value(fields, 'area'), value(fields, 'lat'), value(fields, 'lon'), missing),
    });
  }
  if (rowsRead === 0) throw new InputError(file, [{ path: 'row 2', expected: 'at least one data row after the header; the file has none' }]);
  const dropped = bad.length + cbcCount;
  if (dropped > maxBadShare * rowsRead || records.length === 0) {
    throw new InputError(file, [
      {
        path: `${dropped} of ${rowsRead} rows`,
        expected: `at most ${(maxBadShare * 100).toFixed(2)}% unreadable rows (--max-bad-share raises it); first ones: ${describeBad(bad, cbc)}`,
      },
    ]);
  }
  return { records, report: { file, rowsRead, bad, duplicates: { count: dupCount, firstIds: dupIds }, closedBeforeCreated: { count: cbcCount, first: cbc }, maxBadShare } };
}

function areaOf(area: string | undefined, lat: string | undefined, lon: string | undefined, missing: Set<string>): string {
  if (area !== undefined) return area || '(no area)';
  if (lat === undefined || lon === undefined || missing.has(lat) || missing.has(lon)) return '(no area)';
  const la = Number(lat);
  const lo = Number(lon);
  if (!Number.isFinite(la) || !Number.isFinite(lo)) return '(no area)';
  return `cell ${Math.floor(la / AREA_CELL_DEGREES)},${Math.floor(lo / AREA_CELL_DEGREES)}`;
}

export function describeBad(bad: BadRow[], cbc: Array<{ line: number; id: string }> = []): string {
  const parts = bad.slice(0, 5).map((b) => `row ${b.line}, column "${b.column}": expected ${b.expected}, found ${JSON.stringify(b.value)}`);
  for (const c of cbc.slice(0, Math.max(0, 5 - parts.length))) parts.push(`row ${c.line}: closed before created (id ${c.id})`);
  return parts.join('; ');
}

/** `--columns created=A,closed=B,…` → a mapping. */
export function mappingFromColumns(text: string): LogMapping | { error: string } {
  const columns: Partial<Record<LogField, string>> = {};
  for (const part of text.split(',').filter(Boolean)) {
    const eq = part.indexOf('=');
    const key = part.slice(0, eq).trim() as LogField;
    if (eq < 1 || !LOG_FIELDS.includes(key)) return { error: `"${part}": expected FIELD=COLUMN with FIELD one of ${LOG_FIELDS.join(', ')}` };
    columns[key] = part.slice(eq + 1).trim();
  }
  return { columns, missing: ['', 'NA', 'NULL'] };
}
