import { describe, expect, it } from 'vitest';
import {
  createStreams,
  FLAT_PROFILE,
  maxMultiplier,
  PoissonArrivals,
  profileMultiplier,
  type RateProfile,
} from '../../sim/random/index.ts';

/** All arrival times in (0, T). */
function arrivalsUntil(a: PoissonArrivals, T: number): number[] {
  const out: number[] = [];
  for (let t = a.next(0); t < T; t = a.next(t)) out.push(t);
  return out;
}

const rngFor = (name: string) => createStreams('arrivals-test').stream(name);

describe('profileMultiplier / maxMultiplier', () => {
  it('combines hour of day, day of week and overlapping surges', () => {
    const hourOfDay = Array.from({ length: 24 }, (_, h) => (h === 9 ? 2 : 1));
    const dayOfWeek = [1, 1, 1, 1, 1, 0.5, 0.25]; // Mon..Sun
    const p: RateProfile = {
      hourOfDay,
      dayOfWeek,
      surges: [
        { startHour: 10, endHour: 20, multiplier: 2 },
        { startHour: 15, endHour: 30, multiplier: 3 },
        { startHour: 0, endHour: 100, multiplier: 0.5 },
      ],
    };
    expect(profileMultiplier(p, 9.5)).toBe(2 * 0.5);
    expect(profileMultiplier(p, 10)).toBe(2 * 0.5); // start inclusive
    expect(profileMultiplier(p, 16)).toBe(2 * 3 * 0.5); // overlaps multiply
    expect(profileMultiplier(p, 20)).toBe(3 * 0.5); // end exclusive
    expect(profileMultiplier(p, 150)).toBe(0.25); // 150h = day 6 (Sunday), hour 6, no surge
    // startDayOfWeek shifts the weekday: day 0 of the run is a Saturday when startDayOfWeek = 5.
    expect(profileMultiplier({ ...p, surges: [] }, 1, 5)).toBe(0.5);
    expect(profileMultiplier({ ...p, surges: [] }, 24 + 9, 5)).toBe(2 * 0.25);
    expect(profileMultiplier({ ...p, surges: [] }, 48 + 1, 5)).toBe(1); // wraps to Monday
    expect(maxMultiplier(p)).toBe(2 * 1 * 3); // the surge product peaks at 3 on [15,20)
    expect(maxMultiplier(FLAT_PROFILE)).toBe(1);
    expect(profileMultiplier(FLAT_PROFILE, 12345.6, 3)).toBe(1);
  });

  it('maxMultiplier bounds profileMultiplier on a dense grid', () => {
    const p: RateProfile = {
      hourOfDay: Array.from({ length: 24 }, (_, h) => 0.5 + (h % 5) * 0.3),
      dayOfWeek: [1, 2, 1, 0.5, 1, 1, 3],
      surges: [
        { startHour: 30, endHour: 50, multiplier: 4 },
        { startHour: 40, endHour: 45, multiplier: 0.1 },
        { startHour: 44, endHour: 60, multiplier: 1.5 },
      ],
    };
    const bound = maxMultiplier(p);
    let seen = 0;
    for (let t = 0; t < 24 * 14; t += 0.25) seen = Math.max(seen, profileMultiplier(p, t, 2));
    expect(seen).toBeLessThanOrEqual(bound);
    expect(bound).toBe(1.7 * 3 * 6); // the surge product peaks at 4*1.5 on [45,50)
  });
});

describe('PoissonArrivals', () => {
  it('homogeneous rate: count within 4*sqrt(λT) of λT, inter-arrival mean within 4 SE of 1/λ', () => {
    const lambda = 4;
    const T = 25_000;
    const times = arrivalsUntil(new PoissonArrivals(rngFor('homog'), lambda, FLAT_PROFILE), T);
    expect(Math.abs(times.length - lambda * T)).toBeLessThanOrEqual(4 * Math.sqrt(lambda * T));
    const gaps = times.map((t, i) => t - (i === 0 ? 0 : times[i - 1]));
    expect(gaps.every((g) => g > 0)).toBe(true);
    const n = gaps.length;
    const mean = gaps.reduce((a, b) => a + b, 0) / n;
    expect(Math.abs(mean - 1 / lambda)).toBeLessThanOrEqual(4 * (1 / lambda) / Math.sqrt(n)); // sd = 1/λ
    // Exponential gaps: variance 1/λ², SE of the sample variance from the sample 4th moment.
    let s2 = 0;
    let s4 = 0;
    for (const g of gaps) {
      s2 += (g - mean) ** 2;
      s4 += (g - mean) ** 4;
    }
    const v = s2 / n;
    expect(Math.abs(v - 1 / lambda ** 2)).toBeLessThanOrEqual(4 * Math.sqrt((s4 / n - v * v) / n));
  });

  it('hour-of-day profile: counts per hour bin within 4 SE of the expected ∫rate', () => {
    // Nothing at night (22:00–06:00), double rate 09:00–11:00, 1 otherwise.
    const hourOfDay = Array.from({ length: 24 }, (_, h) => (h < 6 || h >= 22 ? 0 : h === 9 || h === 10 ? 2 : 1));
    const profile: RateProfile = { hourOfDay, dayOfWeek: [1, 1, 1, 1, 1, 1, 1], surges: [] };
    const lambda = 3;
    const days = 3000;
    const times = arrivalsUntil(new PoissonArrivals(rngFor('hod'), lambda, profile), days * 24);
    const bins = new Array<number>(24).fill(0);
    for (const t of times) bins[Math.floor(t) % 24]++;
    hourOfDay.forEach((m, h) => {
      const expected = lambda * m * days; // ∫ over one hour of λ·m, per day
      if (expected === 0) expect(bins[h]).toBe(0);
      else expect(Math.abs(bins[h] - expected)).toBeLessThanOrEqual(4 * Math.sqrt(expected)); // Poisson SE
    });
  });

  it('day-of-week profile with startDayOfWeek: counts per weekday within 4 SE', () => {
    const dayOfWeek = [1, 1, 1, 1, 1, 0.5, 0]; // Mon..Fri full, Sat half, Sun closed
    const profile: RateProfile = { hourOfDay: new Array<number>(24).fill(1), dayOfWeek, surges: [] };
    const lambda = 2;
    const weeks = 300;
    const start = 2; // the run starts on a Wednesday
    const times = arrivalsUntil(new PoissonArrivals(rngFor('dow'), lambda, profile, start), weeks * 7 * 24);
    const bins = new Array<number>(7).fill(0);
    for (const t of times) bins[(start + Math.floor(t / 24)) % 7]++;
    dayOfWeek.forEach((m, d) => {
      const expected = lambda * 24 * m * weeks;
      if (expected === 0) expect(bins[d]).toBe(0);
      else expect(Math.abs(bins[d] - expected)).toBeLessThanOrEqual(4 * Math.sqrt(expected));
    });
  });

  it('a ×2 surge doubles the count in its window', () => {
    const lambda = 2;
    const T = 20_000;
    const [s, e] = [5_000, 10_000];
    const profile: RateProfile = { ...FLAT_PROFILE, surges: [{ startHour: s, endHour: e, multiplier: 2 }] };
    const times = arrivalsUntil(new PoissonArrivals(rngFor('surge'), lambda, profile), T);
    const inside = times.filter((t) => t >= s && t < e).length;
    const outside = times.length - inside;
    const expIn = 2 * lambda * (e - s);
    const expOut = lambda * (T - (e - s));
    expect(Math.abs(inside - expIn)).toBeLessThanOrEqual(4 * Math.sqrt(expIn));
    expect(Math.abs(outside - expOut)).toBeLessThanOrEqual(4 * Math.sqrt(expOut));
    // Ratio of rates inside/outside ≈ 2; delta method: SE(R) ≈ R·sqrt(1/inside + 1/outside).
    const R = inside / (e - s) / (outside / (T - (e - s)));
    expect(Math.abs(R - 2)).toBeLessThanOrEqual(4 * R * Math.sqrt(1 / inside + 1 / outside));
  });

  it('returns Infinity when the rate is zero', () => {
    expect(new PoissonArrivals(rngFor('zero'), 0, FLAT_PROFILE).next(0)).toBe(Infinity);
    expect(new PoissonArrivals(rngFor('zero'), 0, FLAT_PROFILE).next(100)).toBe(Infinity);
    const allZero: RateProfile = { ...FLAT_PROFILE, dayOfWeek: new Array<number>(7).fill(0) };
    expect(new PoissonArrivals(rngFor('zero'), 5, allZero).next(0)).toBe(Infinity);
    // An open-ended zero surge switches the process off for good.
    const shutdown: RateProfile = { ...FLAT_PROFILE, surges: [{ startHour: 10, endHour: Infinity, multiplier: 0 }] };
    const a = new PoissonArrivals(rngFor('shutdown'), 50, shutdown);
    const times: number[] = [];
    for (let t = a.next(0); t !== Infinity; t = a.next(t)) times.push(t);
    expect(times.length).toBeGreaterThan(100);
    expect(Math.max(...times)).toBeLessThan(10);
  });

  it('next() is strictly after its argument and deterministic for a given stream', () => {
    const mk = () => new PoissonArrivals(createStreams(99).stream('demand'), 1.5, FLAT_PROFILE);
    const a = mk();
    const b = mk();
    let t = 0;
    for (let i = 0; i < 1000; i++) {
      const n = a.next(t);
      expect(n).toBeGreaterThan(t);
      expect(b.next(t)).toBe(n);
      t = n;
    }
    expect(a.next(1e9)).toBeGreaterThan(1e9);
  });

  it('rejects malformed profiles and rates', () => {
    const rng = rngFor('bad');
    expect(() => new PoissonArrivals(rng, -1, FLAT_PROFILE)).toThrow();
    expect(() => new PoissonArrivals(rng, 1, { ...FLAT_PROFILE, hourOfDay: [1, 2] })).toThrow();
    expect(() => new PoissonArrivals(rng, 1, { ...FLAT_PROFILE, dayOfWeek: [1, 1, 1, 1, 1, 1, -1] })).toThrow();
    expect(() => new PoissonArrivals(rng, 1, { ...FLAT_PROFILE, surges: [{ startHour: 5, endHour: 5, multiplier: 2 }] })).toThrow();
  });
});
