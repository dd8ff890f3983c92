import { describe, expect, it } from 'vitest';
import { ShiftCalendar } from '../../sim/model/shiftCalendar.ts';

const office = { startHour: 8.5, endHour: 17.5, days: [0, 1, 2, 3, 4], holidaysOff: true };

describe('ShiftCalendar', () => {
  it('always is on duty and never changes', () => {
    const c = new ShiftCalendar('always', 0, []);
    expect(c.onDutyAt(123.4)).toBe(true);
    expect(c.nextChange(5)).toBe(Infinity);
    expect(c.onDutyHours(0, 48)).toBe(48);
  });

  it('office hours Monday to Friday', () => {
    const c = new ShiftCalendar(office, 0, []);
    expect(c.onDutyAt(8)).toBe(false);
    expect(c.onDutyAt(8.5)).toBe(true);
    expect(c.onDutyAt(17.5)).toBe(false);
    expect(c.nextChange(0)).toBe(8.5);
    expect(c.nextChange(8.5)).toBe(17.5);
    // Friday 17:30 → Monday 08:30
    expect(c.nextChange(4 * 24 + 17.5)).toBe(7 * 24 + 8.5);
    expect(c.onDutyHours(0, 7 * 24)).toBeCloseTo(45, 10);
  });

  it('the week may start on another day, and holidays are off', () => {
    // Day 0 is a Saturday: first duty is day 2 (Monday).
    const c = new ShiftCalendar(office, 5, [3]);
    expect(c.onDutyAt(8.5)).toBe(false);
    expect(c.nextChange(0)).toBe(2 * 24 + 8.5);
    expect(c.onDutyAt(3 * 24 + 10)).toBe(false); // holiday
    expect(c.onDutyHours(0, 7 * 24)).toBeCloseTo(36, 10);
  });

  it('a night shift crosses midnight', () => {
    const night = { startHour: 22, endHour: 30, days: [0, 1, 2, 3, 4, 5, 6], holidaysOff: false };
    const c = new ShiftCalendar(night, 0, []);
    expect(c.onDutyAt(23)).toBe(true);
    expect(c.onDutyAt(24 + 5)).toBe(true);
    expect(c.onDutyAt(24 + 6)).toBe(false);
    expect(c.onDutyAt(3)).toBe(false); // day -1 has no shift
    expect(c.nextChange(23)).toBe(30);
    // days 0..8 give 8 h each inside the window; day 9 only 22:00–24:00
    expect(c.onDutyHours(0, 10 * 24)).toBeCloseTo(9 * 8 + 2, 6);
  });

  it('back-to-back shifts merge into one on-duty stretch', () => {
    const long = { startHour: 0, endHour: 24, days: [0, 1, 2], holidaysOff: false };
    const c = new ShiftCalendar(long, 0, []);
    expect(c.nextChange(1)).toBe(72);
    expect(c.onDutyAt(48)).toBe(true);
  });
});

describe('ShiftCalendar across long on-duty stretches', () => {
  it('finds the change after six back-to-back 24-hour shifts', () => {
    const c = new ShiftCalendar({ startHour: 0, endHour: 24, days: [0, 1, 2, 3, 4, 5], holidaysOff: false }, 0, []);
    expect(c.nextChange(0)).toBe(144);
    expect(c.onDutyHours(0, 168)).toBe(144);
    expect(c.nextChange(144)).toBe(168);
  });

  it('handles overlapping shifts', () => {
    const c = new ShiftCalendar({ startHour: 8, endHour: 36, days: [0, 1, 2, 3, 4, 5, 6], holidaysOff: false }, 0, []);
    expect(c.nextChange(0)).toBe(8);
    expect(c.nextChange(8)).toBe(Infinity); // on duty for good once the first shift starts
  });
});
