import { InputError } from '../scenario/errors.ts';
import type { ScenarioInput } from '../scenario/schema.ts';
import { fitArrivals, type ArrivalFit, type ModelChannel } from './arrivals.ts';
import { ASSUMPTIONS, buildScenario, type ScenarioShape, type UnitParams } from './buildScenario.ts';
import { closeTimes } from './closeTimes.ts';
import { evaluateWindow, type WindowReport } from './evaluate.ts';
import { fitUnits, type FitResult } from './fitUnits.ts';
import { groupLog } from './grouping.ts';
import type { LogReadReport, LogRecord } from './logRecords.ts';
import { formatHours } from './timestamps.ts';

/**
 * A case log → a scenario that reproduces it, and the evidence of how well (docs/calibration.md).
 * The fitting window is the whole log, or the part created before `holdoutFrom`; the hold-out
 * window (the rest) is only read by the report.
 */
export interface CalibrateOptions {
  name: string;
  topCategories: number;
  topUnits: number;
  topAreas: number;
  residents: number;
  warmupDays: number;
  utilization: number;
  maxIterations: number;
  tolerance: number;
  seed: number;
  reps: number;
  /** Epoch wall-clock hours; default the last time seen in the log. */
  censorAt?: number;
  holdoutFrom?: number;
  channelMap?: Record<string, ModelChannel>;
  source?: string;
  /** Epoch hours of the starts of holidays (city offices closed). */
  holidays?: number[];
  /** Days of arrivals in each fitting run (default: the fitting window, at least 28). */
  fitRunDays?: number;
}

export const CALIBRATE_DEFAULTS: Omit<CalibrateOptions, 'name'> = {
  topCategories: 12,
  topUnits: 8,
  topAreas: 30,
  residents: 100_000,
  warmupDays: 7,
  utilization: 0.8,
  maxIterations: 8,
  tolerance: 0.05,
  seed: 1,
  reps: 5,
};

export interface CalibrationReport {
  name: string;
  source: string;
  read: Omit<LogReadReport, 'bad'> & { badCount: number; badFirst: LogReadReport['bad'] };
  window: { fitFrom: string; fitTo: string; fitDays: number; holdoutFrom: string | null; holdoutDays: number; censorAt: string; requestsFit: number; requestsHoldout: number; openAtCensor: number };
  options: Omit<CalibrateOptions, 'channelMap' | 'censorAt' | 'holdoutFrom' | 'name' | 'source' | 'fitRunDays' | 'holidays'>;
  grouping: { categories: Array<{ name: string; unit: string; perDay: number; perDayLow: number; perDayHigh: number; channels: { hotline: number; app: number; gridWorker: number } }>; units: string[]; areas: string[]; typesInLog: number; unitsFolded: string[]; areasFolded: string[] };
  arrivals: Pick<ArrivalFit, 'hourOfDay' | 'dayOfWeek' | 'trend' | 'channels' | 'total' | 'holidayFactor'> & { holidays: string[] };
  fit: FitResult;
  assumptions: string[];
  windows: WindowReport[];
}

const DAY = 24;

export async function calibrate(records: readonly LogRecord[], read: LogReadReport, opts: CalibrateOptions, progress: (msg: string) => void = () => {}): Promise<{ scenario: ScenarioInput; report: CalibrationReport }> {
  let firstCreated = Infinity, lastCreated = -Infinity, lastSeen = -Infinity;
  for (const r of records) {
    firstCreated = Math.min(firstCreated, r.created);
    lastCreated = Math.max(lastCreated, r.created);
    lastSeen = Math.max(lastSeen, r.created, r.closed ?? -Infinity);
  }
  const censorAt = opts.censorAt ?? lastSeen;
  const fitStart = Math.floor(firstCreated / DAY) * DAY;
  const logEnd = (Math.floor(lastCreated / DAY) + 1) * DAY;
  const fitEnd = opts.holdoutFrom ?? logEnd;
  const fitDays = Math.round((fitEnd - fitStart) / DAY);
  if (opts.holdoutFrom !== undefined && (fitDays < 1 || opts.holdoutFrom >= logEnd)) {
    throw new InputError('(command line)', [{ path: '--holdout-from', expected: `a date after the log's first day and before its last (${formatHours(fitStart).slice(0, 10)} to ${formatHours(logEnd - DAY).slice(0, 10)})`, found: formatHours(opts.holdoutFrom) }]);
  }
  if (fitDays < 1) throw new RangeError('calibrate: the fitting window is shorter than a day');
  const fitRecords = records.filter((r) => r.created < fitEnd && r.created <= censorAt);
  const holdRecords = records.filter((r) => r.created >= fitEnd && r.created <= censorAt);
  const grouping = groupLog(fitRecords, opts);
  const arrivals = fitArrivals(fitRecords, fitStart, fitDays, grouping, opts.channelMap, opts.holidays);
  const holidayDays = (start: number, days: number) => (opts.holidays ?? []).map((h) => Math.round((h - start) / DAY)).filter((d) => d >= 0 && d < days);
  const areaCounts = new Map<string, number>();
  for (const r of fitRecords) areaCounts.set(grouping.areaOf(r), (areaCounts.get(grouping.areaOf(r)) ?? 0) + 1);
  const areaShares = grouping.areas.map((a) => (areaCounts.get(a) ?? 0) / fitRecords.length);
  const description = [
    `Calibrated by \`gridgov calibrate\` from ${opts.source ?? read.file}: ${fitRecords.length} requests created ${formatHours(fitStart).slice(0, 10)} to ${formatHours(fitEnd - DAY).slice(0, 10)}, censored at ${formatHours(censorAt)}.`,
    `Departments are the log's units, categories its largest request types, streets its areas. See calibration.md beside the calibration run.`,
    `Assumptions (not identified from the log): ${ASSUMPTIONS.join(' ')}`,
  ].join(' ');
  const shape: ScenarioShape = { name: opts.name, description, grouping, arrivals, areaShares, residents: opts.residents, warmupDays: opts.warmupDays, days: fitDays, startHour: fitStart, holidayDays: holidayDays(fitStart, fitDays), seed: opts.seed };
  const observed = grouping.categories.map((_, i) => closeTimes(fitRecords.filter((r) => grouping.categoryOf(r) === i), censorAt));
  progress(`fitting ${grouping.categories.length} categories of ${grouping.units.length} units (${fitRecords.length} requests, ${fitDays} days)`);
  const fit = await fitUnits(
    shape,
    observed,
    { utilization: opts.utilization, maxIterations: opts.maxIterations, tolerance: opts.tolerance, seed: opts.seed, runDays: opts.fitRunDays ?? Math.max(fitDays, 28), tailDays: Math.max(14, (censorAt - fitEnd) / DAY) },
    (t) => progress(`iteration ${t.iteration}: loss ${t.loss}, largest shift ${t.maxShift}`),
  );
  const scenario = buildScenario(shape, fit.params);
  progress('comparing observed and simulated');
  const windows = [await evaluateWindow('fit', shape, fit.params, fitRecords, censorAt, opts.reps)];
  const holdDays = Math.round((logEnd - fitEnd) / DAY);
  if (opts.holdoutFrom !== undefined && holdDays >= 1 && holdRecords.length > 0) {
    windows.push(await evaluateWindow('holdout', { ...shape, startHour: fitEnd, days: holdDays, holidayDays: holidayDays(fitEnd, holdDays) }, fit.params, holdRecords, censorAt, opts.reps));
  }
  const { bad, ...readRest } = read;
  const { channelMap: _c, censorAt: _x, holdoutFrom: _h, name: _n, source: _s, fitRunDays: _f, holidays: _hd, ...optionsEcho } = opts;
  const report: CalibrationReport = {
    name: opts.name,
    source: opts.source ?? read.file,
    read: { ...readRest, badCount: bad.length, badFirst: bad.slice(0, 10) },
    window: {
      fitFrom: formatHours(fitStart),
      fitTo: formatHours(fitEnd),
      fitDays,
      holdoutFrom: opts.holdoutFrom !== undefined ? formatHours(opts.holdoutFrom) : null,
      holdoutDays: opts.holdoutFrom !== undefined ? holdDays : 0,
      censorAt: formatHours(censorAt),
      requestsFit: fitRecords.length,
      requestsHoldout: holdRecords.length,
      openAtCensor: records.filter((r) => r.created <= censorAt && (r.closed === null || r.closed > censorAt)).length,
    },
    options: optionsEcho,
    grouping: {
      categories: grouping.categories.map((c, i) => ({ name: c.name, unit: c.unit, ...arrivals.perCategory[i]!, channels: arrivals.channelShares[i]! })).map(({ count: _n2, ...rest }) => ({ ...rest, perDay: r3(rest.perDay), perDayLow: r3(rest.perDayLow), perDayHigh: r3(rest.perDayHigh) })),
      units: grouping.units,
      areas: grouping.areas,
      typesInLog: grouping.folded.types,
      unitsFolded: grouping.folded.unitsFolded,
      areasFolded: grouping.folded.areasFolded,
    },
    arrivals: { total: arrivals.total, hourOfDay: arrivals.hourOfDay, dayOfWeek: arrivals.dayOfWeek, trend: arrivals.trend, holidayFactor: arrivals.holidayFactor, holidays: (opts.holidays ?? []).map((h) => formatHours(h).slice(0, 10)), channels: arrivals.channels },
    fit,
    assumptions: ASSUMPTIONS,
    windows,
  };
  return { scenario, report };
}

const r3 = (x: number) => Math.round(x * 1000) / 1000;
