import type { Grid, Place } from './build.ts';

/**
 * The upper tiers of a territory are sums of their grids: adds the residents and households of
 * the unit's grids to it and returns the sums of their coordinates `a`, `b` (lon/lat for a
 * territory built from boundaries, x/y for a generated one), for the caller to place its centre.
 * Shared by both builders so the two cannot drift apart.
 */
export function rollUpGrids(p: Place & { grids: number[] }, grids: readonly Grid[], a: 'lon' | 'x', b: 'lat' | 'y'): [number, number] {
  let sumA = 0;
  let sumB = 0;
  for (const g of p.grids) {
    const grid = grids[g]!;
    p.residents += grid.residents;
    p.households += grid.households;
    sumA += grid[a];
    sumB += grid[b];
  }
  return [sumA, sumB];
}
