import type { Replay } from '../../../sim/replay/reader.ts';

// Boundaries for the map, in km. District outlines come from the replay when the territory was
// built from real boundaries (`territory.outlines`); otherwise, and for streets and communities
// always, they are the edges between grid cells that belong to different units (or to none).

/** A segment [x1, y1, x2, y2] in km. */
export type Segment = [number, number, number, number];

export interface Outlines {
  /** Polygons of the districts when the replay carries them. */
  districtRings: { name: string; rings: [number, number][][] }[];
  districtEdges: Segment[];
  streetEdges: Segment[];
  communityEdges: Segment[];
}

/** Width and height (km) of grid g: its own when the replay gives them, else the layout cell. */
export function cellSize(r: Replay, g: number): [number, number] {
  const t = r.territory;
  const w = t.grids.wKm?.[g];
  const h = t.grids.hKm?.[g];
  return [typeof w === 'number' && w > 0 ? w : t.cellKm, typeof h === 'number' && h > 0 ? h : t.cellKm];
}

/** The district outlines of the replay, if present and well-formed (anything else is ignored). */
function readDistrictRings(r: Replay): Outlines['districtRings'] {
  const o = (r.territory as { outlines?: unknown }).outlines as { districts?: unknown } | undefined;
  if (!o || !Array.isArray(o.districts)) return [];
  const okPoint = (p: unknown) => Array.isArray(p) && p.length >= 2 && Number.isFinite(p[0]) && Number.isFinite(p[1]);
  return o.districts.flatMap((d) => {
    const dd = d as { name?: unknown; rings?: unknown };
    if (typeof dd?.name !== 'string' || !Array.isArray(dd.rings)) return [];
    const rings = dd.rings.filter((ring): ring is [number, number][] => Array.isArray(ring) && ring.length >= 3 && ring.every(okPoint));
    return rings.length ? [{ name: dd.name, rings }] : [];
  });
}

/**
 * Edges between neighbouring cells of different units, found on the lattice of the typical cell
 * (grids of one Beidou level have one size): each cell's four sides are checked against the
 * cell beside them.
 */
export function computeOutlines(r: Replay): Outlines {
  const t = r.territory;
  const n = r.gridCount;
  const key = (i: number, j: number) => `${i},${j}`;
  const at = new Map<string, number>();
  const ij: [number, number][] = [];
  const sizes: [number, number][] = [];
  for (let g = 0; g < n; g++) {
    const [w, h] = cellSize(r, g);
    sizes.push([w, h]);
    const i = Math.round(t.grids.x[g]! / w - 0.5);
    const j = Math.round(t.grids.y[g]! / h - 0.5);
    ij.push([i, j]);
    at.set(key(i, j), g);
  }
  const community = t.grids.community;
  const street = (g: number) => t.communities.street[community[g]!]!;
  const district = (g: number) => t.streets.district[street(g)]!;
  const out: Outlines = { districtRings: readDistrictRings(r), districtEdges: [], streetEdges: [], communityEdges: [] };
  const sides: [number, number, number, number, number, number][] = [
    // neighbour offset, then the side's corners as multiples of (w/2, h/2) from the centre
    [1, 0, 1, -1, 1, 1],
    [-1, 0, -1, -1, -1, 1],
    [0, 1, -1, 1, 1, 1],
    [0, -1, -1, -1, 1, -1],
  ];
  for (let g = 0; g < n; g++) {
    const [i, j] = ij[g]!;
    const [w, h] = sizes[g]!;
    const x = t.grids.x[g]!;
    const y = t.grids.y[g]!;
    for (const [di, dj, ax, ay, bx, by] of sides) {
      const o = at.get(key(i + di, j + dj));
      // each shared side once (from the lower index); a side facing no grid (a gap in the
      // layout or the territory's edge) is no boundary between units
      if (o === undefined || o < g) continue;
      const seg: Segment = [x + (ax * w) / 2, y + (ay * h) / 2, x + (bx * w) / 2, y + (by * h) / 2];
      if (district(o) !== district(g)) out.districtEdges.push(seg);
      else if (street(o) !== street(g)) out.streetEdges.push(seg);
      else if (community[o] !== community[g]) out.communityEdges.push(seg);
    }
  }
  return out;
}
