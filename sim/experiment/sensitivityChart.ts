import type { Est } from './sensitivityEffects.ts';
import { showX, type Factor } from './sensitivityFactors.ts';
import type { SensitivityResult } from './sensitivityReport.ts';

/** One bar of a tornado: the change of the metric from base at each end of a parameter's range. */
export interface TornadoBar {
  label: string;
  /** The range shown beside the label, e.g. `2 … 4 … 8`. */
  range?: string;
  low: Est;
  high: Est;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const fin = (x: number) => (Number.isFinite(x) ? x : 0);

/** About five round ticks (1, 2 or 5 × 10^k apart) inside [lo, hi]. */
function roundTicks(lo: number, hi: number): number[] {
  const raw = (hi - lo) / 5;
  const p = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * p).find((s) => s >= raw) ?? 10 * p;
  const out: number[] = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + 1e-9 * step; v += step) out.push(Number(v.toPrecision(12)));
  return out;
}

/**
 * A tornado chart as SVG text (Node and browser alike): one row per parameter, sorted as given,
 * a bar from base (0) to the effect at the low end (light) and at the high end (dark), each with
 * its 95% interval as a whisker. `base` is the headline at base, written in the title.
 */
export function tornadoSvg(title: string, xLabel: string, bars: readonly TornadoBar[]): string {
  const row = 26;
  const left = 250;
  const width = 760;
  const plotW = width - left - 30;
  const top = 48;
  const height = top + bars.length * row + 60;
  const values = bars.flatMap((b) => [b.low.mean, b.high.mean, b.low.ciLow, b.low.ciHigh, b.high.ciLow, b.high.ciHigh].filter(Number.isFinite));
  let lo = Math.min(0, ...values);
  let hi = Math.max(0, ...values);
  if (hi - lo < 1e-12) [lo, hi] = [lo - 1, hi + 1];
  const pad = (hi - lo) * 0.05;
  lo -= pad;
  hi += pad;
  const x = (v: number) => left + ((fin(v) - lo) / (hi - lo)) * plotW;
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="${width}" height="${height}" fill="white"/>`,
    `<text x="${width / 2}" y="20" text-anchor="middle" font-size="14" font-weight="bold">${esc(title)}</text>`,
    `<rect x="${left}" y="28" width="12" height="10" fill="#9ecae1"/><text x="${left + 16}" y="37">low end</text>`,
    `<rect x="${left + 90}" y="28" width="12" height="10" fill="#08519c"/><text x="${left + 106}" y="37">high end</text>`,
    `<text x="${left + 190}" y="37" fill="#555">whiskers: 95% intervals</text>`,
  ];
  bars.forEach((b, i) => {
    const y = top + i * row;
    out.push(`<text x="${left - 8}" y="${y + 12}" text-anchor="end">${esc(b.label)}</text>`);
    if (b.range) out.push(`<text x="${left - 8}" y="${y + 23}" text-anchor="end" font-size="9" fill="#666">${esc(b.range)}</text>`);
    for (const [e, colour, dy, end] of [[b.low, '#9ecae1', 2, 'low'], [b.high, '#08519c', 12, 'high']] as const) {
      const a = x(Math.min(0, e.mean));
      const w = Math.max(1, Math.abs(x(e.mean) - x(0)));
      out.push(`<rect class="bar ${end}" data-label="${esc(b.label)}" data-mean="${e.mean}" data-ci-low="${e.ciLow}" data-ci-high="${e.ciHigh}" x="${a.toFixed(1)}" y="${y + dy}" width="${w.toFixed(1)}" height="9" fill="${colour}"><title>${esc(`${b.label}: ${e.mean.toPrecision(4)} [${e.ciLow.toPrecision(4)}, ${e.ciHigh.toPrecision(4)}]`)}</title></rect>`);
      if (Number.isFinite(e.ciLow) && Number.isFinite(e.ciHigh)) {
        const cy = y + dy + 4.5;
        out.push(`<line class="whisker" x1="${x(e.ciLow).toFixed(1)}" x2="${x(e.ciHigh).toFixed(1)}" y1="${cy}" y2="${cy}" stroke="#333"/>`);
        for (const v of [e.ciLow, e.ciHigh]) out.push(`<line x1="${x(v).toFixed(1)}" x2="${x(v).toFixed(1)}" y1="${cy - 3}" y2="${cy + 3}" stroke="#333"/>`);
      }
    }
  });
  const axisY = top + bars.length * row + 6;
  out.push(`<line x1="${x(0).toFixed(1)}" x2="${x(0).toFixed(1)}" y1="${top - 4}" y2="${axisY}" stroke="#000" stroke-dasharray="3,2"/>`);
  out.push(`<line x1="${left}" x2="${left + plotW}" y1="${axisY}" y2="${axisY}" stroke="#000"/>`);
  for (const v of roundTicks(lo, hi)) {
    out.push(`<line x1="${x(v).toFixed(1)}" x2="${x(v).toFixed(1)}" y1="${axisY}" y2="${axisY + 4}" stroke="#000"/><text x="${x(v).toFixed(1)}" y="${axisY + 16}" text-anchor="middle">${Number(v.toPrecision(3))}</text>`);
  }
  out.push(`<text x="${left + plotW / 2}" y="${axisY + 36}" text-anchor="middle">${esc(xLabel)}</text>`);
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}

/** The tornado of the one-at-a-time effects (or, with Morris alone, of μ with its interval). */
export function tornadoChart(r: SensitivityResult, factors: readonly Factor[]): string {
  const byPath = new Map(factors.map((f) => [f.path, f]));
  const range = (path: string) => {
    const f = byPath.get(path)!;
    return `${showX(f, f.low)} … ${showX(f, f.base)} … ${showX(f, f.high)}`;
  };
  const bars = r.oat ? r.oat.rows.map((row) => ({ label: row.label, range: range(row.path), low: row.effectLow, high: row.effectHigh })) : (r.morris?.rows ?? []).map((row) => ({ label: row.label, range: range(row.path), low: row.mu, high: row.mu }));
  const base = r.oat ? ` (base ${r.oat.headline.mean.toPrecision(4)})` : '';
  return tornadoSvg(`${r.scenario}: ${r.headline}${base}`, r.oat ? `change from base at each end of the range (${r.oat.reps} paired replications)` : 'Morris μ: mean elementary effect over the whole range', bars);
}

