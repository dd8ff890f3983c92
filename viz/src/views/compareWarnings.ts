import type { Replay } from '../../../sim/replay/reader.ts';

const days = (h: number) => `${+(h / 24).toFixed(2)} days`;
const pct = (x: number) => `${+(100 * x).toFixed(1)}%`;

/** Why two replays are not like for like: every setting that differs, in words (empty: none). */
export function compareWarnings(a: Replay, b: Replay): string[] {
  const A = a.meta;
  const B = b.meta;
  const out: string[] = [];
  if (A.scenario !== B.scenario) out.push(`different scenarios (A ${A.scenario}, B ${B.scenario})`);
  if (A.horizonHours !== B.horizonHours) out.push(`different horizons (A ${days(A.horizonHours)}, B ${days(B.horizonHours)})`);
  if (A.warmupHours !== B.warmupHours) out.push(`different warm-ups (A ${days(A.warmupHours)}, B ${days(B.warmupHours)}): the counted cases differ`);
  if (A.sample.caseFraction !== B.sample.caseFraction || A.sample.staffFraction !== B.sample.staffFraction)
    out.push(`different sampling of the tracks (A ${pct(A.sample.caseFraction)}, B ${pct(B.sample.caseFraction)} of the cases): the marks are not comparable (counts and colours are exact in both)`);
  if (String(A.seed) !== String(B.seed)) out.push(`different seeds (A ${A.seed}, B ${B.seed}): the runs do not see the same issues`);
  if (A.startDayOfWeek !== B.startDayOfWeek) out.push('the runs start on different weekdays');
  if (a.gridCount !== b.gridCount) out.push(`different territories (A ${a.gridCount} grids, B ${b.gridCount}): no difference map`);
  return out;
}
