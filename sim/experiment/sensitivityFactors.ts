import type { DistSpec } from '../random/distributions.ts';
import { meanOf } from '../random/distributions.ts';
import { InputError, type InputProblem } from '../scenario/errors.ts';
import { fieldAt, isDistribution, parameterProblems, type ParameterSpec } from '../scenario/parameters.ts';

/**
 * One input a sensitivity analysis varies, on its natural axis x from `low` to `high`:
 * the field's own value for a number; a factor multiplying the drawn value for a distribution
 * (x = 1 is the scenario's distribution, x = 2 doubles its mean, its sd, its min and max…), so
 * one code path handles any distribution-valued field, whatever its family.
 */
export interface Factor {
  path: string;
  label: string;
  status: 'sourced' | 'assumed';
  source?: string;
  kind: 'number' | 'distribution';
  /** x of the scenario as it is (the field's value, or 1 for a distribution). */
  base: number;
  low: number;
  high: number;
  /** Staff counts and other whole numbers: x is rounded before it is set. */
  integer: boolean;
  /** The scenario's distribution (kind 'distribution'). */
  dist?: DistSpec;
  /** The distribution's mean at x = 1, to show ranges in hours rather than as factors. */
  unitMean?: number;
}

const INTEGER_FIELDS = new Set(['count', 'maxFollowUpCalls', 'streetsPerDistrict', 'communitiesPerStreet', 'gridsPerCommunity', 'gridCodeLevel', 'districts']);

/** A distribution with every value multiplied by f (a scale family: the CV is kept). */
export function scaleDist(d: DistSpec, f: number): DistSpec {
  const r = (x: number) => Number((x * f).toPrecision(12));
  switch (d.dist) {
    case 'constant':
      return { ...d, value: r(d.value) };
    case 'exponential':
      return { ...d, mean: r(d.mean) };
    case 'lognormal':
    case 'gamma':
      return { ...d, mean: r(d.mean), sd: r(d.sd) };
    case 'triangular':
      return { ...d, min: r(d.min), mode: r(d.mode), max: r(d.max) };
    case 'uniform':
      return { ...d, min: r(d.min), max: r(d.max) };
    case 'empirical':
      return { ...d, values: d.values.map(r) };
  }
}

/** Turns a declared (or `--vary`) parameter into a factor, or throws InputError naming `where`. */
export function toFactor(scenario: unknown, p: ParameterSpec, where: string, at: string): Factor {
  const problems = parameterProblems(scenario, p, at);
  if (problems.length) throw new InputError(where, problems);
  const value = fieldAt(scenario, p.path);
  const key = p.path.split('.').pop()!;
  if (isDistribution(value)) {
    const dist = value as unknown as DistSpec;
    const m = meanOf(dist);
    const [low, high] = p.scale ?? (p.low !== undefined && m > 0 ? [p.low / m, p.high! / m] : [1, 1]);
    return { path: p.path, label: p.label ?? p.path, status: p.status, source: p.source, kind: 'distribution', base: 1, low, high, integer: false, dist, unitMean: m };
  }
  const v = value as number;
  return { path: p.path, label: p.label ?? p.path, status: p.status, source: p.source, kind: 'number', base: v, low: p.low ?? v, high: p.high ?? v, integer: INTEGER_FIELDS.has(key) };
}

/** The factors of the scenario's `parameters` block that are assumed and have a range. */
export function declaredFactors(scenario: { parameters?: ParameterSpec[] }, file: string): Factor[] {
  return (scenario.parameters ?? [])
    .map((p, i) => ({ p, i }))
    .filter(({ p }) => p.status === 'assumed' && (p.low !== undefined || p.scale !== undefined))
    .map(({ p, i }) => toFactor(scenario, p, file, `parameters.${i}`))
    .filter((f) => f.high > f.low);
}

const NUMBER = '[-+]?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][-+]?\\d+)?';
const RANGE = new RegExp(`^(${NUMBER})\\.\\.(${NUMBER})$`);

/**
 * `--vary path=low..high`: a numeric field over [low, high]; for a distribution, its mean over
 * [low, high] (the distribution is scaled). The scenario's `parameters` block supplies the label
 * and status when it declares the path. Every error names the field (exit 2).
 */
export function parseVary(scenario: { parameters?: ParameterSpec[] }, spec: string): Factor {
  const eq = spec.indexOf('=');
  const path = eq > 0 ? spec.slice(0, eq).trim() : '';
  const text = eq > 0 ? spec.slice(eq + 1).trim() : spec;
  if (!/^[A-Za-z_$][\w$]*(\.[\w$]+)*$/.test(path)) throw new InputError('--vary', [{ path, expected: 'path=low..high with a dotted field path, e.g. policy.classificationAccuracy=0.7..0.98', found: spec }]);
  const m = RANGE.exec(text);
  if (!m) throw new InputError('--vary', [{ path, expected: 'low..high with two numbers (e.g. 0.7..0.98; for a distribution, the range of its mean)', found: text }]);
  const low = Number(m[1]);
  const high = Number(m[2]);
  if (!(low < high)) throw new InputError('--vary', [{ path, expected: 'low < high', found: text }]);
  const declared = scenario.parameters?.find((p) => p.path === path);
  const p: ParameterSpec = { path, label: declared?.label, status: declared?.status ?? 'assumed', source: declared?.source, low, high };
  try {
    return toFactor(scenario, p, '--vary', path);
  } catch (err) {
    if (!(err instanceof InputError)) throw err;
    // Name the field itself, not the internal position of the spec.
    throw new InputError('--vary', err.problems.map((q: InputProblem) => ({ ...q, path })));
  }
}

/** x on the factor's axis for a unit coordinate u in [0, 1]. */
export const atUnit = (f: Factor, u: number): number => f.low + u * (f.high - f.low);

/** The `path=<JSON>` assignment that puts the factor at x. */
export function assignment(f: Factor, x: number): string {
  if (f.kind === 'distribution') return `${f.path}=${JSON.stringify(scaleDist(f.dist!, x))}`;
  const v = f.integer ? Math.round(x) : Number(x.toPrecision(12));
  return `${f.path}=${JSON.stringify(v)}`;
}

/** x as a reader sees it: the value, or a distribution's mean (hours) with the factor. */
export function showX(f: Factor, x: number): string {
  const n = (v: number) => String(Number(v.toPrecision(4)));
  if (f.kind === 'distribution') return `${n(x * f.unitMean!)} (×${n(x)})`;
  return n(f.integer ? Math.round(x) : x);
}
