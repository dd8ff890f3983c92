import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { join } from 'node:path';
import { InputError } from '../scenario/errors.ts';
import { scenarioJsonSchema } from '../scenario/schema.ts';
import { compareCommand, replicateCommand } from './experimentCommands.ts';
import { loadScenarioFile, stableJson, writeFileAtomic } from './files.ts';
import { policyOption } from './policyFile.ts';
import { printRunSummary, reportChecks } from './report.ts';
import { runToFolder } from './runOutputs.ts';
import { selftestCommand } from './selftest.ts';
import { VERSION } from './version.ts';

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

export function buildProgram(): Command {
  const program = new Command('gridgov')
    .description('Discrete-event simulator of urban grid governance (网格化管理): flat vs hierarchical escalation.\nTime is in hours. Exit codes: 0 ok, 2 bad input or usage, 1 a fault (including failed books).')
    .version(VERSION, '-V, --version')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();

  program
    .command('run')
    .description('Run one scenario once and write its outputs to one folder')
    .argument('<scenario>', 'scenario file (JSON)')
    .option('-p, --policy <name|file>', 'hierarchical | flat | whistle, or a policy module (.ts/.js); default: the scenario’s')
    .option('-s, --seed <seed>', 'random seed (integer or text); default: the scenario’s')
    .option('-o, --out <dir>', 'output folder (default results/<scenario>-<policy>-seed<seed>)')
    .option('--variant <name>', 'apply one of the scenario’s named variants (its `variants` list) before --set')
    .option('--set <path=value>', 'override a scenario field, e.g. --set horizonDays=30 (repeatable)', collect, [])
    .option('--no-cases', 'do not write cases.csv')
    .option('-q, --quiet', 'print nothing but errors')
    .action(async (file: string, o: { policy?: string; seed?: string; out?: string; variant?: string; set: string[]; cases: boolean; quiet?: boolean }) => {
      const scenario = loadScenarioFile(file, o.set, o.variant);
      const choice = await policyOption(o.policy ?? scenario.policy.name);
      const seed = o.seed !== undefined ? parseSeed(o.seed) : scenario.seed;
      const outDir = o.out ?? join('results', `${scenario.name}${o.variant ? `-${o.variant}` : ''}-${choice.name}-seed${seed}`);
      const policyFile = choice.policy ? (o.policy ?? scenario.policy.name) : undefined;
      const summary = await runToFolder(scenario, { outDir, seed, policyName: choice.name, policy: choice.policy, policyFile, scenarioFile: file, cases: o.cases });
      if (!o.quiet) printRunSummary(summary, outDir);
      reportChecks([summary]);
    });

  program
    .command('compare')
    .description('Run several policies on the same replications (common random numbers) and compare them')
    .argument('<scenario>', 'scenario file (JSON)')
    .option('--policies <list>', 'comma-separated policies or policy files', 'flat,hierarchical')
    .option('-r, --reps <n>', 'replications per policy', positiveInt('--reps'), 5)
    .option('-s, --seed <seed>', 'base seed; replication i uses seed+i (default: the scenario’s)')
    .option('-o, --out <dir>', 'output folder (default results/<scenario>-compare-seed<seed>)')
    .option('--variant <name>', 'apply one of the scenario’s named variants before --set')
    .option('--set <path=value>', 'override a scenario field (repeatable)', collect, [])
    .option('--runs', 'also write every run’s own folder under <out>/runs/')
    .option('-w, --workers <n>', 'worker threads (default: all cores); results equal a sequential run', positiveInt('--workers'))
    .option('-q, --quiet', 'no progress or table')
    .action(compareCommand);

  program
    .command('replicate')
    .description('Run one policy on several replications and report means with confidence intervals')
    .argument('<scenario>', 'scenario file (JSON)')
    .option('-p, --policy <name|file>', 'policy (default: the scenario’s)')
    .option('-r, --reps <n>', 'replications', positiveInt('--reps'), 10)
    .option('-s, --seed <seed>', 'base seed; replication i uses seed+i')
    .option('-o, --out <dir>', 'output folder (default results/<scenario>-<policy>-reps)')
    .option('--runs', 'also write every run’s own folder under <out>/runs/')
    .option('-w, --workers <n>', 'worker threads (default: all cores); results equal a sequential run', positiveInt('--workers'))
    .option('--variant <name>', 'apply one of the scenario’s named variants before --set')
    .option('--set <path=value>', 'override a scenario field (repeatable)', collect, [])
    .option('-q, --quiet', 'no progress or table')
    .action(replicateCommand);

  program
    .command('validate')
    .description('Check scenario files and print what is wrong with each (exit 2 if any is invalid)')
    .argument('<files...>', 'scenario files')
    .option('--variant <name>', 'apply this named variant before checking')
    .option('--set <path=value>', 'apply overrides before checking (repeatable)', collect, [])
    .action((files: string[], o: { set: string[]; variant?: string }) => {
      for (const f of files) {
        try {
          const s = loadScenarioFile(f, o.set, o.variant);
          process.stdout.write(`${f}: ok (${s.name}, ${s.horizonDays} days, ${s.demand.categories.length} categories)\n`);
        } catch (err) {
          if (!(err instanceof InputError)) throw err;
          process.stderr.write(`gridgov: ${err.message.split('\n').join('\ngridgov: ')}\n`);
          process.exitCode = 2;
        }
      }
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
    .command('schema')
    .description('Print (or write) the JSON Schema of scenario files')
    .option('-o, --out <file>', 'write to this file instead of stdout')
    .action((o: { out?: string }) => {
      const text = stableJson(scenarioJsonSchema());
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
      process.stderr.write(`gridgov: ${err.message.split('\n').join('\ngridgov: ')}\n`);
      return 2;
    }
    process.stderr.write(`gridgov: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    return 1;
  }
}

const invokedDirectly = process.argv[1] !== undefined && /(?:main\.ts|gridgov(?:\.mjs)?)$/.test(process.argv[1]);
if (invokedDirectly) {
  // `gridgov schema | head` closes the pipe early: that is not an error.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(0);
    throw err;
  });
  const code = await main(process.argv.slice(2));
  process.exitCode = code;
}
