import { parseCsv } from '../../run/csv.ts';

/**
 * The open-case level of a run, read back from its timeseries.csv: whether the megacity's year
 * levels off (issue 14) is shown by the bench's own series, not by a separate run.
 *
 * A day's open cases are the `backlog` column summed over the tiers at the end of the day: each
 * row's backlog is the snapshot at the end of its step (cases and hotline contacts present at
 * the tier; a case in a hand-off between tiers is at none). With a step shorter than a day the
 * last step ending at or before the day's end is taken; a step longer than a day gives no days.
 */
export interface OpenCaseLevel {
  /** Open cases at the end of day d, d = 0, 1, … (whole days only). */
  daily: number[];
  /** Mean of `daily` over the 2nd quarter of the days and over the last quarter (null when a quarter has no day). */
  secondQuarterMean: number | null;
  lastQuarterMean: number | null;
  /** lastQuarterMean / secondQuarterMean: near 1 when the level has settled. */
  ratio: number | null;
  /** The day ranges [from, to) of the two quarters. */
  secondQuarterDays: [number, number];
  lastQuarterDays: [number, number];
}

const mean = (xs: number[]) => (xs.length > 0 ? xs.reduce((a, b) => a + b, 0) / xs.length : null);

export function openCaseLevel(timeseriesCsv: string): OpenCaseLevel {
  const atHour = new Map<number, number>();
  for (const row of parseCsv(timeseriesCsv).rows) {
    const hour = Number(row.hour);
    atHour.set(hour, (atHour.get(hour) ?? 0) + Number(row.backlog));
  }
  const hours = [...atHour.keys()].sort((a, b) => a - b);
  const step = hours.length > 1 ? hours[1]! - hours[0]! : 24;
  const daily: number[] = [];
  let i = 0;
  for (let d = 0; hours.length > 0 && step <= 24 && (d + 1) * 24 <= hours[hours.length - 1]! + step; d++) {
    while (i + 1 < hours.length && hours[i + 1]! + step <= (d + 1) * 24) i++;
    daily.push(atHour.get(hours[i]!)!);
  }
  const n = daily.length;
  const secondQuarterDays: [number, number] = [Math.floor(n / 4), Math.floor(n / 2)];
  const lastQuarterDays: [number, number] = [Math.floor((3 * n) / 4), n];
  const secondQuarterMean = mean(daily.slice(...secondQuarterDays));
  const lastQuarterMean = mean(daily.slice(...lastQuarterDays));
  const ratio = secondQuarterMean !== null && lastQuarterMean !== null && secondQuarterMean > 0 ? lastQuarterMean / secondQuarterMean : null;
  return { daily, secondQuarterMean, lastQuarterMean, ratio, secondQuarterDays, lastQuarterDays };
}

/** The bench's line about it. */
export function openCaseLine(o: OpenCaseLevel): string {
  const f = (x: number | null) => (x === null ? 'n/a' : Math.round(x).toLocaleString('en-US'));
  const days = ([a, b]: [number, number]) => `days ${a + 1}–${b}`;
  return `open cases level off: mean ${f(o.secondQuarterMean)} over the 2nd quarter (${days(o.secondQuarterDays)}), ${f(o.lastQuarterMean)} over the last (${days(o.lastQuarterDays)}), ratio ${o.ratio === null ? 'n/a' : o.ratio.toFixed(3)}`;
}
