// The replay file, version 1: one JSON object. A header (territory, desks, staff, meta) comes
// first, then the event stream as one flat integer array, then the case table and the exact
// aggregates. docs/replay.md describes every field; this file is the single source of the codes.

export const REPLAY_FORMAT = 'gridgov-replay';
export const REPLAY_VERSION = 1;

/** Event times are integer ticks of this many hours (1 s); each event stores the ticks since the previous one. */
export const TICKS_PER_HOUR = 3600;
/** Aggregates are kept per hour (tiers, grid backlog) and per day (desks, handling times). */
export const STEP_HOURS = 1;

export const STAT_TIER_NAMES = ['hotline', 'grid', 'community', 'street', 'district', 'department'] as const;
export const TIER_NAMES = ['grid', 'community', 'street', 'district', 'department'] as const;
export const PRIORITY_NAMES = ['emergency', 'urgent', 'general', 'complex'] as const;
export const SOURCE_NAMES = ['hotline', 'app', 'gridWorker', 'patrol'] as const;
export const ROLE_NAMES = ['gridWorker', 'communityStaff', 'streetDispatcher', 'streetHandler', 'callTaker', 'districtDispatcher', 'districtHandler', 'departmentHandler'] as const;
/** Activity codes of `work` events; 0 means the member became idle. */
export const ACTIVITY_NAMES = ['idle', 'patrol', 'handle', 'travel', 'review', 'dispatch', 'verify', 'call', 'register'] as const;

/**
 * Event records: [ticksSincePrevious, code, ...fields]. `case` is an index into the case table
 * (the n-th `occurred` event introduces case n), `desk` and `staff` are indices into the desk and
 * staff tables, -1 means none.
 */
export const EVENT = {
  occurred: 0, // case
  reported: 1, // case, source
  registered: 2, // case, by (0 grid, 1 hotline)
  entered: 3, // case, desk, visit (0 case, 1 verification)
  left: 4, // case, desk
  escalated: 5, // case, from desk, to desk, reason (0 authority, 1 timeout)
  bounced: 6, // case, from desk, to desk
  resolved: 7, // case, desk
  verified: 8, // case
  reopened: 9, // case
  closed: 10, // case
  work: 11, // staff, activity (ACTIVITY_NAMES; ends the previous one), case or -1
  onDuty: 12, // staff
  offDuty: 13, // staff
} as const;

export type EventName = keyof typeof EVENT;
export const EVENT_NAMES = Object.keys(EVENT) as EventName[];
/** Fields after [dt, code], per code. */
export const EVENT_FIELDS: readonly number[] = [1, 2, 2, 3, 2, 4, 3, 2, 1, 1, 1, 3, 1, 1];

/** Bin edges (hours) of the handling-time histogram (registration → closure); the last bin is open. */
export const HANDLING_EDGES_HOURS = [0, 0.5, 1, 2, 4, 6, 8, 12, 16, 24, 36, 48, 72, 96, 120, 144, 168, 216, 264, 360, 480, 720] as const;

export type Columns<K extends string> = Record<K, number[]>;

export interface ReplayMeta {
  scenario: string;
  description: string;
  policy: string;
  seed: string | number;
  horizonHours: number;
  warmupHours: number;
  startDayOfWeek: number;
  timeLimitsHours: Record<(typeof PRIORITY_NAMES)[number], number>;
  /** Hours per tick of event times. */
  tickHours: number;
  stepHours: number;
  hours: number;
  days: number;
  sample: { caseFraction: number; staffFraction: number; rule: string };
}

export interface PlaceColumns {
  name: string[];
  code: string[];
  x: number[];
  y: number[];
  residents: number[];
}

export interface ReplayTerritory {
  origin: { lat: number; lon: number };
  /** Side of a layout cell (km): grids are squares of this side centred on (x, y), unless `grids.wKm`/`hKm` give each grid's width and height. */
  cellKm: number;
  districts: PlaceColumns;
  streets: PlaceColumns & { district: number[] };
  communities: PlaceColumns & { street: number[] };
  grids: PlaceColumns & { community: number[]; wKm?: number[]; hKm?: number[] };
  /**
   * Optional, for territories built from real boundaries: polygons in the same km x/y as the
   * places (each ring closed implicitly). Absent in generated territories.
   */
  outlines?: { districts: { name: string; rings: [number, number][][] }[] };
}

export interface ReplayHeader {
  format: typeof REPLAY_FORMAT;
  version: typeof REPLAY_VERSION;
  meta: ReplayMeta;
  categories: string[];
  departments: string[];
  territory: ReplayTerritory;
  /** One entry per desk, in desk-id order; a desk's staff are the next `staff` ids. */
  desks: { role: number[]; unit: number[]; district: number[]; staff: number[] };
}

export const CASE_COLUMNS = ['id', 'grid', 'category', 'priority', 'authority', 'department'] as const;
export type CaseColumns = Columns<(typeof CASE_COLUMNS)[number]>;

export const TIER_SERIES = ['arrivals', 'present', 'inService', 'busy', 'patrol', 'onDuty', 'resolved'] as const;
export type TierSeries = Columns<(typeof TIER_SERIES)[number]>;

/**
 * The body of a replay, or a piece of it: the playground's worker posts these as the run goes;
 * a file holds the concatenation of all of them (events, cases and hours in order).
 */
export interface ReplayChunk {
  events: number[];
  /** Case table rows introduced by this chunk; `id` is delta-encoded across the whole file. */
  cases: CaseColumns;
  /** Hours completed so far (the aggregates below extend the previous ones up to here). */
  hoursDone: number;
  daysDone: number;
  /** Per statistics tier, one value per new hour. */
  tiers: TierSeries[];
  /** Per new hour: created, registered and closed cases (all cases, not only sampled ones). */
  totals: Columns<'created' | 'registered' | 'closed'>;
  /** Per new hour: n, then n pairs (grid index − previous grid index in this hour, open cases at the hour's end). */
  gridBacklog: number[];
  /** Per new day, per desk: busy and on-duty staff-hours × 100, rounded. */
  deskDays: Columns<'busy' | 'onDuty'>;
  /** Per new day, one count per handling-time bin (HANDLING_EDGES_HOURS, last bin open). */
  handling: number[];
}

export type ReplayFile = ReplayHeader & ReplayChunk & { summary?: unknown };
