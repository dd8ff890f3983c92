import { InputError } from '../../scenario/errors.ts';
import { compareCommand, replicateCommand } from '../cli/experimentCommands.ts';
import { sizeCommand } from '../cli/sizeCommand.ts';
import { sweepCommand } from '../cli/sweepCommand.ts';
import { runFindings } from '../findings/main.ts';
import { availableParallelism } from 'node:os';
import type { Experiment, ExperimentKind } from './experimentFile.ts';

/** What every run of an experiment file gets besides the file: its name and the command line's few flags. */
export interface ExperimentContext {
  file: string;
  quiet?: boolean;
  /** --out on the command line, over the file's outputs.dir. */
  out?: string;
}

type Runner<K extends ExperimentKind> = (e: Extract<Experiment, { kind: K }>, ctx: ExperimentContext) => Promise<void>;

/** `path=<JSON>` for each fixed override, as --set takes them. */
const sets = (set: Record<string, unknown>) => Object.entries(set).map(([path, v]) => `${path}=${JSON.stringify(v)}`);
/** `path=v1,v2,…` (JSON values) or `path=lo..hi:step`, as sweep --set and size --vary take them. */
const swept = (params: Record<string, unknown[] | string>) => Object.entries(params).map(([path, v]) => `${path}=${typeof v === 'string' ? v : v.map((x) => JSON.stringify(x)).join(',')}`);
const seedText = (s: number | string | undefined) => (s === undefined ? undefined : String(s));

function noVariant(e: { variant?: string; kind: string }, ctx: ExperimentContext): void {
  if (e.variant !== undefined) throw new InputError(ctx.file, [{ path: 'variant', expected: `no variant for kind "${e.kind}" (set the fields in \`set\`)`, found: e.variant }]);
}

function replicationOptions(r: number | { precision: number; metric: string; min: number; max: number }) {
  return typeof r === 'number' ? { reps: r } : { reps: r.min, precision: r.precision, precisionMetric: r.metric, maxReps: r.max };
}

/** The options compare and replicate share: replications, seed, outputs, overrides, threads. */
function replicatedRunOptions(e: Extract<Experiment, { kind: 'compare' | 'replicate' }>, ctx: ExperimentContext) {
  return {
    ...replicationOptions(e.replications),
    seed: seedText(e.seed),
    out: ctx.out ?? e.outputs.dir,
    set: sets(e.set),
    variant: e.variant,
    runs: e.outputs.runs,
    casesFormat: e.outputs.casesFormat,
    replay: e.outputs.replay || undefined,
    workers: e.workers,
    metrics: e.metrics,
    quiet: ctx.quiet,
  };
}

const runners: { [K in ExperimentKind]: Runner<K> } = {
  compare: (e, ctx) => compareCommand(e.scenario, { policies: e.policies.join(','), ...replicatedRunOptions(e, ctx) }),
  replicate: (e, ctx) => replicateCommand(e.scenario, { policy: e.policy, ...replicatedRunOptions(e, ctx) }),
  sweep: async (e, ctx) => {
    noVariant(e, ctx);
    await sweepCommand(e.scenario, { set: [...sets(e.set), ...swept(e.parameters)], samples: e.samples, reps: e.replications, seed: seedText(e.seed), policy: e.policy, out: ctx.out ?? e.outputs.dir, workers: e.workers, quiet: ctx.quiet });
  },
  size: async (e, ctx) => {
    noVariant(e, ctx);
    const cost = e.cost && Object.entries(e.cost).map(([role, rate]) => `${role}=${rate}`).join(',');
    await sizeCommand(e.scenario, { target: e.targets, vary: swept(e.vary), cost, minimize: e.minimize, set: sets(e.set), reps: e.replications, seed: seedText(e.seed), policy: e.policy, level: e.level, exhaustive: e.exhaustive, out: ctx.out ?? e.outputs.dir, workers: e.workers, quiet: ctx.quiet });
  },
  findings: async (e, ctx) => {
    await runFindings({ plan: ctx.file, out: ctx.out ?? e.outputs?.dir ?? 'docs', workers: e.workers ?? availableParallelism(), quiet: ctx.quiet });
  },
};

/**
 * Runs an experiment file through the command it declares. A new kind registers its runner here
 * (and its schema in experimentFile.ts): `sensitivity` is the next.
 */
export function runExperimentFile(e: Experiment, ctx: ExperimentContext): Promise<void> {
  return (runners[e.kind] as Runner<ExperimentKind>)(e as never, ctx);
}
