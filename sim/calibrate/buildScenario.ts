import type { ScenarioInput } from '../scenario/schema.ts';
import type { ArrivalFit } from './arrivals.ts';
import type { Grouping } from './grouping.ts';

/**
 * The scenario a calibration writes: the log's categories, units (as departments) and areas (as
 * streets of one district, each one community of one grid, residents in proportion to the area's
 * requests), its arrival rates and profile, and the fitted work time of each category and
 * handler count of each unit. Everything the log cannot tell is set here, once, and listed in
 * ASSUMPTIONS (written into the scenario's description and the report).
 */
export interface UnitParams {
  /** Per category: equally likely work times (hours), at the probability grid of fitUnits.ts. */
  work: Array<{ values: number[] }>;
  /** Per unit (grouping.units order): department handlers on duty around the clock. */
  handlers: number[];
}

export interface ScenarioShape {
  name: string;
  description: string;
  grouping: Grouping;
  arrivals: ArrivalFit;
  /** Share of requests per area (grouping.areas order). */
  areaShares: number[];
  /** Nominal population: only rate × residents matters (assumption). */
  residents: number;
  warmupDays: number;
  /** Days of arrivals after the warm-up. */
  days: number;
  /** Extra days after arrivals stop (fitting runs only: lets open cases close as in the log). */
  tailDays?: number;
  /** Wall-clock hour (epoch) of the first day after the warm-up. */
  startHour: number;
  /** Day indices (from startHour) that are holidays: demand × arrivals.holidayFactor, office shifts off. */
  holidayDays?: number[];
  seed?: number;
}

export const ASSUMPTIONS = [
  'Work time stands for all of a unit’s handling time the log shows as one span (queueing, field work, waiting on contractors or inspections): the log cannot split it (not identified).',
  'Handler counts follow from an assumed utilization of the department handlers (target `utilization`); staff-hours and utilization of this scenario are assumptions, not findings.',
  'Where more requests of a category were still open than a quantile allows, its work time there is the longest follow-up in the log: a lower bound.',
  'Handlers work around the clock (shift "always"); office hours and weekends are folded into the fitted work time.',
  'A request is reported when it occurs (report delay 0): the log starts at the report.',
  'Hand-off delays (handoff.delaysHours: none, the default channel), reviews and the lower tiers are the model’s defaults, used only when a policy routes through them (hierarchical, whistle); the log, which records only the final unit, cannot identify them.',
  'Dispatch is always right (classificationAccuracy 1): the log shows only the unit that closed the request.',
  'No verification step, no reopens, no follow-up calls, no patrol, no travel: the log shows none of them.',
  'Call-takers and dispatchers are sized so that they are never the bottleneck.',
  'Residents are a nominal scale (rate per 1,000 × residents = requests per day); areas get residents in proportion to their requests, the same share for every category.',
];

const round = (x: number, digits = 4) => Math.round(x * 10 ** digits) / 10 ** digits;

export function buildScenario(s: ScenarioShape, params: UnitParams): ScenarioInput {
  const g = s.grouping;
  const a = s.arrivals;
  const perThousand = s.residents / 1000;
  const peakPerHour = (a.total / a.days / 24) * Math.max(...a.hourOfDay) * Math.max(...a.dayOfWeek);
  // Call time ≈ 5 min, dispatch ≈ 6 min: at most ~40% busy at the peak hour.
  const frontDesk = Math.max(2, Math.ceil(peakPerHour * 0.25) + 1);
  const horizonDays = s.warmupDays + s.days + (s.tailDays ?? 0);
  const dayZero = s.startHour - 24 * s.warmupDays;
  const surges: Array<{ startDay: number; endDay: number; multiplier: number }> = [];
  const holidays = (s.holidayDays ?? []).filter((d) => d >= 0 && d < s.days).map((d) => s.warmupDays + d);
  if (a.holidayFactor !== null) for (const d of holidays) surges.push({ startDay: d, endDay: d + 1, multiplier: a.holidayFactor });
  if (s.tailDays) surges.push({ startDay: s.warmupDays + s.days, endDay: horizonDays, multiplier: 0 });
  return {
    name: s.name,
    description: s.description,
    seed: s.seed ?? 1,
    horizonDays,
    warmupDays: s.warmupDays,
    startDayOfWeek: (Math.floor(dayZero / 24) + 3) % 7,
    holidays,
    territory: {
      districts: [
        {
          name: s.name,
          streets: g.areas.map((area, i) => ({
            name: area,
            communities: [{ name: area, grids: [{ name: area, residents: round(Math.max(1, s.areaShares[i]! * s.residents), 1) }] }],
          })),
        },
      ],
    },
    demand: {
      profile: { hourOfDay: a.hourOfDay, dayOfWeek: a.dayOfWeek, surges },
      categories: g.categories.map((c, i) => {
        const ch = a.channelShares[i]!;
        return {
          name: c.name,
          ratePer1000PerDay: round(a.perCategory[i]!.perDay / perThousand, 6),
          department: c.unit,
          priority: { general: 1 },
          authority: { department: 1 },
          workHours: { dist: 'empirical' as const, values: params.work[i]!.values.map((v) => round(v, 3)) },
          report: { hotline: ch.hotline, app: ch.app, gridWorker: ch.gridWorker },
          reportDelayHours: { dist: 'constant' as const, value: 0 },
          reopenProbability: 0,
        };
      }),
      maxFollowUpCalls: 0,
    },
    staff: {
      gridWorker: { count: 1 },
      communityStaff: { count: 1 },
      streetDispatcher: { count: 1 },
      streetHandler: { count: 1 },
      callTaker: { count: frontDesk },
      districtDispatcher: { count: frontDesk },
      districtHandler: { count: 2 },
    },
    departments: g.units.map((u, i) => ({ name: u, handlers: { count: params.handlers[i]! } })),
    patrol: { enabled: false },
    travel: { enabled: false },
    verification: { enabled: false },
    policy: { name: 'flat', classificationAccuracy: 1 },
    outputs: { casesCsv: true },
  };
}
