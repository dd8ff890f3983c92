import type { Replay } from '../../../sim/replay/reader.ts';
import { unitHash } from '../../../sim/replay/sample.ts';
import { cellSize } from './outlines.ts';

/** Where the map draws each desk and each case mark, in km (north up). */
export interface MapGeometry {
  minX: number;
  maxX: number;
  minY: number;
  maxY: number;
  cellKm: number;
  /** The typical cell's width and height (km): the lattice of the hit test. */
  cellW: number;
  cellH: number;
  deskX: Float64Array;
  deskY: Float64Array;
  /** Spread of the marks waiting at a desk (km). */
  deskSpread: Float64Array;
  /** Grid index by lattice cell, for hit tests. */
  cellGrid: Map<string, number>;
}

export function mapGeometry(r: Replay): MapGeometry {
  const t = r.territory;
  const cell = t.cellKm;
  let minX = Infinity;
  let maxX = -Infinity;
  let minY = Infinity;
  let maxY = -Infinity;
  const cellGrid = new Map<string, number>();
  const [cellW, cellH] = t.grids.x.length ? cellSize(r, 0) : [cell, cell];
  t.grids.x.forEach((x, g) => {
    const y = t.grids.y[g]!;
    const [w, h] = cellSize(r, g);
    minX = Math.min(minX, x - w / 2);
    maxX = Math.max(maxX, x + w / 2);
    minY = Math.min(minY, y - h / 2);
    maxY = Math.max(maxY, y + h / 2);
    cellGrid.set(`${Math.floor(x / cellW)},${Math.floor(y / cellH)}`, g);
  });
  const span = Math.max(maxX - minX, maxY - minY);
  const districts = t.districts.name.length;
  const ring = (0.16 * span) / Math.sqrt(districts);
  const n = r.desks.length;
  const deskX = new Float64Array(n);
  const deskY = new Float64Array(n);
  const deskSpread = new Float64Array(n);
  const K = Math.max(1, r.departments.length);
  for (const d of r.desks) {
    let x = d.x;
    let y = d.y;
    let spread = cell * 0.4;
    const small = ring * 0.12;
    switch (d.role) {
      case 'communityStaff':
        spread = cell * 0.6;
        break;
      case 'streetDispatcher':
        x -= small;
        spread = cell * 0.5;
        break;
      case 'streetHandler':
        x += small;
        spread = cell * 0.8;
        break;
      case 'callTaker':
        y += small * 1.5;
        spread = ring * 0.15;
        break;
      case 'districtDispatcher':
        x -= small * 1.5;
        y -= small;
        spread = ring * 0.15;
        break;
      case 'districtHandler':
        x += small * 1.5;
        y -= small;
        spread = ring * 0.15;
        break;
      case 'departmentHandler': {
        const a = (2 * Math.PI * d.unit) / K - Math.PI / 2;
        x += ring * Math.cos(a);
        y += ring * Math.sin(a);
        spread = ring * 0.12;
        break;
      }
      default:
    }
    deskX[d.id] = x;
    deskY[d.id] = y;
    deskSpread[d.id] = spread;
  }
  return { minX: minX - ring * 0.3, maxX: maxX + ring * 0.3, minY: minY - ring * 0.3, maxY: maxY + ring * 0.3, cellKm: cell, cellW, cellH, deskX, deskY, deskSpread, cellGrid };
}

/** A fixed offset in [-0.5, 0.5)² for a case, so its mark does not jump between frames. */
export function jitter(id: number): [number, number] {
  return [unitHash(id, 0x51) - 0.5, unitHash(id, 0xa7) - 0.5];
}
