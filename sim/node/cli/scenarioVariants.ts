import { readFileSync } from 'node:fs';
import { InputError } from '../../scenario/errors.ts';
import { resolveScenario } from '../../scenario/load.ts';
import type { Scenario } from '../../scenario/schema.ts';
import { loadScenarioFile } from './files.ts';
import { valueAt } from '../../scenario/valueAt.ts';
import { checkWorldFits } from './worldSize.ts';

/**
 * One scenario file and its variants: the base (the file with the fixed overrides) and, for a
 * sweep point or a sizing candidate, the base with more `path=value` overrides. A variant is
 * checked to have taken effect, so a misspelt or missing field is an error naming the flag, not
 * a silent no-op.
 */
export class ScenarioVariants {
  readonly base: Scenario;
  private readonly raw: unknown;

  constructor(
    readonly file: string,
    readonly fixed: readonly string[],
  ) {
    this.base = loadScenarioFile(file, fixed); // a missing or invalid file is reported here
    this.raw = JSON.parse(readFileSync(file, 'utf8'));
  }

  /** The base with `sets` applied (each `path=<JSON>`). `flag` names the option in messages. */
  variant(sets: readonly string[], flag: string): Scenario {
    let s: Scenario;
    try {
      s = resolveScenario(this.raw, this.file, [...this.fixed, ...sets]);
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
      throw new InputError(`${flag} ${sets.join(' ')} on ${this.file}`, err.problems);
    }
    checkWorldFits(s, `${flag} ${sets.join(' ')} on ${this.file}`);
    for (const set of sets) {
      const eq = set.indexOf('=');
      const path = set.slice(0, eq);
      const wanted = JSON.parse(set.slice(eq + 1)) as unknown;
      if (!contains(valueAt(s, path), wanted)) {
        throw new InputError(flag, [{ path, expected: `a field of the scenario ${this.file} (see scenarios/schema.json); setting it changed nothing`, found: 'no such field' }]);
      }
    }
    return s;
  }
}


/** `actual` has `wanted` (an object may have more keys, defaults filled in). */
function contains(actual: unknown, wanted: unknown): boolean {
  if (typeof wanted !== 'object' || wanted === null) return Object.is(actual, wanted) || actual === wanted;
  if (typeof actual !== 'object' || actual === null) return false;
  if (Array.isArray(wanted)) return Array.isArray(actual) && actual.length === wanted.length && wanted.every((w, i) => contains(actual[i], w));
  return Object.entries(wanted).every(([k, w]) => contains((actual as Record<string, unknown>)[k], w));
}
