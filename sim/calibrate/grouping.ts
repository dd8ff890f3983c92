import type { LogRecord } from './logRecords.ts';

/**
 * How a log's many request types, units and areas become the scenario's few categories,
 * departments and streets. Decided once on the fitting window, then applied unchanged to any
 * other window (the hold-out), so both are read through the same glasses.
 *
 * - units: the `topUnits` largest by volume keep their names; the rest become OTHER_UNITS;
 * - categories: the `topCategories` largest (type, unit) pairs keep the type's name (with the unit
 *   added where one type goes to several units); every other request becomes "other (UNIT)", so
 *   each category has exactly one unit and each unit keeps all its volume;
 * - areas: the `topAreas` largest keep their names; the rest become OTHER_AREAS.
 */
export const OTHER_UNITS = 'OTHER UNITS';
export const OTHER_AREAS = 'other areas';

export interface GroupingOptions {
  topCategories: number;
  topUnits: number;
  topAreas: number;
}

export interface Grouping {
  units: string[];
  categories: Array<{ name: string; unit: string }>;
  areas: string[];
  /** Distinct raw values folded away, for the report. */
  folded: { types: number; unitsFolded: string[]; areasFolded: string[] };
  unitOf(r: LogRecord): string;
  categoryOf(r: LogRecord): number;
  areaOf(r: LogRecord): string;
}

function byVolume(values: Iterable<string>): Array<[string, number]> {
  const m = new Map<string, number>();
  for (const v of values) m.set(v, (m.get(v) ?? 0) + 1);
  // Ties broken by name so the grouping does not depend on row order.
  return [...m].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

export function groupLog(records: readonly LogRecord[], opts: GroupingOptions): Grouping {
  const unitRank = byVolume(records.map((r) => r.unit));
  const keptUnits = new Set(unitRank.slice(0, opts.topUnits).map(([u]) => u));
  const unitsFolded = unitRank.slice(opts.topUnits).map(([u]) => u);
  const unitOf = (r: LogRecord) => (keptUnits.has(r.unit) ? r.unit : OTHER_UNITS);
  const pairKey = (r: LogRecord) => `${r.type}\u0000${unitOf(r)}`;
  const pairRank = byVolume(records.map(pairKey)).slice(0, opts.topCategories);
  const typeCount = new Map<string, number>();
  for (const [k] of pairRank) {
    const t = k.split('\u0000')[0]!;
    typeCount.set(t, (typeCount.get(t) ?? 0) + 1);
  }
  const categories: Array<{ name: string; unit: string }> = [];
  const catIndex = new Map<string, number>();
  for (const [k] of pairRank) {
    const [type, unit] = k.split('\u0000') as [string, string];
    catIndex.set(k, categories.length);
    categories.push({ name: typeCount.get(type)! > 1 ? `${type} (${unit})` : type, unit });
  }
  const units = [...keptUnits].sort((a, b) => unitRank.findIndex(([u]) => u === a) - unitRank.findIndex(([u]) => u === b));
  if (unitsFolded.length) units.push(OTHER_UNITS);
  const otherIndex = new Map<string, number>();
  for (const u of units) {
    if (records.some((r) => unitOf(r) === u && !catIndex.has(pairKey(r)))) {
      otherIndex.set(u, categories.length);
      categories.push({ name: `other (${u})`, unit: u });
    }
  }
  const areaRank = byVolume(records.map((r) => r.area));
  const keptAreas = new Set(areaRank.slice(0, opts.topAreas).map(([a]) => a));
  const areas = areaRank.slice(0, opts.topAreas).map(([a]) => a);
  const areasFolded = areaRank.slice(opts.topAreas).map(([a]) => a);
  if (areasFolded.length) areas.push(OTHER_AREAS);
  return {
    units,
    categories,
    areas,
    folded: { types: new Set(records.map((r) => r.type)).size, unitsFolded, areasFolded },
    unitOf,
    categoryOf(r) {
      const k = pairKey(r);
      const i = catIndex.get(k);
      if (i !== undefined) return i;
      const u = unitOf(r);
      // A unit unseen when fitting (hold-out only) goes with the other units, or the largest.
      return otherIndex.get(u) ?? otherIndex.get(OTHER_UNITS) ?? otherIndex.get(units[0]!) ?? 0;
    },
    areaOf: (r) => (keptAreas.has(r.area) ? r.area : OTHER_AREAS),
  };
}
