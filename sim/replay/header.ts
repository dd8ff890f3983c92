import type { World } from '../model/world.ts';
import type { Scenario } from '../scenario/schema.ts';
import type { Place, Territory } from '../territory/build.ts';
import { PRIORITY_NAMES, REPLAY_FORMAT, REPLAY_VERSION, ROLE_NAMES, STEP_HOURS, TICKS_PER_HOUR, type PlaceColumns, type ReplayHeader } from './format.ts';
import { SAMPLE_RULE } from './sample.ts';

const km = (x: number) => Math.round(x * 10000) / 10000;

function places<P extends Place>(list: P[]): PlaceColumns {
  return {
    name: list.map((p) => p.name),
    code: list.map((p) => p.code),
    x: list.map((p) => km(p.x)),
    y: list.map((p) => km(p.y)),
    residents: list.map((p) => Math.round(p.residents)),
  };
}

export interface SampleOptions {
  /** Share of case tracks kept (0 < f ≤ 1); the aggregates are exact whatever it is. */
  caseFraction: number;
  /** Share of staff tracks kept; default: the case fraction. */
  staffFraction?: number;
}

/** The header of a replay: what the run is and where everything sits. */
export function replayHeader(scenario: Scenario, territory: Territory, world: World, sample: SampleOptions): ReplayHeader {
  const hours = Math.ceil((scenario.horizonDays * 24) / STEP_HOURS);
  const t = scenario.territory;
  let nextStaff = 0;
  for (const d of world.desks) {
    for (const m of d.staff) {
      if (m.id !== nextStaff++) throw new Error('replay: staff ids are not contiguous per desk');
    }
  }
  return {
    format: REPLAY_FORMAT,
    version: REPLAY_VERSION,
    meta: {
      scenario: scenario.name,
      description: scenario.description ?? '',
      policy: scenario.policy.name,
      seed: scenario.seed,
      horizonHours: scenario.horizonDays * 24,
      warmupHours: scenario.warmupDays * 24,
      startDayOfWeek: scenario.startDayOfWeek,
      timeLimitsHours: Object.fromEntries(PRIORITY_NAMES.map((p) => [p, scenario.timeLimitsHours[p]])) as ReplayHeader['meta']['timeLimitsHours'],
      tickHours: 1 / TICKS_PER_HOUR,
      stepHours: STEP_HOURS,
      hours,
      days: Math.ceil(hours / 24),
      sample: { caseFraction: sample.caseFraction, staffFraction: sample.staffFraction ?? sample.caseFraction, rule: SAMPLE_RULE },
    },
    categories: scenario.demand.categories.map((c) => c.name),
    departments: scenario.departments.map((d) => d.name),
    territory: {
      origin: { lat: t.origin.lat, lon: t.origin.lon },
      cellKm: km(Math.sqrt(t.householdsPerGrid / t.householdsPerKm2)),
      districts: places(territory.districts),
      streets: { ...places(territory.streets), district: territory.streets.map((s) => s.district) },
      communities: { ...places(territory.communities), street: territory.communities.map((c) => c.street) },
      grids: {
        ...places(territory.grids),
        community: territory.grids.map((g) => g.community),
        ...(territory.grids.some((g) => g.wKm !== undefined) ? { wKm: territory.grids.map((g) => km(g.wKm ?? 0)), hKm: territory.grids.map((g) => km(g.hKm ?? 0)) } : {}),
      },
      ...(territory.outlines ? { outlines: territory.outlines } : {}),
    },
    desks: {
      role: world.desks.map((d) => ROLE_NAMES.indexOf(d.role)),
      unit: world.desks.map((d) => d.unit),
      district: world.desks.map((d) => d.district),
      staff: world.desks.map((d) => d.staff.length),
    },
  };
}
