import { describe, expect, it } from 'vitest';
import { territorySchema } from '../../sim/scenario/schema.ts';
import { decodeBeidou } from '../../sim/territory/beidou.ts';
import { buildTerritory } from '../../sim/territory/build.ts';
import { bisect, RingSet } from '../../sim/territory/polygon.ts';

// Two districts near Beijing: a 0.2° × 0.1° rectangle and an L-shape beside it (lon, lat rings).
const rect: [number, number][] = [[116.3, 39.8], [116.3, 39.9], [116.5, 39.9], [116.5, 39.8], [116.3, 39.8]];
const ell: [number, number][] = [[116.5, 39.8], [116.5, 40.0], [116.6, 40.0], [116.6, 39.85], [116.7, 39.85], [116.7, 39.8], [116.5, 39.8]];

function territory(extra: Record<string, unknown> = {}) {
  const spec = territorySchema.parse({
    origin: { lat: 39.9, lon: 116.4 },
    householdsPerGrid: 300,
    residentsPerHousehold: 2.5,
    gridsPerCommunity: 5,
    boundaries: {
      file: 'unused.geojson',
      features: [
        { name: 'R', population: 150_000, streets: 4, rings: [rect], seat: [116.35, 39.85] },
        { name: 'L', label: 'Ell', population: 60_000, streets: 3, rings: [ell] },
      ],
    },
    ...extra,
  });
  return buildTerritory(spec);
}

describe('boundary territory', () => {
  const t = territory();

  it('holds each feature’s population in grids of householdsPerGrid households', () => {
    expect(t.districts.map((d) => d.name)).toEqual(['R', 'Ell']);
    expect(t.districts[0]!.grids).toHaveLength(200); // 150,000 / 750
    expect(t.districts[1]!.grids).toHaveLength(80);
    expect(t.districts[0]!.residents).toBeCloseTo(150_000, 6);
    expect(t.residents).toBeCloseTo(210_000, 6);
    expect(t.districts.map((d) => d.streets.length)).toEqual([4, 3]);
    for (const s of t.streets) expect(s.communities.length).toBe(Math.max(1, Math.round(s.grids.length / 5)));
  });

  it('places every grid on a distinct level-5 Beidou cell inside its district, with the cell’s size', () => {
    const regions = [new RingSet([rect]), new RingSet([ell])];
    const codes = new Set<string>();
    for (const g of t.grids) {
      const cell = decodeBeidou(g.code);
      expect(cell.level).toBe(5);
      expect(g.lon).toBeGreaterThan(cell.lonMin);
      expect(g.lon).toBeLessThan(cell.lonMin + cell.lonSize);
      expect(regions[g.district]!.contains(g.lon, g.lat)).toBe(true);
      expect(g.wKm).toBeCloseTo(cell.lonSize * 111.32 * Math.cos((g.lat * Math.PI) / 180), 9);
      expect(g.hKm).toBeCloseTo(cell.latSize * 111.32, 9);
      codes.add(g.code);
    }
    expect(codes.size).toBe(t.grids.length);
  });

  it('is denser near the seat', () => {
    const r = t.districts[0]!.grids.map((i) => t.grids[i]!);
    const west = r.filter((g) => g.lon < 116.4).length; // the seat is in the western half
    expect(west).toBeGreaterThan(r.length * 0.6);
    const near = r.filter((g) => g.lon < 116.4);
    const far = r.filter((g) => g.lon >= 116.4);
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(mean(near.map((g) => g.sideKm))).toBeLessThan(mean(far.map((g) => g.sideKm)));
  });

  it('writes the outlines in the km coordinates of the grids', () => {
    expect(t.outlines!.districts.map((d) => d.name)).toEqual(['R', 'Ell']);
    const [x, y] = t.outlines!.districts[0]!.rings[0]![0]!;
    expect(x).toBeCloseTo((116.3 - 116.4) * 111.32 * Math.cos((39.9 * Math.PI) / 180), 3);
    expect(y).toBeCloseTo((39.8 - 39.9) * 111.32, 3);
  });

  it('is the same territory every time (no randomness)', () => {
    expect(JSON.stringify(territory())).toBe(JSON.stringify(t));
  });

  it('names the feature whose rings were not loaded', () => {
    const spec = territorySchema.parse({ boundaries: { file: 'b.geojson', features: [{ name: 'X', population: 1000, streets: 1 }] } });
    expect(() => buildTerritory(spec)).toThrow(/features\[0\] \(X\).*b\.geojson/);
  });
});

describe('bisect', () => {
  it('splits points into compact groups of near-equal size', () => {
    const pts = Array.from({ length: 100 }, (_, i) => ({ x: i % 10, y: Math.floor(i / 10) }));
    const parts = bisect(pts, 4);
    expect(parts.map((p) => p.length)).toEqual([25, 25, 25, 25]);
    for (const p of parts) {
      const xs = p.map((q) => q.x);
      const ys = p.map((q) => q.y);
      expect(Math.max(...xs) - Math.min(...xs) + Math.max(...ys) - Math.min(...ys)).toBeLessThanOrEqual(10);
    }
    expect(bisect(pts, 7).flat()).toHaveLength(100);
  });
});
