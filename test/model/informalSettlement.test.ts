import { describe, expect, it } from 'vitest';
import { minimalScenario } from '../helpers/scenarios.ts';
import { runRaw } from '../helpers/run.ts';
import { expectOffIsIdentical, mechanismSummary } from '../helpers/mechanisms.ts';

// On a paper-like channel (every move 6 h on average): settling low saves the hand-offs up.
const PAPER = { dist: 'exponential', mean: 6 };
const raw = minimalScenario({ horizonDays: 25, handoff: { channel: 'paper', delaysHours: { up: PAPER, down: PAPER, back: PAPER, toDepartment: PAPER } } });

describe('informal settlement (mechanisms.informalSettlement)', () => {
  it('off: outputs byte-identical to the scenario without it', async () => {
    await expectOffIsIdentical(raw, 'informalSettlement');
  });

  it('on: under hierarchy fewer escalations, more cases resolved low, shorter resolution (docs/model.md §18)', async () => {
    const base = await runRaw(raw, { policyName: 'hierarchical' });
    const on = await runRaw({ ...raw, mechanisms: { informalSettlement: { share: { grid: 0.4, community: 0.4 } } } }, { policyName: 'hierarchical' });
    const s = mechanismSummary<{ settled: number; byTier: Record<string, number> }>(on, 'informalSettlement');
    expect(s.settled).toBeGreaterThan(20);
    expect(s.byTier.grid! + s.byTier.community!).toBe(s.settled);
    expect(on.summary.escalationsPerCase).toBeLessThan(base.summary.escalationsPerCase - 0.1);
    const low = (r: typeof base) => r.summary.resolvedByTier.grid + r.summary.resolvedByTier.community;
    expect(low(on)).toBeGreaterThan(low(base) + 0.05);
    expect(on.summary.resolutionHours.mean).toBeLessThan(base.summary.resolutionHours.mean);
    // a settled case is resolved by a unit below its authority
    expect(on.rows.some((r) => r.resolvedTier === 'grid' && r.authority === 'street')).toBe(true);
    expect(base.rows.some((r) => r.resolvedTier === 'grid' && r.authority === 'street')).toBe(false);
    expect(on.summary.checks.ok).toBe(true);
  });

  it('per category: a category given no shares is never settled informally', async () => {
    const on = await runRaw(
      { ...raw, mechanisms: { informalSettlement: { share: { grid: 0.5, community: 0.5 }, byCategory: { facilities: {} } } } },
      { policyName: 'hierarchical' },
    );
    // facilities issues need the street or above: resolved at a grid or community only informally
    expect(on.rows.filter((r) => r.category === 'facilities' && (r.resolvedTier === 'grid' || r.resolvedTier === 'community')).length).toBe(0);
    expect(on.rows.some((r) => r.category === 'sanitation' && r.resolvedTier === 'grid' && r.authority !== 'grid')).toBe(true);
  });
});
