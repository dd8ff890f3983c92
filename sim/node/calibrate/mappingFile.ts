import { readFileSync } from 'node:fs';
import { LOG_FIELDS, type LogMapping } from '../../calibrate/logRecords.ts';
import { InputError, type InputProblem } from '../../scenario/errors.ts';

/**
 * Reads and checks a `--map` file (format: docs/calibration.md, "Mapping"):
 * `{ "columns": { "created": "DATETIMEINIT", "unit": { "column": "SUBMITTO", "stripSuffix": "," }, … },
 *    "missing": ["", "NULL"], "ignoreZone": true, "channels": { "PHONE": "hotline" } }`.
 */
export function readMappingFile(file: string): LogMapping {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new InputError(file, [{ path: '', expected: code === 'ENOENT' ? 'a readable mapping file (no such file)' : `JSON (${(err as Error).message})` }]);
  }
  const problems: InputProblem[] = [];
  const m = data as Record<string, unknown>;
  if (typeof m !== 'object' || m === null || typeof m.columns !== 'object' || m.columns === null) {
    throw new InputError(file, [{ path: 'columns', expected: 'an object mapping fields to column names' }]);
  }
  for (const [k, v] of Object.entries(m.columns as Record<string, unknown>)) {
    if (!(LOG_FIELDS as readonly string[]).includes(k)) problems.push({ path: `columns.${k}`, expected: `one of ${LOG_FIELDS.join(', ')}` });
    const ok = typeof v === 'string' || (typeof v === 'object' && v !== null && typeof (v as { column?: unknown }).column === 'string');
    if (!ok) problems.push({ path: `columns.${k}`, expected: 'a column name, or { "column": NAME, "prefix"?, "stripSuffix"?, "values"? }', found: v });
  }
  if (m.missing !== undefined && !(Array.isArray(m.missing) && m.missing.every((x) => typeof x === 'string'))) problems.push({ path: 'missing', expected: 'a list of strings', found: m.missing });
  if (m.ignoreZone !== undefined && typeof m.ignoreZone !== 'boolean') problems.push({ path: 'ignoreZone', expected: 'true or false', found: m.ignoreZone });
  if (m.channels !== undefined) {
    for (const [k, v] of Object.entries(m.channels as Record<string, unknown>)) {
      if (!['hotline', 'app', 'gridWorker'].includes(v as string)) problems.push({ path: `channels.${k}`, expected: 'hotline, app or gridWorker', found: v });
    }
  }
  for (const k of Object.keys(m)) if (!['columns', 'missing', 'ignoreZone', 'channels', 'source', 'note'].includes(k)) problems.push({ path: k, expected: 'columns, missing, ignoreZone, channels, source or note' });
  if (problems.length) throw new InputError(file, problems);
  return m as unknown as LogMapping;
}
