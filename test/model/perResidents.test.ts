import { describe, expect, it } from 'vitest';
import { resolveScenario } from '../../sim/scenario/load.ts';
import { buildTerritory } from '../../sim/territory/build.ts';
import { World } from '../../sim/model/world.ts';
import { groupSize } from '../../sim/scenario/staffing.ts';
import { minimalScenario } from '../helpers/scenarios.ts';

// `perResidents`: a group's `count` is per that many residents of its unit, so large and small
// units of one role are staffed alike per resident (the megacity's districts range 0.35–3.45 M).

const grids = (households: number[]) => ({
  districts: [{ name: 'D', streets: [{ name: 'S', communities: [{ name: 'C', grids: households.map((h) => ({ households: h })) }] }] }],
  residentsPerHousehold: 2,
});

const worldOf = (territory: unknown, gridWorker: unknown) => {
  const raw = minimalScenario({ territory });
  (raw.staff as Record<string, unknown>).gridWorker = gridWorker;
  const s = resolveScenario(raw, 'per-residents.json');
  return new World(s, buildTerritory(s.territory));
};

describe('staff scaled by residents', () => {
  it('gives each unit count × its residents / perResidents members, rounded, at least 1', () => {
    // Grids of 100, 1,000, 2,600 and 10,000 residents; 1 worker per 1,000 residents.
    const w = worldOf(grids([50, 500, 1300, 5000]), { count: 1, perResidents: 1000 });
    const desks = w.desks.filter((d) => d.role === 'gridWorker');
    expect(desks.map((d) => d.staff.length)).toEqual([1, 1, 3, 10]);
    expect(groupSize({ count: 3, shift: 'always', perResidents: 1000 }, 2600)).toBe(8); // 7.8
    expect(groupSize({ count: 0, shift: 'always', perResidents: 1000 }, 1e6)).toBe(0);
  });

  it('without perResidents, every unit gets count (unchanged)', () => {
    const w = worldOf(grids([50, 5000]), { count: 2 });
    expect(w.desks.filter((d) => d.role === 'gridWorker').map((d) => d.staff.length)).toEqual([2, 2]);
  });

  it('refuses perResidents on volunteers and a perResidents that is not positive, naming the field', () => {
    const bad = minimalScenario({ selfManagement: { enabled: true, volunteers: { count: 2, perResidents: 500 } } });
    expect(() => resolveScenario(bad, 'v.json')).toThrow(/selfManagement\.volunteers\.perResidents/);
    const zero = minimalScenario();
    (zero.staff as Record<string, unknown>).gridWorker = { count: 1, perResidents: 0 };
    expect(() => resolveScenario(zero, 'z.json')).toThrow(/staff\.gridWorker/);
  });
});
