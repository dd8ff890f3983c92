import { describe, expect, it } from 'vitest';
import { minimalScenario } from '../helpers/scenarios.ts';
import { runRaw } from '../helpers/run.ts';

// Patrol: rounds go on back to back until work calls the worker back or the shift ends; latent
// issues are found at round ends. These pin the three consequences of that design.

const gridOnly = (report: Record<string, number>, extra: Record<string, unknown> = {}) =>
  minimalScenario({
    horizonDays: 40,
    warmupDays: 2,
    travel: { enabled: false },
    verification: { enabled: false },
    demand: {
      categories: [
        { name: 'litter', ratePer1000PerDay: 0.6, authority: { grid: 1 }, workHours: { dist: 'constant', value: 0.25 }, report },
      ],
    },
    staff: {
      gridWorker: { count: 1, shift: 'always' },
      communityStaff: { count: 1 },
      streetDispatcher: { count: 1 },
      streetHandler: { count: 1 },
      callTaker: { count: 1 },
      districtDispatcher: { count: 1 },
      districtHandler: { count: 1 },
    },
    departments: [],
    ...extra,
  });

describe('patrol', () => {
  it('is cut short by work arriving at the grid: a reported case waits for no round to end', async () => {
    // Every issue is told to the grid worker (registered at the grid, handled there). Rounds are
    // 8 h: if work waited for the round end, the mean wait would be hours.
    const raw = gridOnly({ gridWorker: 1 }, { patrol: { enabled: true, roundHours: 8, detectionProbability: 0.3 } });
    const r = await runRaw(raw);
    const closed = r.rows.filter((row) => row.state === 'closed' && row.counted === '1');
    expect(closed.length).toBeGreaterThan(200);
    const meanWait = closed.reduce((s, row) => s + Number(row.waitHours), 0) / closed.length;
    // Only another case ahead of it can make a case wait (0.25 h of work, light load).
    expect(meanWait).toBeLessThan(0.05);
    expect(r.summary.checks.ok).toBe(true);
  });

  it('costs no engine events while the grid has no latent issue', async () => {
    // No issues at all (hotline consultations only): round length must not change the number of
    // events (a timer per round would make 16 times more at 0.25 h than at 4 h).
    const events = async (roundHours: number) => {
      const raw = gridOnly({}, { patrol: { enabled: true, roundHours, detectionProbability: 0.3 } });
      (raw.demand as { categories: { ratePer1000PerDay: number }[] }).categories[0]!.ratePer1000PerDay = 0;
      (raw.demand as Record<string, unknown>).consultationsPer1000PerDay = 1;
      return (await runRaw(raw)).events;
    };
    const short = await events(0.25);
    const long = await events(4);
    expect(short).toBe(long);
  });

  it('finds latent issues at round ends: with certain detection the lag is uniform over a round', async () => {
    // Nobody reports; one always-on worker patrols continuously; detection at the first round end.
    const R = 2;
    const raw = gridOnly({}, { patrol: { enabled: true, roundHours: R, detectionProbability: 1 } });
    const r = await runRaw(raw);
    const found = r.rows.filter((row) => row.counted === '1' && row.source === 'patrol');
    expect(found.length).toBeGreaterThan(300);
    const lags = found.map((row) => Number(row.reportedAt) - Number(row.createdAt));
    // A round, plus the registering and handling of what the previous round found, which delay the next one.
    expect(Math.max(...lags)).toBeLessThanOrEqual(R + 1);
    const mean = lags.reduce((a, b) => a + b, 0) / lags.length;
    expect(mean).toBeGreaterThan(0.4 * R);
    expect(mean).toBeLessThan(0.6 * R);
  });
});
