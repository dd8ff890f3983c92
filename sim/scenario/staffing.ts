import type { Staffing, StaffGroupSpec } from './schema.ts';

/**
 * Reading a role's `staffing` (scenario `staff.*`, `departments[].handlers`): a group or a list
 * of groups gives every unit of the role all of them; a rota `{ rota: [g0, g1, …] }` gives unit k
 * (k = the unit's position among the role's units in the world's build order: territory order of
 * grids, communities, streets, districts; for a department's handlers, the district order) only
 * the entry rota[k mod length]: a group, or a list of groups on different shifts. With one entry
 * per unit (e.g. 16 for Beijing's districts) each unit is staffed apart. A rota changes who is on duty when, never how many staff there are
 * per group or what they cost: cost is the staff hours on duty, the same hours a plain shift pays.
 */

export type RotaStaffing = Extract<Staffing, { rota: unknown }>;

export function isRota(st: Staffing): st is RotaStaffing {
  return !Array.isArray(st) && 'rota' in st;
}

/** The groups unit number `unit` of the role gets. */
export function unitGroups(st: Staffing, unit: number): StaffGroupSpec[] {
  if (isRota(st)) {
    const entry = st.rota[unit % st.rota.length]!;
    return Array.isArray(entry) ? entry : [entry];
  }
  return Array.isArray(st) ? st : [st];
}

/** Every group the staffing names, each with the path of its field relative to the staffing. */
export function namedGroups(st: Staffing): { at: string; group: StaffGroupSpec }[] {
  if (isRota(st)) return st.rota.flatMap((entry, i) => (Array.isArray(entry) ? entry.map((group, j) => ({ at: `.rota.${i}.${j}`, group })) : [{ at: `.rota.${i}`, group: entry }]));
  if (Array.isArray(st)) return st.map((group, i) => ({ at: `.${i}`, group }));
  return [{ at: '', group: st }];
}

/**
 * Members of a group in a unit of `residents` residents: `count`, or with `perResidents`, `count`
 * per that many residents, rounded, at least 1 (a unit the role covers is never left unstaffed).
 */
export function groupSize(g: StaffGroupSpec, residents: number): number {
  if (g.perResidents === undefined || g.count === 0) return g.count;
  return Math.max(1, Math.round((g.count * residents) / g.perResidents));
}

/**
 * Staff per unit: exact for plain groups, the mean over a rota's turns (for estimates); a group
 * scaled by residents counts at `meanResidents` (the mean unit of the role).
 */
export function countPerUnit(st: Staffing, meanResidents = NaN): number {
  const named = namedGroups(st);
  const total = named.reduce((n, g) => n + (g.group.perResidents === undefined ? g.group.count : Number.isFinite(meanResidents) ? (g.group.count * meanResidents) / g.group.perResidents : g.group.count), 0);
  return isRota(st) ? total / st.rota.length : total;
}

/** The `--set` overrides that give every group of the staffing at `path` `count` members per unit (the playground's "per grid" field). */
export function countSets(path: string, st: unknown, count: number): string[] {
  if (typeof st === 'object' && st !== null && ('rota' in st || Array.isArray(st))) {
    const named = namedGroups(st as Staffing);
    return named.map(({ at }) => `${path}${at}.count=${count}`);
  }
  return [`${path}.count=${count}`];
}
