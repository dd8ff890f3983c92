import { describe, expect, it } from 'vitest';
import { resolveScenario } from '../../sim/scenario/load.ts';
import { buildTerritory, distanceKm } from '../../sim/territory/build.ts';
import { World } from '../../sim/model/world.ts';
import { minimalScenario } from '../helpers/scenarios.ts';

// `departments[i].stationedAt`: a department's handlers set out from the district seat (default)
// or from the station in the case's own street or town. Beijing's large outer districts
// (Miyun, Huairou, Fangshan: ≈ 2,000 km² each) cannot be answered from one seat.

const travel = { enabled: true, speedKmh: 20, detourFactor: 1.5, overheadHours: 0.25 };
/** The one-way drive the model should charge from a place to a grid (docs/model.md, Travel). */
const drive = (from: { x: number; y: number }, g: { x: number; y: number }) => (distanceKm(from, g) * travel.detourFactor) / travel.speedKmh + travel.overheadHours;

const worldWith = (stationedAt?: string) => {
  const raw = minimalScenario({
    territory: { districts: 1, streetsPerDistrict: 3, communitiesPerStreet: 2, gridsPerCommunity: 4, householdsPerKm2: 200 },
    travel,
  });
  if (stationedAt) (raw.departments as Record<string, unknown>[])[0]!.stationedAt = stationedAt;
  const s = resolveScenario(raw, 'stations.json');
  const t = buildTerritory(s.territory);
  return { w: new World(s, t), t };
};

describe('departments stationed in the streets', () => {
  it('travel from the case’s street centre, not the district seat', () => {
    const { w, t } = worldWith('street');
    for (const g of t.grids) {
      expect(w.travelHours(w.departmentDesk(g.index, 0), g.index)).toBeCloseTo(drive(t.streets[g.street]!, g), 12);
    }
    // The district's other desks are unchanged: a district handler still leaves from the seat.
    const far = t.grids[t.grids.length - 1]!;
    expect(w.travelHours(w.districtHandlerDesk(far.index), far.index)).toBeCloseTo(drive(t.districts[0]!, far), 12);
  });

  it('shortens the journeys of a spread-out district, and the default keeps the seat', () => {
    const street = worldWith('street');
    const seat = worldWith();
    const total = (x: ReturnType<typeof worldWith>) => x.t.grids.reduce((a, g) => a + x.w.travelHours(x.w.departmentDesk(g.index, 0), g.index), 0);
    expect(total(street)).toBeLessThan(total(seat));
    const g = seat.t.grids[0]!;
    expect(seat.w.travelHours(seat.w.departmentDesk(g.index, 0), g.index)).toBeCloseTo(drive(seat.t.districts[0]!, g), 12);
  });

  it('refuses an unknown station, naming the field', () => {
    expect(() => worldWith('village')).toThrow(/departments\.0\.stationedAt/);
  });
});
