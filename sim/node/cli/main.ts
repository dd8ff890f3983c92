import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { join } from 'node:path';
import { InputError } from '../../scenario/errors.ts';
import { scenarioJsonSchema } from '../../scenario/schema.ts';
import { benchCommand } from './benchCommand.ts';
import { CASES_FORMATS, type CasesFormat } from './caseSinks.ts';
import { compareCommand, replicateCommand } from './experimentCommands.ts';
import { loadScenarioFile, stableJson, writeFileAtomic } from './files.ts';
import { policyOption } from './policyFile.ts';
import { printRunSummary, reportChecks } from './report.ts';
import { replayFlags, type ReplayFlags } from './replayFile.ts';
import { runToFolder } from './runOutputs.ts';
import { selftestCommand } from './selftest.ts';
import { warmupCommand, type WarmupOptions } from './warmupCommand.ts';
import { experimentJsonSchema, loadExperiment } from '../experiment/experimentFile.ts';
import { runExperimentFile } from '../experiment/experimentKinds.ts';
import { sweepCommand } from './sweepCommand.ts';
import { mergeCommand } from './mergeCommand.ts';
import { sizeCommand } from './sizeCommand.ts';
import { sensitivityCommand } from './sensitivityCommand.ts';
import { VERSION } from './version.ts';
import { estimateWorld, setMaxMemory, type WorldEstimate } from './worldSize.ts';
import { emitResult, fail, setOutputMode } from './output.ts';
import type { InputProblem } from '../../scenario/errors.ts';

const JSON_HELP = 'print the result document on stdout as JSON, and nothing else there (warnings stay on stderr)';

/** Bad input: one `gridgov:` line per problem. */
const printInputError = (err: InputError) => err.message.split('\n').forEach((line) => fail(line));
import { calibrateCommand } from '../calibrate/command.ts';
import { RunProgress } from './progress.ts';

const collect = (value: string, previous: string[]) => [...previous, value];

export function parseSeed(text: string): string | number {
  return /^-?\d+$/.test(text) ? Number(text) : text;
}

function positiveInt(name: string) {
  return (text: string) => {
    const n = Number(text);
    if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError(`${name} must be a positive integer, got "${text}"`);
    return n;
  };
}

function fraction(name: string) {
  return (text: string) => {
    const n = Number(text);
    if (!(n > 0 && n <= 1)) throw new InvalidArgumentError(`${name} must be a fraction in (0, 1], got "${text}"`);
    return n;
  };
}

function casesFormat(text: string): CasesFormat {
  if (!(CASES_FORMATS as readonly string[]).includes(text)) throw new InvalidArgumentError(`--cases-format must be one of ${CASES_FORMATS.join(', ')}, got "${text}"`);
  return text as CasesFormat;
}

/** The replay options shared by run, compare and replicate (docs/replay.md). */
function replayOptions(c: Command): Command {
  return c
    .option('--replay', 'also write a replay file for the browser viewer (npm run viz)')
    .option('--replay-sample <fraction>', 'keep this share of case and staff tracks (chosen by id hash); aggregates stay exact', fraction('--replay-sample'))
    .option('--replay-gzip', 'write the replay gzipped (.json.gz)');
}

export function buildProgram(): Command {
  const program = new Command('gridgov')
    .description('Discrete-event simulator of urban grid governance (网格化管理): flat vs hierarchical escalation.\nTime is in hours. Exit codes: 0 ok, 2 bad input or usage, 1 a fault (including failed books).')
    .version(VERSION, '-V, --version')
    .showHelpAfterError('(run with --help for usage)')
    // Usage errors under the one prefix every other gridgov error carries (commander says "error:").
    .configureOutput({ outputError: (text, write) => write(text.replace(/^error: /, 'gridgov: ')) })
    .option('--max-memory <MB>', 'refuse scenarios whose estimated heap exceeds this (default: the V8 heap limit of this process)', positiveInt('--max-memory'))
    .hook('preAction', (program, command) => {
      setMaxMemory(program.opts<{ maxMemory?: number }>().maxMemory);
      // --json as a flag (not selftest's `--json <file>`): stdout carries the result document
      // only, so no table (and no progress line).
      const o = command.opts<{ quiet?: boolean; json?: boolean | string }>();
      const json = o.json === true;
      setOutputMode({ quiet: o.quiet, json });
      if (json) command.setOptionValue('quiet', true);
    })
    .exitOverride();

  const run = program
    .command('run')
    .description('Run one scenario once and write its outputs to one folder')
    .argument('<scenario>', 'scenario file (JSON)')
    .option('-p, --policy <name|file>', 'hierarchical | flat | whistle, or a policy module (.ts/.js); default: the scenario’s')
    .option('-s, --seed <seed>', 'random seed (integer or text); default: the scenario’s')
    .option('-o, --out <dir>', 'output folder (default results/<scenario>-<policy>-seed<seed>)')
    .option('--variant <name>', 'apply one of the scenario’s named variants (its `variants` list) before --set')
    .option('--set <path=value>', 'override a scenario field, e.g. --set horizonDays=30 (repeatable)', collect, [])
    .option('--no-cases', 'do not write cases.csv')
    .option('--cases-format <format>', 'csv | csv.gz | parquet (cases.csv, cases.csv.gz or cases.parquet)', casesFormat, 'csv')
    .option('--id-columns', 'put scenario, policy, seed, rep first on every row of the cases, timeseries.csv and staff.csv (to stack runs)')
    .option('--json', JSON_HELP)
    .option('-q, --quiet', 'print nothing but errors');
  replayOptions(run).action(async (file: string, o: { policy?: string; seed?: string; out?: string; variant?: string; set: string[]; cases: boolean; casesFormat: CasesFormat; idColumns?: boolean; quiet?: boolean } & ReplayFlags) => {
      const scenario = loadScenarioFile(file, o.set, o.variant);
      const choice = await policyOption(o.policy ?? scenario.policy.name);
      const seed = o.seed !== undefined ? parseSeed(o.seed) : scenario.seed;
      const outDir = o.out ?? join('results', `${scenario.name}${o.variant ? `-${o.variant}` : ''}-${choice.name}-seed${seed}`);
      const policyFile = choice.policy ? (o.policy ?? scenario.policy.name) : undefined;
      const progress = o.quiet ? undefined : new RunProgress(`${scenario.name} ${choice.name}`);
      const onProgress = progress ? progress.update.bind(progress) : undefined;
      const summary = await runToFolder(scenario, { outDir, seed, policyName: choice.name, policy: choice.policy, policyFile, scenarioFile: file, cases: o.cases, casesFormat: o.casesFormat, idColumns: o.idColumns, replay: replayFlags(o), onProgress });
      progress?.end();
      if (!o.quiet) printRunSummary(summary, outDir);
      reportChecks([summary]);
      emitResult(summary);
    });

  const compare = program
    .command('compare')
    .description('Run several policies on the same replications (common random numbers) and compare them')
    .argument('<scenario>', 'scenario file (JSON)')
    .option('--policies <list>', 'comma-separated policies or policy files', 'flat,hierarchical')
    .option('-r, --reps <n>', 'replications per policy (with --precision: to start with)', positiveInt('--reps'), 5)
    .option('--precision <x>', 'add replications (from --reps) until the 95% half-width of the metric’s mean is within this share of the mean, e.g. 0.05', fraction('--precision'))
    .option('--precision-metric <metric>', 'the metric --precision aims at (default resolutionHours.mean)')
    .option('--max-reps <n>', 'cap on replications with --precision (default 100)', positiveInt('--max-reps'))
    .option('-s, --seed <seed>', 'base seed; replication i uses seed+i (default: the scenario’s)')
    .option('-o, --out <dir>', 'output folder (default results/<scenario>-compare-seed<seed>)')
    .option('--variant <name>', 'apply one of the scenario’s named variants before --set')
    .option('--set <path=value>', 'override a scenario field (repeatable)', collect, [])
    .option('--runs', 'also write every run’s own folder under <out>/runs/ (rows start with scenario, policy, seed, rep)')
    .option('--cases-format <format>', 'format of the cases file in each run’s folder: csv | csv.gz | parquet', casesFormat, 'csv')
    .option('-w, --workers <n>', 'worker threads (default: all cores); results equal a sequential run', positiveInt('--workers'))
    .option('--json', JSON_HELP)
    .option('-q, --quiet', 'print nothing but errors');
  replayOptions(compare).action(compareCommand);

  const replicate = program
    .command('replicate')
    .description('Run one policy on several replications and report means with confidence intervals')
    .argument('<scenario>', 'scenario file (JSON)')
    .option('-p, --policy <name|file>', 'policy (default: the scenario’s)')
    .option('-r, --reps <n>', 'replications (with --precision: to start with)', positiveInt('--reps'), 10)
    .option('--precision <x>', 'add replications (from --reps) until the 95% half-width of the metric’s mean is within this share of the mean, e.g. 0.05', fraction('--precision'))
    .option('--precision-metric <metric>', 'the metric --precision aims at (default resolutionHours.mean)')
    .option('--max-reps <n>', 'cap on replications with --precision (default 100)', positiveInt('--max-reps'))
    .option('-s, --seed <seed>', 'base seed; replication i uses seed+i')
    .option('-o, --out <dir>', 'output folder (default results/<scenario>-<policy>-reps)')
    .option('--runs', 'also write every run’s own folder under <out>/runs/ (rows start with scenario, policy, seed, rep)')
    .option('--cases-format <format>', 'format of the cases file in each run’s folder: csv | csv.gz | parquet', casesFormat, 'csv')
    .option('-w, --workers <n>', 'worker threads (default: all cores); results equal a sequential run', positiveInt('--workers'))
    .option('--variant <name>', 'apply one of the scenario’s named variants before --set')
    .option('--set <path=value>', 'override a scenario field (repeatable)', collect, [])
    .option('--json', JSON_HELP)
    .option('-q, --quiet', 'print nothing but errors');
  replayOptions(replicate).action(replicateCommand);

  program
    .command('sweep')
    .description('Run a scenario over a grid (or Latin hypercube) of field values, replications on common seeds; resumable, shardable')
    .argument('<scenario>', 'scenario file (JSON)')
    .option('--set <path=values>', 'a swept field: path=v1,v2,… or path=lo..hi:step (lo..hi steps by 1); path=value is a fixed override (repeatable)', collect, [])
    .option('--samples <n>', 'a Latin hypercube of n points over the swept fields instead of the full factorial', positiveInt('--samples'))
    .option('-r, --reps <n>', 'replications per point; replication r uses seed+r at every point', positiveInt('--reps'), 5)
    .option('-s, --seed <seed>', 'base seed (default: the scenario’s)')
    .option('-p, --policy <name|file>', 'policy for every point (or sweep it: --set policy.name=flat,hierarchical)')
    .option('-o, --out <dir>', 'output folder (default results/<scenario>-sweep-<id>); the same command resumes there')
    .option('-w, --workers <n>', 'worker threads (default: all cores); files do not depend on it', positiveInt('--workers'))
    .option('--shard <k/N>', 'run only shard k of N (1-based; default from SLURM_ARRAY_TASK_ID or JOB_COMPLETION_INDEX when set)')
    .option('--shard-count <n>', 'shard count beside JOB_COMPLETION_INDEX (Kubernetes Indexed Job; or GRIDGOV_SHARD_COUNT)', positiveInt('--shard-count'))
    .option('--json', JSON_HELP)
    .option('-q, --quiet', 'print nothing but errors')
    .action(sweepCommand);

  program
    .command('size')
    .description('Find the least-cost staffing (or grid size) that meets every target with confidence')
    .argument('<scenario>', 'scenario file (JSON)')
    .option('-t, --target <metric<=x|metric>=x>', 'a target, e.g. "resolutionHours.p90<=168", "utilization.gridWorker<=0.85", "slaMet>=0.9" (repeatable; the first is the frontier’s metric)', collect, [])
    .option('--vary <path=lo..hi>', 'a staff count (staff.gridWorker.count=1..3, departments.0.handlers.count=2,4,6) or territory.householdsPerGrid=300..600:100 (repeatable)', collect, [])
    .option('--cost <role=rate,…>', 'cost per staff-hour by role, * for the rest (default: 1 for every role, i.e. staff-hours)')
    .option('--minimize <what>', 'cost | costPerHousehold (default: costPerHousehold when households per grid vary, else cost)')
    .option('--set <path=value>', 'a fixed override (repeatable)', collect, [])
    .option('-r, --reps <n>', 'replications per candidate, the same seeds for every candidate', positiveInt('--reps'), 5)
    .option('-s, --seed <seed>', 'base seed (default: the scenario’s)')
    .option('-p, --policy <name|file>', 'policy (default: the scenario’s)')
    .option('--level <p>', 'confidence level of the intervals', Number, 0.95)
    .option('--exhaustive', 'evaluate every candidate in the box instead of the monotone search')
    .option('-o, --out <dir>', 'output folder (default results/<scenario>-size-<id>); the same command resumes there')
    .option('-w, --workers <n>', 'worker threads (default: all cores)', positiveInt('--workers'))
    .option('--json', JSON_HELP)
    .option('-q, --quiet', 'print nothing but errors')
    .action(sizeCommand);

  program
    .command('sensitivity')
    .description('Which assumptions decide the answer: one-at-a-time tornado and Morris elementary effects over the scenario’s assumed parameters (docs/experiments.md#sensitivity); resumable, shardable')
    .argument('<scenario>', 'scenario file (JSON)')
    .option('--policies <a,b>', 'the metric is the paired difference a − b on the same seeds (default: the scenario’s policy alone)')
    .option('-p, --policy <name|file>', 'one policy’s metric')
    .option('-m, --metric <metric>', 'an experiment metric', 'resolutionHours.mean')
    .option('--vary <path=low..high>', 'vary this field over [low, high] (a distribution: its mean) instead of the declared assumed parameters (repeatable)', collect, [])
    .option('--set <path=value>', 'a fixed override, e.g. --set horizonDays=30 (repeatable)', collect, [])
    .option('--method <list>', 'oat, morris or oat,morris', 'oat,morris')
    .option('-r, --reps <n>', 'one-at-a-time: replications of the first round', positiveInt('--reps'), 3)
    .option('--max-reps <n>', 'one-at-a-time: cap on replications', positiveInt('--max-reps'), 20)
    .option('--precision <x>', 'one-at-a-time: add replications until every 95% half-width is at most x × the largest effect', Number, 0.05)
    .option('--trajectories <n>', 'Morris: trajectories (each k + 1 points)', positiveInt('--trajectories'), 8)
    .option('--morris-reps <n>', 'Morris: replications per point', positiveInt('--morris-reps'), 2)
    .option('-s, --seed <seed>', 'base seed (default: the scenario’s)')
    .option('-o, --out <dir>', 'output folder (default results/<scenario>-sensitivity-<id>); the same command resumes there')
    .option('-w, --workers <n>', 'worker threads (default: all cores)', positiveInt('--workers'))
    .option('--shard <k/N>', 'run only shard k of N of each stage (as sweep)')
    .option('--shard-count <n>', 'shard count beside JOB_COMPLETION_INDEX', positiveInt('--shard-count'))
    .option('-q, --quiet', 'no progress or table')
    .action(sensitivityCommand);

  program
    .command('merge')
    .description('Join the folders of a sweep’s shards into the files one machine would have written')
    .argument('<dirs...>', 'shard folders of one sweep')
    .requiredOption('-o, --out <dir>', 'folder for the merged sweep')
    .option('--allow-missing', 'write the results even if some runs are in no folder (exit code 1 all the same)')
    .option('-q, --quiet', 'print nothing but errors')
    .action(mergeCommand);

  program
    .command('experiment')
    .description('Run an experiment file: a declared compare, replicate, sweep, size or findings (docs/experiments.md; schema: scenarios/experiment.schema.json)')
    .argument('<file>', 'experiment file (JSON)')
    .option('-o, --out <dir>', 'output folder (default: the file’s outputs.dir, else the command’s)')
    .option('-q, --quiet', 'no progress or table')
    .action(async (file: string, o: { out?: string; quiet?: boolean }) => {
      const experiment = loadExperiment(file);
      await runExperimentFile(experiment, { file, out: o.out, quiet: o.quiet });
    });

  program
    .command('warmup')
    .description('Suggest warmupDays from a pilot run: MSER (batches of a day) on the mean backlog per tier across replications, from an empty system')
    .argument('<scenario>', 'scenario file (JSON)')
    .option('-p, --policy <name|file>', 'policy (default: the scenario’s)')
    .option('-r, --reps <n>', 'pilot replications, averaged before the rule is applied', positiveInt('--reps'), 3)
    .option('-s, --seed <seed>', 'base seed (default: the scenario’s)')
    .option('--variant <name>', 'apply one of the scenario’s named variants before --set')
    .option('--set <path=value>', 'override a scenario field, e.g. --set horizonDays=60 (repeatable)', collect, [])
    .option('--batch <steps>', 'time steps per batch (default: one day; 5 = textbook MSER-5)', positiveInt('--batch'))
    .option('-w, --workers <n>', 'worker threads (default: all cores)', positiveInt('--workers'))
    .option('-q, --quiet', 'print nothing but errors')
    .action(async (file: string, o: WarmupOptions) => {
      await warmupCommand(file, o);
    });

  program
    .command('validate')
    .description('Check scenario files and print what is wrong with each (exit 2 if any is invalid)')
    .argument('<files...>', 'scenario files')
    .option('--variant <name>', 'apply this named variant before checking')
    .option('--set <path=value>', 'apply overrides before checking (repeatable)', collect, [])
    .option('--json', 'print one document on stdout: per file, ok and its problems (path, line, column, expected, found, fix)')
    .option('-q, --quiet', 'print nothing but errors')
    .action((files: string[], o: { set: string[]; variant?: string; quiet?: boolean }) => {
      const results: { file: string; ok: boolean; scenario?: string; world?: WorldEstimate; problems?: InputProblem[] }[] = [];
      for (const f of files) {
        try {
          const s = loadScenarioFile(f, o.set, o.variant);
          results.push({ file: f, ok: true, scenario: s.name, world: estimateWorld(s) });
          if (!o.quiet) process.stdout.write(`${f}: ok (${s.name}, ${s.horizonDays} days, ${s.demand.categories.length} categories)\n`);
        } catch (err) {
          if (!(err instanceof InputError)) throw err;
          results.push({ file: f, ok: false, problems: err.problems });
          printInputError(err);
          process.exitCode = 2;
        }
      }
      emitResult(results);
    });

  program
    .command('selftest')
    .description('Check this install against queueing theory: M/M/1, M/M/c, M/G/1, priorities, a 3-tier chain, shifts')
    .option('--full', 'the long plan of docs/validation.md (tens of minutes) instead of the quick one (under a minute)')
    .option('--only <id>', 'only the cases whose id contains this text')
    .option('--json <file>', 'also write the results as JSON')
    .option('--markdown <file>', 'also write the table as Markdown (docs/validation-table.md)')
    .option('-w, --workers <n>', 'worker threads (default: all cores); the table does not depend on it', positiveInt('--workers'))
    .option('-q, --quiet', 'no progress line')
    .action(selftestCommand);

  program
    .command('bench')
    .description('Measure speed and memory: the bare simjs floor, the default scenario, the megacity year, how time grows with size, and a three-tier network against a hand-written loop')
    .option('--quick', 'a short version (default once, megacity 14 days, scaling 3 days): a few minutes')
    .option('-r, --reps <n>', 'runs of the default scenario (median reported; default 3)', positiveInt('--reps'))
    .option('--megacity-days <n>', 'horizon of the megacity run (default 365)', positiveInt('--megacity-days'))
    .option('--scale-days <n>', 'horizon of the four scaling runs (default 14)', positiveInt('--scale-days'))
    .option('--no-megacity', 'skip the megacity run (the scaling runs still use its territory)')
    .option('--default <file>', 'the default scenario', 'scenarios/default.json')
    .option('--city <file>', 'the large scenario (its territory.districts or boundaries.features must be a list)', 'scenarios/megacity.json')
    .option('--chain <file>', 'the three-tier network also run by a hand-written loop', 'scenarios/validation/chain-3tier.json')
    .option('--chain-days <n>', 'horizon of the three-tier network (default 7200; --quick 1000)', positiveInt('--chain-days'))
    .option('-o, --out <file>', 'where to write the JSON report', 'results/bench.json')
    .option('-q, --quiet', 'no progress or table')
    .action(benchCommand);

  program
    .command('calibrate')
    .description('Turn a service-request log (CSV) into a scenario that reproduces it, with a fit report (docs/calibration.md)')
    .argument('<log>', 'case log (CSV): the harmonized format of the shared data folder, or any columns with --map / --columns')
    .option('--map <file>', 'JSON mapping of the log’s own columns (docs/calibration.md, "Mapping")')
    .option('--columns <spec>', 'mapping inline: created=COL,closed=COL,type=COL,unit=COL[,channel=…,area=…,lat=…,lon=…,id=…]')
    .option('--tz <offset>', 'wall clock wanted for timestamps that carry a zone: UTC or ±HH:MM (default "local": times as written)')
    .option('--censor-at <time>', 'when the log was taken: later closings count as still open (default: the last time in the log)')
    .option('--holdout-from <date>', 'fit on requests created before this date; report against the rest')
    .option('--holidays <dates>', 'days the city was closed, e.g. 2018-01-01,2018-01-15: left out of the weekday profile, their demand fitted as a factor')
    .option('-o, --out <file>', 'scenario file to write (default results/calibrate-<log>/<log>.json)')
    .option('--report-dir <dir>', 'where calibration.md, calibration.json and qq/ go (default: beside --out)')
    .option('--name <name>', 'scenario name (default: the log’s file name)')
    .option('--top-categories <k>', `categories kept, the rest as "other (unit)" (default ${12})`)
    .option('--top-units <k>', 'units kept, the rest as OTHER UNITS (default 8)')
    .option('--top-areas <k>', 'areas kept, the rest as "other areas" (default 30)')
    .option('--residents <n>', 'nominal population (only rate × residents matters; default 100000)')
    .option('--warmup-days <d>', 'simulated days before the window, so queues are not empty at its start (default 7)')
    .option('--utilization <u>', 'assumed utilization of the department handlers, sets their count (default 0.8)')
    .option('--max-iterations <n>', 'simulation-based fit: most iterations (default 8)')
    .option('--reps <n>', 'simulated runs in the report (default 5)')
    .option('--seed <n>', 'seed of the fitting runs (common random numbers; default 1)')
    .option('--max-bad-share <share>', 'refuse the log when more than this share of rows is unreadable (default 0.01)')
    .option('-q, --quiet', 'no progress lines')
    .action(calibrateCommand);

  program
    .command('schema')
    .description('Print (or write) the JSON Schema of scenario files (or of experiment files)')
    .option('-o, --out <file>', 'write to this file instead of stdout')
    .option('--experiment', 'the schema of experiment files (scenarios/experiment.schema.json)')
    .action((o: { out?: string; experiment?: boolean }) => {
      const text = stableJson(o.experiment ? experimentJsonSchema() : scenarioJsonSchema());
      if (o.out) writeFileAtomic(o.out, text);
      else process.stdout.write(text);
    });

  return program;
}

export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv, { from: 'user' });
    return process.exitCode === undefined ? 0 : Number(process.exitCode);
  } catch (err) {
    if (err instanceof CommanderError) {
      // --help and --version end here with code 0; usage errors were already printed.
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help') return 0;
      return 2;
    }
    if (err instanceof InputError) {
      printInputError(err);
      return 2;
    }
    fail(`internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    return 1;
  }
}

const invokedDirectly = process.argv[1] !== undefined && /(?:main\.[jt]s|gridgov(?:\.mjs)?)$/.test(process.argv[1]);
if (invokedDirectly) {
  // `gridgov schema | head` closes the pipe early: that is not an error.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(0);
    throw err;
  });
  const code = await main(process.argv.slice(2));
  process.exitCode = code;
}
