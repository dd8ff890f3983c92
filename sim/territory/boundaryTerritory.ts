import type { TerritorySpec } from '../scenario/schema.ts';
import { beidouCellSizeDegrees, encodeBeidou } from './beidou.ts';
import type { Community, District, Grid, Place, Street, Territory } from './build.ts';
import { bisect, RingSet } from './polygon.ts';
import { rollUpGrids } from './rollUp.ts';

const KM_PER_DEG = 111.32;
// Beidou levels of the upper tiers' centre codes, as in build.ts.
const DISTRICT_LEVEL = 3;
const STREET_LEVEL = 4;

type Boundaries = NonNullable<TerritorySpec['boundaries']>;

interface Seat { gx: number; gy: number; lon: number; lat: number; x: number; y: number; sideKm: number; wKm: number; hKm: number }

/**
 * A territory from boundary polygons (scenario `territory.boundaries`): for each feature (a
 * district), its residents (`population`) are held by grids of `householdsPerGrid` households
 * each, placed on Beidou cells of `gridCodeLevel` inside the polygon, more of them where the
 * density is higher. Density: highest at the feature's seat, falling off with distance as
 * floor + exp(−d / r0), r0 = half the square root of the feature's area (an assumption,
 * docs/scenarios/megacity.md). Grids are allocated to the parent cells (one Beidou level up)
 * in proportion to that density (largest remainder), then spread over each parent's child cells
 * that lie inside the polygon. Streets are `streets` compact partitions of the district's grids,
 * communities partitions of each street's grids (`gridsPerCommunity` each on average), because
 * no free street polygons exist. Positions are km east/north of `origin`.
 */
export function buildBoundaryTerritory(spec: TerritorySpec): Territory {
  const b = spec.boundaries as Boundaries;
  const { lat: lat0, lon: lon0 } = spec.origin;
  const cosLat = Math.cos((lat0 * Math.PI) / 180);
  const toX = (lon: number) => (lon - lon0) * KM_PER_DEG * cosLat;
  const toY = (lat: number) => (lat - lat0) * KM_PER_DEG;
  const level = spec.gridCodeLevel;
  if (level < 2) throw new Error('territory.gridCodeLevel: expected at least 2 with boundaries (grids are placed inside parent cells)');
  const child = beidouCellSizeDegrees(level);
  const parent = beidouCellSizeDegrees(level - 1);
  const nLon = Math.round(parent.lon / child.lon);
  const nLat = Math.round(parent.lat / child.lat);
  const perParent = nLon * nLat;
  const residentsPerGrid = spec.householdsPerGrid * spec.residentsPerHousehold;

  const t: Territory = { districts: [], streets: [], communities: [], grids: [], residents: 0, outlines: { districts: [] } };
  const place = (name: string, lon: number, lat: number, codeLevel: number): Omit<Place, 'index' | 'residents' | 'households'> => ({
    name,
    code: encodeBeidou(lat, lon, codeLevel),
    x: toX(lon),
    y: toY(lat),
    lat,
    lon,
  });

  b.features.forEach((f, fi) => {
    if (!f.rings) {
      throw new Error(`territory.boundaries.features[${fi}] (${f.name}): expected its rings, filled from ${b.file} when the scenario is loaded`);
    }
    const label = f.label ?? f.name;
    const region = new RingSet(f.rings);
    t.outlines!.districts.push({ name: label, rings: f.rings.map((r) => r.map(([lon, lat]) => [round4(toX(lon)), round4(toY(lat))] as [number, number])) });

    // Parent cells whose centre lies inside, each with its density weight.
    const i0 = Math.floor(region.minX / parent.lon);
    const i1 = Math.floor(region.maxX / parent.lon);
    const j0 = Math.floor(region.minY / parent.lat);
    const j1 = Math.floor(region.maxY / parent.lat);
    const cells: { lon: number; lat: number; w: number; k: number; rem: number }[] = [];
    for (let j = j0; j <= j1; j++) {
      for (let i = i0; i <= i1; i++) {
        const lon = (i + 0.5) * parent.lon;
        const lat = (j + 0.5) * parent.lat;
        if (region.contains(lon, lat)) cells.push({ lon, lat, w: 0, k: 0, rem: 0 });
      }
    }
    if (cells.length === 0) throw new Error(`territory.boundaries.features[${fi}] (${f.name}): no Beidou level-${level - 1} cell centre falls inside it; use a finer gridCodeLevel`);
    const seat = f.seat ?? centroid(cells);
    const areaKm2 = cells.length * parent.lon * KM_PER_DEG * Math.cos((seat[1] * Math.PI) / 180) * parent.lat * KM_PER_DEG;
    const r0 = 0.5 * Math.sqrt(areaKm2);
    for (const c of cells) c.w = b.floorDensityShare + Math.exp(-distanceKm(c.lon, c.lat, seat[0], seat[1]) / r0);
    const gridCount = Math.max(1, Math.round(f.population / residentsPerGrid));
    allocate(cells, gridCount, perParent);

    // Grids: in each parent cell, its child cells in a spread order, those inside the polygon.
    const seats: Seat[] = [];
    const cellAreaKm2 = (lat: number) => parent.lon * KM_PER_DEG * Math.cos((lat * Math.PI) / 180) * parent.lat * KM_PER_DEG;
    let short = 0;
    for (const c of cells) {
      const want = c.k + (short > 0 ? Math.min(short, perParent - c.k) : 0);
      let got = 0;
      const lonMin = c.lon - parent.lon / 2;
      const latMin = c.lat - parent.lat / 2;
      for (let n = 0; n < perParent && got < want; n++) {
        const idx = (n * SPREAD) % perParent;
        const lon = lonMin + ((idx % nLon) + 0.5) * child.lon;
        const lat = latMin + (Math.floor(idx / nLon) + 0.5) * child.lat;
        if (!region.contains(lon, lat)) continue;
        seats.push({ gx: 0, gy: 0, lon, lat, x: toX(lon), y: toY(lat), sideKm: 0, wKm: child.lon * KM_PER_DEG * Math.cos((lat * Math.PI) / 180), hKm: child.lat * KM_PER_DEG });
        got++;
      }
      short += c.k - got;
      // A grid's own extent (for walking inside it): its share of the parent cell.
      const side = Math.sqrt(cellAreaKm2(c.lat) / Math.max(1, got));
      for (let s = seats.length - got; s < seats.length; s++) seats[s]!.sideKm = side;
    }
    if (seats.length === 0) throw new Error(`territory.boundaries.features[${fi}] (${f.name}): no grid cell could be placed inside it`);

    const residents = f.population / seats.length;
    const dIndex = t.districts.length;
    const district: District = { index: dIndex, ...place(label, seat[0], seat[1], DISTRICT_LEVEL), residents: 0, households: 0, streets: [], grids: [] };
    t.districts.push(district);
    bisect(seats, f.streets).forEach((streetSeats, si) => {
      const sName = `${label}-S${si + 1}`;
      const street: Street = { index: t.streets.length, ...place(sName, seat[0], seat[1], STREET_LEVEL), residents: 0, households: 0, district: dIndex, communities: [], grids: [] };
      t.streets.push(street);
      district.streets.push(street.index);
      const nCommunities = Math.max(1, Math.round(streetSeats.length / spec.gridsPerCommunity));
      bisect(streetSeats, nCommunities).forEach((commSeats, ci) => {
        const cName = `${sName}-C${ci + 1}`;
        const community: Community = {
          index: t.communities.length,
          ...place(cName, seat[0], seat[1], level - 1),
          residents: 0,
          households: 0,
          street: street.index,
          district: dIndex,
          grids: [],
        };
        t.communities.push(community);
        street.communities.push(community.index);
        commSeats.forEach((s, gi) => {
          const grid: Grid = {
            index: t.grids.length,
            ...place(`${cName}-G${gi + 1}`, s.lon, s.lat, level),
            residents,
            households: residents / spec.residentsPerHousehold,
            community: community.index,
            street: street.index,
            district: dIndex,
            sideKm: s.sideKm,
            wKm: s.wKm,
            hKm: s.hKm,
          };
          t.grids.push(grid);
          community.grids.push(grid.index);
          street.grids.push(grid.index);
          district.grids.push(grid.index);
        });
      });
    });
  });

  // Upper tiers: residents summed, centres at the mean of their grids.
  const settle = (p: Place & { grids: number[] }, codeLevel: number) => {
    const [lon, lat] = rollUpGrids(p, t.grids, 'lon', 'lat');
    Object.assign(p, place(p.name, lon / p.grids.length, lat / p.grids.length, codeLevel));
  };
  for (const c of t.communities) settle(c, level - 1);
  for (const s of t.streets) settle(s, STREET_LEVEL);
  for (const d of t.districts) {
    // A district keeps its seat as its centre (the district centre sits there), its sums from its grids.
    rollUpGrids(d, t.grids, 'lon', 'lat');
  }
  t.residents = t.districts.reduce((sum, d) => sum + d.residents, 0);
  return t;
}

/** A step coprime to the child counts (225, 150, 64, 4, 6): consecutive picks land far apart in the parent. */
const SPREAD = 97;

function round4(v: number): number {
  return Math.round(v * 10000) / 10000;
}

function centroid(cells: { lon: number; lat: number }[]): [number, number] {
  let lon = 0;
  let lat = 0;
  for (const c of cells) {
    lon += c.lon;
    lat += c.lat;
  }
  return [lon / cells.length, lat / cells.length];
}

function distanceKm(lon1: number, lat1: number, lon2: number, lat2: number): number {
  const dx = (lon1 - lon2) * KM_PER_DEG * Math.cos((((lat1 + lat2) / 2) * Math.PI) / 180);
  const dy = (lat1 - lat2) * KM_PER_DEG;
  return Math.sqrt(dx * dx + dy * dy);
}

/** Splits `total` over cells in proportion to their weights (largest remainder), at most `cap` each. */
function allocate(cells: { w: number; k: number; rem: number }[], total: number, cap: number): void {
  let left = Math.min(total, cap * cells.length);
  let open = cells.slice();
  while (left > 0 && open.length > 0) {
    const sum = open.reduce((s, c) => s + c.w, 0);
    let given = 0;
    for (const c of open) {
      const exact = (left * c.w) / sum;
      const whole = Math.min(cap - c.k, Math.floor(exact));
      c.k += whole;
      c.rem = exact - Math.floor(exact);
      given += whole;
    }
    left -= given;
    const byRem = open.filter((c) => c.k < cap).sort((a, b) => b.rem - a.rem);
    for (const c of byRem) {
      if (left === 0) break;
      c.k++;
      left--;
    }
    open = open.filter((c) => c.k < cap);
    if (given === 0 && byRem.length === 0) break;
  }
}
