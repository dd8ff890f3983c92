import type { Replay } from '../../../sim/replay/reader.ts';
import type { Interval } from '../results/resultRows.ts';

/**
 * The paired 95% intervals of A − B from a compare's comparison.json, when both replays are
 * replications of that compare: `gridgov compare --replay` writes them to <dir>/replays/ and the
 * comparison to <dir>/comparison.json (or the route names it with cmp=<url>).
 */
export function comparisonUrl(a: string, b: string, explicit: string | null): string | null {
  if (explicit) return explicit;
  const dir = (s: string) => /^(.*\/)replays\/[^/]+\.replay\.json(\.gz)?$/.exec(s)?.[1] ?? null;
  const da = dir(a);
  return da && da === dir(b) ? `${da}comparison.json` : null;
}

export async function pairedIntervals(url: string, a: Replay, b: Replay): Promise<Record<string, Interval> | null> {
  const res = await fetch(url);
  if (!res.ok) return null;
  const c = (await res.json()) as { seeds?: unknown[]; differences?: Record<string, Record<string, Interval>> };
  const pa = a.meta.policy;
  const pb = b.meta.policy;
  // only replications of this compare: same scenario, seeds among its seeds, different policies
  if (!c.differences || pa === pb || (Array.isArray(c.seeds) && !(c.seeds.map(String).includes(String(a.meta.seed)) && c.seeds.map(String).includes(String(b.meta.seed))))) return null;
  const out: Record<string, Interval> = {};
  for (const [metric, pairs] of Object.entries(c.differences)) {
    const d = pairs[`${pa}-${pb}`];
    const r = pairs[`${pb}-${pa}`];
    if (d) out[metric] = d;
    else if (r) out[metric] = { mean: -r.mean, ciLow: -r.ciHigh, ciHigh: -r.ciLow };
  }
  return Object.keys(out).length ? out : null;
}
