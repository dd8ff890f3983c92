import { describe, expect, it } from 'vitest';
import { openCaseLevel, openCaseLine } from '../../../sim/node/bench/openCases.ts';
import { runRaw } from '../../helpers/run.ts';
import { minimalScenario } from '../../helpers/scenarios.ts';

const TIERS = ['hotline', 'grid', 'community', 'street', 'district', 'department'];
/** A timeseries.csv whose backlog at tier t and step k is f(k, t). */
function series(steps: number, stepHours: number, f: (k: number, t: number) => number): string {
  const lines = ['hour,tier,arrivals,backlog,busyStaff,patrolStaff,onDutyStaff'];
  for (let k = 0; k < steps; k++) TIERS.forEach((tier, t) => lines.push(`${k * stepHours},${tier},0,${f(k, t)},0,0,0`));
  return `${lines.join('\n')}\n`;
}

describe('open-case level from timeseries.csv', () => {
  it('sums the tiers at each day end and compares the 2nd quarter with the last', () => {
    // 8 daily steps; day k has k+1 cases at every tier → 6(k+1) open.
    const o = openCaseLevel(series(8, 24, (k) => k + 1));
    expect(o.daily).toEqual([6, 12, 18, 24, 30, 36, 42, 48]);
    expect(o.secondQuarterDays).toEqual([2, 4]);
    expect(o.lastQuarterDays).toEqual([6, 8]);
    expect(o.secondQuarterMean).toBe(21);
    expect(o.lastQuarterMean).toBe(45);
    expect(o.ratio).toBeCloseTo(45 / 21, 12);
    expect(openCaseLine(o)).toBe('open cases level off: mean 21 over the 2nd quarter (days 3–4), 45 over the last (days 7–8), ratio 2.143');
  });

  it('takes the snapshot at the end of the day from hourly steps, and whole days only', () => {
    // Hourly steps over 2.5 days: the backlog is the step index at tier 0 only.
    const o = openCaseLevel(series(60, 1, (k, t) => (t === 0 ? k : 0)));
    expect(o.daily).toEqual([23, 47]); // the steps [23, 24) and [47, 48) end at the day ends
    expect(o.ratio).toBe(47 / 23);
  });

  it('a level series has ratio 1; too short a series has none', () => {
    expect(openCaseLevel(series(12, 24, () => 5)).ratio).toBe(1);
    const one = openCaseLevel(series(1, 24, () => 5));
    expect(one.daily).toEqual([30]); // 5 at each of the six tiers
    expect(one.ratio).toBeNull();
    expect(openCaseLine(one)).toContain('ratio n/a');
  });

  it('reads a real run: the day-end snapshot equals the summed backlog rows', async () => {
    const r = await runRaw(minimalScenario({ horizonDays: 4, warmupDays: 1 }));
    const o = openCaseLevel(r.timeseriesCsv);
    expect(o.daily.length).toBe(4);
    const rows = r.timeseriesCsv.trim().split('\n').slice(1).map((l) => l.split(','));
    const step = Number(rows[TIERS.length]![0]) - Number(rows[0]![0]);
    const endOfDay2 = rows.filter((c) => Number(c[0]) + step === 48).reduce((a, c) => a + Number(c[3]), 0);
    expect(o.daily[1]).toBe(endOfDay2);
    expect(o.daily.some((x) => x > 0)).toBe(true);
  });
});
