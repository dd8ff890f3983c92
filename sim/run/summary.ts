import type { Simulation } from '../model/simulation.ts';
import { ROLES, type Role } from '../model/types.ts';
import { ACTIVITIES, type Activity, type StaffMember } from '../model/world.ts';
import type { Tier } from '../scenario/schema.ts';
import { csvHours, csvTable } from './csv.ts';
import type { Distribution, SummaryCollector } from './summaryCollector.ts';
import type { StagesSummary } from './stagesSummary.ts';
import type { SurvivalSummary } from './survival.ts';
import { STAT_TIERS, type LittleCheck, type StatTier, type TierCollector } from './tierCollector.ts';

export interface Summary {
  scenario: string;
  policy: string;
  seed: string | number;
  horizonDays: number;
  warmupDays: number;
  cases: { created: number; closed: number; open: number; latent: number; registered: number };
  /** The hand-off channel the run modelled (scenario `handoff`). */
  channel: { name: string; source: string };
  resolutionHours: Distribution;
  /** Where the hours of closed cases went: mean and share per stage (sim/model/stageClock.ts). */
  stages: StagesSummary;
  /** Kaplan–Meier time to close of every counted case, open ones censored at the horizon. */
  survival: SurvivalSummary;
  handlingHours: Distribution;
  discoveryLagHours: Distribution;
  latentDiscoveryLagHours: Distribution;
  waitHours: { mean: number };
  slaMet: number;
  resolvedByTier: Record<Tier, number>;
  escalationsPerCase: number;
  bouncesPerCase: number;
  timeoutsPerCase: number;
  reopensPerCase: number;
  contactsPerCase: number;
  whistledShare: number;
  sourceShare: Record<string, number>;
  hotline: { contacts: number; consultations: number; reports: number; followups: number; duplicates: number; meanTimeInSystemMinutes: number };
  utilization: Record<Role, number>;
  activityShare: Record<Role, Record<Activity, number>>;
  staffCount: Record<Role, number>;
  staffHours: Record<Role, number>;
  costStaffHours: number;
  backlog: Record<StatTier, number>;
  checks: {
    conservation: boolean;
    conservationDetail: { createdAll: number; closedAll: number; openAll: number; doubleClosed: number; created: number; closed: number; open: number };
    timestampOrder: { violations: number; ok: boolean; first: string };
    littleLaw: { relErr: number; ok: boolean; tolerance: number; byTier: Record<string, LittleCheck> };
    staffHours: { relErr: number; ok: boolean };
    ok: boolean;
  };
  engine: { events: number };
  // Present only when the scenario has the section (sim/run/extras.ts); see docs/outputs.md.
  satisfaction?: unknown;
  deadlineCallbacks?: unknown;
  selfManagement?: unknown;
  topDownTasks?: unknown;
  byAuthority?: unknown;
  discovery?: unknown;
}

const isBusy = (a: Activity) => a !== 'patrol';

function busyHours(m: StaffMember): number {
  let h = 0;
  for (const a of ACTIVITIES) if (isBusy(a)) h += m.hours[a];
  return h;
}

/** Assembles summary.json from the collectors and the staff books, and checks the books. */
export function buildSummary(sim: Simulation, policyName: string, seed: string | number, summary: SummaryCollector, tiers: TierCollector): Summary {
  const s = sim.scenario;
  let openCounted = 0;
  let latent = 0;
  for (const c of sim.open.values()) {
    if (c.createdAt >= summary.windowStart) {
      openCounted++;
      if (c.state === 'latent') latent++;
    }
  }
  summary.countOverdueOpen(sim.open.values());
  summary.addOpenToSurvival(sim.open.values());

  const utilization = {} as Record<Role, number>;
  const activityShare = {} as Record<Role, Record<Activity, number>>;
  const staffCount = {} as Record<Role, number>;
  const staffHours = {} as Record<Role, number>;
  const busyByTier = new Map<StatTier, number>();
  for (const role of ROLES) {
    let busy = 0;
    let avail = 0;
    let count = 0;
    const act = Object.fromEntries(ACTIVITIES.map((a) => [a, 0])) as Record<Activity, number>;
    for (const m of sim.world.staff) {
      if (m.desk.role !== role) continue;
      count++;
      const b = busyHours(m);
      busy += b;
      avail += m.onDutyHours + m.overtimeHours;
      for (const a of ACTIVITIES) act[a] += m.hours[a];
      busyByTier.set(m.desk.tier, (busyByTier.get(m.desk.tier) ?? 0) + b);
    }
    utilization[role] = avail > 0 ? busy / avail : 0;
    for (const a of ACTIVITIES) act[a] = avail > 0 ? act[a] / avail : 0;
    activityShare[role] = act;
    staffCount[role] = count;
    staffHours[role] = avail;
  }

  const tol = s.checks.littleLawTolerance;
  const byTier: Record<string, LittleCheck> = {};
  let worst = 0;
  for (const tier of STAT_TIERS) {
    const l = tiers.little(tier);
    byTier[tier] = l;
    if (l.arrivals > 0) worst = Math.max(worst, l.relErr);
  }
  let staffErr = 0;
  for (const tier of STAT_TIERS) {
    const a = busyByTier.get(tier) ?? 0;
    const b = tiers.busyHours(tier);
    if (a + b > 0) staffErr = Math.max(staffErr, Math.abs(a - b) / Math.max(a, b));
  }
  const conservation =
    summary.createdAll === summary.closedAll + sim.open.size &&
    summary.doubleClosed === 0 &&
    summary.created === summary.closed + openCounted &&
    sim.created === summary.createdAll;
  const closed = summary.closed;
  const per = (x: number) => (closed > 0 ? x / closed : 0);
  const reg = summary.registered;
  const k = summary.contactsByKind;
  const hotlineLittle = tiers.little('hotline');
  const checks = {
    conservation,
    conservationDetail: {
      createdAll: summary.createdAll,
      closedAll: summary.closedAll,
      openAll: sim.open.size,
      doubleClosed: summary.doubleClosed,
      created: summary.created,
      closed,
      open: openCounted,
    },
    timestampOrder: { violations: summary.orderViolations, ok: summary.orderViolations === 0, first: summary.firstOrderViolation },
    littleLaw: { relErr: worst, ok: worst <= tol, tolerance: tol, byTier },
    // Below 1e-12 the gap is round-off of two different summation orders; it is reported as 0
    // because its last digits differ between Node and Chromium.
    staffHours: { relErr: staffErr < 1e-12 ? 0 : staffErr, ok: staffErr <= 1e-6 },
    ok: false,
  };
  // The books proper; Little's law is reported beside them as a (statistical) warning.
  checks.ok = checks.conservation && checks.timestampOrder.ok && checks.staffHours.ok;
  const backlog = {} as Record<StatTier, number>;
  for (const tier of STAT_TIERS) backlog[tier] = tiers.meanBacklog(tier);
  return {
    scenario: s.name,
    policy: policyName,
    seed,
    horizonDays: s.horizonDays,
    warmupDays: s.warmupDays,
    cases: { created: summary.created, closed, open: openCounted, latent, registered: reg },
    channel: { name: s.handoff.channel, source: s.handoff.source },
    resolutionHours: summary.resolution.distribution(),
    stages: summary.stages.summary(),
    survival: summary.survival.summary(),
    handlingHours: summary.handling.distribution(),
    discoveryLagHours: summary.discovery.distribution(),
    latentDiscoveryLagHours: summary.patrolDiscovery.distribution(),
    waitHours: { mean: summary.wait.mean },
    slaMet: summary.slaDue > 0 ? summary.slaMet / summary.slaDue : 1,
    resolvedByTier: summary.tierShares(),
    escalationsPerCase: per(summary.escalations),
    bouncesPerCase: per(summary.bounces),
    timeoutsPerCase: per(summary.timeouts),
    reopensPerCase: per(summary.reopens),
    contactsPerCase: per(summary.contacts),
    whistledShare: per(summary.whistled),
    sourceShare: Object.fromEntries(Object.entries(summary.sources).map(([src, n]) => [src, reg > 0 ? n / reg : 0])),
    hotline: {
      contacts: k.consultation + k.report + k.followup + k.duplicate,
      consultations: k.consultation,
      reports: k.report,
      followups: k.followup,
      duplicates: k.duplicate,
      meanTimeInSystemMinutes: hotlineLittle.arrivals > 0 ? (hotlineLittle.lambdaW * (s.horizonDays - s.warmupDays) * 24 * 60) / hotlineLittle.arrivals : 0,
    },
    utilization,
    activityShare,
    staffCount,
    staffHours,
    costStaffHours: Object.values(staffHours).reduce((a, b) => a + b, 0),
    backlog,
    checks,
    engine: { events: sim.clock.eventsDelivered },
  };
}

/** staff.csv: one row per staff member, hours inside the statistics window. */
export function staffCsv(sim: Simulation): string {
  const head = ['staffId', 'desk', 'role', 'tier', 'onDutyHours', 'overtimeHours', ...ACTIVITIES.map((a) => `${a}Hours`), 'busyHours', 'utilization', 'casesTouched'];
  const f = csvHours;
  const rows = sim.world.staff.map((m) => {
    const avail = m.onDutyHours + m.overtimeHours;
    const busy = busyHours(m);
    return [m.id, m.desk.name, m.desk.role, m.desk.tier, f(m.onDutyHours), f(m.overtimeHours), ...ACTIVITIES.map((a) => f(m.hours[a])), f(busy), f(avail > 0 ? busy / avail : 0), m.casesTouched];
  });
  return csvTable(head, rows);
}
