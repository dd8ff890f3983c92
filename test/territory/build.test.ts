import { describe, expect, it } from 'vitest';
import { resolveScenario } from '../../sim/scenario/load.ts';
import { buildTerritory, distanceKm } from '../../sim/territory/build.ts';
import { beidouParent, decodeBeidou } from '../../sim/territory/beidou.ts';
import { minimalScenario } from '../helpers/scenarios.ts';

describe('buildTerritory', () => {
  it('builds the tree from counts, with residents adding up', () => {
    const s = resolveScenario(minimalScenario({ territory: { districts: 2, streetsPerDistrict: 3, communitiesPerStreet: 4, gridsPerCommunity: 5, householdsPerGrid: 400, residentsPerHousehold: 2.5 } }), 't');
    const t = buildTerritory(s.territory);
    expect(t.districts).toHaveLength(2);
    expect(t.streets).toHaveLength(6);
    expect(t.communities).toHaveLength(24);
    expect(t.grids).toHaveLength(120);
    expect(t.residents).toBeCloseTo(120 * 1000, 6);
    for (const st of t.streets) expect(st.residents).toBeCloseTo(20 * 1000, 6);
    // every grid belongs to exactly one community, street and district
    const seen = new Set(t.communities.flatMap((c) => c.grids));
    expect(seen.size).toBe(120);
    for (const g of t.grids) expect(t.communities[g.community]!.street).toBe(g.street);
  });

  it('builds listed units with names and sizes', () => {
    const s = resolveScenario(
      minimalScenario({ territory: { districts: [{ name: 'Dongcheng', streets: [{ name: 'Jingshan', communities: [{ name: 'C1', grids: [{ name: 'G1', households: 300 }, { name: 'G2', residents: 2000 }] }, { grids: 2 }] }] }] } }),
      't',
    );
    const t = buildTerritory(s.territory);
    expect(t.grids.map((g) => g.name)).toEqual(['G1', 'G2', 'Jingshan-C2-G1', 'Jingshan-C2-G2']);
    expect(t.grids[0]!.residents).toBeCloseTo(300 * s.territory.residentsPerHousehold, 9);
    expect(t.grids[1]!.residents).toBe(2000);
    expect(t.districts[0]!.name).toBe('Dongcheng');
  });

  it('gives every grid a Beidou code at the configured level that contains its centre', () => {
    const s = resolveScenario(minimalScenario({ territory: { districts: 1, streetsPerDistrict: 2, communitiesPerStreet: 2, gridsPerCommunity: 4 } }), 't');
    const t = buildTerritory(s.territory);
    for (const g of t.grids) {
      const cell = decodeBeidou(g.code);
      expect(cell.level).toBe(s.territory.gridCodeLevel);
      expect(g.lon).toBeGreaterThanOrEqual(cell.lonMin);
      expect(g.lon).toBeLessThan(cell.lonMin + cell.lonSize);
      expect(g.lat).toBeGreaterThanOrEqual(cell.latMin);
      expect(g.lat).toBeLessThan(cell.latMin + cell.latSize);
      expect(beidouParent(g.code).length).toBeLessThan(g.code.length);
    }
    expect(new Set(t.grids.map((g) => g.code)).size).toBeGreaterThan(1);
  });

  it('places siblings near each other: a grid is closer to its own street centre than the farthest street is', () => {
    const s = resolveScenario(minimalScenario({ territory: { districts: 1, streetsPerDistrict: 9, communitiesPerStreet: 4, gridsPerCommunity: 3 } }), 't');
    const t = buildTerritory(s.territory);
    let closerToOwn = 0;
    for (const g of t.grids) {
      const own = distanceKm(g, t.streets[g.street]!);
      const others = t.streets.filter((st) => st.index !== g.street).map((st) => distanceKm(g, st));
      if (own <= Math.min(...others)) closerToOwn++;
    }
    expect(closerToOwn / t.grids.length).toBeGreaterThan(0.9);
  });
});
