import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { EXPERIMENT_METRICS } from '../../experiment/metrics.ts';
import { SIZE_METRICS } from '../../experiment/sizeTargets.ts';
import { InputError, type InputProblem as Problem } from '../../scenario/errors.ts';
import { planSchema as findingsPlanSchema } from '../findings/plan.ts';

// An experiment as a file (`gridgov experiment plan.json`), as BehaviorSpace and AnyLogic keep
// theirs: the scenario, what varies, replications, seeds, metrics and outputs of one `compare`,
// `replicate`, `sweep`, `size` or findings run, instead of a long command line. Each kind is the
// declared form of its command and runs through it (experimentKinds.ts), so a file and the
// command line it stands for give the same files. Paths are relative to the working directory,
// as on the command line.

const value = z.union([z.number(), z.string(), z.boolean(), z.null(), z.array(z.unknown()), z.record(z.string(), z.unknown())]);
const values = z
  .union([z.array(value).min(2), z.string().regex(/^[-+.\deE]+\.\.[-+.\deE]+(:[-+.\deE]+)?$/, 'lo..hi or lo..hi:step')])
  .describe('Two or more values in order, or a range "lo..hi:step" (as --set path=lo..hi:step)');

const common = {
  $schema: z.string().optional(),
  description: z.string().optional().describe('What the experiment asks, for whoever reads the file'),
  scenario: z.string().min(1).describe('The scenario file, relative to the working directory'),
  variant: z.string().min(1).optional().describe('One of the scenario’s named variants, applied before `set`'),
  set: z.record(z.string(), value).default({}).describe('Fixed overrides, field path → value (as --set path=value): {"horizonDays": 30}'),
  seed: z.union([z.number().int(), z.string().min(1)]).optional().describe('Base seed; replication r uses seed + r (default: the scenario’s)'),
  workers: z.number().int().min(1).optional().describe('Worker threads (default: all cores); the results do not depend on it'),
};

const replications = z
  .union([
    z.number().int().min(1),
    z.strictObject({
      precision: z.number().positive().max(1).describe('Target: the 95% half-width of the metric’s mean within this share of the mean'),
      metric: z.string().default('resolutionHours.mean'),
      min: z.number().int().min(2).default(3).describe('Replications to start with'),
      max: z.number().int().min(2).default(100).describe('Cap'),
    }),
  ])
  .describe('A number of replications, or a precision to reach (replicate --precision)');

const runOutputs = z.strictObject({
  dir: z.string().min(1).optional().describe('Output folder (default: the command’s)'),
  runs: z.boolean().default(false).describe('Also write each run’s own folder (compare/replicate --runs)'),
  casesFormat: z.enum(['csv', 'csv.gz', 'parquet']).default('csv').describe('Format of the cases file in each run’s folder'),
  replay: z.boolean().default(false).describe('Also write a replay per run'),
});

const shownMetrics = z
  .array(z.string().refine((m) => EXPERIMENT_METRICS.includes(m), { message: `an experiment metric (${EXPERIMENT_METRICS.slice(0, 4).join(', ')}, …; docs/experiments.md)` }))
  .min(1)
  .optional()
  .describe('The metrics printed in the table (the files hold all of them)');

export const compareKind = z.strictObject({
  kind: z.literal('compare'),
  ...common,
  policies: z.array(z.string().min(1)).min(1).default(['flat', 'hierarchical']).describe('Policies or policy files, on common seeds'),
  replications: replications.default(5),
  metrics: shownMetrics,
  outputs: runOutputs.default({ runs: false, casesFormat: 'csv', replay: false }),
});

export const replicateKind = z.strictObject({
  kind: z.literal('replicate'),
  ...common,
  policy: z.string().min(1).optional().describe('Policy or policy file (default: the scenario’s)'),
  replications: replications.default(10),
  metrics: shownMetrics,
  outputs: runOutputs.default({ runs: false, casesFormat: 'csv', replay: false }),
});

const folder = z.strictObject({ dir: z.string().min(1).optional().describe('Output folder (default: the command’s)') }).default({});

export const sweepKind = z.strictObject({
  kind: z.literal('sweep'),
  ...common,
  policy: z.string().min(1).optional(),
  parameters: z.record(z.string(), values).refine((p) => Object.keys(p).length > 0, { message: 'at least one swept field' }).describe('Swept fields, path → values (as --set path=v1,v2,…)'),
  samples: z.number().int().min(1).optional().describe('A Latin hypercube of this many points instead of the full factorial'),
  replications: z.number().int().min(1).default(5),
  outputs: folder,
});

export const sizeKind = z.strictObject({
  kind: z.literal('size'),
  ...common,
  policy: z.string().min(1).optional(),
  vary: z.record(z.string(), values).refine((p) => Object.keys(p).length > 0, { message: 'at least one field' }).describe('Staff counts or territory.householdsPerGrid, path → values'),
  targets: z
    .array(z.string().refine((t) => SIZE_METRICS.some((m) => t.trim().startsWith(m)), { message: 'metric<=x or metric>=x with a metric of docs/experiments.md' }))
    .min(1)
    .describe('Targets, e.g. "resolutionHours.p90<=168"; several are Holm-corrected together'),
  cost: z.record(z.string(), z.number().min(0)).optional().describe('Cost per staff-hour by role, "*" for the rest'),
  minimize: z.enum(['cost', 'costPerHousehold']).optional(),
  level: z.number().gt(0).lt(1).default(0.95),
  exhaustive: z.boolean().default(false),
  replications: z.number().int().min(2).default(5),
  outputs: folder,
});

export const findingsKind = findingsPlanSchema.extend({ kind: z.literal('findings') });

/**
 * Every kind of experiment file. A new kind (`gridgov sensitivity` adds "sensitivity") is one
 * more schema here and one more runner in experimentKinds.ts; the JSON Schema follows.
 */
export const experimentSchema = z.discriminatedUnion('kind', [compareKind, replicateKind, sweepKind, sizeKind, findingsKind]);

export type Experiment = z.output<typeof experimentSchema>;
export type ExperimentKind = Experiment['kind'];

/** Kinds that a later version adds: named in messages, not yet runnable here. */
export const PLANNED_KINDS: readonly string[] = ['sensitivity'];

/** The JSON Schema of experiment files (scenarios/experiment.schema.json). */
export function experimentJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(experimentSchema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return { $id: 'https://gridgov.invalid/experiment.schema.json', title: 'gridgov experiment', ...schema };
}

/** Reads and validates an experiment file; every problem names the file and the field. */
export function loadExperiment(file: string): Experiment {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new InputError(file, [{ path: '', expected: `a readable JSON experiment file (${err instanceof Error ? err.message : String(err)})` }]);
  }
  const kind = (raw as { kind?: unknown } | null)?.kind;
  if (typeof kind === 'string' && PLANNED_KINDS.includes(kind)) {
    throw new InputError(file, [{ path: 'kind', expected: `a kind this gridgov runs: ${experimentSchema.options.map((o) => o.shape.kind.value).join(', ')} (“${kind}” comes with gridgov ${kind})`, found: kind }]);
  }
  const r = experimentSchema.safeParse(raw);
  if (!r.success) {
    const problems: Problem[] = r.error.issues.map((i) => ({ path: i.path.map(String).join('.'), expected: i.code === 'invalid_union' && i.path.length === 0 ? `a kind: ${experimentSchema.options.map((o) => o.shape.kind.value).join(', ')}` : i.message }));
    throw new InputError(file, problems);
  }
  return r.data;
}
