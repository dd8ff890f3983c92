import { dirname, join } from 'node:path';
import { benchRuns, runBench, type BenchOptions, type BenchReport } from '../bench/runBench.ts';
import type { RunMeasurement } from '../bench/tasks.ts';
import { openCaseLine } from '../bench/openCases.ts';
import { InputError } from '../../scenario/errors.ts';
import { ensureDir, loadScenarioFile, stableJson, writeFileAtomic } from './files.ts';
import { num, renderTable } from './table.ts';

interface BenchFlags {
  quick?: boolean;
  reps?: number;
  megacityDays?: number;
  scaleDays?: number;
  megacity: boolean;
  out: string;
  default: string;
  city: string;
  chain: string;
  chainDays?: number;
  quiet?: boolean;
}

function runRow(label: string, m: RunMeasurement): string[] {
  return [
    label,
    num(m.wallSeconds, 2),
    num(m.runSeconds, 2),
    m.casesAll.toLocaleString('en-US'),
    Math.round(m.casesAll / m.runSeconds).toLocaleString('en-US'),
    m.events.toLocaleString('en-US'),
    Math.round(m.events / m.runSeconds).toLocaleString('en-US'),
    num((m.runSeconds * 1e6) / m.events, 2),
    m.meanPendingEvents.toLocaleString('en-US'),
    num(m.peakRssMB, 0),
    num(m.bytesWritten / 2 ** 20, 1),
  ];
}

export function renderBench(r: BenchReport): string {
  const f = r.floor;
  const floorRows = [f.smallHeap, f.defaultDepth, ...(f.megacityDepth ? [f.megacityDepth] : [])].map((m) => [
    `bare simjs, ${m.depth.toLocaleString('en-US')} pending`,
    Math.round(m.eventsPerSecond).toLocaleString('en-US'),
    num(m.microsecondsPerEvent, 3),
  ]);
  const runs = [runRow(`default (median of ${r.default.runs.length})`, r.default.median)];
  if (r.megacity) runs.push(runRow(`megacity, ${r.megacity.days} d`, r.megacity));
  for (const p of r.scaling.points) runs.push(runRow(`megacity ${p.districts}/16 districts, ${r.scaling.days} d`, p));
  runs.push(runRow(`three-tier network, ${r.chain.days} d`, r.chain.gridgov));
  const l = r.chain.loop;
  runs.push([`hand-written loop, same network`, num(l.wallSeconds, 2), num(l.runSeconds, 2), l.cases.toLocaleString('en-US'), Math.round(l.cases / l.runSeconds).toLocaleString('en-US'), l.events.toLocaleString('en-US'), Math.round(l.events / l.runSeconds).toLocaleString('en-US'), num((l.runSeconds * 1e6) / l.events, 2), '', num(l.peakRssMB, 0), '0.0']);
  const targets = r.targets.map((t) => [t.name, t.target, t.measured, t.met ? 'met' : 'MISSED']);
  return [
    `gridgov bench — ${r.machine.cpu}, ${r.machine.cores} cores, ${r.machine.memoryGiB} GiB, node ${r.machine.node}`,
    '',
    renderTable(['engine floor', 'events/s', 'µs/event'], floorRows),
    '',
    renderTable(['run', 'wall s', 'run s', 'cases', 'cases/s', 'events', 'events/s', 'µs/event', 'heap depth', 'peak MB', 'written MB'], runs),
    '',
    `time ∝ cases^${r.scaling.exponent.toFixed(3)} (least squares over the four sizes)`,
    ...(r.megacity?.openCases ? [`megacity ${openCaseLine(r.megacity.openCases)}`] : []),
    '',
    renderTable(['target', 'goal', 'measured', ''], targets),
  ].join('\n');
}

export async function benchCommand(o: BenchFlags): Promise<void> {
  const opts: BenchOptions = {
    defaultFile: o.default,
    megacityFile: o.city,
    reps: o.reps ?? (o.quick ? 1 : 3),
    megacityDays: o.megacityDays ?? (o.quick ? 14 : 365),
    scaleDays: o.scaleDays ?? (o.quick ? 3 : 14),
    skipMegacity: !o.megacity,
    floorEvents: 2_000_000,
    chainFile: o.chain,
    chainDays: o.chainDays ?? (o.quick ? 1000 : 7200),
    // Beside the report (results/ is not cleaned by anyone else), not in a shared /tmp.
    workDir: join(dirname(o.out), 'bench-runs'),
  };
  if (opts.megacityDays < 1) throw new InputError('--megacity-days', [{ path: '', expected: 'at least 1 day' }]);
  // Every scenario with the overrides it will run with, before the long measurements start; a
  // horizon it cannot take is the flag's fault.
  for (const { flag, file, set } of benchRuns(opts)) {
    try {
      loadScenarioFile(file, set);
    } catch (err) {
      if (!(err instanceof InputError) || set.length === 0 || err.file !== file) throw err;
      throw new InputError(flag, err.problems.map((p) => ({ path: `${file}: ${p.path}`, expected: p.expected, found: p.found, fix: `choose another ${flag}` })));
    }
  }
  const log = (line: string) => {
    if (!o.quiet) process.stderr.write(`bench: ${line}\n`);
  };
  const report = runBench(opts, log);
  ensureDir(dirname(o.out));
  writeFileAtomic(o.out, stableJson(report));
  if (!o.quiet) process.stdout.write(`${renderBench(report)}\n\nwritten: ${o.out}\n`);
}
