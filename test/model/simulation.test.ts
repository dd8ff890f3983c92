import { describe, expect, it } from 'vitest';
import { minimalScenario } from '../helpers/scenarios.ts';
import { runRaw } from '../helpers/run.ts';
import { parseCsv } from '../../sim/run/csv.ts';

const INTRINSIC = ['id', 'category', 'grid', 'priority', 'authority', 'department', 'createdAt'];

describe('one run', () => {
  it('balances its books under every policy, with and without auto-escalation', async () => {
    for (const policy of ['hierarchical', 'flat', 'whistle']) {
      for (const auto of [false, true]) {
        const raw = minimalScenario({ horizonDays: 40, policy: { autoEscalation: { enabled: auto, limitsHours: { grid: 12, community: 24, street: 48 } } } });
        const r = await runRaw(raw, { policyName: policy });
        const c = r.summary.checks;
        expect(c.conservation, `${policy} auto=${auto}`).toBe(true);
        expect(c.timestampOrder.violations).toBe(0);
        expect(c.staffHours.ok).toBe(true);
        expect(c.littleLaw.relErr).toBeLessThan(0.1);
        // every case appears exactly once in cases.csv
        expect(r.rows.length).toBe(c.conservationDetail.createdAll);
        expect(new Set(r.rows.map((row) => row.id)).size).toBe(r.rows.length);
        const open = r.rows.filter((row) => row.state !== 'closed');
        expect(open.length).toBe(c.conservationDetail.openAll);
        for (const row of open) expect(row.closedAt).toBe('');
        if (auto) expect(r.summary.timeoutsPerCase).toBeGreaterThan(0);
      }
    }
  });

  it('gives every policy exactly the same issues on the same seed (common random numbers)', async () => {
    const raw = minimalScenario();
    const runs = await Promise.all(['hierarchical', 'flat', 'whistle'].map((p) => runRaw(raw, { policyName: p, seed: 7 })));
    const key = (rows: Record<string, string>[]) =>
      rows
        .map((r) => INTRINSIC.map((k) => r[k]).join('|'))
        .sort()
        .join('\n');
    const first = key(runs[0]!.rows);
    expect(runs[0]!.rows.length).toBeGreaterThan(100);
    for (const r of runs.slice(1)) expect(key(r.rows)).toBe(first);
    // while the outcomes differ
    expect(runs[0]!.summary.resolutionHours.mean).not.toBe(runs[1]!.summary.resolutionHours.mean);
  });

  it('is deterministic: the same seed gives identical outputs, another seed different ones', async () => {
    const raw = minimalScenario();
    const a = await runRaw(raw, { seed: 3 });
    const b = await runRaw(raw, { seed: 3 });
    const c = await runRaw(raw, { seed: 4 });
    expect(b.casesText).toBe(a.casesText);
    expect(JSON.stringify(b.summary)).toBe(JSON.stringify(a.summary));
    expect(b.timeseriesCsv).toBe(a.timeseriesCsv);
    expect(b.staffCsv).toBe(a.staffCsv);
    expect(c.casesText).not.toBe(a.casesText);
  });

  it('hierarchical escalates tier by tier; flat sends straight to the authority and bounces misroutes', async () => {
    const raw = minimalScenario({ horizonDays: 30 });
    const h = await runRaw(raw, { policyName: 'hierarchical' });
    expect(h.summary.escalationsPerCase).toBeGreaterThan(0.3);
    expect(h.summary.bouncesPerCase).toBe(0);
    const deptRows = h.rows.filter((r) => r.resolvedTier === 'department');
    expect(deptRows.length).toBeGreaterThan(0);
    // a hotline case needing a department climbs through the grid first
    expect(deptRows.some((r) => r.tiersVisited.startsWith('district>grid>community>street>district>department'))).toBe(true);

    const perfect = await runRaw({ ...raw, policy: { classificationAccuracy: 1 } }, { policyName: 'flat' });
    expect(perfect.summary.escalationsPerCase).toBe(0);
    expect(perfect.summary.bouncesPerCase).toBe(0);
    for (const r of perfect.rows.filter((row) => row.state === 'closed')) expect(r.resolvedTier).toBe(r.authority);
    const sloppy = await runRaw({ ...raw, policy: { classificationAccuracy: 0.5 } }, { policyName: 'flat' });
    expect(sloppy.summary.bouncesPerCase).toBeGreaterThan(0.3);
  });

  it('whistle summons the department straight from the street, skipping the district', async () => {
    const r = await runRaw(minimalScenario({ horizonDays: 30 }), { policyName: 'whistle' });
    expect(r.summary.whistledShare).toBeGreaterThan(0);
    const whistled = r.rows.filter((row) => row.whistled === '1' && row.state === 'closed');
    expect(whistled.length).toBeGreaterThan(0);
    for (const row of whistled) {
      expect(row.tiersVisited).toMatch(/street>department$/);
      expect(row.resolvedTier).toBe('department');
    }
  });

  it('latent issues wait for a patrol; without patrol they are never found', async () => {
    const latentOnly = (patrol: boolean) =>
      minimalScenario({
        patrol: { enabled: patrol },
        demand: {
          categories: [{ name: 'litter', ratePer1000PerDay: 1, authority: { grid: 1 }, workHours: { dist: 'exponential', mean: 0.5 }, report: {} }],
        },
      });
    const none = await runRaw(latentOnly(false));
    expect(none.summary.cases.closed).toBe(0);
    expect(none.summary.cases.latent).toBe(none.summary.cases.created);
    const found = await runRaw(latentOnly(true));
    expect(found.summary.cases.closed).toBeGreaterThan(0.8 * found.summary.cases.created);
    expect(found.summary.sourceShare.patrol).toBe(1);
    // found only while someone patrols: office hours, so the lag is hours, not minutes
    expect(found.summary.discoveryLagHours.mean).toBeGreaterThan(2);
    expect(found.summary.activityShare.gridWorker.patrol).toBeGreaterThan(0.5);
  });

  it('residents who lose patience call again: contacts load the hotline and link to the case, no new case', async () => {
    const raw = minimalScenario({
      demand: {
        maxFollowUpCalls: 3,
        categories: [
          { name: 'slow', ratePer1000PerDay: 0.5, authority: { district: 1 }, workHours: { dist: 'exponential', mean: 10 }, report: { hotline: 1 }, patienceHours: { dist: 'constant', value: 4 } },
        ],
      },
    });
    const r = await runRaw(raw);
    expect(r.summary.hotline.followups).toBeGreaterThan(0);
    expect(r.summary.contactsPerCase).toBeGreaterThan(1);
    expect(r.summary.cases.registered).toBeLessThanOrEqual(r.summary.cases.created);
    expect(r.rows.length).toBe(r.summary.checks.conservationDetail.createdAll);
    const maxContacts = Math.max(...r.rows.map((row) => Number(row.contacts)));
    expect(maxContacts).toBeLessThanOrEqual(1 + 3);
  });

  it('consultations load call-takers without creating cases', async () => {
    const raw = minimalScenario({
      demand: { consultationsPer1000PerDay: 5, categories: [{ name: 'none', ratePer1000PerDay: 0, authority: { grid: 1 }, workHours: { dist: 'constant', value: 1 } }] },
    });
    const r = await runRaw(raw);
    expect(r.summary.cases.created).toBe(0);
    const residents = 12 * 500 * 2.6;
    const expected = (5 * residents * (20 - 3)) / 1000;
    expect(Math.abs(r.summary.hotline.consultations - expected)).toBeLessThan(4 * Math.sqrt(expected));
    expect(r.summary.utilization.callTaker).toBeGreaterThan(0);
  });

  it('keeps utilization equal to busy hours over on-duty hours, per role, from two separate books', async () => {
    const r = await runRaw(minimalScenario());
    let busy = 0;
    let avail = 0;
    for (const f of parseCsv(r.staffCsv).rows) {
      if (f.role !== 'gridWorker') continue;
      busy += Number(f.busyHours);
      avail += Number(f.onDutyHours) + Number(f.overtimeHours);
    }
    expect(busy / avail).toBeCloseTo(r.summary.utilization.gridWorker, 3);
    expect(r.summary.checks.staffHours.relErr).toBe(0); // round-off only
  });
});

describe('counting and defaults', () => {
  it('counts every tier a hierarchical case climbs as one escalation', async () => {
    const raw = minimalScenario({
      horizonDays: 30,
      demand: {
        categories: [
          { name: 'dept', ratePer1000PerDay: 0.3, department: 'utilities', authority: { department: 1 }, workHours: { dist: 'exponential', mean: 1 }, report: { gridWorker: 1 } },
        ],
      },
    });
    const r = await runRaw(raw, { policyName: 'hierarchical' });
    const closed = r.rows.filter((row) => row.state === 'closed');
    expect(closed.length).toBeGreaterThan(20);
    for (const row of closed) {
      expect(row.tiersVisited).toBe('grid>community>street>district>department');
      expect(row.escalations).toBe('4');
    }
    const w = await runRaw(raw, { policyName: 'whistle' });
    for (const row of w.rows.filter((x) => x.state === 'closed')) {
      expect(row.tiersVisited).toBe('grid>community>street>department');
      expect(row.escalations).toBe('3');
    }
  });

  it('gives priority keys left out a weight of 0', async () => {
    const raw = minimalScenario();
    (raw.demand as { categories: Record<string, unknown>[] }).categories.forEach((c) => (c.priority = { urgent: 1 }));
    const r = await runRaw(raw);
    expect(new Set(r.rows.map((row) => row.priority))).toEqual(new Set(['urgent']));
  });

  it('books the registration of patrol finds even when the round ends with the shift', async () => {
    const raw = minimalScenario({
      patrol: { enabled: true, roundHours: 9, detectionProbability: 1 },
      demand: { categories: [{ name: 'litter', ratePer1000PerDay: 2, authority: { community: 1 }, workHours: { dist: 'constant', value: 0.5 }, report: {} }] },
    });
    const r = await runRaw(raw);
    // office shift 8.5–17.5 = one 9-hour round a day, cut exactly at the shift end
    expect(r.summary.activityShare.gridWorker.register).toBeGreaterThan(0);
    expect(r.summary.checks.ok).toBe(true);
  });
});
