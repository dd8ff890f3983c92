import { spawnSync } from 'node:child_process';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { median, powerLawExponent } from './stats.ts';
import { runsBuilt, siblingModule } from '../moduleFile.ts';
import type { BenchTask, ChainLoopMeasurement, FloorMeasurement, RunMeasurement } from './tasks.ts';

export interface BenchOptions {
  defaultFile: string;
  megacityFile: string;
  /** Runs of the default scenario; the median is reported. */
  reps: number;
  megacityDays: number;
  /** Horizon of the four scaling runs (first 1/8, 1/4, 1/2, all districts of the megacity). */
  scaleDays: number;
  skipMegacity: boolean;
  floorEvents: number;
  /** Where the measured runs write their folders (each removed after it is measured). */
  workDir: string;
  /** The degenerate three-tier network, run by gridgov and by a hand-written loop. */
  chainFile: string;
  chainDays: number;
}

export interface Target {
  name: string;
  target: string;
  measured: string;
  met: boolean;
  note?: string;
}

export interface BenchReport {
  gridgovBench: 1;
  date: string;
  machine: { node: string; platform: string; arch: string; cpu: string; cores: number; memoryGiB: number };
  options: BenchOptions;
  floor: { smallHeap: FloorMeasurement; defaultDepth: FloorMeasurement; megacityDepth?: FloorMeasurement };
  default: { runs: RunMeasurement[]; median: RunMeasurement };
  megacity?: RunMeasurement & { days: number; extrapolatedYearSeconds: number };
  scaling: { days: number; points: (RunMeasurement & { districts: number })[]; exponent: number };
  /** gridgov and the hand-written loop on the same three-tier network (medians of `reps`), and their ratios. */
  chain: { days: number; gridgov: RunMeasurement; loop: ChainLoopMeasurement; wallRatio: number; runRatio: number };
  perEvent: {
    defaultMicroseconds: number;
    megacityMicroseconds?: number;
    defaultVsFloorSmallHeap: number;
    defaultVsFloorSameDepth: number;
    megacityVsFloorSmallHeap?: number;
    megacityVsFloorSameDepth?: number;
  };
  targets: Target[];
}

const CHILD = fileURLToPath(siblingModule('./benchChild', import.meta.url));
// From the build (lib/) the child is plain JavaScript; from the sources it needs tsx's loader.
const CHILD_ARGS = runsBuilt(import.meta.url) ? [CHILD] : ['--import', import.meta.resolve('tsx'), CHILD];

function child<T>(task: BenchTask): T & { wallSeconds: number } {
  const started = performance.now();
  const r = spawnSync(process.execPath, [...CHILD_ARGS, JSON.stringify(task)], { encoding: 'utf8', maxBuffer: 1 << 24 });
  const wallSeconds = (performance.now() - started) / 1000;
  if (r.status !== 0) throw new Error(`bench child failed (${JSON.stringify(task)}):\n${r.stderr}`);
  const line = r.stdout.trim().split('\n').pop()!;
  return { ...(JSON.parse(line) as T), wallSeconds };
}

function floor(depth: number, events: number): FloorMeasurement {
  const m = child<FloorMeasurement>({ kind: 'floor', depth, events });
  return { depth: m.depth, events: m.events, seconds: m.seconds, eventsPerSecond: m.eventsPerSecond, microsecondsPerEvent: m.microsecondsPerEvent, peakRssMB: m.peakRssMB };
}

let workDir = join(tmpdir(), 'gridgov-bench');
let runCount = 0;

/** Run folders are written (and removed) under `workDir`: they hold the bytes the figures count. */
const megacitySets = (o: BenchOptions) => [`horizonDays=${o.megacityDays}`, `warmupDays=${Math.min(14, Math.max(0, o.megacityDays - 1))}`];
const scalingSets = (o: BenchOptions) => [`horizonDays=${o.scaleDays}`, 'warmupDays=0'];
const chainSets = (o: BenchOptions) => [`horizonDays=${o.chainDays}`];

/**
 * Every scenario the bench will run, with the overrides it will run it with and the flag that
 * sets its horizon: checked before the first measurement, so a horizon a scenario cannot take
 * (e.g. --chain-days at or below the network's warm-up) fails at once, not after the long parts.
 */
export function benchRuns(o: BenchOptions): { flag: string; file: string; set: string[] }[] {
  return [
    { flag: '--default', file: o.defaultFile, set: [] },
    ...(o.skipMegacity ? [] : [{ flag: '--megacity-days', file: o.megacityFile, set: megacitySets(o) }]),
    { flag: '--scale-days', file: o.megacityFile, set: scalingSets(o) },
    { flag: '--chain-days', file: o.chainFile, set: chainSets(o) },
  ];
}

function run(file: string, set: string[], extra: Partial<Extract<BenchTask, { kind: 'run' }>> = {}): RunMeasurement {
  const outDir = join(workDir, `run-${process.pid}-${++runCount}`);
  return child<RunMeasurement>({ kind: 'run', file, set, outDir, cases: true, ...extra });
}

const usPerEvent = (m: RunMeasurement) => (m.runSeconds * 1e6) / m.events;

/** Runs every measurement one after another, each in its own process, and judges the targets. */
export function runBench(o: BenchOptions, log: (line: string) => void): BenchReport {
  workDir = o.workDir;
  log('engine floor: bare simjs timers, 100 pending');
  const smallHeap = floor(100, o.floorEvents);
  const runs: RunMeasurement[] = [];
  for (let i = 0; i < o.reps; i++) {
    log(`default scenario, run ${i + 1}/${o.reps}`);
    runs.push(run(o.defaultFile, []));
  }
  const byWall = [...runs].sort((a, b) => a.wallSeconds - b.wallSeconds);
  const med = byWall[Math.floor((byWall.length - 1) / 2)]!;
  const medianRun: RunMeasurement = { ...med, wallSeconds: median(runs.map((r) => r.wallSeconds)), runSeconds: median(runs.map((r) => r.runSeconds)), startupSeconds: median(runs.map((r) => r.startupSeconds)) };
  log(`engine floor at the default's heap depth (${medianRun.meanPendingEvents})`);
  const defaultDepth = floor(Math.max(1, medianRun.meanPendingEvents), o.floorEvents);

  let megacity: BenchReport['megacity'];
  let megacityDepth: FloorMeasurement | undefined;
  if (!o.skipMegacity) {
    log(`megacity, ${o.megacityDays} days (one core)`);
    const m = run(o.megacityFile, megacitySets(o), { openCases: true });
    megacity = { ...m, days: o.megacityDays, extrapolatedYearSeconds: (m.runSeconds * 365) / o.megacityDays + m.startupSeconds };
    log(`engine floor at the megacity's heap depth (${m.meanPendingEvents})`);
    megacityDepth = floor(Math.max(1, m.meanPendingEvents), o.floorEvents);
  }

  const points: (RunMeasurement & { districts: number })[] = [];
  for (const districts of [2, 4, 8, 16]) {
    log(`scaling: first ${districts} of 16 districts, ${o.scaleDays} days`);
    points.push({ ...run(o.megacityFile, scalingSets(o), { districts }), districts });
  }
  const exponent = powerLawExponent(points.map((p) => p.casesAll), points.map((p) => p.runSeconds));

  const chainSet = chainSets(o);
  const gridgovChain: RunMeasurement[] = [];
  const loopChain: ChainLoopMeasurement[] = [];
  for (let i = 0; i < o.reps; i++) {
    log(`three-tier network, ${o.chainDays} days: gridgov, then the hand-written loop (${i + 1}/${o.reps})`);
    gridgovChain.push(run(o.chainFile, chainSet));
    loopChain.push(child<ChainLoopMeasurement>({ kind: 'chainLoop', file: o.chainFile, set: chainSet }));
  }
  const byWallG = [...gridgovChain].sort((a, b) => a.wallSeconds - b.wallSeconds)[Math.floor((o.reps - 1) / 2)]!;
  const byWallL = [...loopChain].sort((a, b) => a.wallSeconds - b.wallSeconds)[Math.floor((o.reps - 1) / 2)]!;
  const chain: BenchReport['chain'] = {
    days: o.chainDays,
    gridgov: { ...byWallG, wallSeconds: median(gridgovChain.map((r) => r.wallSeconds)), runSeconds: median(gridgovChain.map((r) => r.runSeconds)) },
    loop: { ...byWallL, wallSeconds: median(loopChain.map((r) => r.wallSeconds)), runSeconds: median(loopChain.map((r) => r.runSeconds)) },
    wallRatio: 0,
    runRatio: 0,
  };
  chain.wallRatio = chain.gridgov.wallSeconds / chain.loop.wallSeconds;
  chain.runRatio = chain.gridgov.runSeconds / chain.loop.runSeconds;

  const perEvent: BenchReport['perEvent'] = {
    defaultMicroseconds: usPerEvent(medianRun),
    defaultVsFloorSmallHeap: usPerEvent(medianRun) / smallHeap.microsecondsPerEvent,
    defaultVsFloorSameDepth: usPerEvent(medianRun) / defaultDepth.microsecondsPerEvent,
  };
  if (megacity && megacityDepth) {
    perEvent.megacityMicroseconds = usPerEvent(megacity);
    perEvent.megacityVsFloorSmallHeap = usPerEvent(megacity) / smallHeap.microsecondsPerEvent;
    perEvent.megacityVsFloorSameDepth = usPerEvent(megacity) / megacityDepth.microsecondsPerEvent;
  }

  const f1 = (x: number) => x.toFixed(1);
  const targets: Target[] = [
    { name: 'default scenario wall time', target: '< 2 s', measured: `${medianRun.wallSeconds.toFixed(2)} s (median of ${o.reps})`, met: medianRun.wallSeconds < 2 },
    {
      name: 'cost per event vs bare simjs (same heap depth)',
      target: '<= 3x',
      measured: `${f1(perEvent.defaultVsFloorSameDepth)}x default${perEvent.megacityVsFloorSameDepth ? `, ${f1(perEvent.megacityVsFloorSameDepth)}x megacity` : ''}`,
      met: perEvent.defaultVsFloorSameDepth <= 3 && (perEvent.megacityVsFloorSameDepth ?? 0) <= 3,
    },
    {
      name: 'cost per event vs bare simjs (100 pending)',
      target: '<= 3x',
      measured: `${f1(perEvent.defaultVsFloorSmallHeap)}x default${perEvent.megacityVsFloorSmallHeap ? `, ${f1(perEvent.megacityVsFloorSmallHeap)}x megacity` : ''}`,
      met: perEvent.defaultVsFloorSmallHeap <= 3 && (perEvent.megacityVsFloorSmallHeap ?? 0) <= 3,
    },
    { name: 'time growth with cases (exponent)', target: '<= 1.05', measured: exponent.toFixed(3), met: exponent <= 1.05 },
    {
      name: 'three-tier network vs hand-written loop',
      target: '<= 3x',
      measured: `${f1(chain.wallRatio)}x whole process (${chain.gridgov.wallSeconds.toFixed(2)} s vs ${chain.loop.wallSeconds.toFixed(2)} s), ${f1(chain.runRatio)}x run alone`,
      met: chain.wallRatio <= 3,
    },
  ];
  if (megacity) {
    const year = o.megacityDays >= 365;
    targets.push(
      {
        name: 'megacity year on one core',
        target: '< 180 s',
        measured: `${(year ? megacity.wallSeconds : megacity.extrapolatedYearSeconds).toFixed(0)} s${year ? '' : ` (extrapolated from ${o.megacityDays} days)`}`,
        met: (year ? megacity.wallSeconds : megacity.extrapolatedYearSeconds) < 180,
      },
      { name: 'megacity peak memory', target: '< 1536 MB', measured: `${megacity.peakRssMB.toFixed(0)} MB${year ? '' : ` (${o.megacityDays} days)`}`, met: megacity.peakRssMB < 1536 },
    );
  }
  const cpu = cpus();
  return {
    gridgovBench: 1,
    date: new Date().toISOString(),
    machine: { node: process.version, platform: process.platform, arch: process.arch, cpu: cpu[0]?.model ?? 'unknown', cores: cpu.length, memoryGiB: Math.round(totalmem() / 2 ** 30) },
    options: o,
    floor: { smallHeap, defaultDepth, megacityDepth },
    default: { runs, median: medianRun },
    megacity,
    scaling: { days: o.scaleDays, points, exponent },
    chain,
    perEvent,
    targets,
  };
}
