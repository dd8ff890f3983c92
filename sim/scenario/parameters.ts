import { z } from 'zod';
import type { InputProblem } from './errors.ts';

// The scenario's `parameters` block (issue 12): which inputs are sourced and which assumed, and
// the plausible range of each, so `gridgov sensitivity` and `npm run findings` know what to vary.
// It never changes a run: the simulation does not read it.

const finite = z.number().refine(Number.isFinite, 'a finite number');

export const parameterSchema = z.strictObject({
  path: z.string().min(1).describe('Dotted path of a numeric field or a distribution, e.g. policy.classificationAccuracy, service.reviewHours'),
  label: z.string().optional().describe('Short name for tables and charts (default: the path)'),
  status: z.enum(['sourced', 'assumed']).describe('sourced: taken from a published figure (give source); assumed: chosen'),
  source: z.string().optional().describe('Where a sourced value comes from (a FACTS.md entry, a data README), or why the range is what it is'),
  low: finite.optional().describe('Plausible low end, in the field’s unit (for a distribution: its mean)'),
  high: finite.optional().describe('Plausible high end, in the field’s unit (for a distribution: its mean)'),
  scale: z.tuple([finite, finite]).optional().describe('For a distribution: factors [lo, hi] multiplying the drawn value (every scale field: mean, sd, min, max, …)'),
});

export const parametersSchema = z
  .array(parameterSchema)
  .describe('Inputs marked sourced or assumed, with plausible ranges: what `gridgov sensitivity` varies (docs/experiments.md#sensitivity)');

export type ParameterSpec = z.output<typeof parameterSchema>;

/** A distribution spec is an object with a `dist` field. */
export const isDistribution = (v: unknown): v is Record<string, unknown> & { dist: string } =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && typeof (v as { dist?: unknown }).dist === 'string';

export function fieldAt(data: unknown, path: string): unknown {
  let node = data;
  for (const key of path.split('.')) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

/**
 * What is wrong with one declared (or `--vary`) parameter against the resolved scenario: a path
 * that is not there, a field that is neither a number nor a distribution, low > high, a scale on
 * a number, a sourced value without its source, an assumed one without a range.
 */
export function parameterProblems(scenario: unknown, p: ParameterSpec, at: string): InputProblem[] {
  const problems: InputProblem[] = [];
  const value = fieldAt(scenario, p.path);
  if (value === undefined) return [{ path: `${at}.path`, expected: 'the dotted path of a field of this scenario (see scenarios/schema.json)', found: p.path }];
  const dist = isDistribution(value);
  if (!dist && typeof value !== 'number') return [{ path: `${at}.path`, expected: `a numeric field or a distribution (${p.path} is neither)`, found: value }];
  if ((p.low === undefined) !== (p.high === undefined)) problems.push({ path: `${at}.${p.low === undefined ? 'low' : 'high'}`, expected: 'low and high together', found: undefined });
  if (p.low !== undefined && p.high !== undefined && p.low > p.high) problems.push({ path: `${at}.low`, expected: `low <= high (${p.high})`, found: p.low });
  if (p.scale !== undefined) {
    if (!dist) problems.push({ path: `${at}.scale`, expected: `no scale on a number (${p.path} is ${value}): give low and high`, found: p.scale });
    else if (!(p.scale[0] > 0 && p.scale[0] <= p.scale[1])) problems.push({ path: `${at}.scale`, expected: '[lo, hi] with 0 < lo <= hi', found: p.scale });
    if (p.low !== undefined) problems.push({ path: `${at}.scale`, expected: 'either scale or low/high, not both', found: p.scale });
  }
  if (p.status === 'sourced' && !p.source) problems.push({ path: `${at}.source`, expected: 'the source of a sourced value (a FACTS.md entry or data README)', found: undefined });
  if (p.status === 'assumed' && p.low === undefined && p.scale === undefined) problems.push({ path: `${at}.low`, expected: 'a plausible range for an assumed value: low and high, or scale for a distribution', found: undefined });
  return problems;
}

/** Problems of the whole `parameters` block (paths checked against the resolved scenario). */
export function parametersBlockProblems(scenario: { parameters?: ParameterSpec[] }): InputProblem[] {
  const list = scenario.parameters ?? [];
  const problems: InputProblem[] = [];
  const seen = new Set<string>();
  list.forEach((p, i) => {
    if (seen.has(p.path)) problems.push({ path: `parameters.${i}.path`, expected: 'each path declared once', found: p.path });
    seen.add(p.path);
    problems.push(...parameterProblems(scenario, p, `parameters.${i}`));
  });
  return problems;
}
