import type { Shift } from '../scenario/schema.ts';

/**
 * When a staff group is on duty. A shift starts on each listed day of the week (0 = Monday, the
 * simulation's day 0 being `startDayOfWeek`) at `startHour` and ends at `endHour` of the same
 * day (which may pass 24 for a night shift); office shifts skip holidays. 'always' = 24/7.
 */
export class ShiftCalendar {
  private readonly holidays: Set<number>;

  constructor(
    readonly shift: Shift,
    readonly startDayOfWeek: number,
    holidays: readonly number[],
  ) {
    this.holidays = new Set(holidays);
  }

  get always(): boolean {
    return this.shift === 'always';
  }

  /** [start, end) intervals of the shift instances that start on day `day`, if any. */
  private instance(day: number): [number, number] | null {
    const s = this.shift;
    if (s === 'always' || day < 0) return null;
    const dow = (this.startDayOfWeek + day) % 7;
    if (!s.days.includes(dow)) return null;
    if (s.holidaysOff && this.holidays.has(day)) return null;
    return [day * 24 + s.startHour, day * 24 + s.endHour];
  }

  onDutyAt(t: number): boolean {
    if (this.shift === 'always') return true;
    const day = Math.floor(t / 24);
    for (let d = day - 2; d <= day; d++) {
      const iv = this.instance(d);
      if (iv && iv[0] <= t && t < iv[1]) return true;
    }
    return false;
  }

  /** The first time after `t` at which onDutyAt changes value; Infinity if never (within 400 days). */
  nextChange(t: number): number {
    if (this.shift === 'always') return Infinity;
    const on = this.onDutyAt(t);
    // Boundaries come from instances day by day. An instance starting on day d begins at or
    // after d·24, so once day d is reached every boundary before d·24 is known and can be
    // checked in order; this finds the change even after many back-to-back shifts.
    const day = Math.floor(t / 24);
    const pending: number[] = [];
    for (let d = day - 2; d <= day + 400; d++) {
      pending.sort((a, b) => a - b);
      while (pending.length > 0 && pending[0]! < d * 24) {
        const b = pending.shift()!;
        if (b > t && this.onDutyAt(b) !== on) return b;
      }
      const iv = this.instance(d);
      if (iv) pending.push(iv[0], iv[1]);
    }
    return Infinity;
  }

  /** Hours on duty in [from, to), by walking the changes (used by tests and the books). */
  onDutyHours(from: number, to: number): number {
    if (this.shift === 'always') return Math.max(0, to - from);
    let total = 0;
    let t = from;
    let on = this.onDutyAt(t);
    while (t < to) {
      const next = Math.min(this.nextChange(t), to);
      if (on) total += next - t;
      t = next;
      on = !on;
    }
    return total;
  }
}
