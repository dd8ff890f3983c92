import type { Replay } from '../../../sim/replay/reader.ts';
import { EVENT } from '../../../sim/replay/format.ts';
import { CASE_STATE, STATE_NAMES, type ReplayCursor } from '../state/cursor.ts';
import { jitter, mapGeometry, type MapGeometry } from './geometry.ts';
import { mapColor, type ColorDomain, type MapMetric } from './mapColors.ts';
import { MapLabels } from './mapLabels.ts';
import { cellSize, computeOutlines, type Outlines, type Segment } from './outlines.ts';

export type { MapMetric } from './mapColors.ts';
export type Selection = { kind: 'grid'; index: number } | { kind: 'desk'; id: number } | { kind: 'case'; index: number } | null;

export const STATE_COLORS = ['#000', '#9e9e9e', '#8e24aa', '#fb8c00', '#e53935', '#1e88e5', '#43a047', '#2e7d32', '#000'];
const NODE_COLOR: Record<string, string> = { community: '#5d4037', street: '#37474f', hotline: '#00838f', district: '#263238', department: '#6a1b9a' };
const NODE_SIZE: Record<string, number> = { community: 2, street: 3.5 };
const BUCKETS = 24;

/**
 * The territory on a canvas: grid cells coloured by their backlog (open cases at the hour), load
 * (grid worker utilization that day) or the difference A − B of the backlog; district, street and
 * community outlines with labels where they fit; the desks of the upper tiers as nodes; and one
 * mark per sampled open case, gliding to the desk that holds it. Wheel or +/− zooms, dragging pans.
 */
export class MapView {
  readonly canvas = document.createElement('canvas');
  private readonly layer = document.createElement('canvas');
  private readonly nodes = document.createElement('canvas');
  /** Colour bucket each grid cell was last painted with (255: not yet). */
  private cellBucket = new Uint8Array(0);
  readonly geo: MapGeometry;
  readonly outlines: Outlines;
  private readonly labels: MapLabels;
  private w = 0;
  private h = 0;
  private scale = 1;
  private dpr = 1;
  private layerKey = '';
  /** The view: zoom factor and offset (CSS px) over the fitted map. */
  zoom = 1;
  private ox = 0;
  private oy = 0;
  private viewChanged = true;
  private px = new Float32Array(0);
  private py = new Float32Array(0);
  private placed = new Uint8Array(0);
  private lastReal = 0;
  metric: MapMetric = 'backlog';
  selection: Selection = null;
  private readonly gridDesk: Int32Array;
  private path: { x: number; y: number }[] = [];
  private drag: { x: number; y: number; moved: boolean } | null = null;
  /** Marks drawn in the last frame (for tests and the benchmark). */
  marksDrawn = 0;
  /** Labels drawn at the current zoom, by level (tests read them). */
  labelsDrawn: { level: string; text: string }[] = [];
  /** Asks for a repaint at the clock's time (after a zoom or pan). */
  onViewChange: () => void = () => {};

  constructor(
    readonly replay: Replay,
    readonly cursor: ReplayCursor,
    readonly domain: ColorDomain,
    /** The other run in compare mode (for the A − B map), or null. */
    readonly other: Replay | null,
    private readonly onPick: (s: Selection) => void,
    private readonly onHover: (s: Selection, x: number, y: number) => void,
  ) {
    this.geo = mapGeometry(replay);
    this.outlines = computeOutlines(replay);
    this.labels = new MapLabels(replay);
    this.gridDesk = new Int32Array(replay.gridCount).fill(-1);
    for (const d of replay.desks) if (d.role === 'gridWorker') this.gridDesk[d.unit] = d.id;
    this.canvas.className = 'map';
    this.canvas.tabIndex = 0;
    this.canvas.setAttribute('role', 'img');
    this.canvas.setAttribute('aria-label', `map of ${replay.meta.scenario}: grids coloured by the chosen measure; wheel or + and − to zoom, drag to pan, 0 to reset`);
    const c = this.canvas;
    c.addEventListener('mousemove', (e) => {
      if (this.drag && (e.buttons & 1) === 1) {
        const dx = e.offsetX - this.drag.x;
        const dy = e.offsetY - this.drag.y;
        if (this.drag.moved || dx * dx + dy * dy > 9) {
          this.drag.moved = true;
          this.pan(dx, dy);
          this.drag.x = e.offsetX;
          this.drag.y = e.offsetY;
        }
        return;
      }
      this.onHover(this.hit(e.offsetX, e.offsetY), e.offsetX, e.offsetY);
    });
    c.addEventListener('mousedown', (e) => (this.drag = { x: e.offsetX, y: e.offsetY, moved: false }));
    c.addEventListener('mouseleave', () => this.onHover(null, 0, 0));
    c.addEventListener('click', (e) => {
      const moved = this.drag?.moved;
      this.drag = null;
      if (!moved) this.onPick(this.hit(e.offsetX, e.offsetY));
    });
    c.addEventListener(
      'wheel',
      (e) => {
        e.preventDefault();
        this.zoomAt(e.offsetX, e.offsetY, Math.exp(-e.deltaY * 0.0015));
      },
      { passive: false },
    );
    c.addEventListener('keydown', (e) => {
      if (e.key === '+' || e.key === '=') this.zoomAt(this.w / 2, this.h / 2, 1.5);
      else if (e.key === '-') this.zoomAt(this.w / 2, this.h / 2, 1 / 1.5);
      else if (e.key === '0') this.resetView();
      else return;
      e.preventDefault();
    });
  }

  get width(): number {
    return this.w;
  }
  get height(): number {
    return this.h;
  }

  resize(width: number, maxHeight = 640): void {
    const g = this.geo;
    const bw = g.maxX - g.minX;
    const bh = g.maxY - g.minY;
    this.w = Math.max(200, Math.floor(width));
    this.h = Math.max(180, Math.min(maxHeight, Math.floor((this.w * bh) / bw)));
    this.scale = Math.min(this.w / bw, this.h / bh);
    this.dpr = window.devicePixelRatio || 1;
    for (const c of [this.canvas, this.layer, this.nodes]) {
      c.width = this.w * this.dpr;
      c.height = this.h * this.dpr;
    }
    this.canvas.style.width = `${this.w}px`;
    this.canvas.style.height = `${this.h}px`;
    this.invalidate();
  }

  /** Zooms by `factor` keeping the point (x, y) (CSS px) where it is. */
  zoomAt(x: number, y: number, factor: number): void {
    const k = Math.max(1, Math.min(64, this.zoom * factor));
    const f = k / this.zoom;
    this.ox = x - (x - this.ox) * f;
    this.oy = y - (y - this.oy) * f;
    this.zoom = k;
    this.clampView();
    this.invalidate();
    this.onViewChange();
  }

  pan(dx: number, dy: number): void {
    this.ox += dx;
    this.oy += dy;
    this.clampView();
    this.invalidate();
    this.onViewChange();
  }

  resetView(): void {
    this.zoom = 1;
    this.ox = 0;
    this.oy = 0;
    this.invalidate();
    this.onViewChange();
  }

  /** Keeps some of the map on screen. */
  private clampView(): void {
    if (this.zoom === 1) {
      this.ox = 0;
      this.oy = 0;
      return;
    }
    this.ox = Math.min(this.w * 0.5, Math.max(this.w * (0.5 - this.zoom), this.ox));
    this.oy = Math.min(this.h * 0.5, Math.max(this.h * (0.5 - this.zoom), this.oy));
  }

  private invalidate(): void {
    this.layerKey = '';
    this.cellBucket = new Uint8Array(this.replay.gridCount).fill(255);
    this.viewChanged = true;
    this.drawNodes();
    if (this.selection?.kind === 'case') this.select(this.selection);
  }

  /** km → CSS px. */
  sx(x: number): number {
    const g = this.geo;
    return ((x - g.minX) * this.scale + (this.w - (g.maxX - g.minX) * this.scale) / 2) * this.zoom + this.ox;
  }
  sy(y: number): number {
    const g = this.geo;
    return ((g.maxY - y) * this.scale + (this.h - (g.maxY - g.minY) * this.scale) / 2) * this.zoom + this.oy;
  }
  /** CSS px → km. */
  private kmX(px: number): number {
    const g = this.geo;
    return ((px - this.ox) / this.zoom - (this.w - (g.maxX - g.minX) * this.scale) / 2) / this.scale + g.minX;
  }
  private kmY(py: number): number {
    const g = this.geo;
    return g.maxY - ((py - this.oy) / this.zoom - (this.h - (g.maxY - g.minY) * this.scale) / 2) / this.scale;
  }
  /** Pixels per km at the current zoom. */
  get pxPerKm(): number {
    return this.scale * this.zoom;
  }

  /** Open cases of grid g at the end of the last hour before t in replay r. */
  private open(r: Replay, g: number, t: number): number {
    const h = Math.min(Math.floor(t), r.hoursDone) - 1;
    return h < 0 ? 0 : r.gridOpen[h * r.gridCount + g]!;
  }

  /** The value a grid is coloured by, in [0, 1] of the shared domain, at time t. */
  gridValue(g: number, t: number): number {
    const r = this.replay;
    if (this.metric === 'backlog') return Math.min(1, this.open(r, g, t) / this.domain.backlogMax());
    if (this.metric === 'diff') {
      if (!this.other) return 0.5;
      const v = this.open(r, g, t) - this.open(this.other, g, t);
      return Math.max(0, Math.min(1, 0.5 + v / (2 * this.domain.diffMax())));
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
    const max = `${this.domain.backlogMax()}:${this.domain.diffMax()}`;
    const key = `${this.metric}:${this.metric === 'load' ? Math.floor(t / 24) : Math.floor(t)}:${Math.min(r.hoursDone, Math.floor(t) + 1)}:${this.other ? Math.min(this.other.hoursDone, Math.floor(t) + 1) : 0}:${max}`;
    if (key === this.layerKey) return;
    const metricChanged = !this.layerKey.startsWith(`${this.metric}:`) || !this.layerKey.endsWith(`:${max}`);
    this.layerKey = key;
    const ctx = this.layer.getContext('2d')!;
    ctx.setTransform(this.dpr, 0, 0, this.dpr, 0, 0);
    if (metricChanged || this.cellBucket[0] === 255) {
      ctx.fillStyle = '#fafafa';
      ctx.fillRect(0, 0, this.w, this.h);
      this.cellBucket.fill(255);
    }
    const k = this.pxPerKm;
    const gap = this.geo.cellW * k > 4 ? 0.6 : 0;
    const paths: (Path2D | null)[] = new Array(BUCKETS).fill(null);
    const tt = r.territory.grids;
    for (let g = 0; g < r.gridCount; g++) {
      const b = Math.min(BUCKETS - 1, Math.floor(this.gridValue(g, t) * BUCKETS));
      if (b === this.cellBucket[g]) continue;
      this.cellBucket[g] = b;
      const [cw, ch] = cellSize(r, g);
      const x = this.sx(tt.x[g]!);
      const y = this.sy(tt.y[g]!);
      const w = Math.max(1, cw * k - gap);
      const h = Math.max(1, ch * k - gap);
      if (x + w < 0 || y + h < 0 || x - w > this.w || y - h > this.h) continue;
      (paths[b] ??= new Path2D()).rect(x - w / 2, y - h / 2, w, h);
    }
    paths.forEach((p, b) => {
      if (!p) return;
      ctx.fillStyle = mapColor(this.metric, b / (BUCKETS - 1));
      ctx.fill(p);
    });
  }

  private strokeSegments(ctx: CanvasRenderingContext2D, segs: Segment[], color: string, width: number): void {
    ctx.beginPath();
    for (const [x1, y1, x2, y2] of segs) {
      ctx.moveTo(this.sx(x1), this.sy(y1));
      ctx.lineTo(this.sx(x2), this.sy(y2));
    }
    ctx.strokeStyle = color;
    ctx.lineWidth = width;
    ctx.stroke();
  }

  /** Outlines, the desks of the upper tiers and the labels (redrawn when the view changes). */
  private drawNodes(): void {
    const r = this.replay;
    const ctx = this.nodes.getContext('2d')!;
    ctx.setTransform(this.dpr, 0, 0, this.dpr, 0, 0);
    ctx.clearRect(0, 0, this.w, this.h);
    const o = this.outlines;
    const cellPx = this.geo.cellW * this.pxPerKm;
    if (cellPx > 10) this.strokeSegments(ctx, o.communityEdges, 'rgba(60,60,60,0.35)', 0.6);
    this.strokeSegments(ctx, o.streetEdges, 'rgba(40,40,40,0.7)', cellPx > 6 ? 1.2 : 0.8);
    if (o.districtRings.length) {
      ctx.beginPath();
      for (const d of o.districtRings)
        for (const ring of d.rings) {
          ring.forEach(([x, y], i) => (i ? ctx.lineTo(this.sx(x), this.sy(y)) : ctx.moveTo(this.sx(x), this.sy(y))));
          ctx.closePath();
        }
      ctx.strokeStyle = '#111';
      ctx.lineWidth = 2;
      ctx.stroke();
    } else this.strokeSegments(ctx, o.districtEdges, '#111', 2);
    for (const d of r.desks) {
      if (d.role === 'gridWorker') continue;
      const x = this.sx(this.geo.deskX[d.id]!);
      const y = this.sy(this.geo.deskY[d.id]!);
      ctx.fillStyle = NODE_COLOR[d.tier] ?? '#333';
      const s = NODE_SIZE[d.tier] ?? 5;
      if (d.tier === 'department') ctx.fillRect(x - s, y - s, 2 * s, 2 * s);
      else {
        ctx.beginPath();
        ctx.arc(x, y, s, 0, 2 * Math.PI);
        ctx.fill();
      }
    }
    this.labelsDrawn = this.labels.draw(ctx, this, this.w, this.h);
  }

  /** Where the mark of case c belongs now (screen px). */
  private target(c: number): [number, number] {
    const r = this.replay;
    const [jx, jy] = jitter(r.cases.id.data[c]!);
    const desk = this.cursor.caseDesk[c]!;
    const s = this.cursor.caseState[c]!;
    if (desk >= 0 && r.desks[desk]!.role !== 'gridWorker') {
      const spread = this.geo.deskSpread[desk]! * this.pxPerKm + 3;
      const a = (jx + 0.5) * 2 * Math.PI;
      // marks keep clear of the node itself, so a click on a unit picks the unit
      const rr = 5 + Math.sqrt(jy + 0.5) * spread;
      return [this.sx(this.geo.deskX[desk]!) + rr * Math.cos(a), this.sy(this.geo.deskY[desk]!) + rr * Math.sin(a)];
    }
    if (desk < 0 && s === CASE_STATE.moving) return [NaN, NaN]; // between desks: keep gliding
    const g = r.cases.grid.data[c]!;
    const [cw, ch] = cellSize(r, g);
    return [this.sx(r.territory.grids.x[g]!) + jx * cw * this.pxPerKm * 0.8, this.sy(r.territory.grids.y[g]!) + jy * ch * this.pxPerKm * 0.8];
  }

  draw(t: number, jumped: boolean): void {
    const ctx = this.canvas.getContext('2d')!;
    this.drawLayer(t);
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.drawImage(this.layer, 0, 0);
    ctx.drawImage(this.nodes, 0, 0);
    ctx.setTransform(this.dpr, 0, 0, this.dpr, 0, 0);
    if (this.viewChanged) {
      jumped = true;
      this.viewChanged = false;
    }
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
      const [cw, ch] = cellSize(this.replay, s.index);
      const w = cw * this.pxPerKm;
      const h = ch * this.pxPerKm;
      ctx.strokeRect(this.sx(this.replay.territory.grids.x[s.index]!) - w / 2, this.sy(this.replay.territory.grids.y[s.index]!) - h / 2, w, h);
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

  /** Screen position of a desk's node. */
  deskPosition(d: number): [number, number] {
    return [this.sx(this.geo.deskX[d]!), this.sy(this.geo.deskY[d]!)];
  }

  /** What is under a point: a unit's node first (marks keep clear of nodes), else a case mark, else a grid cell. */
  hit(x: number, y: number): Selection {
    let bestDesk = -1;
    let bestDeskD = Infinity;
    for (const d of this.replay.desks) {
      if (d.role === 'gridWorker') continue;
      const r = (NODE_SIZE[d.tier] ?? 5) + 2;
      const dd = (this.sx(this.geo.deskX[d.id]!) - x) ** 2 + (this.sy(this.geo.deskY[d.id]!) - y) ** 2;
      if (dd <= r * r && dd < bestDeskD) {
        bestDeskD = dd;
        bestDesk = d.id;
      }
    }
    if (bestDesk >= 0) return { kind: 'desk', id: bestDesk };
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
    const g = this.geo;
    const grid = g.cellGrid.get(`${Math.floor(this.kmX(x) / g.cellW)},${Math.floor(this.kmY(y) / g.cellH)}`);
    return grid === undefined ? null : { kind: 'grid', index: grid };
  }

  /** Text for the tooltip. */
  describe(s: Selection, t: number): string {
    const r = this.replay;
    if (!s) return '';
    if (s.kind === 'case') return `case ${r.cases.id.data[s.index]} · ${r.categories[r.cases.category.data[s.index]!]} · ${STATE_NAMES[this.cursor.caseState[s.index]!]}`;
    if (s.kind === 'desk') return `${r.desks[s.id]!.name} (${r.desks[s.id]!.role})`;
    const diff = this.other ? ` (A − B ${this.open(r, s.index, t) - this.open(this.other, s.index, t)})` : '';
    return `${r.territory.grids.name[s.index]} · ${r.territory.grids.code[s.index]} · ${this.open(r, s.index, t)} open${diff}`;
  }
}
