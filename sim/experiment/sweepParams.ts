import { InputError } from '../scenario/errors.ts';

/** One swept scenario field and the values it takes, in the order given. */
export interface SweepParam {
  path: string;
  values: unknown[];
  /** The `--set` text it came from, for messages. */
  spec: string;
}

/** `--set` parsed: a swept parameter (two or more values) or a fixed override (one value). */
export type SetSpec = { kind: 'sweep'; param: SweepParam } | { kind: 'fixed'; assignment: string };

const NUMBER = '[-+]?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][-+]?\\d+)?';
const RANGE = new RegExp(`^(${NUMBER})\\.\\.(${NUMBER})(?::(.*))?$`);
const MAX_VALUES = 100_000;

/**
 * Reads `path=v1,v2,…` (a list; each value JSON if it parses, else text; commas inside quotes,
 * brackets or braces do not split) or `path=lo..hi:step` (every lo + i·step up to hi; `lo..hi`
 * steps by 1), or `path=value` (a fixed override, as `run --set`).
 */
export function parseSetSpec(spec: string, flag = '--set'): SetSpec {
  const eq = spec.indexOf('=');
  if (eq <= 0) throw new InputError(flag, [{ path: '', expected: 'path=value, path=v1,v2,… or path=lo..hi:step', found: spec }]);
  const path = spec.slice(0, eq).trim();
  const text = spec.slice(eq + 1).trim();
  if (!/^[A-Za-z_$][\w$]*(\.[\w$]+)*$/.test(path)) throw new InputError(flag, [{ path, expected: 'a dotted field path such as staff.gridWorker.count', found: spec }]);
  const range = RANGE.exec(text);
  if (range) return { kind: 'sweep', param: { path, spec, values: rangeValues(path, range, flag, text) } };
  const pieces = splitTopLevel(text);
  if (pieces.length === 1) return { kind: 'fixed', assignment: `${path}=${text}` };
  if (pieces.some((p) => p === '')) throw new InputError(flag, [{ path, expected: 'a comma-separated list without empty values', found: text }]);
  const values = pieces.map(parseValue);
  const keys = values.map((v) => JSON.stringify(v));
  if (new Set(keys).size !== keys.length) throw new InputError(flag, [{ path, expected: 'distinct values', found: text }]);
  return { kind: 'sweep', param: { path, spec, values } };
}

function rangeValues(path: string, m: RegExpExecArray, flag: string, text: string): number[] {
  const lo = Number(m[1]);
  const hi = Number(m[2]);
  const step = m[3] === undefined ? 1 : Number(m[3]);
  const problems = [];
  if (!(hi >= lo)) problems.push({ path, expected: 'lo..hi:step with lo <= hi', found: text });
  if (!(step > 0) || !Number.isFinite(step)) problems.push({ path, expected: 'a step > 0 after the colon (lo..hi:step)', found: text });
  if (problems.length) throw new InputError(flag, problems);
  const count = Math.floor((hi - lo) / step + 1e-9) + 1;
  if (count > MAX_VALUES) throw new InputError(flag, [{ path, expected: `at most ${MAX_VALUES} values`, found: `${count} values in ${text}` }]);
  if (count < 2) throw new InputError(flag, [{ path, expected: 'a range with at least two values (or give one value as path=value)', found: text }]);
  // Round each value so 0.1 steps give 0.3, not 0.30000000000000004.
  return Array.from({ length: count }, (_, i) => Number((lo + i * step).toPrecision(12)));
}

function parseValue(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Splits on commas that are not inside quotes, brackets or braces. */
export function splitTopLevel(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let quoted = false;
  let cur = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '\\') {
        cur += ch + (text[i + 1] ?? '');
        i++;
        continue;
      }
      if (ch === '"') quoted = false;
    } else if (ch === '"') quoted = true;
    else if (ch === '[' || ch === '{') depth++;
    else if (ch === ']' || ch === '}') depth--;
    else if (ch === ',' && depth === 0) {
      out.push(cur.trim());
      cur = '';
      continue;
    }
    cur += ch;
  }
  out.push(cur.trim());
  return out;
}

