import { describe, expect, it } from 'vitest';
import { minimalScenario } from '../helpers/scenarios.ts';
import { runRaw } from '../helpers/run.ts';

const allWeek = { startHour: 7, endHour: 22, days: [0, 1, 2, 3, 4, 5, 6], holidaysOff: false };
const committee = (extra: Record<string, unknown> = {}) => ({ volunteers: { count: 3, shift: allWeek }, reachProbability: 0.9, ...extra });
// sim/model/selfManagement.ts: building heads and volunteers settle minor grid issues.
type SM = { eligible: number; reached: number; takenIn: number; settled: number; handedToGridWorker: number; settledShare: number; volunteers: { busyHours: number; itemsStarted: number } };
const arrivals = (s: { checks: { littleLaw: { byTier: Record<string, { arrivals: number }> } } }, tier: string) => s.checks.littleLaw.byTier[tier]!.arrivals;

describe('grid self-management committee', () => {
  it('settles minor grid issues inside the grid and takes that load off the tiers above', async () => {
    const raw = minimalScenario({ horizonDays: 30 });
    const without = await runRaw(raw);
    const withC = await runRaw({ ...raw, selfManagement: committee() });
    const sm = withC.summary.selfManagement as SM;
    expect(without.summary.selfManagement).toBeUndefined();
    expect(sm.settled).toBeGreaterThan(20);
    expect(sm.settled).toBeLessThanOrEqual(sm.takenIn);
    expect(sm.volunteers.busyHours).toBeGreaterThan(0);
    expect(withC.summary.checks.ok).toBe(true);
    // the settled cases never reached a desk: fewer registrations, grid visits and hotline reports
    expect(withC.summary.cases.registered).toBeLessThan(without.summary.cases.registered - sm.settled / 2);
    expect(arrivals(withC.summary, 'grid')).toBeLessThan(arrivals(without.summary, 'grid'));
    expect(withC.summary.hotline.reports).toBeLessThan(without.summary.hotline.reports);
    expect(withC.summary.utilization.gridWorker).toBeLessThan(without.summary.utilization.gridWorker);
    const settledRows = withC.rows.filter((r) => r.tiersVisited === 'committee' && r.state === 'closed');
    expect(settledRows.length).toBeGreaterThanOrEqual(sm.settled);
    for (const r of settledRows) {
      expect(r.authority).toBe('grid');
      expect(r.source).toBe('');
      expect(r.resolvedTier).toBe('grid');
      expect(Number(r.closedAt)).toBeGreaterThanOrEqual(Number(r.registeredAt));
    }
  });

  it('hands failed attempts to the grid worker, and makes the same choices under every policy', async () => {
    const raw = minimalScenario({ horizonDays: 25, selfManagement: committee({ successProbability: 0.5 }) });
    const h = await runRaw(raw, { policyName: 'hierarchical' });
    const f = await runRaw(raw, { policyName: 'flat' });
    const a = h.summary.selfManagement as SM;
    const b = f.summary.selfManagement as SM;
    expect(a.handedToGridWorker).toBeGreaterThan(5);
    expect(h.rows.some((r) => r.tiersVisited.startsWith('committee>') || (r.source === 'gridWorker' && r.tiersVisited.includes('committee')))).toBe(true);
    // eligibility and the committee's draws depend on the issue only (common random numbers)
    expect(b.eligible).toBe(a.eligible);
    expect(b.reached).toBe(a.reached);
  });

  it('settles nothing when no volunteer is ever on duty, and only eligible tiers', async () => {
    const none = await runRaw(minimalScenario({ selfManagement: committee({ volunteers: { count: 0 } }) }));
    expect((none.summary.selfManagement as SM).settled).toBe(0);
    const community = await runRaw(minimalScenario({ selfManagement: committee({ tiers: ['community'], maxWorkHours: 1 }) }));
    const settled = community.rows.filter((r) => r.tiersVisited === 'committee' && r.state === 'closed');
    expect(settled.length).toBeGreaterThan(0);
    for (const r of settled) expect(r.authority).toBe('community');
  });
});
