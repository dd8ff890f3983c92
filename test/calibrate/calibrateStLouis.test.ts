import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { calibrate, CALIBRATE_DEFAULTS } from '../../sim/calibrate/calibrate.ts';
import { HARMONIZED_MAPPING, readLogText } from '../../sim/calibrate/logRecords.ts';
import { parseTimestamp } from '../../sim/calibrate/timestamps.ts';
import { loadScenarioFile } from '../../sim/node/cli/files.ts';
import { simulate } from '../../sim/run/simulateRun.ts';

// The bundled scenario calibrated from the St. Louis log (docs/scenarios/stlouis-311.md).
// Quick: it runs under flat and hierarchical with balanced books. With GRIDGOV_LONG=1
// (`GRIDGOV_LONG=1 npx vitest run test/calibrate`, about a minute) the calibration is redone from
// the shared data folder and must give the bundled file again, with the in-sample p50 and p90 of
// the five largest agencies inside their observed intervals.
const LONG = process.env.GRIDGOV_LONG === '1';
const LOG = '../shared/data/service-requests/stlouis_2018-01-01_21.csv';
const hours = (t: string) => (parseTimestamp(t) as { hours: number }).hours;

describe('scenarios/stlouis-311.json', () => {
  it('runs a few days under flat and hierarchical with balanced books', async () => {
    for (const policyName of ['flat', 'hierarchical']) {
      const s = loadScenarioFile('scenarios/stlouis-311.json', ['horizonDays=3', 'warmupDays=1']);
      const r = await simulate(s, { policyName });
      expect(r.summary.checks.ok, policyName).toBe(true);
      expect(r.summary.cases.created, policyName).toBeGreaterThan(300);
    }
  }, 60_000);
});

// Registered only in the long run (and where the shared data folder is), not skipped.
if (LONG && existsSync(LOG)) {
  it('scenarios/stlouis-311.json is what calibrate makes of the log, and fits its five largest agencies in sample', async () => {
    const { records, report } = readLogText(readFileSync(LOG, 'utf8'), LOG, HARMONIZED_MAPPING);
    const { scenario, report: cal } = await calibrate(records, report, {
      ...CALIBRATE_DEFAULTS,
      name: 'stlouis-311',
      warmupDays: 28,
      holdoutFrom: hours('2018-01-15'),
      holidays: [hours('2018-01-01'), hours('2018-01-15')],
      source: '`stlouis_2018-01-01_21.csv`',
    });
    const { $schema: _s, ...bundled } = JSON.parse(readFileSync('scenarios/stlouis-311.json', 'utf8'));
    expect(JSON.parse(JSON.stringify(scenario))).toEqual(bundled);
    for (const u of cal.windows[0]!.units.slice(0, 5)) expect(u.within.slice(1), u.name).toEqual([true, true]);
  }, 600_000);
}
