import type { TerritorySpec } from '../scenario/schema.ts';
import { encodeBeidou } from './beidou.ts';
import { buildBoundaryTerritory } from './boundaryTerritory.ts';
import { rollUpGrids } from './rollUp.ts';

/** A node of the territory tree. Positions are km east/north of the origin. */
export interface Place {
  index: number;
  name: string;
  code: string; // Beidou code of the cell holding the centre
  x: number;
  y: number;
  lat: number;
  lon: number;
  residents: number;
  households: number;
}
export interface Grid extends Place {
  community: number;
  street: number;
  district: number;
  sideKm: number;
  /** Width and height of the grid's Beidou cell, km, when cells are not squares (boundary territories). */
  wKm?: number;
  hKm?: number;
}
export interface Community extends Place { street: number; district: number; grids: number[] }
export interface Street extends Place { district: number; communities: number[]; grids: number[] }
export interface District extends Place { streets: number[]; grids: number[] }

export interface Territory {
  districts: District[];
  streets: Street[];
  communities: Community[];
  grids: Grid[];
  residents: number;
  /** Boundary polygons (boundary territories only), in the same km x/y as the places. */
  outlines?: { districts: { name: string; rings: [number, number][][] }[] };
}

const KM_PER_DEG = 111.32;

// Beidou level used for the code of each tier's centre: district ≈ 28 km cells (L3),
// street ≈ 1.9 km (L4, "street scale"), community one level above the grid.
const DISTRICT_LEVEL = 3;
const STREET_LEVEL = 4;

interface Block { w: number; h: number }

/**
 * Builds the tree from counts or lists. Grids are square cells of area households / density,
 * packed so that siblings are contiguous: children of a node sit in a near-square arrangement
 * of equal slots, so geometry (and thus travel time) follows the hierarchy. With
 * `spec.boundaries` the tree comes from boundary polygons instead (boundaryTerritory.ts).
 */
export function buildTerritory(spec: TerritorySpec): Territory {
  if (spec.boundaries) return buildBoundaryTerritory(spec);
  const t: Territory = { districts: [], streets: [], communities: [], grids: [], residents: 0 };
  const sideKm = Math.sqrt(spec.householdsPerGrid / spec.householdsPerKm2);
  const cosLat = Math.cos((spec.origin.lat * Math.PI) / 180);

  const place = (name: string, cx: number, cy: number, level: number): Omit<Place, 'index' | 'residents' | 'households'> => {
    const x = cx * sideKm;
    const y = cy * sideKm;
    const lat = spec.origin.lat + y / KM_PER_DEG;
    const lon = spec.origin.lon + x / (KM_PER_DEG * cosLat);
    return { name, code: encodeBeidou(lat, lon, level), x, y, lat, lon };
  };

  type GridSpec = { name?: string; households?: number; residents?: number };
  type CommunitySpec = { name?: string; grids?: number | GridSpec[] };
  type StreetSpec = { name?: string; communities?: number | CommunitySpec[] };
  type DistrictSpec = { name?: string; streets?: number | StreetSpec[] };
  const list = <S>(v: number | S[] | undefined, fallback: number): S[] =>
    Array.isArray(v) ? v : Array.from({ length: v ?? fallback }, () => ({}) as S);

  const districtSpecs = list<DistrictSpec>(spec.districts, 1);
  // First pass: block sizes (in grid cells) of every node, bottom-up.
  const communityBlock = (c: CommunitySpec): Block => {
    const n = list<GridSpec>(c.grids, spec.gridsPerCommunity).length;
    const cols = Math.ceil(Math.sqrt(n));
    return { w: cols, h: Math.ceil(n / cols) };
  };
  const packBlock = (blocks: Block[]): Block & { cols: number; slotW: number; slotH: number } => {
    const cols = Math.ceil(Math.sqrt(blocks.length));
    const slotW = Math.max(...blocks.map((b) => b.w));
    const slotH = Math.max(...blocks.map((b) => b.h));
    return { w: cols * slotW, h: Math.ceil(blocks.length / cols) * slotH, cols, slotW, slotH };
  };
  const streetBlock = (s: StreetSpec) => packBlock(list<CommunitySpec>(s.communities, spec.communitiesPerStreet).map(communityBlock));
  const districtBlock = (d: DistrictSpec) => packBlock(list<StreetSpec>(d.streets, spec.streetsPerDistrict).map(streetBlock));
  const cityPack = packBlock(districtSpecs.map(districtBlock));

  districtSpecs.forEach((dSpec, di) => {
    const dIndex = t.districts.length;
    const dx0 = (di % cityPack.cols) * cityPack.slotW;
    const dy0 = Math.floor(di / cityPack.cols) * cityPack.slotH;
    const dName = dSpec.name ?? `D${di + 1}`;
    const district: District = { index: dIndex, ...place(dName, 0, 0, DISTRICT_LEVEL), residents: 0, households: 0, streets: [], grids: [] };
    t.districts.push(district);
    const streetSpecs = list<StreetSpec>(dSpec.streets, spec.streetsPerDistrict);
    const dPack = packBlock(streetSpecs.map(streetBlock));
    streetSpecs.forEach((sSpec, si) => {
      const sx0 = dx0 + (si % dPack.cols) * dPack.slotW;
      const sy0 = dy0 + Math.floor(si / dPack.cols) * dPack.slotH;
      const sName = sSpec.name ?? `${dName}-S${si + 1}`;
      const street: Street = { index: t.streets.length, ...place(sName, 0, 0, STREET_LEVEL), residents: 0, households: 0, district: dIndex, communities: [], grids: [] };
      t.streets.push(street);
      district.streets.push(street.index);
      const communitySpecs = list<CommunitySpec>(sSpec.communities, spec.communitiesPerStreet);
      const sPack = packBlock(communitySpecs.map(communityBlock));
      communitySpecs.forEach((cSpec, ci) => {
        const cx0 = sx0 + (ci % sPack.cols) * sPack.slotW;
        const cy0 = sy0 + Math.floor(ci / sPack.cols) * sPack.slotH;
        const cName = cSpec.name ?? `${sName}-C${ci + 1}`;
        const community: Community = {
          index: t.communities.length,
          ...place(cName, 0, 0, Math.max(1, spec.gridCodeLevel - 1)),
          residents: 0,
          households: 0,
          street: street.index,
          district: dIndex,
          grids: [],
        };
        t.communities.push(community);
        street.communities.push(community.index);
        const gridSpecs = list<GridSpec>(cSpec.grids, spec.gridsPerCommunity);
        const cols = Math.ceil(Math.sqrt(gridSpecs.length));
        gridSpecs.forEach((gSpec, gi) => {
          const gx = cx0 + (gi % cols) + 0.5;
          const gy = cy0 + Math.floor(gi / cols) + 0.5;
          const households = gSpec.households ?? (gSpec.residents !== undefined ? gSpec.residents / spec.residentsPerHousehold : spec.householdsPerGrid);
          const residents = gSpec.residents ?? households * spec.residentsPerHousehold;
          const grid: Grid = {
            index: t.grids.length,
            ...place(gSpec.name ?? `${cName}-G${gi + 1}`, gx, gy, spec.gridCodeLevel),
            residents,
            households,
            community: community.index,
            street: street.index,
            district: dIndex,
            // layout uses equal cells; a grid's own side (for walking inside it) follows its households
            sideKm: Math.sqrt(households / spec.householdsPerKm2),
          };
          t.grids.push(grid);
          community.grids.push(grid.index);
          street.grids.push(grid.index);
          district.grids.push(grid.index);
        });
      });
    });
  });

  // Second pass: sizes and centres of the upper tiers from their grids.
  const settle = (p: Place & { grids: number[] }, level: number) => {
    const [x, y] = rollUpGrids(p, t.grids, 'x', 'y');
    Object.assign(p, place(p.name, x / p.grids.length / sideKm, y / p.grids.length / sideKm, level));
  };
  for (const c of t.communities) settle(c, Math.max(1, spec.gridCodeLevel - 1));
  for (const s of t.streets) settle(s, STREET_LEVEL);
  for (const d of t.districts) settle(d, DISTRICT_LEVEL);
  t.residents = t.districts.reduce((sum, d) => sum + d.residents, 0);
  return t;
}

/**
 * Straight-line distance in km between two places. sqrt is correctly rounded everywhere;
 * Math.hypot's last bit differs between V8 versions (Node vs Chromium), which broke byte-identity.
 */
export function distanceKm(a: { x: number; y: number }, b: { x: number; y: number }): number {
  const dx = a.x - b.x;
  const dy = a.y - b.y;
  return Math.sqrt(dx * dx + dy * dy);
}
