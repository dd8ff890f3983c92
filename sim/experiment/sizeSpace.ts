import { InputError } from '../scenario/errors.ts';
import { parseSetSpec } from './sweepParams.ts';

/**
 * A field that sizing varies. `order` lists its values from the least service (and least cost) to
 * the most: staff counts ascending; households per grid descending (a smaller grid gives each
 * household more of its grid workers' time, at a higher cost per household).
 */
export interface VaryField {
  path: string;
  kind: 'staff' | 'householdsPerGrid';
  /** The values as given (the run keys index this list). */
  values: number[];
  /** Indices into `values`, least service first. */
  order: number[];
}

// A group's count: plain, one of a list (.<i>), or one turn of a rota (.rota.<i>).
const STAFF = /^(staff\.[A-Za-z]+|departments\.\d+\.handlers)(\.rota\.\d+(\.\d+)?|\.\d+)?\.count$/;

export function parseVary(spec: string): VaryField {
  const s = parseSetSpec(spec, '--vary');
  const path = s.kind === 'sweep' ? s.param.path : s.assignment.slice(0, s.assignment.indexOf('='));
  const kind = STAFF.test(path) ? 'staff' : path === 'territory.householdsPerGrid' ? 'householdsPerGrid' : null;
  if (kind === null) {
    throw new InputError('--vary', [{ path, expected: 'a staff count (staff.<role>.count, staff.<role>.<group>.count, staff.<role>.rota.<turn>.count, departments.<i>.handlers.count) or territory.householdsPerGrid', found: spec }]);
  }
  if (s.kind !== 'sweep') throw new InputError('--vary', [{ path, expected: 'two or more values: path=lo..hi, path=lo..hi:step or path=v1,v2,…', found: spec }]);
  const values = s.param.values;
  const ok = values.every((v) => typeof v === 'number' && (kind === 'staff' ? Number.isInteger(v) && v >= 0 : v > 0));
  if (!ok) throw new InputError('--vary', [{ path, expected: kind === 'staff' ? 'whole numbers >= 0' : 'numbers > 0', found: spec }]);
  const nums = values as number[];
  const order = nums.map((_, i) => i).sort((a, b) => (kind === 'staff' ? nums[a]! - nums[b]! : nums[b]! - nums[a]!));
  return { path, kind, values: nums, order };
}

/** The values of a candidate given by its levels (positions in each field's `order`). */
export const candidateValues = (fields: readonly VaryField[], levels: readonly number[]) => fields.map((f, j) => f.values[f.order[levels[j]!]!]!);

/** `c<i>_<j>…`: the candidate's indices into each field's given values (stable for run records). */
export const candidateKey = (fields: readonly VaryField[], levels: readonly number[]) => `c${fields.map((f, j) => f.order[levels[j]!]).join('_')}`;
