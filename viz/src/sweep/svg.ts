// Small SVG helpers for the sweep page: elements, a linear scale with nice ticks, a colour ramp,
// and axes. (The page needs only these, so it carries no chart library.)

const NS = 'http://www.w3.org/2000/svg';

export function svgEl<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number> = {}, parent?: Element, text?: string): SVGElementTagNameMap[K] {
  const e = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  if (text !== undefined) e.textContent = text;
  parent?.append(e);
  return e;
}

export interface Linear {
  (x: number): number;
  domain: [number, number];
  ticks(count?: number): number[];
}

/** A <figure> with an HTML caption, for one chart. */
export function figure(parent: HTMLElement, caption: string): HTMLElement {
  const f = document.createElement('figure');
  const c = document.createElement('figcaption');
  c.textContent = caption;
  f.append(c);
  parent.append(f);
  return f;
}

/** A linear map from domain to range; a degenerate domain is widened so it still draws. */
export function linear(domain: [number, number], range: [number, number]): Linear {
  let [d0, d1] = domain;
  if (!(d1 > d0)) {
    const pad = Math.abs(d0) * 0.05 || 1;
    d0 -= pad;
    d1 += pad;
  }
  const f = ((x: number) => range[0] + ((x - d0) / (d1 - d0)) * (range[1] - range[0])) as Linear;
  f.domain = [d0, d1];
  f.ticks = (count = 5) => {
    const raw = (d1 - d0) / count;
    const mag = 10 ** Math.floor(Math.log10(raw));
    const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag;
    const out: number[] = [];
    for (let v = Math.ceil(d0 / step) * step; v <= d1 + step * 1e-9; v += step) out.push(Number(v.toPrecision(12)));
    return out;
  };
  return f;
}

// Viridis, sampled at five stops.
const STOPS = [
  [68, 1, 84],
  [59, 82, 139],
  [33, 145, 140],
  [94, 201, 98],
  [253, 231, 37],
];

/** Colour for t in [0, 1] (NaN → grey). */
export function ramp(t: number): string {
  if (!Number.isFinite(t)) return '#ccc';
  const x = Math.min(1, Math.max(0, t)) * (STOPS.length - 1);
  const i = Math.min(STOPS.length - 2, Math.floor(x));
  const f = x - i;
  const c = STOPS[i]!.map((a, k) => Math.round(a + f * (STOPS[i + 1]![k]! - a)));
  return `rgb(${c.join(',')})`;
}

/** Text colour readable on top of ramp(t). */
export const inkOn = (t: number) => (Number.isFinite(t) && t > 0.6 ? '#222' : '#fff');

export function formatNumber(x: number): string {
  if (!Number.isFinite(x)) return '—';
  const a = Math.abs(x);
  if (a >= 1000) return x.toFixed(0);
  if (a >= 100) return x.toFixed(1);
  if (a >= 1) return x.toFixed(2);
  return x.toPrecision(3);
}

/** A bottom or left axis with ticks and a label. */
export function axis(parent: Element, scale: Linear, orient: 'bottom' | 'left', at: number, label: string): void {
  const g = svgEl('g', { class: `axis axis-${orient}` }, parent);
  if (orient === 'bottom') {
    svgEl('line', { x1: scale(scale.domain[0]), x2: scale(scale.domain[1]), y1: at, y2: at, stroke: '#444' }, g);
    for (const t of scale.ticks()) {
      svgEl('line', { x1: scale(t), x2: scale(t), y1: at, y2: at + 5, stroke: '#444' }, g);
      svgEl('text', { x: scale(t), y: at + 17, 'text-anchor': 'middle' }, g, formatNumber(t));
    }
    svgEl('text', { x: (scale(scale.domain[0]) + scale(scale.domain[1])) / 2, y: at + 34, 'text-anchor': 'middle', class: 'axis-label' }, g, label);
  } else {
    svgEl('line', { y1: scale(scale.domain[0]), y2: scale(scale.domain[1]), x1: at, x2: at, stroke: '#444' }, g);
    for (const t of scale.ticks()) {
      svgEl('line', { y1: scale(t), y2: scale(t), x1: at - 5, x2: at, stroke: '#444' }, g);
      svgEl('text', { y: scale(t) + 4, x: at - 8, 'text-anchor': 'end' }, g, formatNumber(t));
    }
    svgEl('text', { transform: `translate(${at - 52},${(scale(scale.domain[0]) + scale(scale.domain[1])) / 2}) rotate(-90)`, 'text-anchor': 'middle', class: 'axis-label' }, g, label);
  }
}
