/**
 * BeiDou grid location code (北斗网格位置码), GB/T 39409-2020, 2-D codes, levels 1..10.
 *
 * Pure functions, no dependencies; runs in Node and in the browser.
 *
 * Code layout (total length per level: 4, 6, 7, 9, 11, 12, 14, 16, 18, 20):
 *   L1   'N'|'S' + 2-digit longitude zone 01..60 (= floor(lon/6)+31) + band letter A..V
 *        (= 'A' + floor(|lat|/4)); cell 6° × 4°
 *   L2   two hex digits (lon 0..b, lat 0..7), 12 × 8 split, cell 30′ × 30′
 *   L3   one digit 0..5 = latIdx*2 + lonIdx, 2 × 3 split, cell 15′ × 10′
 *   L4   two hex digits (lon 0..e, lat 0..9), 15 × 10 split, cell 1′ × 1′
 *   L5   two hex digits (lon 0..e, lat 0..e), 15 × 15 split, cell 4″ × 4″
 *   L6   one digit 0..3 = latIdx*2 + lonIdx, 2 × 2 split, cell 2″ × 2″
 *   L7-L10 two digits 0..7 each, 8 × 8 split, cells 1/4″, 1/32″, 1/256″, 1/2048″
 * Hex digits are encoded lowercase; decoding also accepts the upper-case form (A–E) that the
 * standard's examples and other implementations (e.g. SuperMap, ywx001) emit, and returns the
 * code in the lowercase canonical form. Anything else is rejected.
 *
 * Arithmetic: all geometry is done in integer "units" of 1/2048″ (the L10 cell size), so
 * 1° = 7 372 800 units and every cell edge is an exact integer; |coord| ≤ 180° fits far
 * below 2^53. Degrees appear only at the input (one floor) and output (one division).
 *
 * Hemisphere convention (mirroring): sub-cell indices at levels 2..10 are always counted
 * AWAY FROM THE ORIGIN (equator / prime meridian).
 *   - Latitude: the point is first snapped to its unit cell V = floor(lat·7372800). If V ≥ 0
 *     the code is 'N' and the offset inside the 4° band is measured northward from the band's
 *     southern edge; if V < 0 it is 'S' and the unit index is mirrored (V → −V−1) so the
 *     offset is measured southward from the band's northern (equator-side) edge.
 *   - Longitude: the zone is floor(lon/6)+31 as in the standard (01 = 180°W..174°W).
 *     In zones 31..60 (east) the offset is measured eastward from the zone's west edge; in
 *     zones 01..30 (west) it is measured westward from the zone's east edge (the edge nearest
 *     the prime meridian), again by mirroring unit indices.
 * Because the mirroring acts on whole unit cells, every cell in every quadrant is half-open
 * in signed degrees: lonMin ≤ lon < lonMin+lonSize, latMin ≤ lat < latMin+latSize, and
 * encode/decode round-trip everywhere. The single exception is lat = +88 exactly, which is
 * clamped into the topmost cell of band V (its closed northern edge).
 */

export const BEIDOU_LEVELS = 10;

export interface BeidouCell {
  code: string;
  level: number;
  /** south-west corner, signed degrees */
  lonMin: number;
  latMin: number;
  /** cell size, degrees */
  lonSize: number;
  latSize: number;
}

/** Units (1/2048″) per degree. */
const UNITS_PER_DEG = 3600 * 2048;
const ZONE_UNITS = 6 * UNITS_PER_DEG;
const BAND_UNITS = 4 * UNITS_PER_DEG;
const LAT_LIMIT_UNITS = 88 * UNITS_PER_DEG;
const BAND_LETTERS = 'ABCDEFGHIJKLMNOPQRSTUV'; // 22 bands of 4° → 0..88°

/** Per level: split of the parent (lon × lat), resulting cell size in units, chars added. */
interface LevelSpec { nLon: number; nLat: number; lonUnits: number; latUnits: number; chars: number; }

const SPECS: LevelSpec[] = (() => {
  const splits: Array<[number, number, number]> = [
    // [nLon, nLat, chars] for levels 2..10
    [12, 8, 2], [2, 3, 1], [15, 10, 2], [15, 15, 2], [2, 2, 1],
    [8, 8, 2], [8, 8, 2], [8, 8, 2], [8, 8, 2],
  ];
  const out: LevelSpec[] = [{ nLon: 60, nLat: 22, lonUnits: ZONE_UNITS, latUnits: BAND_UNITS, chars: 4 }];
  for (const [nLon, nLat, chars] of splits) {
    const p = out[out.length - 1];
    out.push({ nLon, nLat, lonUnits: p.lonUnits / nLon, latUnits: p.latUnits / nLat, chars });
  }
  return out; // index = level - 1; all unit sizes are exact integers (L10 = 1 × 1)
})();

/** Code length per level, index = level - 1. */
const LENGTHS: number[] = SPECS.reduce<number[]>((acc, s) => {
  acc.push((acc.length ? acc[acc.length - 1] : 0) + s.chars);
  return acc;
}, []);

function checkLevel(level: number): void {
  if (!Number.isInteger(level) || level < 1 || level > BEIDOU_LEVELS) {
    throw new RangeError(`BeiDou level must be an integer 1..${BEIDOU_LEVELS}, got ${level}`);
  }
}

/** Largest integer u with u/UNITS_PER_DEG ≤ x (consistent with how decode divides back). */
function toUnits(x: number): number {
  let u = Math.floor(x * UNITS_PER_DEG);
  while (u / UNITS_PER_DEG > x) u--;
  while ((u + 1) / UNITS_PER_DEG <= x) u++;
  return u;
}

export function beidouCellSizeDegrees(level: number): { lon: number; lat: number } {
  checkLevel(level);
  const s = SPECS[level - 1];
  return { lon: s.lonUnits / UNITS_PER_DEG, lat: s.latUnits / UNITS_PER_DEG };
}

export function encodeBeidou(lat: number, lon: number, level: number): string {
  if (!Number.isFinite(lat) || lat < -88 || lat > 88) {
    throw new RangeError(`BeiDou latitude must be within [-88, 88], got ${lat}`);
  }
  if (!Number.isFinite(lon) || lon < -180 || lon >= 180) {
    throw new RangeError(`BeiDou longitude must be within [-180, 180), got ${lon}`);
  }
  checkLevel(level);

  const V = Math.min(toUnits(lat), LAT_LIMIT_UNITS - 1); // clamp lat = 88 into band V
  const U = Math.max(-180 * UNITS_PER_DEG, Math.min(toUnits(lon), 180 * UNITS_PER_DEG - 1));
  const north = V >= 0;
  const vAbs = north ? V : -V - 1; // mirrored unit index, 0 at the equator
  const band = Math.floor(vAbs / BAND_UNITS);
  let latOff = vAbs - band * BAND_UNITS;
  const z = Math.floor(U / ZONE_UNITS); // -30..29
  let lonOff = z >= 0 ? U - z * ZONE_UNITS : (z + 1) * ZONE_UNITS - 1 - U;

  let code = (north ? 'N' : 'S') + String(z + 31).padStart(2, '0') + BAND_LETTERS[band];
  for (let l = 2; l <= level; l++) {
    const s = SPECS[l - 1];
    const i = Math.floor(lonOff / s.lonUnits);
    const j = Math.floor(latOff / s.latUnits);
    lonOff -= i * s.lonUnits;
    latOff -= j * s.latUnits;
    code += s.chars === 1 ? String(j * 2 + i) : i.toString(16) + j.toString(16);
  }
  return code;
}

export function beidouLevelOf(code: string): number {
  const idx = typeof code === 'string' ? LENGTHS.indexOf(code.length) : -1;
  if (idx < 0) {
    throw new Error(
      `Invalid BeiDou code "${String(code)}": length ${typeof code === 'string' ? code.length : 'n/a'} ` +
        `is not one of ${LENGTHS.join(', ')}`,
    );
  }
  return idx + 1;
}

const HEX = '0123456789abcdef';

export function decodeBeidou(input: string): BeidouCell {
  const level = beidouLevelOf(input);
  // Upper-case hex after the level-1 part (hemisphere, zone, band letter) is the same code.
  const code = input.slice(0, 4) + input.slice(4).toLowerCase();
  const fail = (what: string): never => {
    throw new Error(`Invalid BeiDou code "${input}": ${what}`);
  };
  const hemi = code[0];
  if (hemi !== 'N' && hemi !== 'S') fail(`hemisphere must be 'N' or 'S', got '${hemi}'`);
  if (!/^[0-9]{2}$/.test(code.slice(1, 3))) fail(`longitude zone must be two digits, got '${code.slice(1, 3)}'`);
  const zone = Number(code.slice(1, 3));
  if (zone < 1 || zone > 60) fail(`longitude zone must be 01..60, got '${code.slice(1, 3)}'`);
  const band = BAND_LETTERS.indexOf(code[3]);
  if (band < 0) fail(`latitude band must be a letter A..V, got '${code[3]}'`);

  let lonOff = 0;
  let latOff = 0;
  let pos = 4;
  for (let l = 2; l <= level; l++) {
    const s = SPECS[l - 1];
    let i: number;
    let j: number;
    if (s.chars === 1) {
      const c = code[pos];
      const d = HEX.indexOf(c);
      if (d < 0 || d >= s.nLon * s.nLat) fail(`level ${l} digit at position ${pos} must be 0..${s.nLon * s.nLat - 1}, got '${c}'`);
      i = d % 2;
      j = Math.floor(d / 2);
    } else {
      const a = code[pos];
      const b = code[pos + 1];
      i = HEX.indexOf(a);
      j = HEX.indexOf(b);
      if (i < 0 || i >= s.nLon) fail(`level ${l} longitude digit at position ${pos} must be hex 0..${HEX[s.nLon - 1]}, got '${a}'`);
      if (j < 0 || j >= s.nLat) fail(`level ${l} latitude digit at position ${pos + 1} must be hex 0..${HEX[s.nLat - 1]}, got '${b}'`);
    }
    lonOff += i * s.lonUnits;
    latOff += j * s.latUnits;
    pos += s.chars;
  }

  const s = SPECS[level - 1];
  // Undo the mirroring: offsets are unit indices of the origin-nearest corner of the cell.
  const vAbsMin = band * BAND_UNITS + latOff;
  const vMin = hemi === 'N' ? vAbsMin : -(vAbsMin + s.latUnits);
  const z = zone - 31;
  const uMin = z >= 0 ? z * ZONE_UNITS + lonOff : (z + 1) * ZONE_UNITS - lonOff - s.lonUnits;
  return {
    code,
    level,
    lonMin: uMin / UNITS_PER_DEG,
    latMin: vMin / UNITS_PER_DEG,
    lonSize: s.lonUnits / UNITS_PER_DEG,
    latSize: s.latUnits / UNITS_PER_DEG,
  };
}

export function beidouParent(code: string): string {
  const cell = decodeBeidou(code);
  if (cell.level === 1) throw new Error(`BeiDou code "${code}" is level 1 and has no parent`);
  return code.slice(0, LENGTHS[cell.level - 2]);
}

export function beidouCellCentre(code: string): { lat: number; lon: number } {
  const c = decodeBeidou(code);
  return { lat: c.latMin + c.latSize / 2, lon: c.lonMin + c.lonSize / 2 };
}
