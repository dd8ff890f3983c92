import type { Scenario } from '../../scenario/schema.ts';
import { countPerUnit } from '../../scenario/staffing.ts';
import type { ChainParams } from './chainLoop.ts';

/**
 * The parameters of the three-tier network a scenario like `scenarios/validation/chain-3tier.json`
 * describes (one grid, one category, exponential work and review of the same mean, no delays), so
 * the hand-written loop simulates exactly the network gridgov runs. Throws if the scenario is not
 * of that shape.
 */
export function chainParamsOf(s: Scenario): ChainParams {
  const cat = s.demand.categories;
  if (cat.length !== 1) throw new Error('chain loop: expected one category');
  const c = cat[0]!;
  const work = c.workHours;
  if (work.dist !== 'exponential') throw new Error('chain loop: expected exponential workHours');
  const a = c.authority as Record<string, number | undefined>;
  const share: [number, number, number] = [a.grid ?? 0, a.community ?? 0, a.street ?? 0];
  if (Math.abs(share[0] + share[1] + share[2] - 1) > 1e-9) throw new Error('chain loop: authority must be grid/community/street only');
  const residents = territoryResidents(s);
  const count = countPerUnit;
  return {
    lambdaPerHour: (c.ratePer1000PerDay * residents) / 1000 / 24,
    mu: 1 / (work as { mean: number }).mean,
    share,
    servers: [count(s.staff.gridWorker), count(s.staff.communityStaff), count(s.staff.streetHandler)],
    horizonHours: s.horizonDays * 24,
    warmupHours: s.warmupDays * 24,
    seed: typeof s.seed === 'number' ? s.seed : 1,
  };
}

function territoryResidents(s: Scenario): number {
  const d = s.territory.districts;
  const grid = Array.isArray(d) ? (d[0] as { streets?: { communities?: { grids?: { residents?: number }[] }[] }[] }).streets?.[0]?.communities?.[0]?.grids?.[0] : undefined;
  if (!grid?.residents) throw new Error('chain loop: expected one listed grid with residents');
  return grid.residents;
}
