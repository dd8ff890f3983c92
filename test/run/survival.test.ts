import { describe, expect, it } from 'vitest';
import { kaplanMeier, kmQuantile } from '../../sim/stats/kaplanMeier.ts';
import { kaplanMeierSorted, SurvivalSample } from '../../sim/run/survival.ts';
import { mulberry32 } from '../helpers/prng.ts';

describe('summary.json survival: Kaplan–Meier in one pass over sorted floats', () => {
  it('agrees with sim/stats/kaplanMeier.ts (estimate and Brookmeyer–Crowley interval of the median and p90) on censored samples with ties', () => {
    const rng = mulberry32(7);
    for (let trial = 0; trial < 30; trial++) {
      const n = 5 + Math.floor(rng() * 200);
      const sample = new SurvivalSample();
      const obs: { time: number; event: boolean }[] = [];
      for (let i = 0; i < n; i++) {
        const time = Math.round(rng() * 40) / 2; // ties on purpose
        const event = rng() < 0.7;
        obs.push({ time, event });
        if (event) sample.addClosed(time);
        else sample.addOpen(time);
      }
      const mine = sample.summary();
      const ref = kaplanMeier(obs);
      for (const [p, q] of [[0.5, mine.median], [0.9, mine.p90]] as const) {
        const r = kmQuantile(ref, p);
        expect(q.estimate).toBe(r.estimate);
        expect(q.lower).toBe(r.lower);
        expect(q.upper).toBe(r.upper);
      }
      expect(mine.events).toBe(ref.events);
      expect(mine.censored).toBe(ref.censored);
      const last = ref.steps[ref.steps.length - 1];
      if (last) expect(mine.curve.some(([t, s]) => t === last.time && Math.abs(s - last.survival) < 1e-12)).toBe(true);
    }
  });

  it('the hand-computed example: 6 cases, 2 open', () => {
    // closed at 1, 3, 3, 6; open (censored) at 2 and 5. Ŝ: 5/6 after 1; × (1 − 2/4) = 5/12 after 3; × 0 after 6.
    const s = kaplanMeierSorted(Float64Array.from([1, 3, 3, 6]), Float64Array.from([2, 5]));
    expect(s.median.estimate).toBe(3);
    expect(s.p90.estimate).toBe(6);
    expect(s.curve.map(([, v]) => v)).toEqual([1, 5 / 6, 5 / 12, 0]);
  });
});
