import { describe, it, expect } from 'vitest';
import {
  BEIDOU_LEVELS,
  encodeBeidou,
  decodeBeidou,
  beidouParent,
  beidouLevelOf,
  beidouCellSizeDegrees,
  beidouCellCentre,
} from '../../sim/territory/beidou.ts';

const LENGTHS = [4, 6, 7, 9, 11, 12, 14, 16, 18, 20];
const BEIJING = { lat: 39.9, lon: 116.4 };

/** Tiny deterministic LCG (Numerical Recipes constants), returns [0, 1). */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

/** Seeded points, a quarter in each hemisphere quadrant (NE, NW, SE, SW). */
function points(n: number, seed: number): Array<{ lat: number; lon: number }> {
  const r = lcg(seed);
  const out: Array<{ lat: number; lon: number }> = [];
  for (let k = 0; k < n; k++) {
    const lat = r() * 88 * (k & 1 ? -1 : 1);
    const lon = r() * 180 * (k & 2 ? -1 : 1);
    out.push({ lat: Math.max(-88, Math.min(88, lat)), lon: Math.max(-180, Math.min(179.999999, lon)) });
  }
  return out;
}

const PTS = [
  ...points(400, 12345),
  // boundaries and awkward spots
  { lat: 0, lon: 0 }, { lat: -1e-9, lon: -1e-9 }, { lat: 1e-12, lon: -1e-12 },
  { lat: -88, lon: -180 }, { lat: 87.999999, lon: 179.999999 }, { lat: 4, lon: 6 }, { lat: -4, lon: -6 },
  { lat: -39.9, lon: -116.4 }, BEIJING,
];

describe('BeiDou grid code (GB/T 39409-2020)', () => {
  it('exports 10 levels and has the right length at each level (Beijing)', () => {
    expect(BEIDOU_LEVELS).toBe(10);
    for (let L = 1; L <= 10; L++) {
      const code = encodeBeidou(BEIJING.lat, BEIJING.lon, L);
      expect(code).toHaveLength(LENGTHS[L - 1]);
      expect(code.startsWith('N50J')).toBe(true);
      expect(beidouLevelOf(code)).toBe(L);
    }
    expect(encodeBeidou(BEIJING.lat, BEIJING.lon, 3)).toBe('N50J475');
    expect(encodeBeidou(BEIJING.lat, BEIJING.lon, 6).startsWith('N50J475')).toBe(true);
  });

  it('decodes the quoted Beijing reference code to a cell in Beijing', () => {
    const c = decodeBeidou('N50J47539b82');
    expect(c.level).toBe(6);
    expect(c.lonMin).toBeGreaterThan(116);
    expect(c.lonMin).toBeLessThan(116.5);
    expect(c.latMin).toBeGreaterThan(39.5);
    expect(c.latMin).toBeLessThan(40);
    const ctr = beidouCellCentre('N50J47539b82');
    expect(encodeBeidou(ctr.lat, ctr.lon, 6)).toBe('N50J47539b82');
  });

  it('hemisphere letter, zone and band follow the sign conventions', () => {
    expect(encodeBeidou(10, 10, 1)).toBe('N32C');
    expect(encodeBeidou(-10, 10, 1)).toBe('S32C');
    expect(encodeBeidou(10, -10, 1)).toBe('N29C');
    expect(encodeBeidou(-0.5, -180, 1)).toBe('S01A');
    expect(encodeBeidou(87.9, 179.9, 1)).toBe('N60V');
    expect(encodeBeidou(88, 0, 1)).toBe('N31V');
  });

  it('encoded cell contains the point, in all four hemispheres, at all levels', () => {
    for (const p of PTS) {
      for (let L = 1; L <= 10; L++) {
        const code = encodeBeidou(p.lat, p.lon, L);
        const c = decodeBeidou(code);
        expect(c.code).toBe(code);
        expect(c.level).toBe(L);
        const ctx = `${code} for (${p.lat}, ${p.lon})`;
        expect(c.lonMin <= p.lon, ctx).toBe(true);
        expect(p.lon < c.lonMin + c.lonSize, ctx).toBe(true);
        expect(c.latMin <= p.lat, ctx).toBe(true);
        // lat = 88 exactly is clamped into the top cell (closed northern edge)
        expect(p.lat === 88 ? p.lat <= c.latMin + c.latSize : p.lat < c.latMin + c.latSize, ctx).toBe(true);
        expect(code[0]).toBe(p.lat >= 0 || c.latMin >= 0 ? 'N' : 'S');
      }
    }
  });

  it('decode → centre → encode round-trips at all levels', () => {
    for (const p of PTS) {
      for (let L = 1; L <= 10; L++) {
        const code = encodeBeidou(p.lat, p.lon, L);
        const ctr = beidouCellCentre(code);
        expect(encodeBeidou(ctr.lat, ctr.lon, L)).toBe(code);
        const c = decodeBeidou(code);
        const sw = encodeBeidou(c.latMin, c.lonMin, L); // SW corner is inside the half-open cell
        expect(sw).toBe(code);
      }
    }
  });

  it('a child code starts with its parent code', () => {
    for (const p of PTS) {
      for (let L = 2; L <= 10; L++) {
        const child = encodeBeidou(p.lat, p.lon, L);
        const parent = encodeBeidou(p.lat, p.lon, L - 1);
        expect(beidouParent(child)).toBe(parent);
        expect(child.startsWith(parent)).toBe(true);
        const pc = decodeBeidou(parent);
        const cc = decodeBeidou(child);
        expect(cc.lonMin).toBeGreaterThanOrEqual(pc.lonMin);
        expect(cc.latMin).toBeGreaterThanOrEqual(pc.latMin);
        expect(cc.lonMin + cc.lonSize).toBeLessThanOrEqual(pc.lonMin + pc.lonSize + 1e-12);
        expect(cc.latMin + cc.latSize).toBeLessThanOrEqual(pc.latMin + pc.latSize + 1e-12);
      }
    }
    expect(() => beidouParent('N50J')).toThrow(/N50J/);
  });

  it('cell sizes match the standard', () => {
    const sec = 1 / 3600;
    const expected: Array<[number, number]> = [
      [6, 4], [0.5, 0.5], [0.25, 10 / 60], [1 / 60, 1 / 60], [4 * sec, 4 * sec], [2 * sec, 2 * sec],
      [sec / 4, sec / 4], [sec / 32, sec / 32], [sec / 256, sec / 256], [sec / 2048, sec / 2048],
    ];
    for (let L = 1; L <= 10; L++) {
      const s = beidouCellSizeDegrees(L);
      expect(s.lon).toBeCloseTo(expected[L - 1][0], 15);
      expect(s.lat).toBeCloseTo(expected[L - 1][1], 15);
      const c = decodeBeidou(encodeBeidou(BEIJING.lat, BEIJING.lon, L));
      expect(c.lonSize).toBe(s.lon);
      expect(c.latSize).toBe(s.lat);
    }
    // level 5 at Beijing ≈ 95 m × 124 m
    const s5 = beidouCellSizeDegrees(5);
    const mPerDeg = 111_320;
    const lonM = s5.lon * mPerDeg * Math.cos((BEIJING.lat * Math.PI) / 180);
    const latM = s5.lat * mPerDeg;
    expect(Math.abs(lonM - 95) / 95).toBeLessThan(0.02);
    expect(Math.abs(latM - 124) / 124).toBeLessThan(0.02);
  });

  it('rejects out-of-range inputs with RangeError', () => {
    expect(() => encodeBeidou(88.0001, 0, 5)).toThrow(RangeError);
    expect(() => encodeBeidou(-88.0001, 0, 5)).toThrow(RangeError);
    expect(() => encodeBeidou(0, 180, 5)).toThrow(RangeError);
    expect(() => encodeBeidou(0, -180.0001, 5)).toThrow(RangeError);
    expect(() => encodeBeidou(Number.NaN, 0, 5)).toThrow(RangeError);
    expect(() => encodeBeidou(0, 0, 0)).toThrow(RangeError);
    expect(() => encodeBeidou(0, 0, 11)).toThrow(RangeError);
    expect(() => encodeBeidou(0, 0, 2.5)).toThrow(RangeError);
    expect(() => beidouCellSizeDegrees(0)).toThrow(RangeError);
  });

  it('decodes the upper-case form of the hex digits to the same cell, as the canonical lowercase code', () => {
    for (const L of [2, 4, 5, 8, 10]) {
      const code = encodeBeidou(BEIJING.lat, BEIJING.lon, L);
      const upper = code.toUpperCase();
      const a = decodeBeidou(code);
      const b = decodeBeidou(upper);
      expect({ ...b, code: a.code }).toEqual(a);
      expect(b.code).toBe(code);
    }
    expect(decodeBeidou('N50J47539B82').code).toBe('N50J47539b82');
    expect(() => decodeBeidou('n50J47539b82')).toThrow('"n50J47539b82"'); // the level-1 part stays upper-case
  });

  it('malformed codes throw with a message naming the code', () => {
    const bad = [
      '', 'X50J', 'N99J', 'N00J', 'N5aJ', 'N50W', 'N50j', 'N50J4', 'N50J47539b', 'N50J475391', // lengths / L1
      'N50Jc7', 'N50J48', 'N50J476', 'N50J475f9', 'N50J4753a', 'N50J47539f2', 'N50J47539bg',
      'N50J47539G82', 'N50J47539b84', 'N50J47539b8280', 'N50J47539b820008000000',
    ];
    for (const code of bad) {
      expect(() => decodeBeidou(code), JSON.stringify(code)).toThrow(`"${code}"`);
    }
    expect(() => beidouLevelOf('N50J4')).toThrow('"N50J4"');
    expect(() => beidouCellCentre('N99J')).toThrow('"N99J"');
  });
});
