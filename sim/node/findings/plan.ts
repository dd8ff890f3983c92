import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { InputError } from '../../scenario/errors.ts';

// The findings plan (scenarios/findings.json): which scenarios and variants `npm run findings`
// runs, the precision it aims for, what it tabulates and charts, and the published figures it
// sets the results against. Everything in docs/findings.md comes from this plan and the runs.

const metricSpec = z.strictObject({
  metric: z.string().min(1).describe('A dotted path into summary.json, or derived.<name> (sim/node/findings/derived.ts)'),
  label: z.string().min(1),
  digits: z.number().int().min(0).max(6).default(1),
  percent: z.boolean().default(false).describe('Show a share as a percentage'),
});

const publishedSpec = z.strictObject({
  figure: z.string().min(1).describe('What was published'),
  text: z.string().min(1).describe('The published value as the source gives it'),
  value: z.number().optional().describe('The published value in the unit of the metric (a share for percentages)'),
  range: z.tuple([z.number(), z.number()]).optional().describe('A published range, in the unit of the metric'),
  variant: z.string().min(1),
  metric: z.string().min(1),
  source: z.string().min(1).describe('The FACTS.md entry: source and quality tag'),
});

const chartSpec = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('bars'),
    metrics: z.array(z.string().min(1)).min(1).describe('One group of bars (one per variant) per metric'),
    groups: z.array(z.string()).optional().describe('Group labels; default the metric labels'),
    percent: z.boolean().default(false),
    title: z.string(),
    yLabel: z.string(),
  }),
  z.strictObject({ type: z.literal('lines'), series: z.string().min(1).describe('Path of a number array in summary.json, one value per day'), title: z.string(), xLabel: z.string(), yLabel: z.string() }),
]);

const monthlySpec = z.strictObject({
  series: z.string().min(1).describe('Path of the monthly rows in summary.json'),
  fields: z.array(z.string().min(1)).min(1),
  labels: z.array(z.string().min(1)).min(1),
});

const reformSpec = z
  .strictObject({
    before: z.string().min(1).describe('Old structure on the old channel'),
    after: z.string().min(1).describe('New structure on the new channel (the reform as it happened)'),
    structureOnly: z.string().min(1).describe('New structure on the old channel'),
    channelOnly: z.string().min(1).describe('Old structure on the new channel'),
  })
  .describe('A reform that changed structure and channel together: the 2 × 2 variants, so the findings split its gap into the share of each');

const scenarioSpec = z.strictObject({
  file: z.string().min(1),
  doc: z.string().min(1),
  title: z.string().min(1),
  question: z.string().min(1),
  variants: z.array(z.string().min(1)).min(1).describe('Variant names of the scenario file; the first is the reference of the paired differences'),
  pairs: z.array(z.tuple([z.string(), z.string()])).optional().describe('Paired differences a − b to show; default every variant against the first'),
  metrics: z.array(metricSpec).min(1),
  chart: chartSpec,
  monthly: monthlySpec.optional().describe('A table of the per-month means of these row fields'),
  published: z.array(publishedSpec).default([]),
  reform: reformSpec.optional(),
});

export const planSchema = z.strictObject({
  $schema: z.string().optional(),
  description: z.string().optional(),
  precision: z.strictObject({
    metric: z.string().default('resolutionHours.mean'),
    relativeHalfWidth: z.number().positive().default(0.05),
    minReps: z.number().int().min(2).default(3),
    maxReps: z.number().int().min(2).default(20),
  }),
  scenarios: z.array(scenarioSpec).min(1),
});

export type Plan = z.output<typeof planSchema>;
export type ScenarioPlan = Plan['scenarios'][number];
export type MetricSpec = ScenarioPlan['metrics'][number];
export type ChartSpec = ScenarioPlan['chart'];
export type PublishedSpec = ScenarioPlan['published'][number];
export type ReformSpec = NonNullable<ScenarioPlan['reform']>;
export type MonthlySpec = NonNullable<ScenarioPlan['monthly']>;

export function loadPlan(file: string): Plan {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new InputError(file, [{ path: '', expected: `a readable JSON findings plan (${err instanceof Error ? err.message : String(err)})` }]);
  }
  const r = planSchema.safeParse(raw);
  if (!r.success) throw new InputError(file, r.error.issues.map((i) => ({ path: i.path.map(String).join('.'), expected: i.message })));
  const problems: { path: string; expected: string; found?: unknown }[] = [];
  r.data.scenarios.forEach((s, i) => {
    const names = new Set(s.variants);
    const check = (path: string, v: string) => {
      if (!names.has(v)) problems.push({ path, expected: `one of this scenario's variants (${s.variants.join(', ')})`, found: v });
    };
    s.pairs?.forEach(([a, b], j) => {
      check(`scenarios.${i}.pairs.${j}.0`, a);
      check(`scenarios.${i}.pairs.${j}.1`, b);
    });
    s.published.forEach((p, j) => check(`scenarios.${i}.published.${j}.variant`, p.variant));
    if (s.reform) for (const [k, v] of Object.entries(s.reform)) check(`scenarios.${i}.reform.${k}`, v);
  });
  if (r.data.precision.minReps > r.data.precision.maxReps) problems.push({ path: 'precision.minReps', expected: `at most maxReps (${r.data.precision.maxReps})`, found: r.data.precision.minReps });
  if (problems.length) throw new InputError(file, problems);
  return r.data;
}
