import { axisBottom, axisLeft, create, line, scaleLinear } from 'd3';

// The survival curve of time to close (Kaplan–Meier), drawn only when a summary carries one:
// `survival.curve` as [hours, share still open] pairs (what sim/run/survival.ts writes), or
// { hours: number[]; survival: number[] } (t / s), or the pairs themselves.

type Curve = { t: number[]; s: number[] };

export function readSurvival(summary: unknown): Curve | null {
  const v = (summary as { survival?: unknown } | undefined)?.survival;
  if (!v || typeof v !== 'object') return null;
  if (Array.isArray(v)) {
    const pairs = v.filter((p): p is [number, number] => Array.isArray(p) && typeof p[0] === 'number' && typeof p[1] === 'number');
    return pairs.length > 1 ? { t: pairs.map((p) => p[0]), s: pairs.map((p) => p[1]) } : null;
  }
  const o = v as Record<string, unknown>;
  if (Array.isArray(o.curve)) return readSurvival({ survival: o.curve });
  const t = (o.hours ?? o.t) as unknown;
  const s = (o.survival ?? o.s ?? o.share) as unknown;
  if (!Array.isArray(t) || !Array.isArray(s) || t.length !== s.length || t.length < 2) return null;
  if (!t.every((x) => typeof x === 'number') || !s.every((x) => typeof x === 'number')) return null;
  return { t: t as number[], s: s as number[] };
}

const COLORS = ['#1565c0', '#c62828'];

export function survivalChart(summaries: unknown[], names: string[]): SVGSVGElement | null {
  const curves = summaries.map(readSurvival);
  if (curves.every((c) => c === null)) return null;
  const W = 340;
  const H = 150;
  const m = { l: 40, r: 10, t: 18, b: 30 };
  const tMax = Math.max(...curves.flatMap((c) => (c ? [c.t[c.t.length - 1]!] : [])));
  const x = scaleLinear().domain([0, tMax]).range([m.l, W - m.r]);
  const y = scaleLinear().domain([0, 1]).range([H - m.b, m.t]);
  const svg = create('svg').attr('class', 'chart').attr('id', 'chart-survival').attr('viewBox', `0 0 ${W} ${H}`).attr('width', W).attr('height', H).attr('tabindex', '0');
  svg.append('text').attr('class', 'title').attr('x', m.l).attr('y', 12).text('share still open, by hours since occurrence (Kaplan–Meier)');
  svg.append('g').attr('transform', `translate(0,${H - m.b})`).call(axisBottom(x).ticks(5));
  svg.append('g').attr('transform', `translate(${m.l},0)`).call(axisLeft(y).ticks(4, '%'));
  svg.append('text').attr('class', 'axis-title').attr('x', W - m.r).attr('y', H - 2).attr('text-anchor', 'end').text('hours');
  curves.forEach((c, i) => {
    if (!c) return;
    const l = line<number>().x((_, k) => x(c.t[k]!)).y((v) => y(v));
    svg.append('path').attr('fill', 'none').attr('stroke', COLORS[i]!).attr('stroke-width', 1.5).attr('class', 'survival').attr('d', l(c.s));
    if (names.length > 1) svg.append('text').attr('x', W - m.r).attr('y', m.t + 10 + 11 * i).attr('text-anchor', 'end').attr('fill', COLORS[i]!).text(names[i]!);
  });
  return svg.node();
}
