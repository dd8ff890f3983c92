import { ROLES, type Role } from '../model/types.ts';
import type { Summary } from '../run/summary.ts';
import { InputError } from '../scenario/errors.ts';

/** Cost per staff-hour of each role. */
export type CostRates = Record<Role, number>;

/**
 * `--cost gridWorker=45,callTaker=38,*=30`: cost per staff-hour by role; `*` is the rate of every
 * role not listed. Without `--cost` every role costs 1 (cost = staff-hours); with it, roles not
 * listed and no `*` cost 0.
 */
export function parseCostRates(text: string | undefined): CostRates {
  const rates = Object.fromEntries(ROLES.map((r) => [r, text === undefined ? 1 : 0])) as CostRates;
  if (text === undefined) return rates;
  const given = new Map<string, number>();
  for (const part of text.split(',').map((p) => p.trim()).filter(Boolean)) {
    const m = /^([\w*]+)\s*=\s*([-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?)$/.exec(part);
    if (!m) throw new InputError('--cost', [{ path: '', expected: 'role=costPerStaffHour,… e.g. gridWorker=45,callTaker=38,*=30', found: part }]);
    const role = m[1]!;
    const rate = Number(m[2]);
    if (role !== '*' && !(ROLES as readonly string[]).includes(role)) throw new InputError('--cost', [{ path: role, expected: `a role: ${ROLES.join(', ')} or *`, found: role }]);
    if (!(rate >= 0)) throw new InputError('--cost', [{ path: role, expected: 'a cost >= 0 per staff-hour', found: m[2] }]);
    given.set(role, rate);
  }
  for (const r of ROLES) rates[r] = given.get(r) ?? given.get('*') ?? 0;
  return rates;
}

/** Σ staff-hours × rate per day of the statistics window (staff-hours = on duty + overtime). */
export function costPerDay(s: Summary, rates: CostRates): number {
  let c = 0;
  for (const r of ROLES) c += (s.staffHours[r] ?? 0) * rates[r];
  return c / Math.max(1e-9, s.horizonDays - s.warmupDays);
}
