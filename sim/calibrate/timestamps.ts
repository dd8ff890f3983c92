/**
 * Timestamps of a case log, read as local wall-clock time and turned into hours since
 * 1970-01-01 00:00 of that wall clock (so a day is always 24 hours and hour-of-day is what the
 * log says; a daylight-saving change inside a duration shifts it by one hour at most).
 *
 * Formats: ISO-like `YYYY-MM-DD[T| ]HH:MM[:SS[.fff]][Z|±HH[:]MM]` and US `M/D/YYYY h:mm[:ss] [AM|PM]`,
 * or a date alone (midnight). Fractions of a second are dropped (the harmonized files keep whole
 * seconds; the raw St. Louis file has milliseconds), so both give the same hours.
 */
export interface TimestampOptions {
  /** Ignore a zone designator (St. Louis writes a spurious `Z` on local times). */
  ignoreZone?: boolean;
  /** Offset of the wall clock wanted, hours east of UTC, for timestamps that carry a zone. */
  tzOffsetHours?: number;
}

export type TimestampResult = { hours: number } | { error: string };

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/;
const US = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp][Mm])?)?$/;

export const TIMESTAMP_FORMATS = 'YYYY-MM-DD HH:MM:SS (or ISO 8601 with T and a zone) or M/D/YYYY h:mm:ss AM|PM';

export function parseTimestamp(text: string, opts: TimestampOptions = {}): TimestampResult {
  const s = text.trim();
  let y: number, mo: number, d: number, h = 0, mi = 0, se = 0;
  let zone: string | undefined;
  let m = ISO.exec(s);
  if (m) {
    [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    h = Number(m[4] ?? 0);
    mi = Number(m[5] ?? 0);
    se = Number(m[6] ?? 0);
    zone = m[7];
  } else if ((m = US.exec(s))) {
    [mo, d, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
    h = Number(m[4] ?? 0);
    mi = Number(m[5] ?? 0);
    se = Number(m[6] ?? 0);
    const ampm = m[7]?.toUpperCase();
    if (ampm) {
      if (h < 1 || h > 12) return { error: `hour ${h} with ${ampm}` };
      if (ampm === 'AM' && h === 12) h = 0;
      if (ampm === 'PM' && h !== 12) h += 12;
    }
  } else {
    return { error: `a timestamp (${TIMESTAMP_FORMATS})` };
  }
  if (mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || se > 60) return { error: `a valid date and time` };
  const ms = Date.UTC(y, mo - 1, d, h, mi, se);
  if (new Date(ms).getUTCDate() !== d) return { error: `a valid date (day ${d} of month ${mo})` };
  let hours = ms / 3_600_000;
  if (zone && !opts.ignoreZone) {
    if (opts.tzOffsetHours === undefined) return { error: `a local time; this one carries the zone "${zone}": pass --tz, or set "ignoreZone": true in the mapping` };
    const zoneHours = zone === 'Z' ? 0 : zoneOffset(zone);
    hours += opts.tzOffsetHours - zoneHours;
  }
  return { hours };
}

function zoneOffset(z: string): number {
  const sign = z[0] === '-' ? -1 : 1;
  const digits = z.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) + Number(digits.slice(2, 4)) / 60);
}

/** `--tz`: `UTC`, `Z` or `±HH:MM` → hours east of UTC. undefined for anything else. */
export function parseTzOffset(text: string): number | undefined {
  if (/^(utc|z)$/i.test(text)) return 0;
  const m = /^(?:utc)?([+-])(\d{1,2})(?::?(\d{2}))?$/i.exec(text);
  if (!m) return undefined;
  const v = Number(m[2]) + Number(m[3] ?? 0) / 60;
  return v > 14 ? undefined : (m[1] === '-' ? -v : v);
}

/** Hours since the wall-clock epoch → `YYYY-MM-DD HH:MM`. */
export function formatHours(hours: number): string {
  return new Date(Math.round(hours * 3_600_000)).toISOString().slice(0, 16).replace('T', ' ');
}

/** Day of week of an epoch hour, 0 = Monday (the scenario's convention). */
export function dayOfWeek(hours: number): number {
  return (Math.floor(hours / 24) + 3) % 7; // 1970-01-01 was a Thursday
}
