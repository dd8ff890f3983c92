import { getHeapStatistics } from 'node:v8';
import { InputError } from '../../scenario/errors.ts';
import type { Scenario } from '../../scenario/schema.ts';
import { countPerUnit } from '../../scenario/staffing.ts';
import { STAT_TIERS } from '../../run/tierCollector.ts';

// The size of a scenario's world, estimated from the scenario alone (no territory built), so
// that what cannot fit is refused in milliseconds instead of dying in a V8 abort after minutes.
// Memory figures are measured (node --expose-gc, heap after a full GC, build of the world only):
// the default district (432 grids, 1,485 staff) 1.8 MB, the megacity (30,870 grids, 61,077 staff)
// 84 MB → ≈ 0.7 kB a grid and 1.05 kB a staff member. A run's live heap levels off at ≈ 4.5 × the
// world (megacity: 353–380 MB live at 84 MB of world, docs/performance.md) over a base of
// ≈ 60 MB; the time series hold 6 float arrays per tier and step, and their CSV text ≈ 60 bytes a row.

const KB_PER_GRID = 0.7;
const KB_PER_STAFF = 1.05;
const RUN_FACTOR = 4.5;
const BASE_MB = 60;
const TIMESERIES_BYTES_PER_CELL = 6 * 8 + 60;

export interface WorldEstimate {
  districts: number;
  streets: number;
  communities: number;
  grids: number;
  residents: number;
  staff: number;
  /** Rows of timeseries.csv: steps × tiers. */
  timeseriesCells: number;
  /** Issues expected over the whole run from the categories' rates. */
  expectedCases: number;
  /** The run's live heap, MB. */
  heapMB: number;
  /** What takes most of it. */
  dominant: 'world' | 'timeseries';
}

type Node = { [k: string]: unknown };
const children = (v: unknown, fallback: number): Node[] | number => (Array.isArray(v) ? (v as Node[]) : typeof v === 'number' ? v : fallback);

/**
 * A territory built from boundaries (sim/territory/boundaryTerritory.ts): one grid per
 * `householdsPerGrid` households of each feature's population, its streets as declared, a
 * community per `gridsPerCommunity` grids of a street. Exact for the residents and streets; the
 * grids and communities can come out a few fewer where a polygon has too few cells (an estimate).
 */
function countBoundaryTerritory(t: Scenario['territory'], b: NonNullable<Scenario['territory']['boundaries']>) {
  const c = { districts: b.features.length, streets: 0, communities: 0, grids: 0, residents: 0 };
  const perGrid = t.householdsPerGrid * t.residentsPerHousehold;
  for (const f of b.features) {
    const grids = Math.max(1, Math.round(f.population / perGrid));
    c.grids += grids;
    c.streets += f.streets;
    c.communities += Math.max(f.streets, Math.round(grids / t.gridsPerCommunity));
    c.residents += f.population;
  }
  return c;
}

/** Counts districts, streets, communities, grids and residents as buildTerritory would make them. */
function countTerritory(t: Scenario['territory']) {
  if (t.boundaries) return countBoundaryTerritory(t, t.boundaries);
  const c = { districts: 0, streets: 0, communities: 0, grids: 0, residents: 0 };
  const perGrid = t.householdsPerGrid * t.residentsPerHousehold;
  const grids = (v: unknown, times: number) => {
    const g = children(v, t.gridsPerCommunity);
    if (typeof g === 'number') {
      c.grids += g * times;
      c.residents += g * times * perGrid;
    } else {
      c.grids += g.length * times;
      for (const x of g) c.residents += times * ((x.residents as number | undefined) ?? ((x.households as number | undefined) ?? t.householdsPerGrid) * t.residentsPerHousehold);
    }
  };
  const communities = (v: unknown, times: number) => {
    const k = children(v, t.communitiesPerStreet);
    if (typeof k === 'number') {
      c.communities += k * times;
      grids(undefined, k * times);
    } else {
      c.communities += k.length * times;
      for (const x of k) grids(x.grids, times);
    }
  };
  const streets = (v: unknown, times: number) => {
    const s = children(v, t.streetsPerDistrict);
    if (typeof s === 'number') {
      c.streets += s * times;
      communities(undefined, s * times);
    } else {
      c.streets += s.length * times;
      for (const x of s) communities(x.communities, times);
    }
  };
  const d = children(t.districts, 1);
  if (typeof d === 'number') {
    c.districts = d;
    streets(undefined, d);
  } else {
    c.districts = d.length;
    for (const x of d) streets(x.streets, 1);
  }
  return c;
}

/** Staff of one role in one unit: one group or several (a rota: the mean over its turns). */
const groupCount = countPerUnit;

export function estimateWorld(s: Scenario): WorldEstimate {
  const t = countTerritory(s.territory);
  const st = s.staff;
  // Groups scaled by residents count at the mean unit of their tier.
  const per = (units: number) => (units > 0 ? t.residents / units : NaN);
  const staff =
    groupCount(st.gridWorker, per(t.grids)) * t.grids +
    groupCount(st.communityStaff, per(t.communities)) * t.communities +
    (groupCount(st.streetDispatcher, per(t.streets)) + groupCount(st.streetHandler, per(t.streets))) * t.streets +
    (groupCount(st.callTaker, per(t.districts)) + groupCount(st.districtDispatcher, per(t.districts)) + groupCount(st.districtHandler, per(t.districts)) + s.departments.reduce((a, d) => a + groupCount(d.handlers, per(t.districts)), 0)) * t.districts;
  const timeseriesCells = Math.ceil((s.horizonDays * 24) / s.outputs.timeseriesStepHours) * STAT_TIERS.length;
  const ratePerDay = s.demand.categories.reduce((a, k) => a + k.ratePer1000PerDay, 0) * (t.residents / 1000);
  const worldMB = (t.grids * KB_PER_GRID + staff * KB_PER_STAFF) / 1024;
  const seriesMB = (timeseriesCells * TIMESERIES_BYTES_PER_CELL) / 2 ** 20;
  return {
    ...t,
    staff,
    timeseriesCells,
    expectedCases: ratePerDay * s.horizonDays,
    heapMB: BASE_MB + RUN_FACTOR * worldMB + seriesMB,
    dominant: seriesMB > RUN_FACTOR * worldMB ? 'timeseries' : 'world',
  };
}

/** The memory a run may use, MB: --max-memory, else V8's heap limit for this process. */
let maxMemoryMB: number | undefined;
export function setMaxMemory(mb: number | undefined): void {
  maxMemoryMB = mb;
}
export const memoryLimitMB = (): number => maxMemoryMB ?? Math.floor(getHeapStatistics().heap_size_limit / 2 ** 20);

const big = (x: number) => (x >= 1e6 ? x.toExponential(2) : Math.round(x).toLocaleString('en-US'));

/**
 * Refuses (InputError, exit 2) a scenario whose world cannot fit in memory, with the estimate, the
 * limit, what to change and the option that raises the limit. Returns the estimate otherwise.
 */
export function checkWorldFits(s: Scenario, file: string): WorldEstimate {
  const e = estimateWorld(s);
  const limit = memoryLimitMB();
  if (e.heapMB <= limit) return e;
  const sizes = `${big(e.grids)} grids, ${big(e.staff)} staff, ${big(e.timeseriesCells)} timeseries rows, ≈ ${big(e.expectedCases)} cases`;
  const raise = `or raise the limit with --max-memory <MB> (and node's heap with NODE_OPTIONS=--max-old-space-size=<MB>)`;
  throw new InputError(file, [
    e.dominant === 'timeseries'
      ? { path: 'horizonDays', expected: `a run that fits in memory: its time series alone need ≈ ${big(e.heapMB)} MB (${sizes}), over the limit of ${limit} MB`, found: s.horizonDays, fix: `shorten horizonDays or lengthen outputs.timeseriesStepHours (now ${s.outputs.timeseriesStepHours} h), ${raise}` }
      : { path: 'territory', expected: `a world that fits in memory: ≈ ${big(e.heapMB)} MB estimated (${sizes}), over the limit of ${limit} MB`, fix: `make the territory smaller (districts, streetsPerDistrict, communitiesPerStreet, gridsPerCommunity) or its staff counts, ${raise}` },
  ]);
}
