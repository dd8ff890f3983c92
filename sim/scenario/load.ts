import type { z } from 'zod';
import { InputError, type InputProblem } from './errors.ts';
import { scenarioSchema, type Scenario } from './schema.ts';
import { locateJsonError, locatePath } from './jsonLocate.ts';
import { semanticProblems } from './semantics.ts';
import { valueAt } from './valueAt.ts';

// Loading is split from file reading so that the same code validates in Node and in the
// browser: `parseScenarioText` takes the text and a name for messages.

/** Parses JSON text, applies a variant and `--set` overrides, fills defaults and validates. Throws InputError. */
export function parseScenarioText(text: string, file: string, sets: readonly string[] = [], variant?: string): Scenario {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    const at = locateJsonError(text);
    throw new InputError(file, [{ path: '', expected: `valid JSON (${at?.reason ?? 'the file is empty'})`, ...(at && { line: at.line, column: at.column }) }]);
  }
  try {
    return resolveScenario(raw, file, sets, variant);
  } catch (err) {
    if (!(err instanceof InputError)) throw err;
    throw locateProblems(err, text, file, variant === undefined ? sets : [...variantSets(raw, variant, file), ...sets]);
  }
}

/**
 * The problems of a scenario read from `text`, each with the line and column of its field —
 * except fields that a `--set` or the variant gave their value (that value is not in the file).
 */
function locateProblems(err: InputError, text: string, file: string, sets: readonly string[]): InputError {
  const setPaths = sets.map((s) => s.slice(0, s.indexOf('=')).trim());
  const bySet = (path: string) => setPaths.some((s) => path === s || path.startsWith(`${s}.`));
  const problems = err.problems.map((p) => {
    if (p.line !== undefined || p.path === '' || bySet(p.path)) return p;
    const at = locatePath(text, p.path.split('.'));
    return at ? { ...p, ...at } : p;
  });
  return new InputError(file, problems);
}

/**
 * Validates an already-parsed scenario object (after applying the named variant's overrides,
 * then `sets`) and fills its defaults.
 */
export function resolveScenario(raw: unknown, file: string, sets: readonly string[] = [], variant?: string): Scenario {
  let data = structuredClone(raw);
  if (variant !== undefined) data = applyVariant(data, variant, file);
  for (const s of sets) data = applySet(data, s, file);
  const result = scenarioSchema.safeParse(data);
  if (!result.success) {
    throw new InputError(file, result.error.issues.map((i) => issueToProblem(i, data)));
  }
  const problems = semanticProblems(result.data);
  if (problems.length > 0) throw new InputError(file, problems);
  return result.data;
}

/** The `--set` assignments of a variant listed in the scenario's `variants` (its policy as `policy.name`). */
export function variantSets(raw: unknown, name: string, file: string): string[] {
  const list = (raw as { variants?: unknown } | null)?.variants;
  const variants = Array.isArray(list) ? (list as { name?: unknown; policy?: unknown; set?: unknown }[]) : [];
  const v = variants.find((x) => x && x.name === name);
  if (!v) {
    const names = variants.map((x) => JSON.stringify(x?.name)).join(', ');
    throw new InputError(file, [{ path: 'variants', expected: names ? `a variant named one of ${names}` : 'a "variants" list naming this variant', found: name }]);
  }
  const sets: string[] = [];
  if (v.policy !== undefined) sets.push(`policy.name=${JSON.stringify(v.policy)}`);
  if (v.set !== undefined && (typeof v.set !== 'object' || v.set === null || Array.isArray(v.set))) {
    throw new InputError(file, [{ path: `variants.${variants.indexOf(v)}.set`, expected: 'an object of path: value overrides', found: v.set }]);
  }
  for (const [path, value] of Object.entries((v.set ?? {}) as Record<string, unknown>)) sets.push(`${path}=${JSON.stringify(value)}`);
  return sets;
}

function applyVariant(data: unknown, name: string, file: string): unknown {
  let out = data;
  for (const s of variantSets(data, name, file)) out = applySet(out, s, file);
  return out;
}

/** `path=value`: value is JSON when it parses as JSON, else a string. Paths are dotted; numbers index arrays. */
export function applySet(data: unknown, assignment: string, file: string): unknown {
  const eq = assignment.indexOf('=');
  if (eq <= 0) {
    throw new InputError(file, [{ path: '', expected: '--set in the form path=value', found: assignment }]);
  }
  const path = assignment.slice(0, eq).trim();
  const text = assignment.slice(eq + 1);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    value = text;
  }
  if (typeof data !== 'object' || data === null) {
    throw new InputError(file, [{ path: '', expected: 'a JSON object at the top level', found: data }]);
  }
  const keys = path.split('.');
  let node = data as Record<string, unknown>;
  for (let i = 0; i < keys.length - 1; i++) {
    const key = keys[i]!;
    const next = node[key];
    if (next === undefined) {
      // Create intermediate objects so a default-only section can be overridden.
      node[key] = {};
    } else if (typeof next !== 'object' || next === null) {
      throw new InputError(file, [
        { path: keys.slice(0, i + 1).join('.'), expected: `an object or array to set ${path} in`, found: next },
      ]);
    }
    node = node[key] as Record<string, unknown>;
  }
  node[keys[keys.length - 1]!] = value;
  return data;
}

function issueToProblem(issue: z.core.$ZodIssue, data: unknown): InputProblem {
  const path = issue.path.map(String).join('.');
  const found = valueAt(data, issue.path);
  switch (issue.code) {
    case 'unrecognized_keys':
      return {
        path: [...issue.path.map(String), issue.keys.join(', ')].join('.'),
        expected: `no such field (unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')})`,
      };
    case 'invalid_type':
      return { path, expected: issue.expected === undefined ? issue.message : `${issue.expected}`, found };
    case 'too_small':
      return { path, expected: `${issue.origin === 'array' ? 'at least' : issue.inclusive ? '>=' : '>'} ${issue.minimum}${issue.origin === 'array' ? ' items' : ''}`, found: issue.origin === 'array' ? `${(found as unknown[] | undefined)?.length ?? 0} items` : found };
    case 'too_big':
      return { path, expected: `${issue.origin === 'array' ? 'at most' : issue.inclusive ? '<=' : '<'} ${issue.maximum}${issue.origin === 'array' ? ' items' : ''}`, found: issue.origin === 'array' ? `${(found as unknown[] | undefined)?.length ?? 0} items` : found };
    case 'invalid_value':
      return { path, expected: `one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`, found };
    case 'invalid_union': {
      const u = issue as z.core.$ZodIssue & { options?: unknown[]; errors?: z.core.$ZodIssue[][] };
      if (u.options) return { path, expected: `one of ${u.options.map((v) => JSON.stringify(v)).join(', ')}`, found };
      // A branch that got past the type (its issue lies deeper) says more than the list of types;
      // of those, one that knows every key of the object (a rota, not a group) is the one meant.
      const branches = (u.errors ?? []).filter((b) => b.length > 0);
      const knowsKeys = (b: z.core.$ZodIssue[]) => !b.some((i) => i.code === 'unrecognized_keys' && i.path.length === 0);
      const deeper = branches.find((b) => knowsKeys(b) && b[0]!.path.length > 0) ?? branches.find((b) => b[0]!.path.length > 0);
      if (deeper) return issueToProblem({ ...deeper[0]!, path: [...issue.path, ...deeper[0]!.path] } as z.core.$ZodIssue, data);
      const alternatives = branches.map((b) => {
        const first = b[0]!;
        if (first.code === 'invalid_value') return first.values.map((v) => JSON.stringify(v)).join(' or ');
        if (first.code === 'invalid_type') return String(first.expected);
        return first.message;
      });
      return { path, expected: alternatives.length ? alternatives.join(' or ') : issue.message, found };
    }
    default:
      return { path, expected: issue.message, found };
  }
}
