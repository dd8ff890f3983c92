import { describe, expect, it } from 'vitest';
import { morrisDefaults, morrisTrajectories, oneAtATime, type DesignPoint } from '../../sim/experiment/sensitivityDesign.ts';
import { morrisIndices, nextReps, oatEffects, sigmaLowerBound } from '../../sim/experiment/sensitivityEffects.ts';
import { assignment, declaredFactors, parseVary, scaleDist, type Factor } from '../../sim/experiment/sensitivityFactors.ts';
import { loadScenarioFile } from '../../sim/node/cli/files.ts';
import { resolveScenario } from '../../sim/scenario/load.ts';
import { InputError } from '../../sim/scenario/errors.ts';
import { minimalScenario } from '../helpers/scenarios.ts';
import { createStreams } from '../../sim/random/stream.ts';

const factor = (path: string, low: number, high: number, base = (low + high) / 2): Factor => ({ path, label: path, status: 'assumed', kind: 'number', base, low, high, integer: false });
const FACTORS = [factor('a', 0, 1), factor('b', 0, 1), factor('c', 0, 1), factor('d', 0, 1)];

/** y at a point in replication r: a model of the factors plus seeded noise shared by every point (common random numbers). */
function outcomes(points: readonly DesignPoint[], model: (x: number[]) => number, noise: number) {
  const rng = createStreams('t').stream('noise');
  const shared = Array.from({ length: 50 }, () => rng.next() - 0.5);
  return (p: number, r: number) => model(points[p]!.x) + noise * shared[r]!;
}

describe('sensitivity core', () => {
  it('one at a time: the one factor that matters comes first, the others are exactly zero, and the sign flip is found', () => {
    const pts = oneAtATime(FACTORS);
    expect(pts).toHaveLength(1 + 2 * FACTORS.length);
    const y = outcomes(pts, (x) => 10 * x[2]! - 3, 1);
    const r = oatEffects(FACTORS, pts, y, 5, 0.05);
    expect(r.rows[0]!.path).toBe('c');
    expect(r.rows[0]!.effectHigh.mean).toBeCloseTo(5, 9);
    expect(r.rows[0]!.swing).toBeCloseTo(10, 9);
    expect(r.rows[0]!.signFlipClear).toBe('low'); // base 2, low end −3
    for (const row of r.rows.slice(1)) {
      expect(row.effectLow.ciLow).toBeLessThanOrEqual(0);
      expect(row.effectLow.ciHigh).toBeGreaterThanOrEqual(0);
      expect(row.swing).toBe(0);
    }
    expect(nextReps(r, 20)).toBe(5); // paired differences cancel the shared noise: narrow at once
  });

  it('asks for more replications while the widest interval is above the target, never beyond the cap', () => {
    const pts = oneAtATime(FACTORS);
    let k = 0;
    const noisy = (p: number, r: number) => (p === 0 ? 0 : 0.2 * FACTORS.length) + Math.sin(++k + r * 7.1 + p * 3.3) * (pts[p]!.kind === 'base' ? 0 : 1);
    const r = oatEffects(FACTORS, pts, noisy, 3, 0.05);
    expect(r.maxHalfWidth).toBeGreaterThan(r.target);
    const n = nextReps(r, 10);
    expect(n).toBeGreaterThan(3);
    expect(n).toBeLessThanOrEqual(6);
    expect(nextReps({ ...r, reps: 10 }, 10)).toBe(10);
  });

  it('Morris: trajectories move one factor by Δ at a time; an additive model has σ = 0, an interaction σ clearly above 0', () => {
    const m = morrisDefaults(10);
    const pts = morrisTrajectories(FACTORS, m, 7);
    expect(pts).toHaveLength(10 * (FACTORS.length + 1));
    for (let i = 1; i < pts.length; i++) {
      const [a, b] = [pts[i - 1]!, pts[i]!] as Extract<DesignPoint, { kind: 'morris' }>[];
      if (b.step === 0) continue;
      const moved = b.u.map((v, j) => Math.abs(v - a.u[j]!)).filter((d) => d > 1e-9);
      expect(moved).toHaveLength(1);
      expect(moved[0]).toBeCloseTo(m.delta, 9);
    }
    expect(morrisTrajectories(FACTORS, m, 7)).toEqual(pts); // seeded
    const additive = morrisIndices(FACTORS, pts, 0, (p) => 4 * pts[p]!.x[0]! + 1 * pts[p]!.x[1]!, 1, m, 1);
    expect(additive.rows.map((r) => r.path).slice(0, 2)).toEqual(['a', 'b']);
    expect(additive.rows[0]!.muStar.mean).toBeCloseTo(4, 9);
    expect(additive.rows[0]!.sigma).toBeCloseTo(0, 9);
    for (const r of additive.rows.slice(2)) expect(r.muStar.mean).toBe(0);
    const inter = morrisIndices(FACTORS, pts, 0, (p) => 6 * pts[p]!.x[0]! * pts[p]!.x[1]!, 1, m, 1);
    for (const r of inter.rows.slice(0, 2)) {
      expect(['a', 'b']).toContain(r.path);
      expect(sigmaLowerBound(r)).toBeGreaterThan(0.2 * r.muStar.mean);
    }
  });

  it('scales any distribution by a factor and sets numbers, rounding counts', () => {
    expect(scaleDist({ dist: 'lognormal', mean: 4, sd: 3 }, 2)).toEqual({ dist: 'lognormal', mean: 8, sd: 6 });
    expect(scaleDist({ dist: 'triangular', min: 1, mode: 2, max: 4 }, 0.5)).toEqual({ dist: 'triangular', min: 0.5, mode: 1, max: 2 });
    expect(scaleDist({ dist: 'empirical', values: [1, 3] }, 3)).toEqual({ dist: 'empirical', values: [3, 9] });
    const s = resolveScenario(minimalScenario({ handoff: { delaysHours: { up: { dist: 'exponential', mean: 2 } } } }), 'mini');
    const t = parseVary(s, 'handoff.delaysHours.up=1..4');
    expect(t.kind).toBe('distribution');
    expect([t.low, t.base, t.high]).toEqual([0.5, 1, 2]); // the default's mean is 2 h
    expect(assignment(t, 2)).toBe('handoff.delaysHours.up={"dist":"exponential","mean":4}');
    const c = parseVary(s, 'staff.streetHandler.count=1..4');
    expect(assignment(c, 2.4)).toBe('staff.streetHandler.count=2');
  });

  it('bad --vary names the field: unknown path, low > high, a non-numeric field, no range', () => {
    const s = resolveScenario(minimalScenario(), 'mini');
    const fails = (spec: string, path: string, text: RegExp) => {
      let err: unknown;
      try {
        parseVary(s, spec);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(InputError);
      expect((err as InputError).problems[0]!.path).toBe(path);
      expect((err as InputError).message).toMatch(text);
    };
    fails('staff.noSuchRole.count=1..2', 'staff.noSuchRole.count', /field of this scenario/);
    fails('policy.classificationAccuracy=0.9..0.7', 'policy.classificationAccuracy', /low < high/);
    fails('policy.name=1..2', 'policy.name', /numeric field or a distribution/);
    fails('policy.classificationAccuracy=high', 'policy.classificationAccuracy', /low\.\.high/);
  });
});

describe('the scenario parameters block', () => {
  it('small-loop-big-loop declares the hand-off delay, classification accuracy, review time and office hours as assumed, with ranges', () => {
    const s = loadScenarioFile('scenarios/small-loop-big-loop.json');
    const varied = declaredFactors(s, 'small-loop-big-loop.json').map((f) => f.path);
    for (const path of ['handoff.delaysHours.up', 'handoff.delaysHours.down', 'policy.classificationAccuracy', 'service.reviewHours', 'staff.streetHandler.0.shift.endHour']) expect(varied).toContain(path);
    for (const f of declaredFactors(s, 'x')) expect(f.low).toBeLessThan(f.high);
    expect(s.parameters!.filter((p) => p.status === 'sourced').every((p) => p.source)).toBe(true);
  });

  const withParams = (parameters: unknown) => () => resolveScenario(minimalScenario({ parameters }), 'mini.json');
  it('accepts sourced and assumed parameters with ranges', () => {
    const s = withParams([
      { path: 'handoff.delaysHours.up', status: 'assumed', scale: [0.5, 2] },
      { path: 'policy.whistleResponseHours', status: 'sourced', source: 'FACTS.md §1' },
    ])();
    expect(s.parameters).toHaveLength(2);
  });
  it('refuses, naming the field: unknown path, low > high, non-numeric, a scale on a number, sourced without source', () => {
    expect(withParams([{ path: 'policy.noSuch', status: 'assumed', low: 1, high: 2 }])).toThrow(/parameters\.0\.path: expected the dotted path/);
    expect(withParams([{ path: 'policy.classificationAccuracy', status: 'assumed', low: 0.9, high: 0.7 }])).toThrow(/parameters\.0\.low: expected low <= high/);
    expect(withParams([{ path: 'policy.name', status: 'assumed', low: 1, high: 2 }])).toThrow(/parameters\.0\.path: expected a numeric field or a distribution/);
    expect(withParams([{ path: 'horizonDays', status: 'assumed', scale: [1, 2] }])).toThrow(/parameters\.0\.scale/);
    expect(withParams([{ path: 'horizonDays', status: 'sourced' }])).toThrow(/parameters\.0\.source/);
    expect(withParams([{ path: 'horizonDays', status: 'assumed', low: 'ten', high: 20 }])).toThrow(/parameters\.0\.low/);
  });
});
