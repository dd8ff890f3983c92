import { interpolateYlOrRd, interpolateBlues } from 'd3';
import type { Replay } from '../../../sim/replay/reader.ts';
import { EVENT } from '../../../sim/replay/format.ts';
import { CASE_STATE, STATE_NAMES, type ReplayCursor } from '../state/cursor.ts';
import { jitter, mapGeometry, type MapGeometry } from './geometry.ts';

export type Selection = { kind: 'grid'; index: number } | { kind: 'desk'; id: number } | { kind: 'case'; index: number } | null;
export type MapMetric = 'backlog' | 'load';

export const STATE_COLORS = ['#000', '#9e9e9e', '#8e24aa', '#fb8c00', '#e53935', '#1e88e5', '#43a047', '#2e7d32', '#000'];
const NODE_COLOR: Record<string, string> = { community: '#5d4037', street: '#37474f', hotline: '#00838f', district: '#263238', department: '#6a1b9a' };
const BUCKETS = 24;

/**
 * The territory on a canvas: grid cells coloured by their backlog (open cases of the grid at
 * the hour) or load (grid worker utilization that day), the desks of the upper tiers as nodes,
 * and one mark per sampled open case, gliding to the desk that holds it.
 */
export class MapView {
  readonly canvas = document.createElement('canvas');
  private readonly layer = document.createElement('canvas');
  private readonly nodes = document.createElement('canvas');
  /** Colour bucket each grid cell was last painted with (255: not yet). */
  private cellBucket = new Uint8Array(0);
  private readonly geo: MapGeometry;
  private w = 0;
  private h = 0;
  private scale = 1;
  private dpr = 1;
  private layerKey = '';
  private px = new Float32Array(0);
  private py = new Float32Array(0);
  private placed = new Uint8Array(0);
  private lastReal = 0;
  metric: MapMetric = 'backlog';
  selection: Selection = null;
  private maxBacklog = 1;
  private maxBacklogHours = -1;
  private readonly gridDesk: Int32Array;
  private path: { x: number; y: number }[] = [];
  /** Marks drawn in the last frame (for tests and the benchmark). */
  marksDrawn = 0;

  constructor(
    readonly replay: Replay,
    readonly cursor: ReplayCursor,
    private readonly onPick: (s: Selection) => void,
    private readonly onHover: (s: Selection, x: number, y: number) => void,
  ) {
    this.geo = mapGeometry(replay);
    this.gridDesk = new Int32Array(replay.gridCount).fill(-1);
    for (const d of replay.desks) if (d.role === 'gridWorker') this.gridDesk[d.unit] = d.id;
    this.canvas.className = 'map';
    this.canvas.addEventListener('mousemove', (e) => this.onHover(this.hit(e.offsetX, e.offsetY), e.offsetX, e.offsetY));
    this.canvas.addEventListener('mouseleave', () => this.onHover(null, 0, 0));
    this.canvas.addEventListener('click', (e) => this.onPick(this.hit(e.offsetX, e.offsetY)));
  }

  resize(width: number): void {
    const g = this.geo;
    const bw = g.maxX - g.minX;
    const bh = g.maxY - g.minY;
    this.w = Math.max(200, Math.floor(width));
    this.h = Math.max(200, Math.min(640, Math.floor((this.w * bh) / bw)));
    this.scale = Math.min(this.w / bw, this.h / bh);
    this.dpr = window.devicePixelRatio || 1;
    for (const c of [this.canvas, this.layer, this.nodes]) {
      c.width = this.w * this.dpr;
      c.height = this.h * this.dpr;
    }
    this.canvas.style.width = `${this.w}px`;
    this.canvas.style.height = `${this.h}px`;
    this.layerKey = '';
    this.cellBucket = new Uint8Array(this.replay.gridCount).fill(255);
    this.placed.fill(0);
    this.drawNodes();
  }

  sx(x: number): number {
    const g = this.geo;
    return (x - g.minX) * this.scale + (this.w - (g.maxX - g.minX) * this.scale) / 2;
  }
  sy(y: number): number {
    const g = this.geo;
    return (g.maxY - y) * this.scale + (this.h - (g.maxY - g.minY) * this.scale) / 2;
  }

  /** The value a grid is coloured by, in [0, 1], at time t. */
  gridValue(g: number, t: number): number {
    const r = this.replay;
    if (this.metric === 'backlog') {
      const h = Math.min(Math.floor(t), r.hoursDone - 1);
      return h < 0 ? 0 : Math.min(1, r.gridOpen[h * r.gridCount + g]! / this.maxBacklog);
    }
    const d = Math.min(Math.floor(t / 24), r.daysDone - 1);
    const desk = this.gridDesk[g]!;
    if (d < 0 || desk < 0) return 0;
    const on = r.deskOnDuty[d * r.desks.length + desk]!;
    return on > 0 ? Math.min(1, r.deskBusy[d * r.desks.length + desk]! / on) : 0;
  }

  /**
   * The grid cells, repainted only where a cell's colour bucket changed since the last paint
   * (an hour changes a few hundred grids of thousands).
   */
  private drawLayer(t: number): void {
    const r = this.replay;
    if (this.maxBacklogHours !== r.hoursDone) {
      let m = 1;
      const n = r.hoursDone * r.gridCount;
      for (let i = 0; i < n; i++) if (r.gridOpen[i]! > m) m = r.gridOpen[i]!;
      if (m !== this.maxBacklog) this.cellBucket.fill(255);
      this.maxBacklog = m;
      this.maxBacklogHours = r.hoursDone;
    }
    const key = `${this.metric}:${this.metric === 'backlog' ? Math.floor(t) : Math.floor(t / 24)}:${Math.min(r.hoursDone, Math.floor(t) + 1)}:${this.w}`;
    if (key === this.layerKey) return;
    const metricChanged = !this.layerKey.startsWith(`${this.metric}:`);
    this.layerKey = key;
    const ctx = this.layer.getContext('2d')!;
    ctx.setTransform(this.dpr, 0, 0, this.dpr, 0, 0);
    if (metricChanged || this.cellBucket[0] === 255) {
      ctx.fillStyle = '#fafafa';
      ctx.fillRect(0, 0, this.w, this.h);
      this.cellBucket.fill(255);
    }
    const side = Math.max(1, this.geo.cellKm * this.scale - (this.geo.cellKm * this.scale > 4 ? 0.6 : 0));
    const paths: (Path2D | null)[] = new Array(BUCKETS).fill(null);
    const tt = r.territory.grids;
    for (let g = 0; g < r.gridCount; g++) {
      const b = Math.min(BUCKETS - 1, Math.floor(this.gridValue(g, t) * BUCKETS));
      if (b === this.cellBucket[g]) continue;
      this.cellBucket[g] = b;
      (paths[b] ??= new Path2D()).rect(this.sx(tt.x[g]!) - side / 2, this.sy(tt.y[g]!) - side / 2, side, side);
    }
    const ramp = this.metric === 'backlog' ? interpolateYlOrRd : interpolateBlues;
    paths.forEach((p, b) => {
      if (!p) return;
      ctx.fillStyle = ramp(0.05 + (0.9 * b) / (BUCKETS - 1));
      ctx.fill(p);
    });
  }

  /** The desks of the upper tiers as nodes (they do not move: drawn once per size). */
  private drawNodes(): void {
    const r = this.replay;
    const ctx = this.nodes.getContext('2d')!;
    ctx.setTransform(this.dpr, 0, 0, this.dpr, 0, 0);
    ctx.clearRect(0, 0, this.w, this.h);
    for (const d of r.desks) {
      if (d.role === 'gridWorker') continue;
      const x = this.sx(this.geo.deskX[d.id]!);
      const y = this.sy(this.geo.deskY[d.id]!);
      ctx.fillStyle = NODE_COLOR[d.tier] ?? '#333';
      const s = d.tier === 'community' ? 2 : d.tier === 'street' ? 3.5 : 5;
      if (d.tier === 'department') ctx.fillRect(x - s, y - s, 2 * s, 2 * s);
      else {
        ctx.beginPath();
        ctx.arc(x, y, s, 0, 2 * Math.PI);
        ctx.fill();
      }
    }
    if (r.territory.districts.name.length <= 2) {
      ctx.font = '10px system-ui, sans-serif';
      ctx.fillStyle = '#4a148c';
      for (const d of r.desks) {
        if (d.role !== 'departmentHandler') continue;
        ctx.fillText(r.departments[d.unit]!, this.sx(this.geo.deskX[d.id]!) + 7, this.sy(this.geo.deskY[d.id]!) + 3);
      }
    }
  }

  /** Where the mark of case c belongs now (screen px). */
  private target(c: number): [number, number] {
    const r = this.replay;
    const [jx, jy] = jitter(r.cases.id.data[c]!);
    const desk = this.cursor.caseDesk[c]!;
    const s = this.cursor.caseState[c]!;
    if (desk >= 0 && r.desks[desk]!.role !== 'gridWorker') {
      const spread = this.geo.deskSpread[desk]! * this.scale + 3;
      const a = (jx + 0.5) * 2 * Math.PI;
      const rr = Math.sqrt(jy + 0.5) * spread;
      return [this.sx(this.geo.deskX[desk]!) + rr * Math.cos(a), this.sy(this.geo.deskY[desk]!) + rr * Math.sin(a)];
    }
    if (desk < 0 && s === CASE_STATE.moving) return [NaN, NaN]; // between desks: keep gliding
    const g = r.cases.grid.data[c]!;
    const cell = this.geo.cellKm * this.scale * 0.8;
    return [this.sx(r.territory.grids.x[g]!) + jx * cell, this.sy(r.territory.grids.y[g]!) + jy * cell];
  }

  draw(t: number, jumped: boolean): void {
    const ctx = this.canvas.getContext('2d')!;
    this.drawLayer(t);
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.drawImage(this.layer, 0, 0);
    ctx.drawImage(this.nodes, 0, 0);
    ctx.setTransform(this.dpr, 0, 0, this.dpr, 0, 0);
    const n = this.replay.caseCount;
    if (this.px.length < n) {
      const grow = (a: Float32Array) => {
        const b = new Float32Array(Math.max(1024, n * 2));
        b.set(a);
        return b;
      };
      this.px = grow(this.px);
      this.py = grow(this.py);
      const p = new Uint8Array(this.px.length);
      p.set(this.placed);
      this.placed = p;
    }
    const now = performance.now();
    const alpha = jumped ? 1 : 1 - Math.exp(-(now - this.lastReal) / 180);
    this.lastReal = now;
    const paths: Path2D[] = STATE_COLORS.map(() => new Path2D());
    const size = this.replay.caseCount > 20000 ? 2 : 3;
    const active = this.cursor.active;
    for (let k = 0; k < active.length; k++) {
      const c = active[k]!;
      const [tx, ty] = this.target(c);
      if (!Number.isNaN(tx)) {
        if (!this.placed[c] || jumped) {
          this.px[c] = tx;
          this.py[c] = ty;
          this.placed[c] = 1;
        } else {
          this.px[c] += (tx - this.px[c]!) * alpha;
          this.py[c] += (ty - this.py[c]!) * alpha;
        }
      } else if (!this.placed[c]) continue;
      paths[this.cursor.caseState[c]!]!.rect(this.px[c]! - size / 2, this.py[c]! - size / 2, size, size);
    }
    this.marksDrawn = active.length;
    paths.forEach((p, s) => {
      if (s === 0 || s === CASE_STATE.closed) return;
      ctx.fillStyle = STATE_COLORS[s]!;
      ctx.fill(p);
    });
    this.drawSelection(ctx);
  }

  private drawSelection(ctx: CanvasRenderingContext2D): void {
    const s = this.selection;
    if (!s) return;
    ctx.strokeStyle = '#000';
    ctx.lineWidth = 1.5;
    if (s.kind === 'grid') {
      const side = this.geo.cellKm * this.scale;
      ctx.strokeRect(this.sx(this.replay.territory.grids.x[s.index]!) - side / 2, this.sy(this.replay.territory.grids.y[s.index]!) - side / 2, side, side);
    } else if (s.kind === 'desk') {
      ctx.beginPath();
      ctx.arc(this.sx(this.geo.deskX[s.id]!), this.sy(this.geo.deskY[s.id]!), 8, 0, 2 * Math.PI);
      ctx.stroke();
    } else {
      if (this.path.length > 1) {
        ctx.setLineDash([4, 3]);
        ctx.beginPath();
        this.path.forEach((p, i) => (i ? ctx.lineTo(p.x, p.y) : ctx.moveTo(p.x, p.y)));
        ctx.stroke();
        ctx.setLineDash([]);
      }
      if (this.placed[s.index] && this.cursor.caseState[s.index]! > 0 && this.cursor.caseState[s.index]! < CASE_STATE.closed) {
        ctx.beginPath();
        ctx.arc(this.px[s.index]!, this.py[s.index]!, 6, 0, 2 * Math.PI);
        ctx.stroke();
      }
    }
  }

  select(s: Selection): void {
    this.selection = s;
    this.path = [];
    if (s?.kind === 'case') {
      const r = this.replay;
      const g = r.cases.grid.data[s.index]!;
      this.path.push({ x: this.sx(r.territory.grids.x[g]!), y: this.sy(r.territory.grids.y[g]!) });
      for (let i = 0; i < r.eventCount; i++) {
        if (r.evCode.data[i] === EVENT.entered && r.evF[0]!.data[i] === s.index) {
          const d = r.evF[1]!.data[i]!;
          this.path.push({ x: this.sx(this.geo.deskX[d]!), y: this.sy(this.geo.deskY[d]!) });
        }
      }
    }
  }

  /** Screen position (CSS px) of a drawn case mark, or null. */
  markPosition(c: number): [number, number] | null {
    return this.placed[c] ? [this.px[c]!, this.py[c]!] : null;
  }

  /** Screen position of a grid's centre. */
  gridPosition(g: number): [number, number] {
    return [this.sx(this.replay.territory.grids.x[g]!), this.sy(this.replay.territory.grids.y[g]!)];
  }

  /** What is under a point: a case mark, else a desk node, else a grid cell. */
  hit(x: number, y: number): Selection {
    let best = -1;
    let bestD = 25;
    for (const c of this.cursor.active) {
      if (!this.placed[c]) continue;
      const d = (this.px[c]! - x) ** 2 + (this.py[c]! - y) ** 2;
      if (d < bestD) {
        bestD = d;
        best = c;
      }
    }
    if (best >= 0) return { kind: 'case', index: best };
    for (const d of this.replay.desks) {
      if (d.role === 'gridWorker') continue;
      if ((this.sx(this.geo.deskX[d.id]!) - x) ** 2 + (this.sy(this.geo.deskY[d.id]!) - y) ** 2 < 36) return { kind: 'desk', id: d.id };
    }
    const g = this.geo;
    const kmX = (x - this.sx(g.minX)) / this.scale + g.minX;
    const kmY = g.maxY - (y - this.sy(g.maxY)) / this.scale;
    const grid = g.cellGrid.get(`${Math.floor(kmX / g.cellKm)},${Math.floor(kmY / g.cellKm)}`);
    return grid === undefined ? null : { kind: 'grid', index: grid };
  }

  /** Text for the tooltip. */
  describe(s: Selection, t: number): string {
    const r = this.replay;
    if (!s) return '';
    if (s.kind === 'case') return `case ${r.cases.id.data[s.index]} · ${r.categories[r.cases.category.data[s.index]!]} · ${STATE_NAMES[this.cursor.caseState[s.index]!]}`;
    if (s.kind === 'desk') return `${r.desks[s.id]!.name} (${r.desks[s.id]!.role})`;
    const h = Math.min(Math.floor(t), r.hoursDone - 1);
    return `${r.territory.grids.name[s.index]} · ${r.territory.grids.code[s.index]} · ${h >= 0 ? r.gridOpen[h * r.gridCount + s.index] : 0} open`;
  }
}
