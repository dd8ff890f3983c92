/**
 * A QQ plot as SVG text (no DOM, same input → same bytes): observed against simulated time to
 * close at p = 0.05…0.95, both axes in hours on a log scale, the diagonal where they agree.
 * One series per window (fit, hold-out).
 */
const W = 360;
const H = 340;
const M = { left: 56, right: 16, top: 36, bottom: 48 };
const COLORS = ['#4e79a7', '#e15759'];

const px = (x: number) => (Math.round(x * 10) / 10).toString();
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export interface QqSeries {
  label: string;
  points: Array<{ p: number; observed: number; simulated: number }>;
}

export function qqSvg(title: string, series: readonly QqSeries[]): string {
  const all = series.flatMap((s) => s.points.flatMap((p) => [p.observed, p.simulated])).filter((v) => v > 0);
  const lo = all.length ? Math.pow(10, Math.floor(Math.log10(Math.min(...all)))) : 0.1;
  const hi = all.length ? Math.pow(10, Math.ceil(Math.log10(Math.max(...all)))) : 100;
  const lx = (v: number) => (Math.log10(Math.max(v, lo)) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo));
  const x = (v: number) => M.left + lx(v) * (W - M.left - M.right);
  const y = (v: number) => H - M.bottom - lx(v) * (H - M.top - M.bottom);
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="11">`,
    `<rect width="${W}" height="${H}" fill="white"/>`,
    `<text x="${W / 2}" y="18" text-anchor="middle" font-size="13">${esc(title)}</text>`,
  ];
  for (let v = lo; v <= hi * 1.0001; v *= 10) {
    parts.push(`<line x1="${px(x(v))}" y1="${px(y(lo))}" x2="${px(x(v))}" y2="${px(y(hi))}" stroke="#eee"/>`);
    parts.push(`<line x1="${px(x(lo))}" y1="${px(y(v))}" x2="${px(x(hi))}" y2="${px(y(v))}" stroke="#eee"/>`);
    const label = v >= 1 ? String(Math.round(v)) : String(Number(v.toPrecision(2)));
    parts.push(`<text x="${px(x(v))}" y="${px(H - M.bottom + 14)}" text-anchor="middle">${label}</text>`);
    parts.push(`<text x="${px(M.left - 6)}" y="${px(y(v) + 4)}" text-anchor="end">${label}</text>`);
  }
  parts.push(`<line x1="${px(x(lo))}" y1="${px(y(lo))}" x2="${px(x(hi))}" y2="${px(y(hi))}" stroke="#999" stroke-dasharray="4 3"/>`);
  parts.push(`<text x="${W / 2}" y="${H - 14}" text-anchor="middle">observed time to close, hours (Kaplan–Meier)</text>`);
  parts.push(`<text transform="translate(14 ${(H - M.bottom + M.top) / 2}) rotate(-90)" text-anchor="middle">simulated, hours</text>`);
  series.forEach((s, k) => {
    const color = COLORS[k % COLORS.length]!;
    for (const p of s.points) {
      if (p.observed <= 0 || p.simulated <= 0) continue;
      parts.push(`<circle cx="${px(x(p.observed))}" cy="${px(y(p.simulated))}" r="3" fill="${color}"><title>p${Math.round(p.p * 100)}: ${p.observed} h observed, ${p.simulated} h simulated</title></circle>`);
    }
    parts.push(`<circle cx="${M.left + 10}" cy="${M.top + 8 + 14 * k}" r="3" fill="${color}"/><text x="${M.left + 18}" y="${M.top + 12 + 14 * k}">${esc(s.label)}</text>`);
  });
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}
