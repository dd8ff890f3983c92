import { describe, expect, it } from 'vitest';
import { minimalScenario } from '../helpers/scenarios.ts';
import { runRaw } from '../helpers/run.ts';

const allWeek = { startHour: 8, endHour: 18, days: [0, 1, 2, 3, 4, 5, 6], holidaysOff: false };
type TD = {
  unitsIssued: number;
  unitsToGridWorkers: number;
  unitsToVolunteers: number;
  unitsDoneByGridWorkers: number;
  unitsDoneByVolunteers: number;
  maxUnitsOutstanding: number;
  openCases: { baseline: number | null; peak: number | null; excessCaseDays: number | null; recoveryDays: number | null; recovered: boolean };
  openCasesByDay: number[];
};
const campaign = (units: number, volunteerShare?: number) => ({
  campaigns: [{ name: 'door-to-door', startDay: 10, endDay: 20, unitsPerGridPerDay: units, workHours: { dist: 'constant', value: 0.75 } }],
  ...(volunteerShare === undefined ? {} : { volunteers: { staffing: { count: 3, shift: allWeek }, startDay: 10, endDay: 20, share: volunteerShare } }),
});

describe('top-down tasks', () => {
  it('compete with routine cases for the grid worker: busier, less patrol, slower cases, a backlog that recovers', async () => {
    const raw = minimalScenario({ horizonDays: 40, warmupDays: 3 });
    const quiet = await runRaw({ ...raw, topDownTasks: campaign(0) });
    const surge = await runRaw({ ...raw, topDownTasks: campaign(8.5) });
    const q = quiet.summary.topDownTasks as TD;
    const s = surge.summary.topDownTasks as TD;
    expect(q.unitsIssued).toBe(0);
    // 12 grids × 10 days × 8.5 units (the half unit rounded at random)
    expect(s.unitsIssued).toBeGreaterThan(12 * 10 * 8);
    expect(s.unitsIssued).toBeLessThan(12 * 10 * 9);
    expect(s.unitsDoneByGridWorkers).toBe(s.unitsIssued);
    expect(surge.summary.checks.ok).toBe(true);
    expect(surge.summary.utilization.gridWorker).toBeGreaterThan(quiet.summary.utilization.gridWorker + 0.1);
    expect(surge.summary.activityShare.gridWorker.patrol).toBeLessThan(quiet.summary.activityShare.gridWorker.patrol);
    expect(surge.summary.resolutionHours.mean).toBeGreaterThan(quiet.summary.resolutionHours.mean);
    expect(s.openCases.peak!).toBeGreaterThan(1.5 * s.openCases.baseline!);
    expect(s.openCases.recovered).toBe(true);
    expect(s.openCases.excessCaseDays!).toBeGreaterThan(2 * q.openCases.excessCaseDays! + 10);
    expect(s.openCasesByDay.length).toBe(40);
  });

  it('mobilized volunteers take their share of the units and relieve the grid worker', async () => {
    const raw = minimalScenario({ horizonDays: 30, warmupDays: 3 });
    const alone = await runRaw({ ...raw, topDownTasks: campaign(8, 0) });
    const helped = await runRaw({ ...raw, topDownTasks: campaign(8, 1) });
    const a = alone.summary.topDownTasks as TD;
    const h = helped.summary.topDownTasks as TD;
    expect(a.unitsToVolunteers).toBe(0);
    expect(h.unitsToGridWorkers).toBe(0);
    expect(h.unitsDoneByVolunteers).toBe(h.unitsIssued);
    expect(h.unitsIssued).toBe(a.unitsIssued);
    expect(helped.summary.utilization.gridWorker).toBeLessThan(alone.summary.utilization.gridWorker);
    expect(helped.summary.resolutionHours.mean).toBeLessThan(alone.summary.resolutionHours.mean);
    expect(h.maxUnitsOutstanding).toBeLessThan(a.maxUnitsOutstanding);
  });

  it('issues the same units under every policy (common random numbers)', async () => {
    const raw = minimalScenario({ horizonDays: 15, topDownTasks: { ...campaign(2.5, 0.4), campaigns: [{ ...campaign(2.5).campaigns[0]!, startDay: 5, endDay: 12 }] } });
    const a = (await runRaw(raw, { policyName: 'hierarchical' })).summary.topDownTasks as TD;
    const b = (await runRaw(raw, { policyName: 'flat' })).summary.topDownTasks as TD;
    expect(b.unitsIssued).toBe(a.unitsIssued);
    expect(b.unitsToVolunteers).toBe(a.unitsToVolunteers);
  });
});
