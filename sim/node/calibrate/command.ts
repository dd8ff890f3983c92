import { readFileSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { CALIBRATE_DEFAULTS, calibrate, type CalibrateOptions } from '../../calibrate/calibrate.ts';
import { HARMONIZED_MAPPING, mappingFromColumns, readLogText, type LogMapping } from '../../calibrate/logRecords.ts';
import { qqSvg } from '../../calibrate/qqSvg.ts';
import { calibrationMarkdown, slug } from '../../calibrate/reportMarkdown.ts';
import { parseTimestamp, parseTzOffset } from '../../calibrate/timestamps.ts';
import { InputError } from '../../scenario/errors.ts';
import { resolveScenario } from '../../scenario/load.ts';
import { stableJson, writeFileAtomic } from '../cli/files.ts';
import { readMappingFile } from './mappingFile.ts';

/** `gridgov calibrate LOG.csv …`: a case log → scenario.json + calibration.md/json + QQ plots. */
export interface CalibrateFlags {
  map?: string;
  columns?: string;
  tz?: string;
  censorAt?: string;
  holdoutFrom?: string;
  holidays?: string;
  out?: string;
  reportDir?: string;
  name?: string;
  topCategories?: string;
  topUnits?: string;
  topAreas?: string;
  residents?: string;
  warmupDays?: string;
  utilization?: string;
  maxIterations?: string;
  reps?: string;
  seed?: string;
  maxBadShare?: string;
  quiet?: boolean;
}

function num(flag: string, text: string | undefined, fallback: number, check: (n: number) => boolean, expected: string): number {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!check(n)) throw new InputError('(command line)', [{ path: flag, expected, found: text }]);
  return n;
}

const posInt = (n: number) => Number.isInteger(n) && n >= 1;

export async function calibrateCommand(log: string, f: CalibrateFlags): Promise<void> {
  if (f.map && f.columns) throw new InputError('(command line)', [{ path: '--map / --columns', expected: 'one of them, not both' }]);
  let mapping: LogMapping = HARMONIZED_MAPPING;
  if (f.map) mapping = readMappingFile(f.map);
  if (f.columns) {
    const m = mappingFromColumns(f.columns);
    if ('error' in m) throw new InputError('(command line)', [{ path: '--columns', expected: m.error }]);
    mapping = m;
  }
  let tzOffsetHours: number | undefined;
  if (f.tz !== undefined && f.tz !== 'local') {
    tzOffsetHours = parseTzOffset(f.tz);
    if (tzOffsetHours === undefined) throw new InputError('(command line)', [{ path: '--tz', expected: '"local" (the default: wall clock as written), UTC, or an offset like -06:00', found: f.tz }]);
  }
  const time = (flag: string, text: string | undefined): number | undefined => {
    if (text === undefined) return undefined;
    const t = parseTimestamp(text);
    if ('error' in t) throw new InputError('(command line)', [{ path: flag, expected: t.error, found: text }]);
    return t.hours;
  };
  const maxBadShare = num('--max-bad-share', f.maxBadShare, 0.01, (n) => n >= 0 && n <= 1, 'a share in [0, 1]');
  let text: string;
  try {
    text = readFileSync(log, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new InputError(log, [{ path: '', expected: `a readable CSV file (${code === 'ENOENT' ? 'no such file' : String(code ?? err)})` }]);
  }
  const { records, report } = readLogText(text, log, mapping, { ignoreZone: mapping.ignoreZone, tzOffsetHours, maxBadShare });
  const base = basename(log).replace(/\.[^.]*$/, '');
  const out = f.out ?? join('results', `calibrate-${base}`, `${base}.json`);
  const reportDir = f.reportDir ?? dirname(out);
  const d = CALIBRATE_DEFAULTS;
  const opts: CalibrateOptions = {
    name: f.name ?? base,
    topCategories: num('--top-categories', f.topCategories, d.topCategories, posInt, 'a positive integer'),
    topUnits: num('--top-units', f.topUnits, d.topUnits, posInt, 'a positive integer'),
    topAreas: num('--top-areas', f.topAreas, d.topAreas, posInt, 'a positive integer'),
    residents: num('--residents', f.residents, d.residents, (n) => n > 0, 'a positive number'),
    warmupDays: num('--warmup-days', f.warmupDays, d.warmupDays, (n) => n >= 0, 'a number ≥ 0'),
    utilization: num('--utilization', f.utilization, d.utilization, (n) => n > 0 && n < 1, 'a share in (0, 1)'),
    maxIterations: num('--max-iterations', f.maxIterations, d.maxIterations, posInt, 'a positive integer'),
    tolerance: d.tolerance,
    seed: num('--seed', f.seed, d.seed, Number.isInteger, 'an integer'),
    reps: num('--reps', f.reps, d.reps, posInt, 'a positive integer'),
    censorAt: time('--censor-at', f.censorAt),
    holdoutFrom: time('--holdout-from', f.holdoutFrom),
    holidays: f.holidays?.split(',').filter(Boolean).map((d) => Math.floor(time('--holidays', d.trim())! / 24) * 24),
    channelMap: mapping.channels,
    source: `\`${basename(log)}\``,
  };
  const say = (msg: string) => {
    if (!f.quiet) process.stderr.write(`calibrate: ${msg}\n`);
  };
  say(`${records.length} requests read from ${log} (${report.bad.length} unreadable, ${report.duplicates.count} duplicates, ${report.closedBeforeCreated.count} closed before created)`);
  const { scenario, report: cal } = await calibrate(records, report, opts, say);
  resolveScenario(scenario, out); // the scenario written must validate
  writeFileAtomic(out, stableJson({ $schema: relative(dirname(out), 'scenarios/schema.json'), ...scenario }));
  const qqDir = 'qq';
  writeFileAtomic(join(reportDir, 'calibration.json'), stableJson(cal));
  writeFileAtomic(join(reportDir, 'calibration.md'), calibrationMarkdown(cal, qqDir));
  cal.windows[0]!.units.forEach((u, i) => {
    const series = cal.windows.map((w) => ({ label: w.label === 'fit' ? 'fitting window' : 'hold-out', points: w.units[i]!.qq }));
    writeFileAtomic(join(reportDir, qqDir, `qq-${slug(u.name)}.svg`), qqSvg(`${u.name}: time to close, QQ`, series));
  });
  process.stdout.write(`${out}: scenario written; report ${join(reportDir, 'calibration.md')}\n`);
}
