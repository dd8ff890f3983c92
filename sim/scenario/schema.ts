import { z } from 'zod';

// The scenario format. Every default lives here, once; `resolveScenario` fills them in and the
// resolved scenario is what a run writes next to its outputs. Time is in hours unless a field
// name says otherwise (…Days). `scenarios/schema.json` is generated from this file
// (`gridgov schema`), so editors complete and check scenario files.

const positive = z.number().positive();
const nonNegative = z.number().nonnegative();
const probability = z.number().min(0).max(1);

export const distSchema = z.discriminatedUnion('dist', [
  z.strictObject({ dist: z.literal('constant'), value: nonNegative }),
  z.strictObject({ dist: z.literal('exponential'), mean: positive }),
  z.strictObject({ dist: z.literal('lognormal'), mean: positive, sd: positive }),
  z.strictObject({ dist: z.literal('gamma'), mean: positive, sd: positive }),
  z.strictObject({
    dist: z.literal('triangular'),
    min: nonNegative,
    mode: nonNegative,
    max: nonNegative,
  }),
  z.strictObject({ dist: z.literal('uniform'), min: nonNegative, max: nonNegative }),
  z.strictObject({
    dist: z.literal('empirical'),
    values: z.array(nonNegative).min(1),
    weights: z.array(nonNegative).optional(),
  }),
]).describe('A duration or quantity distribution; times in hours');

export const TIERS = ['grid', 'community', 'street', 'district', 'department'] as const;
export const PRIORITIES = ['emergency', 'urgent', 'general', 'complex'] as const;
export const REPORT_CHANNELS = ['hotline', 'app', 'gridWorker'] as const;

const tierWeights = z
  .strictObject({
    grid: nonNegative.default(0),
    community: nonNegative.default(0),
    street: nonNegative.default(0),
    district: nonNegative.default(0),
    department: nonNegative.default(0),
  })
  .describe('Relative weights of the lowest tier with the authority to resolve an issue');

const priorityWeights = z
  .strictObject({
    emergency: nonNegative.default(0),
    urgent: nonNegative.default(0),
    general: nonNegative.default(0),
    complex: nonNegative.default(0),
  })
  .describe('Relative weights of the priority classes (time limits in timeLimitsHours); keys left out weigh 0');

const shiftSchema = z.union([
  z.literal('always').describe('On duty around the clock, every day'),
  z.strictObject({
    startHour: z.number().min(0).max(24),
    endHour: z.number().min(0).max(48).describe('May exceed 24 for a shift past midnight'),
    days: z
      .array(z.number().int().min(0).max(6))
      .min(1)
      .default([0, 1, 2, 3, 4])
      .describe('Days of the week the shift starts on; 0 = Monday'),
    holidaysOff: z.boolean().default(true),
  }),
]);

const staffGroupSchema = z.strictObject({
  count: z.number().int().nonnegative(),
  shift: shiftSchema.default('always'),
});

export const staffingSchema = z
  .union([staffGroupSchema, z.array(staffGroupSchema).min(1)])
  .describe('Staff of one role in one unit: a group, or several groups on different shifts');

const profileSchema = z.strictObject({
  hourOfDay: z.array(nonNegative).length(24).default(Array(24).fill(1)),
  dayOfWeek: z.array(nonNegative).length(7).default(Array(7).fill(1)),
  surges: z
    .array(
      z.strictObject({
        startDay: nonNegative,
        endDay: nonNegative,
        multiplier: nonNegative,
        categories: z.array(z.string()).optional().describe('Only these categories; all if absent'),
      }),
    )
    .default([]),
});

const categorySchema = z.strictObject({
  name: z.string().min(1),
  ratePer1000PerDay: nonNegative.describe('Issues occurring per 1,000 residents per day'),
  department: z.string().optional().describe('Department with the authority, for department-tier issues'),
  priority: priorityWeights.default({ emergency: 0, urgent: 0, general: 1, complex: 0 }),
  authority: tierWeights,
  workHours: distSchema.describe('Hands-on work needed to resolve the issue, drawn at birth'),
  report: z
    .strictObject({
      hotline: probability.default(0),
      app: probability.default(0),
      gridWorker: probability.default(0),
    })
    .default({ hotline: 0, app: 0, gridWorker: 0 })
    .describe('Probability that a resident reports by each channel; the rest stay latent until a patrol finds them'),
  reportDelayHours: distSchema.default({ dist: 'exponential', mean: 12 }),
  patienceHours: distSchema
    .default({ dist: 'exponential', mean: 72 })
    .describe('How long a reporting resident waits before calling the hotline again'),
  reopenProbability: probability.default(0.03).describe('Resident not satisfied at verification'),
});

const territorySchemaBase = {
  origin: z
    .strictObject({ lat: z.number().min(-88).max(88), lon: z.number().min(-180).max(179.999) })
    .default({ lat: 39.93, lon: 116.41 }),
  householdsPerGrid: positive.default(500),
  residentsPerHousehold: positive.default(2.6),
  householdsPerKm2: positive.default(8000).describe('Sets each grid cell’s area, hence distances'),
  gridCodeLevel: z.number().int().min(1).max(10).default(5).describe('Beidou level of grid codes'),
  streetsPerDistrict: z.number().int().positive().default(10),
  communitiesPerStreet: z.number().int().positive().default(12),
  gridsPerCommunity: z.number().int().positive().default(3),
};

const gridSpec = z.strictObject({
  name: z.string().optional(),
  households: positive.optional(),
  residents: positive.optional(),
});
const communitySpec = z.strictObject({
  name: z.string().optional(),
  grids: z.union([z.number().int().positive(), z.array(gridSpec).min(1)]).optional(),
});
const streetSpec = z.strictObject({
  name: z.string().optional(),
  communities: z.union([z.number().int().positive(), z.array(communitySpec).min(1)]).optional(),
});
const districtSpec = z.strictObject({
  name: z.string().optional(),
  streets: z.union([z.number().int().positive(), z.array(streetSpec).min(1)]).optional(),
});

// ---- Boundary territory (issue 14): grids as Beidou cells inside real boundaries ----------------
// Kept in its own block: sim/territory/boundaryTerritory.ts reads it, nothing else does.
const lonLat = z.tuple([z.number(), z.number()]);
const boundaryFeatureSchema = z.strictObject({
  name: z.string().min(1).describe('Value of the GeoJSON property `nameProperty` of the feature'),
  label: z.string().optional().describe('Name used in outputs (default: `name`)'),
  population: z.number().int().positive().describe('Residents of the feature (e.g. a census count)'),
  streets: z.number().int().positive().describe('Streets/towns generated inside it, as partitions of its grids'),
  rings: z
    .array(z.array(lonLat).min(4))
    .optional()
    .describe('Filled from `file` when the scenario is loaded: every ring of the feature, [lon, lat]'),
  seat: lonLat.optional().describe('Where its density peaks, [lon, lat]; filled from the GeoJSON `cp` property when present'),
});
const boundariesSchema = z
  .strictObject({
    file: z.string().min(1).describe('GeoJSON FeatureCollection (lon/lat), relative to the scenario file'),
    nameProperty: z.string().default('name'),
    features: z.array(boundaryFeatureSchema).min(1),
    floorDensityShare: z
      .number()
      .min(0)
      .default(0.1)
      .describe('Density far from the seat relative to the peak (assumption; see docs/scenarios/megacity.md)'),
  })
  .describe('Build districts from boundary polygons: grids are the Beidou cells (gridCodeLevel) holding each feature’s residents');
// ---- end of the boundary territory block ---------------------------------------------------------

export const territorySchema = z.strictObject({
  ...territorySchemaBase,
  boundaries: boundariesSchema.optional(),
  districts: z
    .union([z.number().int().positive(), z.array(districtSpec).min(1)])
    .default(1)
    .describe('A count, or a list; at each level a count generates that many children'),
});

const limitsSchema = z.strictObject({
  grid: positive.optional(),
  community: positive.optional(),
  street: positive.optional(),
  district: positive.optional(),
  department: positive.optional(),
});

export const policySchema = z.strictObject({
  name: z
    .string()
    .default('hierarchical')
    .describe('hierarchical | flat | whistle, or the path of a policy module (.ts/.js)'),
  transferHours: distSchema
    .default({ dist: 'exponential', mean: 2 })
    .describe('Paperwork delay of a hand-off between units (no staff busy)'),
  classificationAccuracy: probability
    .default(0.85)
    .describe('flat: probability that the central dispatcher picks the right unit'),
  whistleResponseHours: positive
    .default(0.5)
    .describe('whistle: a summoned department arrives within this time'),
  autoEscalation: z
    .strictObject({
      enabled: z.boolean().default(false),
      limitsHours: limitsSchema.default({ grid: 24, community: 48, street: 72 }),
    })
    .default({ enabled: false, limitsHours: { grid: 24, community: 48, street: 72 } }),
});

// ---- Optional sections (issue 6). Each is absent by default, so a scenario without it resolves,
// runs and writes exactly as before; when present its own fields take the defaults below.

const priorityHours = (d: Record<Priority, number>) =>
  z
    .strictObject({
      emergency: positive.default(d.emergency),
      urgent: positive.default(d.urgent),
      general: positive.default(d.general),
      complex: positive.default(d.complex),
    })
    .default(d);

export const satisfactionSchema = z
  .strictObject({
    enabled: z.boolean().default(true),
    responseHours: priorityHours({ emergency: 2, urgent: 12, general: 24, complex: 24 }).describe(
      'Response: a handling unit (or a volunteer) starts work on the case within this many hours of its registration',
    ),
    resolvedIfClosed: probability
      .default(0.97)
      .describe('Probability that a resident confirms "resolved" for a case closed within its time limit'),
    score: z
      .strictObject({
        intercept: z.number().default(4.5),
        unresolved: z.number().default(-4).describe('Not resolved (still open at the deadline, or not confirmed)'),
        timeRatio: z.number().default(-2).describe('Per unit of (time taken / time limit), capped at 1'),
        extraContact: z.number().default(-0.7).describe('Per contact beyond the first (follow-up and duplicate calls)'),
        reopen: z.number().default(-1).describe('Per reopen'),
        noResponse: z.number().default(-1).describe('No response within responseHours'),
      })
      .default({ intercept: 4.5, unresolved: -4, timeRatio: -2, extraContact: -0.7, reopen: -1, noResponse: -1 })
      .describe('Logistic score of P(satisfied); each term adds when it applies'),
    monthDays: positive.default(30).describe('Length of a reporting month, days (month 1 = days 0 to 29)'),
  })
  .describe('Resident satisfaction model: response, resolution and satisfaction rates, overall and per month');

export const deadlineCallbackSchema = z
  .strictObject({
    enabled: z.boolean().default(true),
    expedite: z
      .boolean()
      .default(true)
      .describe('The call presses the handling unit: a case waiting in a queue moves to the emergency level of it'),
    callHours: distSchema.optional().describe('Call-taker time per callback; default service.callbackHours'),
  })
  .describe('When a hotline case’s time limit passes before it is resolved, a call-taker calls the resident back');

const volunteerStaffing = staffingSchema.describe('Volunteers per grid, with their shifts');

export const selfManagementSchema = z
  .strictObject({
    enabled: z.boolean().default(true),
    volunteers: volunteerStaffing,
    tiers: z.array(z.enum(TIERS)).min(1).default(['grid']).describe('Authority tiers the committee can settle'),
    categories: z.array(z.string()).optional().describe('Only these categories; all if absent'),
    maxWorkHours: positive.default(2).describe('Only issues needing at most this much work'),
    reachProbability: probability
      .default(0.5)
      .describe('Probability that a building head or volunteer learns of an eligible issue'),
    noticeDelayHours: distSchema.default({ dist: 'exponential', mean: 2 }).describe('From occurrence to the committee learning of it'),
    workFactor: positive.default(1).describe('Volunteer time = workFactor × the issue’s workHours'),
    successProbability: probability
      .default(0.9)
      .describe('Settled by the committee; otherwise handed to the grid worker (registered by the grid)'),
  })
  .describe('Grid self-management committee (网格自管会): building heads and volunteers settle minor issues inside the grid');

const campaignSchema = z.strictObject({
  name: z.string().min(1),
  startDay: nonNegative,
  endDay: positive,
  unitsPerGridPerDay: nonNegative.describe('Task units issued to each grid every day (fractions are rounded at random)'),
  workHours: distSchema.describe('Work per unit'),
  issueHour: z.number().min(0).max(24).default(8).describe('Hour of day the day’s units are issued'),
  priority: z.enum(PRIORITIES).default('urgent').describe('Queue level at the grid desk (against routine cases)'),
});

export const topDownTasksSchema = z
  .strictObject({
    campaigns: z.array(campaignSchema).default([]),
    volunteers: z
      .strictObject({
        staffing: volunteerStaffing,
        startDay: nonNegative,
        endDay: positive,
        share: probability.default(0.5).describe('Share of the units issued while mobilized that go to the volunteers'),
      })
      .optional()
      .describe('Volunteers mobilized for the campaigns'),
    baselineDays: positive.default(7).describe('Days before the first campaign averaged into the open-case baseline'),
    recoveryTolerance: nonNegative.default(0.1).describe('Recovered: open cases back within this fraction of the baseline'),
  })
  .describe('Top-down tasks (door-to-door checks, code verification) issued to grid workers for weeks');

export const variantSchema = z.strictObject({
  name: z.string().min(1),
  label: z.string().optional(),
  description: z.string().optional(),
  policy: z.string().optional().describe('Policy of the variant (a built-in name or a policy file)'),
  set: z.record(z.string(), z.unknown()).default({}).describe('Field overrides, as `--set path=value` pairs'),
});

export const scenarioSchema = z.strictObject({
  $schema: z.string().optional(),
  name: z.string().min(1),
  description: z.string().default(''),
  seed: z.union([z.number().int(), z.string().min(1)]).default(1),
  horizonDays: positive,
  warmupDays: nonNegative.default(0).describe('Cases created before this are excluded from statistics'),
  startDayOfWeek: z.number().int().min(0).max(6).default(0).describe('0 = Monday'),
  holidays: z.array(z.number().int().nonnegative()).default([]).describe('Day indices off for office shifts'),
  territory: territorySchema,
  demand: z.strictObject({
    profile: profileSchema.default({ hourOfDay: Array(24).fill(1), dayOfWeek: Array(7).fill(1), surges: [] }),
    categories: z.array(categorySchema).min(1),
    consultationsPer1000PerDay: nonNegative
      .default(0)
      .describe('Hotline contacts answered by the call-taker, no case'),
    maxFollowUpCalls: z.number().int().nonnegative().default(3),
  }),
  staff: z.strictObject({
    gridWorker: staffingSchema.describe('Per grid'),
    communityStaff: staffingSchema.describe('Per community'),
    streetDispatcher: staffingSchema.describe('Per street'),
    streetHandler: staffingSchema.describe('Per street'),
    callTaker: staffingSchema.describe('Per district (12345 hotline)'),
    districtDispatcher: staffingSchema.describe('Per district (command centre)'),
    districtHandler: staffingSchema.describe('Per district'),
  }),
  departments: z
    .array(z.strictObject({ name: z.string().min(1), handlers: staffingSchema }))
    .default([])
    .describe('Functional departments per district'),
  service: z
    .strictObject({
      callHours: distSchema.default({ dist: 'lognormal', mean: 5 / 60, sd: 2 / 60 }),
      registerHours: distSchema.default({ dist: 'constant', value: 0.1 }),
      dispatchHours: distSchema.default({ dist: 'lognormal', mean: 0.1, sd: 0.05 }),
      reviewHours: distSchema.default({ dist: 'lognormal', mean: 0.5, sd: 0.3 }),
      verifyHours: distSchema.default({ dist: 'lognormal', mean: 0.3, sd: 0.15 }),
      callbackHours: distSchema.default({ dist: 'lognormal', mean: 4 / 60, sd: 2 / 60 }),
      reworkFraction: probability.default(0.5).describe('Share of the work redone after a reopen'),
    })
    .default({
      callHours: { dist: 'lognormal', mean: 5 / 60, sd: 2 / 60 },
      registerHours: { dist: 'constant', value: 0.1 },
      dispatchHours: { dist: 'lognormal', mean: 0.1, sd: 0.05 },
      reviewHours: { dist: 'lognormal', mean: 0.5, sd: 0.3 },
      verifyHours: { dist: 'lognormal', mean: 0.3, sd: 0.15 },
      callbackHours: { dist: 'lognormal', mean: 4 / 60, sd: 2 / 60 },
      reworkFraction: 0.5,
    }),
  patrol: z
    .strictObject({
      enabled: z.boolean().default(true),
      roundHours: positive.default(1),
      detectionProbability: probability.default(0.3).describe('Per latent issue per completed round'),
    })
    .default({ enabled: true, roundHours: 1, detectionProbability: 0.3 }),
  travel: z
    .strictObject({
      enabled: z.boolean().default(true),
      speedKmh: positive.default(15),
      walkKmh: positive.default(4),
      detourFactor: z.number().min(1).default(1.3),
      overheadHours: nonNegative.default(0.1),
    })
    .default({ enabled: true, speedKmh: 15, walkKmh: 4, detourFactor: 1.3, overheadHours: 0.1 }),
  verification: z
    .strictObject({ enabled: z.boolean().default(true) })
    .default({ enabled: true }),
  timeLimitsHours: z
    .strictObject({
      emergency: positive.default(2),
      urgent: positive.default(24),
      general: positive.default(168),
      complex: positive.default(360),
    })
    .default({ emergency: 2, urgent: 24, general: 168, complex: 360 })
    .describe('Time limit per priority, from registration to closure'),
  policy: policySchema.default({
    name: 'hierarchical',
    transferHours: { dist: 'exponential', mean: 2 },
    classificationAccuracy: 0.85,
    whistleResponseHours: 0.5,
    autoEscalation: { enabled: false, limitsHours: { grid: 24, community: 48, street: 72 } },
  }),
  outputs: z
    .strictObject({
      timeseriesStepHours: positive.default(1),
      casesCsv: z.boolean().default(true),
      breakdown: z.boolean().optional().describe('Add byAuthority and discovery breakdowns to summary.json'),
    })
    .default({ timeseriesStepHours: 1, casesCsv: true }),
  checks: z
    .strictObject({
      littleLawTolerance: positive
        .default(0.05)
        .describe('Allowed relative gap between time-average backlog and arrivals × time in tier'),
    })
    .default({ littleLawTolerance: 0.05 }),
  satisfaction: satisfactionSchema.optional(),
  deadlineCallback: deadlineCallbackSchema.optional(),
  selfManagement: selfManagementSchema.optional(),
  topDownTasks: topDownTasksSchema.optional(),
  variants: z.array(variantSchema).optional().describe('Named variants: `gridgov run <file> --variant <name>`'),
});

export type DistSpecInput = z.input<typeof distSchema>;
export type Scenario = z.output<typeof scenarioSchema>;
export type ScenarioInput = z.input<typeof scenarioSchema>;
export type Staffing = z.output<typeof staffingSchema>;
export type Shift = z.output<typeof shiftSchema>;
export type Category = Scenario['demand']['categories'][number];
export type TerritorySpec = Scenario['territory'];
export type PolicyParams = Scenario['policy'];
export type Tier = (typeof TIERS)[number];
export type SatisfactionParams = NonNullable<Scenario['satisfaction']>;
export type SelfManagementParams = NonNullable<Scenario['selfManagement']>;
export type TopDownTasksParams = NonNullable<Scenario['topDownTasks']>;
export type DeadlineCallbackParams = NonNullable<Scenario['deadlineCallback']>;
export type Variant = NonNullable<Scenario['variants']>[number];
export type Priority = (typeof PRIORITIES)[number];
export type ReportChannel = (typeof REPORT_CHANNELS)[number];

/** The JSON Schema editors use; written to scenarios/schema.json by `gridgov schema`. */
export function scenarioJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(scenarioSchema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return { $id: 'https://gridgov.invalid/scenario.schema.json', title: 'gridgov scenario', ...schema };
}
