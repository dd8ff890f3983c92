import { describe, expect, it } from 'vitest';
import { calibrate, CALIBRATE_DEFAULTS } from '../../sim/calibrate/calibrate.ts';
import { parseCsv } from '../../sim/calibrate/csv.ts';
import { HARMONIZED_MAPPING, readLogText } from '../../sim/calibrate/logRecords.ts';
import { formatHours } from '../../sim/calibrate/timestamps.ts';
import { simulate } from '../../sim/run/simulateRun.ts';
import { resolveScenario } from '../../sim/scenario/load.ts';
import type { ScenarioInput } from '../../sim/scenario/schema.ts';

// A known system: three categories, two departments, requests entered when they occur.
const DAYS = 35;
const RESIDENTS = 4 * 500 * 2.6;
const PER_DAY = { potholes: 40, trees: 25, signs: 15 };
const known: ScenarioInput = {
  name: 'known',
  horizonDays: DAYS,
  territory: { streetsPerDistrict: 2, communitiesPerStreet: 1, gridsPerCommunity: 2, householdsPerGrid: 500 },
  demand: {
    categories: [
      { name: 'potholes', ratePer1000PerDay: PER_DAY.potholes / (RESIDENTS / 1000), department: 'Roads', authority: { department: 1 }, workHours: { dist: 'lognormal', mean: 20, sd: 15 }, report: { hotline: 0.6, app: 0.4 }, reportDelayHours: { dist: 'constant', value: 0 }, reopenProbability: 0 },
      { name: 'trees', ratePer1000PerDay: PER_DAY.trees / (RESIDENTS / 1000), department: 'Parks', authority: { department: 1 }, workHours: { dist: 'lognormal', mean: 60, sd: 40 }, report: { hotline: 0.5, app: 0.5 }, reportDelayHours: { dist: 'constant', value: 0 }, reopenProbability: 0 },
      { name: 'signs', ratePer1000PerDay: PER_DAY.signs / (RESIDENTS / 1000), department: 'Roads', authority: { department: 1 }, workHours: { dist: 'gamma', mean: 5, sd: 3 }, report: { hotline: 1 }, reportDelayHours: { dist: 'constant', value: 0 }, reopenProbability: 0 },
    ],
    maxFollowUpCalls: 0,
  },
  staff: {
    gridWorker: { count: 1 },
    communityStaff: { count: 1 },
    streetDispatcher: { count: 1 },
    streetHandler: { count: 1 },
    callTaker: { count: 3 },
    districtDispatcher: { count: 3 },
    districtHandler: { count: 1 },
  },
  departments: [
    { name: 'Roads', handlers: { count: 50 } },
    { name: 'Parks', handlers: { count: 90 } },
  ],
  patrol: { enabled: false },
  travel: { enabled: false },
  verification: { enabled: false },
  policy: { name: 'flat', classificationAccuracy: 1 },
};

/** gridgov's own cases.csv, written out as a service-request log in the harmonized format. */
async function syntheticLog(): Promise<string> {
  const chunks: string[] = [];
  await simulate(resolveScenario(known, 'known'), { seed: 77, caseSink: { write: (t) => chunks.push(t) } });
  const rows = [...parseCsv(chunks.join(''))];
  const col = Object.fromEntries(rows[0]!.fields.map((f, i) => [f, i]));
  const base = Date.UTC(2024, 0, 1) / 3_600_000; // a Monday, like the scenario's day 0
  const stamp = (h: string) => (h === '' ? '' : `${formatHours(base + Number(h))}:00`);
  const out = ['city,window,request_id,created,closed,status,type,subtype,agency,channel,district,neighborhood,zip,lat,lon'];
  for (const { fields: f } of rows.slice(1)) {
    if (f[col.registeredAt]! === '') continue;
    out.push(['Synthetic', 'w', f[col.id], stamp(f[col.registeredAt]!), stamp(f[col.closedAt]!), f[col.closedAt] ? 'CLOSED' : 'OPEN', f[col.category], '', f[col.department], f[col.source], f[col.street], '', '', '', ''].join(','));
  }
  return `${out.join('\n')}\n`;
}

describe('calibrate recovers a known scenario from its own log', () => {
  it('arrival rates within sampling error; each unit’s time-to-close p10/p50/p90 within 10%', async () => {
    const text = await syntheticLog();
    const { records, report } = readLogText(text, 'synthetic.csv', HARMONIZED_MAPPING);
    const { scenario, report: cal } = await calibrate(records, report, { ...CALIBRATE_DEFAULTS, name: 'recovered', maxIterations: 3, reps: 2, warmupDays: 3 });
    expect(() => resolveScenario(scenario, 'recovered')).not.toThrow();
    const days = cal.window.fitDays;
    expect(days).toBe(DAYS);
    for (const [name, truth] of Object.entries(PER_DAY)) {
      const c = cal.grouping.categories.find((x) => x.name === name)!;
      // Poisson: the count over `days` has sd √(truth·days); three of them is the bound.
      expect(Math.abs(c.perDay - truth)).toBeLessThanOrEqual((3 * Math.sqrt(truth * days)) / days);
    }
    expect(cal.grouping.categories.find((x) => x.name === 'trees')!.unit).toBe('Parks');
    const fit = cal.windows[0]!;
    expect(fit.units.map((u) => u.name).sort()).toEqual(['Parks', 'Roads']);
    for (const u of fit.units) {
      u.observed.quantiles.forEach((q, i) => {
        const sim = u.simulated.quantiles[i]!.estimate!;
        expect(q.estimate).not.toBeNull();
        expect(Math.abs(sim / q.estimate! - 1), `${u.name} p${q.p * 100}: observed ${q.estimate}, simulated ${sim}`).toBeLessThanOrEqual(0.1);
      });
    }
  }, 60_000);
});
