// Small SVG charts for docs/findings/, written as text (no browser, no DOM): the same input gives
// the same bytes. Numbers are rounded to 0.1 px.

const W = 720;
const H = 420;
const M = { left: 72, right: 24, top: 44, bottom: 128 };
const PALETTE = ['#4e79a7', '#f28e2b', '#59a14f', '#e15759', '#76b7b2', '#b07aa1', '#edc948', '#9c755f', '#ff9da7', '#bab0ac'];

const px = (x: number) => (Math.round(x * 10) / 10).toString();
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** About five round tick values covering [lo, hi]. */
export function niceTicks(lo: number, hi: number, count = 5): number[] {
  if (!(hi > lo)) hi = lo + 1;
  const raw = (hi - lo) / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((k) => k * mag).find((s) => s >= raw)!;
  const out: number[] = [];
  // from the last tick at or below lo to the first at or above hi
  for (let v = Math.floor(lo / step + 1e-9) * step; ; v += step) {
    out.push(Number(v.toPrecision(12)));
    if (v >= hi - step * 1e-9) break;
  }
  return out;
}

const tickLabel = (v: number, percent: boolean) => (percent ? `${Number((v * 100).toPrecision(6))}%` : `${Number(v.toPrecision(6))}`);

function frame(title: string, yLabel: string, yMax: number, percent: boolean, yMin = 0): { parts: string[]; y: (v: number) => number } {
  const ticks = niceTicks(yMin, yMax);
  const top = ticks[ticks.length - 1]!;
  const bottom = Math.min(yMin, ticks[0]!);
  const y = (v: number) => M.top + (H - M.top - M.bottom) * (1 - (v - bottom) / (top - bottom));
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="12">`,
    `<rect width="${W}" height="${H}" fill="white"/>`,
    `<text x="${W / 2}" y="22" text-anchor="middle" font-size="15" font-weight="bold">${esc(title)}</text>`,
    `<text transform="translate(16 ${px((M.top + H - M.bottom) / 2)}) rotate(-90)" text-anchor="middle">${esc(yLabel)}</text>`,
  ];
  for (const t of ticks) {
    parts.push(`<line x1="${M.left}" x2="${W - M.right}" y1="${px(y(t))}" y2="${px(y(t))}" stroke="#ddd"/>`);
    parts.push(`<text x="${M.left - 6}" y="${px(y(t) + 4)}" text-anchor="end">${tickLabel(t, percent)}</text>`);
  }
  parts.push(`<line x1="${M.left}" x2="${M.left}" y1="${M.top}" y2="${H - M.bottom}" stroke="#333"/>`);
  parts.push(`<line x1="${M.left}" x2="${W - M.right}" y1="${px(y(bottom))}" y2="${px(y(bottom))}" stroke="#333"/>`);
  return { parts, y };
}

export interface Bar {
  mean: number;
  lo: number;
  hi: number;
}

/**
 * Grouped bars with 95% interval whiskers: one group per metric (`groups`), one bar per variant
 * (`series`, coloured, with a legend). With a single group the variant names label the bars.
 */
export function barChart(title: string, yLabel: string, groups: string[], series: { label: string; bars: Bar[] }[], percent = false): string {
  const finite = series.flatMap((s) => s.bars.flatMap((b) => [b.mean, b.hi])).filter(Number.isFinite);
  const yMax = Math.max(0, ...finite) * 1.08 || 1;
  const { parts, y } = frame(title, yLabel, yMax, percent);
  const plotW = W - M.left - M.right;
  const gw = plotW / groups.length;
  const bw = Math.min(56, (gw * 0.8) / series.length);
  groups.forEach((g, gi) => {
    const x0 = M.left + gi * gw + (gw - bw * series.length) / 2;
    series.forEach((s, si) => {
      const b = s.bars[gi]!;
      if (!Number.isFinite(b.mean)) return;
      const x = x0 + si * bw;
      parts.push(`<rect x="${px(x + 2)}" y="${px(y(Math.max(0, b.mean)))}" width="${px(bw - 4)}" height="${px(Math.abs(y(0) - y(b.mean)))}" fill="${PALETTE[si % PALETTE.length]}"><title>${esc(s.label)}: ${tickLabel(b.mean, percent)}</title></rect>`);
      if (Number.isFinite(b.lo) && Number.isFinite(b.hi)) {
        const cx = x + bw / 2;
        parts.push(`<path d="M${px(cx)} ${px(y(b.lo))}V${px(y(b.hi))}M${px(cx - 5)} ${px(y(b.lo))}h10M${px(cx - 5)} ${px(y(b.hi))}h10" stroke="#222" fill="none"/>`);
      }
    });
    if (groups.length > 1) parts.push(`<text x="${px(M.left + gi * gw + gw / 2)}" y="${H - M.bottom + 18}" text-anchor="middle">${esc(g)}</text>`);
  });
  legend(parts, series.map((s) => s.label), groups.length > 1 ? 36 : 18);
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}

function legend(parts: string[], labels: string[], offset: number): void {
  const cols = labels.some((l) => l.length > 44) ? 1 : 2;
  labels.forEach((label, i) => {
    const col = i % cols;
    const row = Math.floor(i / cols);
    const x = M.left + col * ((W - M.left - M.right) / 2);
    const yy = H - M.bottom + offset + row * 17;
    parts.push(`<rect x="${px(x)}" y="${px(yy - 9)}" width="12" height="12" fill="${PALETTE[i % PALETTE.length]}"/>`);
    parts.push(`<text x="${px(x + 18)}" y="${px(yy + 1)}">${esc(label)}</text>`);
  });
}

/** One line per variant over a daily series (mean over replications), x = day. */
export function lineChart(title: string, xLabel: string, yLabel: string, series: { label: string; values: number[] }[]): string {
  const yMax = Math.max(0, ...series.flatMap((s) => s.values.filter(Number.isFinite))) * 1.08 || 1;
  const { parts, y } = frame(title, yLabel, yMax, false);
  const n = Math.max(1, ...series.map((s) => s.values.length));
  const plotW = W - M.left - M.right;
  const x = (i: number) => M.left + (plotW * i) / Math.max(1, n - 1);
  for (const t of niceTicks(0, n - 1, 8)) {
    if (t > n - 1) continue;
    parts.push(`<text x="${px(x(t))}" y="${H - M.bottom + 16}" text-anchor="middle">${t}</text>`);
  }
  parts.push(`<text x="${px(M.left + plotW / 2)}" y="${H - M.bottom + 32}" text-anchor="middle">${esc(xLabel)}</text>`);
  series.forEach((s, si) => {
    const d = s.values.map((v, i) => `${i === 0 ? 'M' : 'L'}${px(x(i))} ${px(y(v))}`).join('');
    parts.push(`<path d="${d}" fill="none" stroke="${PALETTE[si % PALETTE.length]}" stroke-width="2"><title>${esc(s.label)}</title></path>`);
  });
  legend(parts, series.map((s) => s.label), 50);
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}

/**
 * Stacked bars: one bar per category (a variant), one coloured segment per part (a stage), so the
 * bar's height is the total and each segment shows how much of it one part makes. Values < 0 are drawn as 0.
 */
export function stackedBars(title: string, yLabel: string, categories: string[], parts: string[], values: number[][]): string {
  const totals = values.map((row) => row.reduce((a, v) => a + Math.max(0, Number.isFinite(v) ? v : 0), 0));
  const yMax = Math.max(0, ...totals) * 1.08 || 1;
  const { parts: out, y } = frame(title, yLabel, yMax, false);
  const plotW = W - M.left - M.right;
  const gw = plotW / Math.max(1, categories.length);
  const bw = Math.min(72, gw * 0.6);
  categories.forEach((cat, ci) => {
    const x = M.left + ci * gw + (gw - bw) / 2;
    let base = 0;
    parts.forEach((part, pi) => {
      const v = Math.max(0, Number.isFinite(values[ci]![pi]!) ? values[ci]![pi]! : 0);
      if (v <= 0) return;
      out.push(`<rect x="${px(x)}" y="${px(y(base + v))}" width="${px(bw)}" height="${px(y(base) - y(base + v))}" fill="${PALETTE[pi % PALETTE.length]}" stroke="white" stroke-width="0.5"><title>${esc(cat)}, ${esc(part)}: ${tickLabel(Number(v.toPrecision(4)), false)}</title></rect>`);
      base += v;
    });
    out.push(`<text x="${px(x + bw / 2)}" y="${H - M.bottom + 16}" text-anchor="middle">${esc(cat)}</text>`);
  });
  legendColumns(out, parts, 36, 3);
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}

function legendColumns(parts: string[], labels: string[], offset: number, cols: number): void {
  labels.forEach((label, i) => {
    const col = i % cols;
    const row = Math.floor(i / cols);
    const x = M.left + col * ((W - M.left - M.right) / cols);
    const yy = H - M.bottom + offset + row * 17;
    parts.push(`<rect x="${px(x)}" y="${px(yy - 9)}" width="12" height="12" fill="${PALETTE[i % PALETTE.length]}"/>`);
    parts.push(`<text x="${px(x + 18)}" y="${px(yy + 1)}">${esc(label)}</text>`);
  });
}

/** Survival curves (step lines): share of cases still open against hours since occurrence, one line per variant. */
export function survivalChart(title: string, xLabel: string, series: { label: string; points: [number, number][] }[]): string {
  const { parts, y } = frame(title, 'share still open', 1, true);
  const xMax = Math.max(1, ...series.flatMap((s) => s.points.map((p) => p[0])));
  const ticks = niceTicks(0, xMax, 8);
  const top = ticks[ticks.length - 1]!;
  const plotW = W - M.left - M.right;
  const x = (t: number) => M.left + (plotW * t) / top;
  for (const t of ticks) parts.push(`<text x="${px(x(t))}" y="${H - M.bottom + 16}" text-anchor="middle">${t}</text>`);
  parts.push(`<text x="${px(M.left + plotW / 2)}" y="${H - M.bottom + 32}" text-anchor="middle">${esc(xLabel)}</text>`);
  series.forEach((s, si) => {
    let d = '';
    s.points.forEach(([t, v], i) => {
      d += i === 0 ? `M${px(x(t))} ${px(y(v))}` : `H${px(x(t))}V${px(y(v))}`;
    });
    parts.push(`<path d="${d}" fill="none" stroke="${PALETTE[si % PALETTE.length]}" stroke-width="2"><title>${esc(s.label)}</title></path>`);
  });
  legend(parts, series.map((s) => s.label), 50);
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}
