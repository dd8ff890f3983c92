import { describe, expect, it } from 'vitest';
import { extraServerShiftModel, solvePeriodicCtmc, type Transition } from '../../sim/validation/periodicCtmc.ts';
import { mmcMeanSojourn } from '../../sim/stats/queueing.ts';

function relClose(actual: number, expected: number, rel: number): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(rel * Math.abs(expected));
}

/** M/M/c birth–death chain truncated at N. */
function mmcChain(lambda: number, mu: number, c: number, N: number): { transitions: Transition[]; n: number[] } {
  const transitions: Transition[] = [];
  for (let n = 0; n <= N; n++) {
    if (n < N) transitions.push({ from: n, to: n + 1, rate: lambda });
    if (n > 0) transitions.push({ from: n, to: n - 1, rate: Math.min(n, c) * mu });
  }
  return { transitions, n: Array.from({ length: N + 1 }, (_, i) => i) };
}

describe('solvePeriodicCtmc', () => {
  it('constant servers: the time average is the M/M/c L', () => {
    for (const [lambda, mu, c] of [
      [0.8, 1, 1],
      [1.6, 1, 2],
      [4.5, 1, 5],
      [2.7, 0.5, 6],
    ] as const) {
      const { transitions, n } = mmcChain(lambda, mu, c, 400);
      const sol = solvePeriodicCtmc({ states: 401, phases: [{ name: 'day', durationHours: 24, transitions }], rewards: { n } });
      expect(sol.converged).toBe(true);
      relClose(sol.timeAverage.n!, lambda * mmcMeanSojourn(lambda, mu, c), 1e-9);
    }
  });

  it('constant servers split into phases with identity jumps gives the same L, in every phase', () => {
    const { transitions, n } = mmcChain(1.6, 1, 2, 300);
    const id = n.slice();
    const sol = solvePeriodicCtmc({
      states: 301,
      phases: [
        { name: 'a', durationHours: 3.7, transitions, onEnter: id },
        { name: 'b', durationHours: 20.3, transitions },
      ],
      rewards: { n },
    });
    const L = 1.6 * mmcMeanSojourn(1.6, 1, 2);
    relClose(sol.timeAverage.n!, L, 1e-9);
    for (const x of sol.phaseAverage.n!) relClose(x, L, 1e-9);
  });

  it('two-state chain with alternating rates matches the closed-form periodic solution', () => {
    // State 1 probability x relaxes to π = α/(α+β) at rate κ = α+β within each phase.
    const A = { alpha: 2, beta: 0.5, T: 5 };
    const B = { alpha: 0.1, beta: 0.9, T: 19 };
    const piA = A.alpha / (A.alpha + A.beta);
    const piB = B.alpha / (B.alpha + B.beta);
    const eA = Math.exp(-(A.alpha + A.beta) * A.T);
    const eB = Math.exp(-(B.alpha + B.beta) * B.T);
    // x1 = x at the start of A; x2 = piA + (x1 − piA) eA; x1 = piB + (x2 − piB) eB.
    const x1 = (piB * (1 - eB) + piA * (1 - eA) * eB) / (1 - eA * eB);
    const x2 = piA + (x1 - piA) * eA;
    const intA = piA * A.T + ((x1 - piA) * (1 - eA)) / (A.alpha + A.beta);
    const intB = piB * B.T + ((x2 - piB) * (1 - eB)) / (B.alpha + B.beta);
    const sol = solvePeriodicCtmc({
      states: 2,
      phases: [
        { name: 'A', durationHours: A.T, transitions: [{ from: 0, to: 1, rate: A.alpha }, { from: 1, to: 0, rate: A.beta }] },
        { name: 'B', durationHours: B.T, transitions: [{ from: 0, to: 1, rate: B.alpha }, { from: 1, to: 0, rate: B.beta }] },
      ],
      rewards: { one: [0, 1] },
    });
    relClose(sol.atPeriodStart[1]!, x1, 1e-12);
    relClose(sol.timeAverage.one!, (intA + intB) / (A.T + B.T), 1e-12);
  });

  it('applies the jump map when a phase begins', () => {
    // Nothing moves inside the phases; the jump sends state 0 to 1 at the start of phase b and back at a.
    const sol = solvePeriodicCtmc({
      states: 2,
      phases: [
        { name: 'a', durationHours: 6, transitions: [], onEnter: [0, 0] },
        { name: 'b', durationHours: 18, transitions: [], onEnter: [1, 1] },
      ],
      rewards: { inB: [0, 1] },
    });
    relClose(sol.timeAverage.inB!, 18 / 24, 1e-15);
  });
});

describe('extraServerShiftModel', () => {
  const base = { lambda: 1.6, mu: 1, regular: 2, startHour: 8, endHour: 16, maxInSystem: 200 };

  it('a shift around the clock is M/M/(r+1)', () => {
    const m = extraServerShiftModel({ ...base, startHour: 0, endHour: 24 });
    const sol = solvePeriodicCtmc(m);
    relClose(sol.timeAverage.inSystem!, 1.6 * mmcMeanSojourn(1.6, 1, 3), 1e-9);
    expect(sol.timeAverage.overtime!).toBe(0);
  });

  it('conserves work: mean busy servers = λ/μ; L lies between M/M/3 and M/M/2', () => {
    const sol = solvePeriodicCtmc(extraServerShiftModel(base));
    expect(sol.converged).toBe(true);
    relClose(sol.timeAverage.busyServers!, 1.6, 1e-9);
    const L = sol.timeAverage.inSystem!;
    expect(L).toBeGreaterThan(1.6 * mmcMeanSojourn(1.6, 1, 3));
    expect(L).toBeLessThan(1.6 * mmcMeanSojourn(1.6, 1, 2));
    expect(sol.timeAverage.overtime!).toBeGreaterThan(0);
    // Overtime starts at 16:00 and lasts one exponential service at most: well under 1 h a day.
    expect(sol.timeAverage.overtime! * 24).toBeLessThan(1 / base.mu);
  });

  it('is insensitive to the truncation level', () => {
    const a = solvePeriodicCtmc(extraServerShiftModel(base)).timeAverage.inSystem!;
    const b = solvePeriodicCtmc(extraServerShiftModel({ ...base, maxInSystem: 300 })).timeAverage.inSystem!;
    relClose(a, b, 1e-10);
  });
});
