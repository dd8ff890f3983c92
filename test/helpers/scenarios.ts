// Small raw scenarios for tests; `resolveScenario` fills the defaults.

type Raw = Record<string, unknown>;

const office = { startHour: 8.5, endHour: 17.5, days: [0, 1, 2, 3, 4] };

/** A small district with two categories and every role staffed. */
export function minimalScenario(overrides: Raw = {}): Raw {
  return {
    name: 'test-mini',
    horizonDays: 20,
    warmupDays: 3,
    territory: { districts: 1, streetsPerDistrict: 2, communitiesPerStreet: 2, gridsPerCommunity: 3 },
    demand: {
      consultationsPer1000PerDay: 1,
      categories: [
        {
          name: 'sanitation',
          ratePer1000PerDay: 0.5,
          authority: { grid: 0.6, community: 0.3, street: 0.1 },
          workHours: { dist: 'lognormal', mean: 1, sd: 0.5 },
          report: { hotline: 0.4, app: 0.1, gridWorker: 0.1 },
        },
        {
          name: 'facilities',
          ratePer1000PerDay: 0.4,
          department: 'utilities',
          authority: { street: 0.3, district: 0.1, department: 0.6 },
          workHours: { dist: 'lognormal', mean: 2, sd: 1 },
          report: { hotline: 0.6, app: 0.1 },
          priority: { urgent: 0.3, general: 0.7 },
        },
      ],
    },
    staff: {
      gridWorker: { count: 1, shift: office },
      communityStaff: { count: 2, shift: office },
      streetDispatcher: { count: 1, shift: 'always' },
      streetHandler: { count: 3, shift: office },
      callTaker: { count: 2, shift: 'always' },
      districtDispatcher: { count: 2, shift: 'always' },
      districtHandler: { count: 2, shift: office },
    },
    departments: [{ name: 'utilities', handlers: { count: 3, shift: 'always' } }],
    ...overrides,
  };
}
