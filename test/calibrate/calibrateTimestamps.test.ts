import { describe, expect, it } from 'vitest';
import { dayOfWeek, formatHours, parseTimestamp, parseTzOffset } from '../../sim/calibrate/timestamps.ts';
import { poissonTrend } from '../../sim/calibrate/arrivals.ts';

const hoursOf = (text: string, opts = {}) => {
  const r = parseTimestamp(text, opts);
  if ('error' in r) throw new Error(r.error);
  return r.hours;
};

describe('timestamps of a case log', () => {
  it('reads ISO-like and US formats as the same wall clock, dropping fractions of a second', () => {
    const h = hoursOf('2018-01-05 16:18:08');
    expect(hoursOf('2018-01-05T16:18:08.673')).toBe(h);
    expect(hoursOf('1/5/2018 4:18:08 PM')).toBe(h);
    expect(hoursOf('01/05/2018 12:00:00 AM')).toBe(hoursOf('2018-01-05'));
    expect(hoursOf('01/05/2018 12:30:00 PM')).toBe(hoursOf('2018-01-05 12:30'));
    expect(formatHours(h)).toBe('2018-01-05 16:18');
    expect(dayOfWeek(h)).toBe(4); // a Friday; 0 = Monday
  });

  it('refuses impossible dates and a zone nobody said how to read', () => {
    expect(parseTimestamp('2018-02-30 10:00:00')).toEqual({ error: expect.stringContaining('valid date') });
    expect(parseTimestamp('13/01/2018 10:00')).toEqual({ error: expect.stringContaining('valid date') });
    expect(parseTimestamp('yesterday')).toEqual({ error: expect.stringContaining('a timestamp') });
    expect(parseTimestamp('2018-01-01T05:29:06Z')).toEqual({ error: expect.stringContaining('--tz') });
  });

  it('a zone: ignored when the mapping says so, converted with --tz', () => {
    expect(hoursOf('2018-01-01T05:29:06Z', { ignoreZone: true })).toBe(hoursOf('2018-01-01 05:29:06'));
    expect(hoursOf('2018-01-01T12:00:00Z', { tzOffsetHours: -6 })).toBe(hoursOf('2018-01-01 06:00:00'));
    expect(hoursOf('2018-01-01T12:00:00+01:00', { tzOffsetHours: 0 })).toBe(hoursOf('2018-01-01 11:00:00'));
    expect(parseTzOffset('-06:00')).toBe(-6);
    expect(parseTzOffset('UTC')).toBe(0);
    expect(parseTzOffset('+0530')).toBe(5.5);
    expect(parseTzOffset('Mars')).toBeUndefined();
  });
});

describe('trend test of daily arrivals', () => {
  it('finds a 5%-a-day growth and no trend in flat counts', () => {
    const grow = Array.from({ length: 28 }, (_, d) => Math.round(200 * 1.05 ** d));
    const t = poissonTrend(grow, grow.map(() => 0));
    expect(t.percentPerDay).toBeCloseTo(5, 1);
    expect(t.significant).toBe(true);
    const flat = Array.from({ length: 28 }, (_, d) => 200 + (d % 2 === 0 ? 5 : -5));
    expect(poissonTrend(flat, flat.map(() => 0)).significant).toBe(false);
  });
});
