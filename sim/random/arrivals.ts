// Non-homogeneous Poisson arrivals by Lewis–Shedler thinning against a constant max-rate bound.
import type { Rng } from './stream.ts';
import { exponential } from './distributions.ts';

export interface RateProfile {
  /** 24 multipliers, index = floor(t) % 24 (mean need not be 1; used as given). */
  hourOfDay: number[];
  /** 7 multipliers, index 0 = day 0 of the simulation's week = Monday. */
  dayOfWeek: number[];
  /** Absolute sim hours [startHour, endHour), multiplicative; overlapping surges multiply. */
  surges: { startHour: number; endHour: number; multiplier: number }[];
}

export const FLAT_PROFILE: RateProfile = Object.freeze({
  hourOfDay: Object.freeze(new Array<number>(24).fill(1)) as number[],
  dayOfWeek: Object.freeze(new Array<number>(7).fill(1)) as number[],
  surges: Object.freeze([]) as unknown as RateProfile['surges'],
});

const mod = (a: number, m: number): number => ((a % m) + m) % m;

function surgeFactor(p: RateProfile, t: number): number {
  let f = 1;
  for (const s of p.surges) if (s.startHour <= t && t < s.endHour) f *= s.multiplier;
  return f;
}

/** hourOfDay[floor(t)%24] * dayOfWeek[(startDayOfWeek + floor(t/24))%7] * product of surges covering t. */
export function profileMultiplier(p: RateProfile, tHours: number, startDayOfWeek = 0): number {
  const h = Math.floor(tHours);
  const day = Math.floor(h / 24);
  return p.hourOfDay[mod(h, 24)] * p.dayOfWeek[mod(startDayOfWeek + day, 7)] * surgeFactor(p, tHours);
}

/**
 * Upper bound of profileMultiplier over all t: max(hourOfDay) * max(dayOfWeek) * the exact max of
 * the (piecewise-constant) surge product, which can only change at surge start/end points.
 * (Assumes non-negative multipliers, which PoissonArrivals enforces.)
 */
export function maxMultiplier(p: RateProfile): number {
  const maxHod = Math.max(...p.hourOfDay);
  const maxDow = Math.max(...p.dayOfWeek);
  // Every constant piece of the surge product starts either at -Infinity or at a finite
  // start/end point (coverage is start <= t < end, i.e. right-continuous).
  let maxSurge = 1;
  for (const s of p.surges) if (s.startHour === -Infinity) maxSurge *= s.multiplier;
  for (const s of p.surges) {
    for (const t of [s.startHour, s.endHour]) if (Number.isFinite(t)) maxSurge = Math.max(maxSurge, surgeFactor(p, t));
  }
  return maxHod * maxDow * maxSurge;
}

function checkProfile(p: RateProfile): void {
  const ok = (x: unknown) => typeof x === 'number' && Number.isFinite(x) && x >= 0;
  if (p.hourOfDay.length !== 24 || !p.hourOfDay.every(ok)) throw new RangeError('hourOfDay must be 24 finite multipliers >= 0');
  if (p.dayOfWeek.length !== 7 || !p.dayOfWeek.every(ok)) throw new RangeError('dayOfWeek must be 7 finite multipliers >= 0');
  for (const s of p.surges) {
    if (!ok(s.multiplier)) throw new RangeError('surge multiplier must be finite and >= 0');
    if (Number.isNaN(s.startHour) || Number.isNaN(s.endHour) || !(s.startHour < s.endHour)) {
      throw new RangeError('surge needs startHour < endHour');
    }
  }
}

export class PoissonArrivals {
  private readonly bound: number; // max multiplier
  private readonly lastBreak: number; // after this, the surge factor is constant...
  private readonly tailFactor: number; // ...and equal to this

  constructor(
    private readonly rng: Rng,
    private readonly ratePerHour: number,
    private readonly profile: RateProfile,
    private readonly startDayOfWeek = 0,
  ) {
    if (!(ratePerHour >= 0) || !Number.isFinite(ratePerHour)) throw new RangeError('ratePerHour must be finite and >= 0');
    checkProfile(profile);
    this.bound = maxMultiplier(profile);
    let last = -Infinity;
    let tail = 1;
    for (const s of profile.surges) {
      if (Number.isFinite(s.startHour)) last = Math.max(last, s.startHour);
      if (Number.isFinite(s.endHour)) last = Math.max(last, s.endHour);
      if (s.endHour === Infinity) tail *= s.multiplier;
    }
    this.lastBreak = last;
    this.tailFactor = tail;
  }

  /** Time of the next arrival strictly after `afterHours`; Infinity if the rate is (from then on) zero. */
  next(afterHours: number): number {
    if (this.ratePerHour === 0 || this.bound === 0) return Infinity;
    const lambdaMax = this.ratePerHour * this.bound;
    let t = afterHours;
    for (;;) {
      // A zero-rate open-ended surge would otherwise make thinning loop forever.
      if (this.tailFactor === 0 && t >= this.lastBreak) return Infinity;
      const cand = t + exponential(this.rng, 1 / lambdaMax);
      if (!(cand > t)) continue; // u = 0 or round-off: keep strictly after, redraw (memoryless)
      t = cand;
      if (this.rng.next() * this.bound < profileMultiplier(this.profile, t, this.startDayOfWeek)) return t;
    }
  }
}
