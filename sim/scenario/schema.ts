import { z } from 'zod';
import { parametersSchema } from './parameters.ts';

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
  perResidents: z
    .number()
    .positive()
    .optional()
    .describe('Scale the group with its unit: `count` staff per this many residents of the unit (rounded, at least 1 when count > 0); absent: `count` in every unit'),
});

/** A group, or several groups on different shifts; every unit of the role gets all of them. */
export const staffGroupsSchema = z
  .union([staffGroupSchema, z.array(staffGroupSchema).min(1)])
  .describe('Staff of one role in one unit: a group, or several groups on different shifts');

const rotaSchema = z
  .strictObject({
    rota: z
      .array(z.union([staffGroupSchema, z.array(staffGroupSchema).min(1)]))
      .min(1)
      .describe('Unit k of the role (in the world’s build order) gets only entry rota[k mod length]: a group, or a list of groups on different shifts'),
  })
  .describe('A rota: the units of the role take turns through the listed entries (staggered days off and hours); with one entry per unit, each unit is staffed apart (e.g. each district’s departments)');

export const staffingSchema = z
  .union([staffGroupSchema, z.array(staffGroupSchema).min(1), rotaSchema])
  .describe('Staff of one role in one unit: a group, several groups on different shifts, or a rota across the units');

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
  transferHours: z
    .unknown()
    .refine(() => false, {
      message: 'no such field: hand-off delays belong to the scenario, not the policy; use handoff.delaysHours { up, down, back, toDepartment } (docs/model.md, the hand-off channel)',
    })
    .optional()
    .describe('Removed: use handoff.delaysHours'),
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

const NO_DELAY = { dist: 'constant', value: 0 } as const;

/**
 * The channel between units (issue 11): what a move of a case from one unit to another costs,
 * by kind of move. Every policy pays it for every such move (sim/model/handoffChannel.ts), so a
 * comparison of structures on one channel is not a comparison of paperwork. The default is a
 * channel without delay.
 */
export const handoffSchema = z
  .strictObject({
    channel: z.string().min(1).default('none').describe('What the channel is, e.g. "paper" or "platform" (a label for outputs)'),
    source: z.string().min(1).default('assumption').describe('Where the delays come from: a citation (FACTS.md), or "assumption"'),
    delaysHours: z
      .strictObject({
        up: distSchema.default(NO_DELAY).describe('A unit passes a case one tier up (grid → community → street → district)'),
        down: distSchema.default(NO_DELAY).describe('A centre or higher tier sends a case to a lower unit (incl. hotline cases sent to the grid of the place)'),
        back: distSchema.default(NO_DELAY).describe('A unit returns a case to the centre (misroute bounce, reject)'),
        toDepartment: distSchema.default(NO_DELAY).describe('A street, district or the hotline sends a case to a department (incl. whistle summons)'),
      })
      .default({ up: NO_DELAY, down: NO_DELAY, back: NO_DELAY, toDepartment: NO_DELAY }),
  })
  .default({ channel: 'none', source: 'assumption', delaysHours: { up: NO_DELAY, down: NO_DELAY, back: NO_DELAY, toDepartment: NO_DELAY } })
  .describe('The channel between units: hand-off delay per kind of move, paid by every policy (no staff busy while in transit)');

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
      'Response (响应): the work order reaches a unit with the authority, which signs for it and contacts the resident (or a unit or volunteer takes the case on itself), within this many hours of its registration',
    ),
    resolvedIfClosed: probability
      .default(0.97)
      .describe('Probability that a resident confirms "resolved" for a closed case (in time or late)'),
    score: z
      .strictObject({
        intercept: z.number().default(4.5),
        unresolved: z.number().default(-4).describe('Not resolved (still open at the deadline, or not confirmed)'),
        timeRatio: z.number().default(-2).describe('Per unit of (time taken / time limit), capped at 1'),
        late: z.number().default(-2).describe('Per unit of (time past the deadline / time limit), capped at 1'),
        extraContact: z.number().default(-0.7).describe('Per contact beyond the first (follow-up and duplicate calls)'),
        reopen: z.number().default(-1).describe('Per reopen'),
        noResponse: z.number().default(-1).describe('No response within responseHours'),
      })
      .default({ intercept: 4.5, unresolved: -4, timeRatio: -2, late: -2, extraContact: -0.7, reopen: -1, noResponse: -1 })
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

// Volunteers are one pool per grid on shared calendars (volunteerPool.ts): no rota form.
const volunteerStaffing = staffGroupsSchema.describe('Volunteers per grid, with their shifts');

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

// ---- Mechanisms (issue 11, item 3). Each structure's real mechanisms, one sub-block each, all
// absent by default: a scenario without `mechanisms` (or without a sub-block) runs exactly as
// before, byte for byte. Present, a sub-block takes the defaults below (assumptions unless
// docs/model.md §18 cites FACTS.md) and can be switched off with `enabled: false`.

const tierShares = z
  .strictObject({
    grid: probability.optional(),
    community: probability.optional(),
    street: probability.optional(),
    district: probability.optional(),
  })
  .describe('Per tier of the unit holding the case: a probability');

export const informalSettlementSchema = z
  .strictObject({
    enabled: z.boolean().default(true),
    share: tierShares
      .default({ grid: 0.2, community: 0.2, street: 0.1 })
      .describe('Share of the cases above its authority that a unit of this tier settles itself, instead of passing them up'),
    byCategory: z
      .record(z.string(), tierShares)
      .default({})
      .describe('Per category name: shares that replace `share` for that category (tiers left out settle nothing)'),
    authorities: z
      .array(z.enum(TIERS))
      .min(1)
      .default(['community', 'street', 'district'])
      .describe('Authority tiers that can be settled informally (enforcement by a department usually cannot)'),
    workFactor: positive.default(1).describe('Work of an informal settlement = workFactor × the issue’s workHours'),
  })
  .describe('Informal settlement: a unit below the authority tier settles a share of higher-authority issues itself');

export const localKnowledgeSchema = z
  .strictObject({
    enabled: z.boolean().default(true),
    hours: distSchema
      .default({ dist: 'lognormal', mean: 1, sd: 0.5 })
      .describe('Information-gathering time, added to the handling activity of a unit that lacks local knowledge'),
    tiers: z
      .array(z.enum(TIERS))
      .min(1)
      .default(['street', 'district', 'department'])
      .describe('Tiers of the handling units that need the information when the case did not pass through the grid or community first'),
  })
  .describe('Local knowledge: a unit handed a case that did not pass through the grid or community owning the place first spends information-gathering time');

export const centreSaturationSchema = z
  .strictObject({
    enabled: z.boolean().default(true),
    roles: z
      .array(z.enum(['districtDispatcher', 'callTaker']))
      .min(1)
      .default(['districtDispatcher', 'callTaker'])
      .describe('Desks that classify cases centrally: the command centre, and the hotline when it dispatches on receipt'),
    timePerQueued: nonNegative
      .default(0.02)
      .describe('Classification time × min(maxTimeFactor, 1 + timePerQueued × L), L = cases waiting at the desk per staff member'),
    maxTimeFactor: z.number().min(1).default(1.5).describe('Cap of the classification-time multiplier (staff triage when swamped)'),
    misroutePerQueued: nonNegative
      .default(0.003)
      .describe('Misrouting chance = min(maxMisrouting, (1 − classificationAccuracy) + misroutePerQueued × L)'),
    maxMisrouting: probability.default(0.3),
  })
  .describe('A central dispatcher that saturates: classification time and misrouting rise with its queue');

export const deferralSchema = z
  .strictObject({
    enabled: z.boolean().default(true),
    applyAtShare: z.number().gt(0).lt(1).default(0.8).describe('A unit applies when this share of the time limit has passed'),
    applyProbability: probability.default(0.5).describe('A unit holding an unresolved case at that moment applies for a deferral'),
    approvalProbability: probability.default(0.8).describe('The centre approves it'),
    extensionShare: positive.default(1).describe('New deadline = old deadline + extensionShare × the time limit'),
    maxDeferrals: z.number().int().nonnegative().default(1),
  })
  .describe('延期: a unit that cannot close a case in time applies for a deferral with a new deadline');

export const caseReturnSchema = z
  .strictObject({
    enabled: z.boolean().default(true),
    share: tierShares
      .extend({ department: probability.optional() })
      .default({ street: 0.05, district: 0.05, department: 0.1 })
      .describe('Share of the cases a handling unit of this tier, though it has the authority, rejects and returns'),
    maxReturns: z.number().int().nonnegative().default(1).describe('Returns per case; after that the unit must take it'),
  })
  .describe('回退: a handling unit rejects a case (review time) and returns it to the district command centre, which dispatches it again');

export const multiDepartmentSchema = z
  .strictObject({
    enabled: z.boolean().default(true),
    share: probability.default(0.2).describe('Share of the department-authority issues that need two or more departments'),
    extraDepartments: distSchema
      .default({ dist: 'empirical', values: [1, 2], weights: [0.8, 0.2] })
      .describe('Departments needed besides the lead (rounded, at least 1, at most the other departments)'),
    partWorkFactor: positive.default(0.5).describe('Work of each other department’s part = partWorkFactor × the issue’s workHours'),
    coordinationHours: distSchema
      .default({ dist: 'lognormal', mean: 4, sd: 2 })
      .describe('Hierarchy: the district convenes the departments; from the lead receiving the case to the parts being issued'),
    bringInHours: distSchema
      .default({ dist: 'lognormal', mean: 8, sd: 4 })
      .describe('首接负责制: from the lead starting work to the other departments being brought in'),
  })
  .describe('Cases needing several departments: the case closes when every part is done');

export const duplicateReportsSchema = z
  .strictObject({
    enabled: z.boolean().default(true),
    extraReports: distSchema
      .default({ dist: 'empirical', values: [0, 1, 2], weights: [0.7, 0.2, 0.1] })
      .describe('Residents besides the first who report the same issue (rounded), per reported issue'),
    delayHours: distSchema.default({ dist: 'exponential', mean: 12 }).describe('From the first report to each other resident’s call'),
    recognition: z
      .strictObject({ street: probability.default(0.8), district: probability.default(0.5) })
      .default({ street: 0.8, district: 0.5 })
      .describe('Share of duplicates a dispatch centre of this tier recognises and merges; the grid and community always merge those of their place'),
    inspectHours: distSchema
      .default({ dist: 'lognormal', mean: 0.5, sd: 0.25 })
      .describe('On-site time of a unit that finds a work order is a duplicate (plus travel)'),
  })
  .describe('Duplicate reports: one issue, several residents’ calls; merged by the grid or community, partly by a central dispatcher');

export const mechanismsSchema = z
  .strictObject({
    informalSettlement: informalSettlementSchema.optional(),
    localKnowledge: localKnowledgeSchema.optional(),
    centreSaturation: centreSaturationSchema.optional(),
    deferral: deferralSchema.optional(),
    caseReturn: caseReturnSchema.optional(),
    multiDepartment: multiDepartmentSchema.optional(),
    duplicateReports: duplicateReportsSchema.optional(),
  })
  .describe('Each structure’s real mechanisms (docs/model.md §18); each absent sub-block is off');
// ---- end of mechanisms

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
    .array(
      z.strictObject({
        name: z.string().min(1),
        handlers: staffingSchema,
        stationedAt: z
          .enum(['district', 'street'])
          .default('district')
          .describe('Where its handlers set out from: the district seat, or the station in the case’s own street or town (police stations, market-regulation offices and enforcement teams in every street and town)'),
      }),
    )
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
  handoff: handoffSchema,
  policy: policySchema.default({
    name: 'hierarchical',
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
  mechanisms: mechanismsSchema.optional(),
  variants: z.array(variantSchema).optional().describe('Named variants: `gridgov run <file> --variant <name>`'),
  // ---- Sensitivity (issue 12): sourced/assumed inputs and their plausible ranges; see parameters.ts.
  parameters: parametersSchema.optional(),
});

export type DistSpecInput = z.input<typeof distSchema>;
export type Scenario = z.output<typeof scenarioSchema>;
export type ScenarioInput = z.input<typeof scenarioSchema>;
export type Staffing = z.output<typeof staffingSchema>;
export type StaffGroups = z.output<typeof staffGroupsSchema>;
export type StaffGroupSpec = z.output<typeof staffGroupSchema>;
export type Shift = z.output<typeof shiftSchema>;
export type Category = Scenario['demand']['categories'][number];
export type TerritorySpec = Scenario['territory'];
export type PolicyParams = Scenario['policy'];
export type HandoffParams = Scenario['handoff'];
export type Tier = (typeof TIERS)[number];
export type SatisfactionParams = NonNullable<Scenario['satisfaction']>;
export type SelfManagementParams = NonNullable<Scenario['selfManagement']>;
export type TopDownTasksParams = NonNullable<Scenario['topDownTasks']>;
export type DeadlineCallbackParams = NonNullable<Scenario['deadlineCallback']>;
export type MechanismsParams = NonNullable<Scenario['mechanisms']>;
export type InformalSettlementParams = NonNullable<MechanismsParams['informalSettlement']>;
export type LocalKnowledgeParams = NonNullable<MechanismsParams['localKnowledge']>;
export type CentreSaturationParams = NonNullable<MechanismsParams['centreSaturation']>;
export type DeferralParams = NonNullable<MechanismsParams['deferral']>;
export type CaseReturnParams = NonNullable<MechanismsParams['caseReturn']>;
export type MultiDepartmentParams = NonNullable<MechanismsParams['multiDepartment']>;
export type DuplicateReportsParams = NonNullable<MechanismsParams['duplicateReports']>;
export type Variant = NonNullable<Scenario['variants']>[number];
export type Priority = (typeof PRIORITIES)[number];
export type ReportChannel = (typeof REPORT_CHANNELS)[number];

/** The JSON Schema editors use; written to scenarios/schema.json by `gridgov schema`. */
export function scenarioJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(scenarioSchema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return { $id: 'https://gridgov.invalid/scenario.schema.json', title: 'gridgov scenario', ...schema };
}
