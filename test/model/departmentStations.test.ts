import { describe, expect, it } from 'vitest';
import { resolveScenario } from '../../sim/scenario/load.ts';
import { buildTerritory, distanceKm } from '../../sim/territory/build.ts';
import { World } from '../../sim/model/world.ts';
import { minimalScenario } from '../helpers/scenarios.ts';

// `departments[i].stationedAt`: a department's handlers set out from the district seat (default)
// or from the station in the case's own street or town. Beijing's large outer districts
// (Miyun, Huairou, Fangshan: ≈ 2,000 km² each) cannot be answered from one seat.

const worldWith = (stationedAt?: string) => {
  const raw = minimalScenario({
    territory: { districts: 1, streetsPerDistrict: 3, communitiesPerStreet: 2, gridsPerCommunity: 4, householdsPerKm2: 200 },
    travel: { enabled: true, speedKmh: 20, detourFactor: 1.5, overheadHours: 0.25 },
  });
  if (stationedAt) (raw.departments as Record<string, unknown>[])[0]!.stationedAt = stationedAt;
  const s = resolveScenario(raw, 'stations.json');
  const t = buildTerritory(s.territory);
  return { w: new World(s, t), t };
};

describe('departments stationed in the streets', () => {
  it('travel from the case’s street centre, not the district seat', () => {
    const { w, t } = worldWith('street');
    const tr = { detourFactor: 1.5, speedKmh: 20, overheadHours: 0.25 };
    for (const g of t.grids) {
      const desk = w.departmentDesk(g.index, 0);
      const st = t.streets[g.street]!;
      expect(w.travelHours(desk, g.index)).toBeCloseTo((distanceKm(st, g) * tr.detourFactor) / tr.speedKmh + tr.overheadHours, 12);
    }
    // The district's other desks are unchanged: a district handler still leaves from the seat.
    const far = t.grids[t.grids.length - 1]!;
    const seat = t.districts[0]!;
    expect(w.travelHours(w.districtHandlerDesk(far.index), far.index)).toBeCloseTo((distanceKm(seat, far) * 1.5) / 20 + 0.25, 12);
  });

  it('shortens the journeys of a spread-out district, and the default keeps the seat', () => {
    const street = worldWith('street');
    const seat = worldWith();
    const total = (x: ReturnType<typeof worldWith>) => x.t.grids.reduce((a, g) => a + x.w.travelHours(x.w.departmentDesk(g.index, 0), g.index), 0);
    expect(total(street)).toBeLessThan(total(seat));
    const g = seat.t.grids[0]!;
    expect(seat.w.travelHours(seat.w.departmentDesk(g.index, 0), g.index)).toBeCloseTo((distanceKm(seat.t.districts[0]!, g) * 1.5) / 20 + 0.25, 12);
  });

  it('refuses an unknown station, naming the field', () => {
    expect(() => worldWith('village')).toThrow(/departments\.0\.stationedAt/);
  });
});
