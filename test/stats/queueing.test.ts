import { describe, expect, it } from 'vitest';
import {
  cobhamNonPreemptive,
  erlangC,
  mg1MeanWait,
  minServersForWait,
  mmcMeanSojourn,
  mmcMeanWait,
  mmcPriorityNonPreemptive,
  mmcUtilization,
} from '../../sim/stats/queueing.ts';

/** Independent Erlang C from the textbook direct sum (fine for small c). */
function erlangCDirect(c: number, a: number): number {
  let term = 1; // a^k / k!
  let sum = 0;
  for (let k = 0; k < c; k++) {
    sum += term;
    term *= a / (k + 1);
  }
  // term = a^c / c!
  const top = (term * c) / (c - a);
  return top / (sum + top);
}

function relClose(actual: number, expected: number, rel: number): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(rel * Math.abs(expected));
}

describe('erlangC', () => {
  it('c = 1 gives C = ρ', () => {
    for (const a of [0, 0.1, 0.5, 0.9, 0.999]) relClose(erlangC(1, a), a, 1e-14);
  });

  it('c = 2, a = 1 gives 1/3', () => {
    relClose(erlangC(2, 1), 1 / 3, 1e-14);
  });

  it('c = 10, a = 8 matches the direct-sum formula (≈ 0.409)', () => {
    const direct = erlangCDirect(10, 8);
    expect(direct).toBeCloseTo(0.409, 3);
    relClose(erlangC(10, 8), direct, 1e-12);
  });

  it('matches the direct sum over a grid of small cases', () => {
    for (const c of [1, 2, 3, 5, 8, 13, 20, 50]) {
      for (const rho of [0.05, 0.3, 0.7, 0.95, 0.999]) {
        relClose(erlangC(c, rho * c), erlangCDirect(c, rho * c), 1e-11);
      }
    }
  });

  it('is finite and in (0, 1) for large c', () => {
    const v = erlangC(5000, 4900);
    expect(Number.isFinite(v)).toBe(true);
    expect(v).toBeGreaterThan(0);
    expect(v).toBeLessThan(1);
    const w = erlangC(10_000, 9_990);
    expect(w).toBeGreaterThan(0);
    expect(w).toBeLessThan(1);
  });

  it('rejects unstable or malformed input', () => {
    expect(() => erlangC(2, 2)).toThrow(RangeError);
    expect(() => erlangC(2, 3)).toThrow(/unstable/);
    expect(() => erlangC(0, 0.5)).toThrow(RangeError);
    expect(() => erlangC(2.5, 1)).toThrow(RangeError);
    expect(() => erlangC(2, -1)).toThrow(RangeError);
  });
});

describe('M/M/c', () => {
  it('M/M/2 with λ = 1, μ = 1 has Wq = 1/3', () => {
    relClose(mmcMeanWait(1, 1, 2), 1 / 3, 1e-14);
    relClose(mmcMeanSojourn(1, 1, 2), 4 / 3, 1e-14);
    expect(mmcUtilization(1, 1, 2)).toBe(0.5);
  });

  it('M/M/1 reduces to ρ/(μ − λ)', () => {
    const lambda = 0.7;
    const mu = 1.3;
    relClose(mmcMeanWait(lambda, mu, 1), lambda / mu / (mu - lambda), 1e-14);
    relClose(mmcMeanSojourn(lambda, mu, 1), 1 / (mu - lambda), 1e-14);
  });

  it('Little: Lq = λWq agrees with the direct Lq = C·ρ/(1−ρ)', () => {
    const lambda = 8;
    const mu = 1;
    const c = 10;
    const rho = lambda / (c * mu);
    relClose(lambda * mmcMeanWait(lambda, mu, c), (erlangCDirect(c, lambda / mu) * rho) / (1 - rho), 1e-12);
  });

  it('throws RangeError when ρ ≥ 1', () => {
    expect(() => mmcMeanWait(2, 1, 2)).toThrow(RangeError);
    expect(() => mmcMeanSojourn(3, 1, 2)).toThrow(RangeError);
    expect(() => mmcUtilization(2, 1, 2)).toThrow(RangeError);
    expect(() => mmcMeanWait(1, 0, 2)).toThrow(RangeError);
  });
});

describe('M/G/1 Pollaczek–Khinchine', () => {
  it('exponential service equals M/M/1 Wq', () => {
    for (const [lambda, mu] of [
      [0.5, 1],
      [0.9, 1],
      [3, 7],
    ]) {
      relClose(mg1MeanWait(lambda, 1 / mu, 1 / mu ** 2), mmcMeanWait(lambda, mu, 1), 1e-12);
    }
  });

  it('deterministic service halves the M/M/1 wait', () => {
    relClose(mg1MeanWait(0.8, 1, 0), mmcMeanWait(0.8, 1, 1) / 2, 1e-12);
  });

  it('throws RangeError when ρ ≥ 1', () => {
    expect(() => mg1MeanWait(1, 1, 1)).toThrow(RangeError);
    expect(() => mg1MeanWait(1, 1, -1)).toThrow(RangeError);
  });
});

describe('Cobham non-preemptive priority (M/G/1)', () => {
  it('one class equals P-K', () => {
    const es = 0.8;
    const varS = 0.3;
    const [w] = cobhamNonPreemptive([1.1], [es], [varS + es * es]);
    relClose(w, mg1MeanWait(1.1, es, varS), 1e-14);
  });

  it('matches a hand computation for two classes', () => {
    // λ = [0.3, 0.4], exponential service with means [1, 0.5] → E[S²] = 2·mean² = [2, 0.5]
    // W0 = (0.3·2 + 0.4·0.5)/2 = 0.4; σ0 = 0.3, σ1 = 0.5
    // W_0 = 0.4/(1·0.7) = 0.5714285714…, W_1 = 0.4/(0.7·0.5) = 1.1428571428…
    const w = cobhamNonPreemptive([0.3, 0.4], [1, 0.5], [2, 0.5]);
    relClose(w[0], 0.4 / 0.7, 1e-14);
    relClose(w[1], 0.4 / 0.35, 1e-14);
  });

  it('Kleinrock conservation: Σρ_k W_k equals the FCFS value ρ·Wq(P-K)', () => {
    // Holds for any priority order in a work-conserving M/G/1: Σ ρ_k W_k = ρ W0 / (1 − ρ).
    const lambdas = [0.1, 0.2, 0.15, 0.05];
    const means = [0.5, 1.2, 0.8, 2];
    const m2 = [0.5, 3, 1.0, 10];
    const w = cobhamNonPreemptive(lambdas, means, m2);
    let rho = 0;
    let w0 = 0;
    let lhs = 0;
    lambdas.forEach((l, i) => {
      rho += l * means[i];
      w0 += (l * m2[i]) / 2;
      lhs += l * means[i] * w[i];
    });
    relClose(lhs, (rho * w0) / (1 - rho), 1e-12);
  });

  it('rejects unstable load, mismatched lengths, and variance passed as second moment', () => {
    expect(() => cobhamNonPreemptive([0.6, 0.5], [1, 1], [2, 2])).toThrow(RangeError);
    expect(() => cobhamNonPreemptive([0.1], [1, 1], [2, 2])).toThrow(RangeError);
    expect(() => cobhamNonPreemptive([0.1], [2], [1])).toThrow(RangeError);
    expect(() => cobhamNonPreemptive([], [], [])).toThrow(RangeError);
  });
});

describe('mmcPriorityNonPreemptive', () => {
  it('one class equals mmcMeanWait', () => {
    for (const [lambda, mu, c] of [
      [1, 1, 2],
      [8, 1, 10],
      [0.5, 2, 1],
      [95, 1, 100],
    ]) {
      const [w] = mmcPriorityNonPreemptive([lambda], mu, c);
      relClose(w, mmcMeanWait(lambda, mu, c), 1e-12);
    }
  });

  it('λ-weighted average of per-class waits equals mmcMeanWait (work conservation)', () => {
    const cases: [number[], number, number][] = [
      [[1, 2, 3], 1, 8],
      [[0.5, 0, 4, 2.5], 0.5, 16],
      [[10, 20, 30, 25, 9], 1, 100],
      [[0.2, 0.3], 1, 1],
    ];
    for (const [lambdas, mu, c] of cases) {
      const w = mmcPriorityNonPreemptive(lambdas, mu, c);
      const lambda = lambdas.reduce((s, l) => s + l, 0);
      const avg = lambdas.reduce((s, l, i) => s + l * w[i], 0) / lambda;
      relClose(avg, mmcMeanWait(lambda, mu, c), 1e-9);
      // higher priority never waits longer
      for (let k = 1; k < w.length; k++) expect(w[k]).toBeGreaterThanOrEqual(w[k - 1]);
    }
  });

  it('c = 1 agrees with Cobham for exponential service', () => {
    const lambdas = [0.2, 0.3, 0.1];
    const mu = 1.25;
    const w = mmcPriorityNonPreemptive(lambdas, mu, 1);
    const cob = cobhamNonPreemptive(lambdas, [1 / mu, 1 / mu, 1 / mu], Array(3).fill(2 / mu ** 2));
    w.forEach((x, i) => relClose(x, cob[i], 1e-12));
  });

  it('throws RangeError when ρ ≥ 1', () => {
    expect(() => mmcPriorityNonPreemptive([1, 1], 1, 2)).toThrow(RangeError);
    expect(() => mmcPriorityNonPreemptive([], 1, 2)).toThrow(RangeError);
  });
});

describe('minServersForWait', () => {
  it('hand-checked λ = 1, μ = 1', () => {
    // Wq(2) = 1/3, Wq(3) = 1/22 ≈ 0.04545
    expect(minServersForWait(1, 1, 0.34)).toBe(2);
    expect(minServersForWait(1, 1, mmcMeanWait(1, 1, 2))).toBe(2); // target exactly met
    expect(minServersForWait(1, 1, 0.3)).toBe(3);
    expect(minServersForWait(1, 1, 1 / 22 + 1e-12)).toBe(3);
    expect(minServersForWait(1, 1, 100)).toBe(2); // c = 1 is unstable
  });

  it('returns the smallest stable c meeting the target', () => {
    for (const [lambda, mu, target] of [
      [8, 1, 0.1],
      [50, 2, 0.01],
      [4900, 1, 0.001],
      [0.3, 1, 10],
    ]) {
      const c = minServersForWait(lambda, mu, target);
      expect(mmcMeanWait(lambda, mu, c)).toBeLessThanOrEqual(target);
      if (lambda / mu < c - 1) expect(mmcMeanWait(lambda, mu, c - 1)).toBeGreaterThan(target);
    }
  });

  it('handles λ = 0 and rejects non-positive targets', () => {
    expect(minServersForWait(0, 1, 0)).toBe(1);
    expect(() => minServersForWait(1, 1, 0)).toThrow(RangeError);
    expect(() => minServersForWait(1, 1, -1)).toThrow(RangeError);
  });
});
