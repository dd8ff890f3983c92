import { describe, expect, it } from 'vitest';
import { inputError } from '../helpers/errors.ts';
import { parseCostRates } from '../../sim/experiment/sizeCost.ts';
import { paretoFlags } from '../../sim/experiment/sizeFrontier.ts';
import { boxOf, searchLeastCost, type Evaluation } from '../../sim/experiment/sizeSearch.ts';
import { candidateKey, candidateValues, parseVary } from '../../sim/experiment/sizeSpace.ts';
import { parseTarget, slack, targetMet } from '../../sim/experiment/sizeTargets.ts';
import { mulberry32 } from '../helpers/prng.ts';


/** A random monotone problem: feasible above a random staircase, cost a positive weighted sum. */
function randomProblem(rand: () => number, dims: number[]) {
  const weights = dims.map(() => 0.5 + rand() * 2);
  const need = dims.map((n) => rand() * n);
  const slope = dims.map(() => rand());
  const feasible = (l: number[]) => l.reduce((s, x, i) => s + slope[i]! * (x - need[i]!), 0) >= 0 && l.every((x, i) => x >= need[i]! * 0.3);
  const cost = (l: number[]) => l.reduce((s, x, i) => s + weights[i]! * (x + 1), 0);
  return { feasible, cost };
}

describe('the sizing search', () => {
  it('finds the exhaustive optimum on random monotone problems, with fewer evaluations', async () => {
    const rand = mulberry32(42);
    let saved = 0;
    for (let trial = 0; trial < 200; trial++) {
      const d = 1 + Math.floor(rand() * 3);
      const dims = Array.from({ length: d }, () => 1 + Math.floor(rand() * 7));
      const p = randomProblem(rand, dims);
      const evaluate = async (batch: number[][]): Promise<Evaluation[]> => batch.map((l) => ({ feasible: p.feasible(l), cost: p.cost(l) }));
      const smart = await searchLeastCost(dims, evaluate);
      const full = await searchLeastCost(dims, evaluate, 'exhaustive');
      expect(full.evaluated).toHaveLength(boxOf(dims).length);
      const costOf = (l: number[] | null) => (l ? p.cost(l) : null);
      expect(costOf(smart.chosen)).toBe(costOf(full.chosen));
      if (smart.chosen) expect(smart.evaluated.some((e) => e.levels.join() === smart.chosen!.join())).toBe(true);
      expect(new Set(smart.evaluated.map((e) => e.levels.join())).size).toBe(smart.evaluated.length);
      saved += full.evaluated.length - smart.evaluated.length;
    }
    expect(saved).toBeGreaterThan(0);
  });

  it('bisects one field in about log2(n) evaluations', async () => {
    const seen: number[] = [];
    const r = await searchLeastCost([20], async (b) => b.map(([c]) => (seen.push(c!), { feasible: c! >= 13, cost: c! })));
    expect(r.chosen).toEqual([13]);
    expect(seen.length).toBeLessThanOrEqual(6);
  });

  it('returns no choice when even the top of the box misses', async () => {
    const r = await searchLeastCost([3, 3], async (b) => b.map(() => ({ feasible: false, cost: 1 })));
    expect(r.chosen).toBeNull();
    expect(r.evaluated).toHaveLength(1);
  });
});

describe('targets, costs, fields and the frontier', () => {
  it('targets are met by the unfavourable end of the interval', () => {
    const t = parseTarget('resolutionHours.p90<=168');
    expect(t).toMatchObject({ metric: 'resolutionHours.p90', op: '<=', limit: 168 });
    expect(targetMet(t, { mean: 150, ciLow: 140, ciHigh: 167 })).toBe(true);
    expect(targetMet(t, { mean: 150, ciLow: 140, ciHigh: 169 })).toBe(false);
    expect(targetMet(t, { mean: 150, ciLow: NaN, ciHigh: NaN })).toBe(false);
    const s = parseTarget(' slaMet >= 0.9 ');
    expect(targetMet(s, { mean: 0.95, ciLow: 0.91, ciHigh: 0.99 })).toBe(true);
    expect(slack(s, { mean: 0.95, ciLow: 0.918, ciHigh: 0.99 })).toBeCloseTo(0.02, 12);
    expect(parseTarget('utilization.gridWorker≤0.85').op).toBe('<=');
    expect(inputError(() => parseTarget('resolutionHours.p90 = 168')).message).toContain('--target: (top level): expected metric<=value or metric>=value');
    expect(inputError(() => parseTarget('resolutionHours.p99<=168')).message).toContain('--target: resolutionHours.p99: expected a metric: cost, costPerHousehold, resolutionHours.mean');
  });

  it('cost rates: 1 each by default; listed roles, * for the rest, 0 otherwise', () => {
    expect(parseCostRates(undefined).callTaker).toBe(1);
    const r = parseCostRates('gridWorker=45,callTaker=38.5');
    expect([r.gridWorker, r.callTaker, r.streetHandler]).toEqual([45, 38.5, 0]);
    expect(parseCostRates('gridWorker=45,*=30').departmentHandler).toBe(30);
    expect(inputError(() => parseCostRates('gridworker=45')).message).toContain('--cost: gridworker: expected a role');
    expect(inputError(() => parseCostRates('gridWorker:45')).message).toContain('role=costPerStaffHour');
  });

  it('vary fields: staff counts ascend, households per grid descend; anything else is refused', () => {
    const staff = parseVary('staff.gridWorker.count=3,1,2');
    expect(candidateValues([staff], [0])).toEqual([1]);
    expect(candidateValues([staff], [2])).toEqual([3]);
    expect(candidateKey([staff], [0])).toBe('c1');
    const hh = parseVary('territory.householdsPerGrid=300..600:100');
    expect(candidateValues([hh], [0])).toEqual([600]);
    expect(parseVary('departments.0.handlers.count=1..2').kind).toBe('staff');
    expect(parseVary('staff.gridWorker.1.count=1..2').kind).toBe('staff');
    expect(parseVary('staff.gridWorker.rota.3.count=1..2').kind).toBe('staff');
    expect(parseVary('departments.1.handlers.rota.15.2.count=1..2').kind).toBe('staff');
    expect(inputError(() => parseVary('staff.gridWorker.rota.count=1..2')).message).toContain('expected a staff count');
    expect(inputError(() => parseVary('horizonDays=1..3')).message).toContain('--vary: horizonDays: expected a staff count');
    expect(inputError(() => parseVary('staff.gridWorker.count=1.5,2')).message).toContain('whole numbers');
    expect(inputError(() => parseVary('staff.gridWorker.count=2')).message).toContain('two or more values');
  });

  it('Pareto marks: nothing else is as cheap and as good', () => {
    const pts = [
      { cost: 1, metric: 10 },
      { cost: 2, metric: 8 },
      { cost: 3, metric: 9 },
      { cost: 3, metric: 8 },
      { cost: 4, metric: 2 },
    ];
    expect(paretoFlags(pts, true)).toEqual([true, true, false, false, true]);
    expect(paretoFlags(pts, false)).toEqual([true, false, false, false, false]);
  });
});
