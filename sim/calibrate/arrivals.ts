import { dayOfWeek } from './timestamps.ts';
import type { Grouping } from './grouping.ts';
import type { LogRecord } from './logRecords.ts';

/**
 * Arrivals of a window of the log [startHour, startHour + 24·days), startHour at a midnight.
 *
 * - rate per category: count / days, with its Poisson 95% interval ±1.96·√count / days;
 * - hour-of-day profile: the share of all requests in each clock hour × 24 (mean 1);
 * - day-of-week profile: mean count on each weekday / mean count per day (mean 1 over the
 *   weekdays present), holidays left out; the model multiplies the two, which assumes the hourly
 *   shape is the same every day (stated in the report);
 * - holidays (given by the user): their demand as a factor of an ordinary day of the same weekday,
 *   Σ observed / Σ expected over the holidays in the window (none there: not estimated);
 * - rate per category over the ordinary days only (holidays have their own factor);
 * - trend: Poisson regression of the daily totals on the day index with the weekday profile as
 *   offset (log μ_d = a + b·d + log w_dow), fitted by Newton's method; Wald z = b / se(b). The
 *   scenario format has no trend term, so a significant trend is reported, not applied.
 */
export interface ArrivalFit {
  startHour: number;
  days: number;
  total: number;
  perCategory: Array<{ count: number; perDay: number; perDayLow: number; perDayHigh: number }>;
  hourOfDay: number[];
  dayOfWeek: number[];
  /** Observed requests per day of the window, per category (for the report's day table). */
  daily: number[];
  dailyByUnit: Record<string, number[]>;
  hourlyTotals: number[];
  trend: { percentPerDay: number; z: number; significant: boolean };
  /** Demand on a holiday / on an ordinary day of its weekday; null if no holiday in the window. */
  holidayFactor: number | null;
  /** Day indices (from startHour) of the holidays in the window. */
  holidayDays: number[];
  /** Raw channel names → counts; and per category the model's channel shares. */
  channels: Record<string, number>;
  channelShares: Array<{ hotline: number; app: number; gridWorker: number }>;
}

export type ModelChannel = 'hotline' | 'app' | 'gridWorker';

/** Default rule: telephone-like channels are the hotline; every other one (web, e-mail, walk-in, unknown) the app. */
export function defaultModelChannel(name: string): ModelChannel {
  return /phone|call|voice|tel\b|hotline|311/i.test(name) ? 'hotline' : 'app';
}

export function fitArrivals(records: readonly LogRecord[], startHour: number, days: number, g: Grouping, channelMap: Record<string, ModelChannel> = {}, holidays: readonly number[] = []): ArrivalFit {
  const end = startHour + 24 * days;
  const inWin = records.filter((r) => r.created >= startHour && r.created < end);
  const k = g.categories.length;
  const holidayDays = holidays.map((h) => Math.round((h - startHour) / 24)).filter((d) => d >= 0 && d < days);
  const isHoliday = (d: number) => holidayDays.includes(d);
  const ordinaryDays = days - holidayDays.length;
  const counts = new Array<number>(k).fill(0);
  const ordinaryCounts = new Array<number>(k).fill(0);
  const hourly = new Array<number>(24).fill(0);
  const daily = new Array<number>(days).fill(0);
  const dailyByUnit: Record<string, number[]> = Object.fromEntries(g.units.map((u) => [u, new Array<number>(days).fill(0)]));
  const channels: Record<string, number> = {};
  const chan = Array.from({ length: k }, () => ({ hotline: 0, app: 0, gridWorker: 0 }));
  for (const r of inWin) {
    const c = g.categoryOf(r);
    counts[c]!++;
    hourly[Math.floor(r.created - Math.floor(r.created / 24) * 24)]!++;
    const d = Math.floor((r.created - startHour) / 24);
    daily[d]!++;
    if (!isHoliday(d)) ordinaryCounts[c]!++;
    const u = g.categories[c]!.unit;
    (dailyByUnit[u] ??= new Array<number>(days).fill(0))[d]!++;
    channels[r.channel] = (channels[r.channel] ?? 0) + 1;
    chan[c]![channelMap[r.channel] ?? defaultModelChannel(r.channel)]++;
  }
  const total = inWin.length;
  const z = 1.959963984540054;
  const nd = Math.max(1, ordinaryDays);
  const perCategory = ordinaryCounts.map((n) => ({ count: n, perDay: n / nd, perDayLow: Math.max(0, n - z * Math.sqrt(n)) / nd, perDayHigh: (n + z * Math.sqrt(n)) / nd }));
  const hourOfDay = hourly.map((h) => (total > 0 ? round4((h / total) * 24) : 1));
  const dowSum = new Array<number>(7).fill(0);
  const dowDays = new Array<number>(7).fill(0);
  for (let d = 0; d < days; d++) {
    if (isHoliday(d)) continue;
    const w = dayOfWeek(startHour + 24 * d);
    dowSum[w]! += daily[d]!;
    dowDays[w]!++;
  }
  const meanPerDay = ordinaryCounts.reduce((a, b) => a + b, 0) / nd;
  const dayOfWeekProfile = dowSum.map((s, w) => (dowDays[w]! > 0 && meanPerDay > 0 ? round4(s / dowDays[w]! / meanPerDay) : 1));
  const offsets = daily.map((_, d) => Math.log(Math.max(1e-9, dayOfWeekProfile[dayOfWeek(startHour + 24 * d)]!)));
  const trend = poissonTrend(daily.filter((_, d) => !isHoliday(d)), offsets.filter((_, d) => !isHoliday(d)));
  let holidayFactor: number | null = null;
  if (holidayDays.length) {
    const expected = holidayDays.reduce((sum, d) => sum + meanPerDay * dayOfWeekProfile[dayOfWeek(startHour + 24 * d)]!, 0);
    holidayFactor = expected > 0 ? round4(holidayDays.reduce((sum, d) => sum + daily[d]!, 0) / expected) : null;
  }
  const channelShares = chan.map((c, i) => {
    const n = counts[i]!;
    if (n === 0) return { hotline: 0, app: 1, gridWorker: 0 };
    return { hotline: round4(c.hotline / n), app: round4(1 - round4(c.hotline / n) - round4(c.gridWorker / n)), gridWorker: round4(c.gridWorker / n) };
  });
  return { startHour, days, total, perCategory, hourOfDay, dayOfWeek: dayOfWeekProfile, daily, dailyByUnit, hourlyTotals: hourly, trend, holidayFactor, holidayDays, channels, channelShares };
}

const round4 = (x: number) => Math.round(x * 10_000) / 10_000;

/** log μ_d = a + b·d + offset_d; Newton–Raphson on the Poisson log-likelihood. */
export function poissonTrend(counts: readonly number[], offsets: readonly number[]): { percentPerDay: number; z: number; significant: boolean } {
  const n = counts.length;
  const total = counts.reduce((s, x) => s + x, 0);
  if (n < 3 || total === 0) return { percentPerDay: 0, z: 0, significant: false };
  let a = Math.log(total / offsets.reduce((s, o) => s + Math.exp(o), 0));
  let b = 0;
  let iaa = 0, iab = 0, ibb = 0;
  for (let it = 0; it < 50; it++) {
    let ga = 0, gb = 0;
    iaa = iab = ibb = 0;
    for (let d = 0; d < n; d++) {
      const mu = Math.exp(a + b * d + offsets[d]!);
      ga += counts[d]! - mu;
      gb += (counts[d]! - mu) * d;
      iaa += mu;
      iab += mu * d;
      ibb += mu * d * d;
    }
    const det = iaa * ibb - iab * iab;
    const da = (ibb * ga - iab * gb) / det;
    const db = (iaa * gb - iab * ga) / det;
    a += da;
    b += db;
    if (Math.abs(da) < 1e-10 && Math.abs(db) < 1e-10) break;
  }
  const seB = Math.sqrt(iaa / (iaa * ibb - iab * iab));
  const z = b / seB;
  return { percentPerDay: Math.round((Math.exp(b) - 1) * 1e6) / 1e4, z: Math.round(z * 1000) / 1000, significant: Math.abs(z) > 1.96 };
}
