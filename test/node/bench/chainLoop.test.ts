import { describe, expect, it } from 'vitest';
import { chainLoop } from '../../../sim/node/bench/chainLoop.ts';

describe('the hand-written three-tier loop', () => {
  it('matches the Jackson-network mean time in system of chain-3tier (4.0121 h)', () => {
    // Independent replications; the tolerance is 4 standard errors of their mean.
    const means = Array.from({ length: 10 }, (_, i) =>
      chainLoop({ lambdaPerHour: 1.4, mu: 1, share: [0.5, 0.25, 0.25], servers: [2, 1, 1], horizonHours: 1000 * 24, warmupHours: 100 * 24, seed: i + 1 }).meanSojournHours,
    );
    const m = means.reduce((a, b) => a + b, 0) / means.length;
    const sd = Math.sqrt(means.reduce((a, b) => a + (b - m) ** 2, 0) / (means.length - 1));
    expect(Math.abs(m - 4.0121)).toBeLessThan((4 * sd) / Math.sqrt(means.length));
  });

  it('is deterministic for a seed', () => {
    const p = { lambdaPerHour: 1.4, mu: 1, share: [0.5, 0.25, 0.25] as [number, number, number], servers: [2, 1, 1] as [number, number, number], horizonHours: 2400, warmupHours: 0, seed: 3 };
    const a = chainLoop(p);
    const b = chainLoop(p);
    expect([a.cases, a.events, a.meanSojournHours]).toEqual([b.cases, b.events, b.meanSojournHours]);
  });
});
