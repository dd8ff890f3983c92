import type { Replay } from '../../../sim/replay/reader.ts';
import { cellSize } from './outlines.ts';

interface Place {
  level: 'district' | 'street' | 'community';
  name: string;
  /** Centre and extent of the unit's grids (km). */
  x: number;
  y: number;
  w: number;
  h: number;
}

const FONT: Record<Place['level'], string> = { district: 'bold 13px system-ui, sans-serif', street: '11px system-ui, sans-serif', community: '9px system-ui, sans-serif' };
const INK: Record<Place['level'], string> = { district: '#111', street: '#263238', community: '#4e342e' };

/**
 * Names of districts, streets and communities, each drawn only where it fits inside its unit at
 * the current zoom and does not overlap a label already placed (larger units first).
 */
export class MapLabels {
  private readonly places: Place[] = [];

  constructor(r: Replay) {
    const t = r.territory;
    const box = (n: number) => Array.from({ length: n }, () => [Infinity, -Infinity, Infinity, -Infinity]);
    const streets = box(t.streets.name.length);
    const communities = box(t.communities.name.length);
    const districts = box(t.districts.name.length);
    for (let g = 0; g < r.gridCount; g++) {
      const [w, h] = cellSize(r, g);
      const x = t.grids.x[g]!;
      const y = t.grids.y[g]!;
      const c = t.grids.community[g]!;
      const s = t.communities.street[c]!;
      const d = t.streets.district[s]!;
      for (const b of [communities[c]!, streets[s]!, districts[d]!]) {
        b[0] = Math.min(b[0]!, x - w / 2);
        b[1] = Math.max(b[1]!, x + w / 2);
        b[2] = Math.min(b[2]!, y - h / 2);
        b[3] = Math.max(b[3]!, y + h / 2);
      }
    }
    const add = (level: Place['level'], names: string[], boxes: number[][], xs: number[], ys: number[]) =>
      names.forEach((name, i) => {
        const b = boxes[i]!;
        if (!Number.isFinite(b[0]!)) return;
        // the unit's own centroid (where its desks sit) when it lies in its box, else the box's centre
        const inside = xs[i]! >= b[0]! && xs[i]! <= b[1]! && ys[i]! >= b[2]! && ys[i]! <= b[3]!;
        this.places.push({ level, name, x: inside ? xs[i]! : (b[0]! + b[1]!) / 2, y: inside ? ys[i]! : (b[2]! + b[3]!) / 2, w: b[1]! - b[0]!, h: b[3]! - b[2]! });
      });
    add('district', t.districts.name, districts, t.districts.x, t.districts.y);
    add('street', t.streets.name, streets, t.streets.x, t.streets.y);
    add('community', t.communities.name, communities, t.communities.x, t.communities.y);
  }

  draw(ctx: CanvasRenderingContext2D, map: { sx(x: number): number; sy(y: number): number; pxPerKm: number }, W: number, H: number): { level: string; text: string }[] {
    const drawn: { level: string; text: string }[] = [];
    const taken: [number, number, number, number][] = [];
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    for (const p of this.places) {
      ctx.font = FONT[p.level];
      const tw = ctx.measureText(p.name).width;
      const wPx = p.w * map.pxPerKm;
      const hPx = p.h * map.pxPerKm;
      // a district label always shows when there are several; others only where they fit
      if (p.level !== 'district' && (tw + 6 > wPx || hPx < 16)) continue;
      const x = map.sx(p.x);
      const y = map.sy(p.y) + (p.level === 'district' ? 0 : -8);
      if (x + tw / 2 < 0 || x - tw / 2 > W || y < 0 || y > H) continue;
      const r: [number, number, number, number] = [x - tw / 2 - 2, y - 7, x + tw / 2 + 2, y + 7];
      if (taken.some((q) => r[0] < q[2] && r[2] > q[0] && r[1] < q[3] && r[3] > q[1])) continue;
      taken.push(r);
      ctx.lineWidth = 3;
      ctx.strokeStyle = 'rgba(255,255,255,0.85)';
      ctx.strokeText(p.name, x, y);
      ctx.fillStyle = INK[p.level];
      ctx.fillText(p.name, x, y);
      drawn.push({ level: p.level, text: p.name });
    }
    return drawn;
  }
}
