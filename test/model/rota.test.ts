import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { resolveScenario } from '../../sim/scenario/load.ts';
import { buildTerritory } from '../../sim/territory/build.ts';
import { World } from '../../sim/model/world.ts';
import { minimalScenario } from '../helpers/scenarios.ts';
import { runRaw } from '../helpers/run.ts';
import { outputs } from '../helpers/mechanisms.ts';
import { parseCsv } from '../../sim/run/csv.ts';
import { countSets } from '../../sim/scenario/staffing.ts';
import { loadScenarioFile } from '../../sim/node/cli/files.ts';

// A rota `{ rota: [g0, g1, …] }` gives unit k of the role only group g[k mod n]: staggered days
// off and hours with the head-count and paid hours of the plain shift it replaces.

const WEEK = 7 * 24;
const office = { startHour: 8.5, endHour: 17.5, days: [0, 1, 2, 3, 4] };
/** Seven turns of 5 × 9 h: turn i has days i+5 and i+6 off; odd turns work 11:30–20:30. */
const sevenTurns = Array.from({ length: 7 }, (_, i) => ({
  count: 1,
  shift: { startHour: i % 2 ? 11.5 : 8.5, endHour: i % 2 ? 20.5 : 17.5, days: [0, 1, 2, 3, 4].map((d) => (d + i) % 7).sort() },
}));

// 2 streets × 2 communities × 7 grids = 28 grids: four full turns of the seven-entry rota.
const territory = { districts: 1, streetsPerDistrict: 2, communitiesPerStreet: 2, gridsPerCommunity: 7 };
const worldOf = (gridWorker: unknown) => {
  const raw = minimalScenario({ territory });
  (raw.staff as Record<string, unknown>).gridWorker = gridWorker;
  const s = resolveScenario(raw, 'rota.json');
  return new World(s, buildTerritory(s.territory));
};
const gridDesks = (w: World) => w.desks.filter((d) => d.role === 'gridWorker');
const scheduledHours = (w: World, weeks: number) =>
  gridDesks(w).reduce((h, d) => h + d.groups.reduce((a, g) => a + g.members.length * g.calendar.onDutyHours(0, weeks * WEEK), 0), 0);

describe('staffing rota', () => {
  it('gives grid k (build order) only group rota[k mod n]', () => {
    const rota = [
      { count: 1, shift: office },
      { count: 2, shift: { ...office, startHour: 11.5, endHour: 20.5 } },
      { count: 3, shift: 'always' as const },
    ];
    const desks = gridDesks(worldOf({ rota }));
    expect(desks.length).toBe(28);
    desks.forEach((d, k) => {
      expect(d.unit).toBe(k);
      expect(d.groups.length).toBe(1);
      expect(d.staff.length).toBe(rota[k % 3]!.count);
      const want = rota[k % 3]!.shift;
      expect(d.groups[0]!.calendar.shift).toEqual(want === 'always' ? want : { ...want, holidaysOff: true });
    });
  });

  it('keeps one shared calendar per distinct shift', () => {
    const desks = gridDesks(worldOf({ rota: sevenTurns }));
    expect(desks[0]!.groups[0]!.calendar).toBe(desks[7]!.groups[0]!.calendar);
    expect(new Set(desks.map((d) => d.groups[0]!.calendar)).size).toBe(7);
  });

  it('has the head-count and on-duty hours of the plain groups summed over its turns', () => {
    const rotaWorld = worldOf({ rota: sevenTurns });
    const plainWorld = worldOf({ count: 1, shift: office });
    const perTurn = sevenTurns.map((g) => worldOf(g)); // every grid on turn i
    const units = 28;
    const rotaStaff = gridDesks(rotaWorld).reduce((n, d) => n + d.staff.length, 0);
    expect(rotaStaff).toBe(perTurn.reduce((n, w) => n + gridDesks(w).reduce((a, d) => a + d.staff.length, 0), 0) / 7);
    expect(rotaStaff).toBe(units);
    expect(scheduledHours(rotaWorld, 4)).toBeCloseTo(perTurn.reduce((h, w) => h + scheduledHours(w, 4), 0) / 7, 9);
    // Every turn is 5 × 9 h a week: the same paid hours as the plain office shift.
    expect(scheduledHours(rotaWorld, 4)).toBeCloseTo(scheduledHours(plainWorld, 4), 9);
    expect(scheduledHours(rotaWorld, 4)).toBeCloseTo(units * 4 * 45, 9);
  });

  it('puts someone on duty at weekends and in the evening in some grids, every day the same share', () => {
    const onDuty = (w: World, t: number) => gridDesks(w).filter((d) => d.groups[0]!.calendar.onDutyAt(t)).length;
    const rotaWorld = worldOf({ rota: sevenTurns });
    const plainWorld = worldOf({ count: 1, shift: office });
    for (let day = 0; day < 7; day++) {
      expect(onDuty(rotaWorld, day * 24 + 12)).toBe(20); // 5 of 7 turns × 4 grids each
      expect(onDuty(plainWorld, day * 24 + 12)).toBe(day < 5 ? 28 : 0);
      expect(onDuty(rotaWorld, day * 24 + 19)).toBeGreaterThan(0);
      expect(onDuty(plainWorld, day * 24 + 19)).toBe(0);
    }
  });

  it('a one-turn rota runs byte-identical to the plain group; the paid hours follow the rota', async () => {
    const base = minimalScenario({ horizonDays: 21, warmupDays: 7, territory });
    const withGrid = (gridWorker: unknown) => ({ ...base, staff: { ...(base.staff as object), gridWorker } });
    const plain = await runRaw(withGrid({ count: 1, shift: office }));
    expect(outputs(await runRaw(withGrid({ rota: [{ count: 1, shift: office }] })))).toBe(outputs(plain));
    expect(outputs(await runRaw(withGrid([{ count: 1, shift: office }])))).toBe(outputs(plain));

    const rota = await runRaw(withGrid({ rota: sevenTurns }));
    expect(rota.summary.staffCount.gridWorker).toBe(plain.summary.staffCount.gridWorker);
    const dutyHours = (csv: string) =>
      parseCsv(csv)
        .rows.filter((r) => r.role === 'gridWorker')
        .reduce((h, r) => h + Number(r.onDutyHours), 0);
    // The window (days 7–21, from a Monday) is two whole weeks: every grid worker is on duty 2 × 45 h.
    expect(dutyHours(rota.staffCsv)).toBeCloseTo(28 * 90, 6);
    expect(dutyHours(plain.staffCsv)).toBeCloseTo(28 * 90, 6);
    // Weekend grid cases are handled in the weekend under the rota, not on Monday.
    const weekendOnDuty = (csv: string) =>
      parseCsv(csv).rows.filter((r) => r.tier === 'grid' && Math.floor(Number(r.hour) / 24) % 7 >= 5).reduce((n, r) => n + Number(r.onDutyStaff), 0);
    expect(weekendOnDuty(rota.timeseriesCsv)).toBeGreaterThan(0);
    expect(weekendOnDuty(plain.timeseriesCsv)).toBe(0);
  });

  it('a per-unit count set reaches every turn of a rota (the playground on the megacity)', () => {
    expect(countSets('staff.gridWorker', { count: 1 }, 2)).toEqual(['staff.gridWorker.count=2']);
    expect(countSets('staff.gridWorker', [{ count: 1 }, { count: 1 }], 2)).toEqual(['staff.gridWorker.0.count=2', 'staff.gridWorker.1.count=2']);
    const sets = countSets('staff.gridWorker', { rota: sevenTurns }, 2);
    expect(sets).toHaveLength(7);
    const s = resolveScenario({ ...minimalScenario(), staff: { ...(minimalScenario().staff as object), gridWorker: { rota: sevenTurns } } }, 'p.json', sets);
    const st = s.staff.gridWorker as { rota: { count: number }[] };
    expect(st.rota.map((g) => g.count)).toEqual(Array(7).fill(2));
    // The bundled megacity takes the playground's sets.
    const raw = JSON.parse(readFileSync('scenarios/megacity.json', 'utf8')) as { staff: { gridWorker: unknown } };
    const mc = loadScenarioFile('scenarios/megacity.json', ['horizonDays=1', 'warmupDays=0', ...countSets('staff.gridWorker', raw.staff.gridWorker, 3)]);
    expect((mc.staff.gridWorker as { rota: { count: number }[] }).rota.every((g) => g.count === 3)).toBe(true);
  });

  it('takes a list of groups as one entry: each unit staffed apart, on several shifts (e.g. the departments of one district)', () => {
    const day = { startHour: 8, endHour: 16, days: [0, 1, 2, 3, 4, 5, 6], holidaysOff: false };
    const night = { ...day, startHour: 16, endHour: 24 };
    const rota = [[{ count: 3, shift: day }, { count: 1, shift: night }], { count: 2, shift: 'always' as const }];
    const desks = gridDesks(worldOf({ rota }));
    expect(desks.slice(0, 4).map((d) => d.groups.map((g) => g.members.length))).toEqual([[3, 1], [2], [3, 1], [2]]);
    expect(desks[0]!.groups[1]!.calendar.shift).toEqual(night);
    // Each group of an entry is a field of its own: --set and size --vary reach it by .rota.<i>.<j>.
    expect(countSets('staff.gridWorker', { rota }, 5)).toEqual(['staff.gridWorker.rota.0.0.count=5', 'staff.gridWorker.rota.0.1.count=5', 'staff.gridWorker.rota.1.count=5']);
    const raw = minimalScenario({ territory });
    (raw.staff as Record<string, unknown>).gridWorker = { rota };
    const s = resolveScenario(raw, 'r.json', ['staff.gridWorker.rota.0.1.count=4']);
    expect(((s.staff.gridWorker as { rota: unknown[] }).rota[0] as { count: number }[])[1]!.count).toBe(4);
    (raw.staff as Record<string, unknown>).gridWorker = { rota: [[]] };
    expect(() => resolveScenario(raw, 'r.json')).toThrow(/staff\.gridWorker\.rota/);
  });
});
