import { describe, expect, it } from 'vitest';
import { loadPolicyFile } from '../../sim/node/cli/policyFile.ts';
import { STAGE_COLUMNS, STAGE_INDEX, STAGE_SLOTS, STAGES, QUEUE_TIERS } from '../../sim/model/stageClock.ts';
import type { Case } from '../../sim/model/types.ts';
import type { SimObserver } from '../../sim/model/events.ts';
import type { Policy } from '../../sim/policies/types.ts';
import { minimalScenario } from '../helpers/scenarios.ts';
import { runRaw } from '../helpers/run.ts';

type Raw = Record<string, unknown>;

/** Every built-in policy, auto-escalation, and the two bundled policy files. */
async function policies(): Promise<{ label: string; name?: string; policy?: Policy; set?: Raw }[]> {
  return [
    { label: 'hierarchical', name: 'hierarchical' },
    { label: 'flat', name: 'flat' },
    { label: 'whistle', name: 'whistle' },
    { label: 'hierarchical+auto', name: 'hierarchical', set: { autoEscalation: { enabled: true, limitsHours: { grid: 6, community: 6, street: 6 } } } },
    { label: 'respondOnReceipt', policy: await loadPolicyFile('scenarios/policies/respondOnReceipt.ts') },
    { label: 'streetFirst', policy: await loadPolicyFile('scenarios/policies/streetFirst.ts') },
  ];
}

function scenario(handoff: Raw, policySet: Raw = {}, reopen = 0.1): Raw {
  const raw = minimalScenario({ horizonDays: 12, warmupDays: 1, handoff, policy: { classificationAccuracy: 0.8, ...policySet } });
  const demand = raw.demand as { categories: Raw[] };
  for (const c of demand.categories) c.reopenProbability = reopen;
  return raw;
}

/** Keeps a copy of each closed case's stage hours and hand-offs. */
function closedCases(): { observer: SimObserver; closed: { total: number; hours: Float64Array; handoffs: number; reopens: number }[] } {
  const closed: { total: number; hours: Float64Array; handoffs: number; reopens: number }[] = [];
  return {
    closed,
    observer: {
      onEvent(e) {
        if (e.type !== 'caseClosed') return;
        const c: Case = e.case;
        closed.push({ total: c.closedAt - c.createdAt, hours: Float64Array.from(c.stageHours), handoffs: c.handoffs, reopens: c.reopens });
      },
    },
  };
}

const paper = { channel: 'paper', source: 'assumption', delaysHours: { up: { dist: 'lognormal', mean: 4, sd: 3 }, down: { dist: 'exponential', mean: 2 }, back: { dist: 'constant', value: 1 }, toDepartment: { dist: 'exponential', mean: 3 } } };

describe('where every hour goes (stages)', () => {
  it('for every closed case the stages add up to closure − occurrence under every built-in policy', async () => {
    for (const p of await policies()) {
      const { observer, closed } = closedCases();
      const r = await runRaw(scenario(paper, p.set), { policyName: p.name, policy: p.policy, observers: [observer] });
      expect(closed.length, p.label).toBeGreaterThan(100);
      let reworked = 0;
      for (const c of closed) {
        let sum = 0;
        for (let i = 0; i < STAGES.length; i++) sum += c.hours[i]!;
        expect(Math.abs(sum - c.total), p.label).toBeLessThan(1e-6);
        let queueByTier = 0;
        for (let i = STAGES.length; i < STAGE_SLOTS; i++) queueByTier += c.hours[i]!;
        expect(Math.abs(queueByTier - c.hours[STAGE_INDEX.queue]!), p.label).toBeLessThan(1e-6);
        for (const h of c.hours) expect(h).toBeGreaterThanOrEqual(0);
        if (c.reopens > 0) reworked++;
      }
      expect(reworked, `${p.label}: some cases were reopened`).toBeGreaterThan(0);
      // summary.json: the shares of the stages add up to 1, the means to the mean resolution time
      const st = r.summary.stages;
      const shares = STAGES.reduce((a, s) => a + st.share[`${s}Hours`]!, 0);
      expect(shares).toBeCloseTo(1, 9);
      expect(st.closed).toBe(r.summary.cases.closed);
      // cases.csv carries the same columns (rounded to 4 decimals)
      const row = r.rows.find((x) => x.state === 'closed')!;
      const rowSum = STAGES.reduce((a, s) => a + Number(row[`${s}Hours`]), 0);
      expect(Math.abs(rowSum - Number(row.resolutionHours))).toBeLessThan(STAGES.length * 1e-4);
      // open rows add up to horizon − createdAt
      const open = r.rows.find((x) => x.state !== 'closed');
      if (open) expect(Math.abs(STAGES.reduce((a, s) => a + Number(open[`${s}Hours`]), 0) - (12 * 24 - Number(open.createdAt)))).toBeLessThan(STAGES.length * 1e-4);
    }
  }, 120_000);

  it('a constant hand-off delay d adds exactly d × hand-offs to each case’s transit hours under every built-in policy', async () => {
    const d = 0.75;
    const constant = { channel: 'test', source: 'assumption', delaysHours: Object.fromEntries(['up', 'down', 'back', 'toDepartment'].map((k) => [k, { dist: 'constant', value: d }])) };
    for (const p of await policies()) {
      const { observer, closed } = closedCases();
      await runRaw(scenario(constant, p.set, 0), { policyName: p.name, policy: p.policy, observers: [observer] });
      const moved = closed.filter((c) => c.handoffs > 0);
      expect(moved.length, p.label).toBeGreaterThan(50);
      for (const c of closed) expect(Math.abs(c.hours[STAGE_INDEX.transit]! - d * c.handoffs), p.label).toBeLessThan(1e-9);
      // with no delay nothing is in transit, and the same hand-offs are counted
      const zero = closedCases();
      await runRaw(scenario({}, p.set, 0), { policyName: p.name, policy: p.policy, observers: [zero.observer] });
      for (const c of zero.closed) expect(c.hours[STAGE_INDEX.transit]).toBe(0);
      expect(zero.closed.some((c) => c.handoffs > 0), p.label).toBe(true);
    }
  }, 120_000);

  it('names one column per stage and per tier queue', () => {
    expect(STAGE_COLUMNS).toEqual([
      'discoveryHours', 'registrationHours', 'queueHours', 'reviewHours', 'transitHours', 'travelHours', 'workHours', 'verifyHours', 'reworkHours',
      ...QUEUE_TIERS.map((t) => `queueHours_${t}`),
    ]);
  });
});
