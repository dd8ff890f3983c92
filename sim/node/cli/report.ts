import { ROLES } from '../../model/types.ts';
import type { Summary } from '../../run/summary.ts';
import { TIERS } from '../../scenario/schema.ts';
import { num, renderTable } from './table.ts';
import { fail, warn } from './output.ts';

export function printRunSummary(s: Summary, outDir: string): void {
  const r = s.resolutionHours;
  const lines = [
    `${s.scenario} · policy ${s.policy} · seed ${s.seed} · ${s.horizonDays} days (${s.warmupDays} warm-up)`,
    `cases: ${s.cases.created} created, ${s.cases.closed} closed, ${s.cases.open} open (${s.cases.latent} latent)`,
    `resolution hours: mean ${num(r.mean)}  p50 ${num(r.p50)}  p90 ${num(r.p90)}  p95 ${num(r.p95)}  max ${num(r.max)}`,
    `SLA met ${num(100 * s.slaMet, 1)}%   escalations/case ${num(s.escalationsPerCase)}   bounces/case ${num(s.bouncesPerCase)}   contacts/case ${num(s.contactsPerCase)}`,
    `resolved by tier: ${TIERS.map((t) => `${t} ${num(100 * s.resolvedByTier[t], 1)}%`).join('  ')}`,
    '',
    renderTable(
      ['role', 'staff', 'utilization', 'staff-hours'],
      ROLES.filter((role) => s.staffCount[role] > 0).map((role) => [role, String(s.staffCount[role]), `${num(100 * s.utilization[role], 1)}%`, num(s.staffHours[role], 0)]),
    ),
    '',
    `books: conservation ${s.checks.conservation ? 'ok' : 'FAILED'}, timestamps ${s.checks.timestampOrder.ok ? 'ok' : 'FAILED'}, Little's law max rel. error ${num(100 * s.checks.littleLaw.relErr, 2)}% (tolerance ${num(100 * s.checks.littleLaw.tolerance, 1)}%), staff hours ${s.checks.staffHours.ok ? 'ok' : 'FAILED'}`,
    `outputs: ${outDir}`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

/**
 * A run that created no case in its window, or closed none, "succeeds" with empty statistics:
 * one warning line for each such kind, naming the runs.
 */
export function reportEmpty(summaries: readonly Summary[]): void {
  const where = (list: readonly Summary[]) => list.slice(0, 3).map((s) => `${s.scenario} ${s.policy} seed ${s.seed}`).join(', ') + (list.length > 3 ? ` and ${list.length - 3} more` : '');
  const none = summaries.filter((s) => s.cases.created === 0);
  const unclosed = summaries.filter((s) => s.cases.created > 0 && s.cases.closed === 0);
  if (none.length) warn(`no case was created in the statistics window of ${where(none)}: every case statistic is empty; check the demand rates, territory.householdsPerGrid and warmupDays against horizonDays`);
  if (unclosed.length) warn(`no case was closed by the horizon in ${where(unclosed)}: resolution statistics are empty; the horizon may be too short or the staff absent`);
}

/**
 * Loud failures: broken conservation, lifecycle order or staff books are faults (exit 1);
 * Little's law outside its tolerance is a warning (a short or unstable run can miss it).
 */
export function reportChecks(summaries: readonly Summary[]): void {
  reportEmpty(summaries);
  for (const s of summaries) {
    const c = s.checks;
    const where = `${s.scenario} ${s.policy} seed ${s.seed}`;
    if (!c.conservation || !c.timestampOrder.ok || !c.staffHours.ok) {
      fail(`THE BOOKS DO NOT BALANCE for ${where}: ${JSON.stringify({ conservation: c.conservationDetail, timestampOrder: c.timestampOrder, staffHours: c.staffHours })}`);
      process.exitCode = 1;
    } else if (!c.littleLaw.ok) {
      warn(`Little's law off by ${(100 * c.littleLaw.relErr).toFixed(2)}% (tolerance ${(100 * c.littleLaw.tolerance).toFixed(1)}%) for ${where}; the run may be too short for its backlog, or not stationary`);
    }
  }
}
