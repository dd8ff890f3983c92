// One measurement in a fresh process, so its peak memory is its own: a scenario run written to
// a folder (what `gridgov run` does), or the bare engine loop. Prints one JSON line.
import { readFileSync, rmSync } from 'node:fs';
import { runToFolder } from '../cli/runOutputs.ts';
import { resolveScenario } from '../../scenario/load.ts';
import { engineFloor } from './engineFloor.ts';
import { chainLoop } from './chainLoop.ts';
import { chainParamsOf } from './chainParams.ts';
import { inlineBoundaries } from '../boundaryFile.ts';
import { openCaseLevel } from './openCases.ts';
import type { BenchTask } from './tasks.ts';

const startupMs = performance.now(); // since this process started: node, tsx, module loading

async function measure(task: BenchTask): Promise<Record<string, unknown>> {
  if (task.kind === 'floor') return { ...(await engineFloor(task.depth, task.events)) };
  if (task.kind === 'chainLoop') {
    const s = resolveScenario(JSON.parse(readFileSync(task.file, 'utf8')), task.file, task.set);
    const r = chainLoop(chainParamsOf(s));
    return { runSeconds: r.seconds, cases: r.cases, events: r.events, meanSojournHours: r.meanSojournHours };
  }
  const raw = JSON.parse(readFileSync(task.file, 'utf8')) as { territory: { districts?: unknown; boundaries?: { features: unknown[] } } };
  if (task.districts !== undefined) {
    if (raw.territory.boundaries) raw.territory.boundaries.features = raw.territory.boundaries.features.slice(0, task.districts);
    else {
      const d = raw.territory.districts;
      if (!Array.isArray(d)) throw new Error(`${task.file}: territory.districts must be a list to take a fraction of it`);
      raw.territory.districts = d.slice(0, task.districts);
    }
  }
  const scenario = inlineBoundaries(resolveScenario(raw, task.file, task.set), task.file);
  const started = performance.now();
  const summary = await runToFolder(scenario, { outDir: task.outDir, cases: task.cases, scenarioFile: task.file });
  const runSeconds = (performance.now() - started) / 1000;
  const manifest = JSON.parse(readFileSync(`${task.outDir}/manifest.json`, 'utf8')) as { events: number; meanPendingEvents: number; files: Record<string, number> };
  const bytesWritten = Object.values(manifest.files).reduce((a, b) => a + b, 0);
  const openCases = task.openCases ? openCaseLevel(readFileSync(`${task.outDir}/timeseries.csv`, 'utf8')) : undefined;
  if (!task.keep) rmSync(task.outDir, { recursive: true, force: true });
  return {
    runSeconds,
    events: manifest.events,
    meanPendingEvents: manifest.meanPendingEvents,
    cases: summary.cases.created,
    casesAll: summary.checks.conservationDetail.createdAll,
    bytesWritten,
    checksOk: summary.checks.ok,
    ...(openCases ? { openCases } : {}),
  };
}

const task = JSON.parse(process.argv[2]!) as BenchTask;
const result = await measure(task);
process.stdout.write(`${JSON.stringify({ ...result, startupSeconds: startupMs / 1000, peakRssMB: process.resourceUsage().maxRSS / 1024 })}\n`);
