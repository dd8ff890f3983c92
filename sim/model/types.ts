import type { TimerHandle } from '../engine/clock.ts';
import type { Priority, ReportChannel, Tier } from '../scenario/schema.ts';

export type { Priority, ReportChannel, Tier };

/** Rank of a tier; a unit can resolve an issue whose authority rank is at most its own. */
export const TIER_RANK: Record<Tier, number> = { grid: 0, community: 1, street: 2, district: 3, department: 4 };
export const PRIORITY_RANK: Record<Priority, number> = { emergency: 0, urgent: 1, general: 2, complex: 3 };

export type Role =
  | 'gridWorker'
  | 'communityStaff'
  | 'streetDispatcher'
  | 'streetHandler'
  | 'callTaker'
  | 'districtDispatcher'
  | 'districtHandler'
  | 'departmentHandler';

export const ROLES: readonly Role[] = [
  'gridWorker',
  'communityStaff',
  'streetDispatcher',
  'streetHandler',
  'callTaker',
  'districtDispatcher',
  'districtHandler',
  'departmentHandler',
];

/** Tier a role works at, for statistics per tier. The hotline counts as its own tier. */
export const ROLE_TIER: Record<Role, Tier | 'hotline'> = {
  gridWorker: 'grid',
  communityStaff: 'community',
  streetDispatcher: 'street',
  streetHandler: 'street',
  callTaker: 'hotline',
  districtDispatcher: 'district',
  districtHandler: 'district',
  departmentHandler: 'department',
};

/** How a case became known: a resident's channel, or a grid worker's patrol. */
export type CaseSource = ReportChannel | 'patrol';

/** Where the registering side sits, which also verifies the result. */
export type RegisteredBy = 'grid' | 'hotline';

/** What an issue is, fixed at its birth (drawn from the demand stream only). */
export interface Issue {
  id: number;
  createdAt: number;
  grid: number; // index into territory.grids
  category: number; // index into scenario.demand.categories
  priority: Priority;
  authority: Tier;
  department: number; // index into scenario.departments, -1 unless authority is 'department'
  workHours: number;
  /** Channel the resident uses, or null if nobody reports it (latent until found). */
  reportChannel: ReportChannel | null;
  /** Absolute time of the resident's report (Infinity if none). */
  reportAt: number;
  patienceHours: number;
}

export type CaseState = 'latent' | 'reported' | 'queued' | 'inTransit' | 'inWork' | 'resolved' | 'closed';

/** One case: an issue plus everything that happens to it. Times are absolute hours. */
export interface Case extends Issue {
  state: CaseState;
  source: CaseSource | null;
  reportedAt: number; // first report or discovery; NaN until then
  registeredAt: number;
  registeredBy: RegisteredBy;
  dispatchedAt: number; // first arrival at a handling unit
  firstWorkAt: number;
  resolvedAt: number;
  verifiedAt: number;
  closedAt: number;
  resolvedTier: Tier | null;
  resolvedUnit: number; // desk id, -1 until resolved
  escalations: number;
  timeouts: number;
  bounces: number;
  reopens: number;
  contacts: number; // residents' contacts about this case by any channel: the first report, duplicates, follow-up calls
  whistled: boolean;
  waitHours: number; // total time queued at desks
  tiersVisited: string[];
  /** When the case entered its current queue. */
  queuedAt: number;
  /** Id of the desk holding the case, -1 when none. */
  deskId: number;
  /** Bumped on every move; a timer carrying an older value is stale. */
  moveSeq: number;
  /** Remaining work for the next resolution attempt (rework after a reopen is smaller). */
  pendingWorkHours: number;
  /** Deadline moved by deferrals (延期, sim/model/deferral.ts); 0 without them. */
  deadlineExtensionHours: number;
  /** Moves between two different units (hand-offs through the channel, sim/model/handoffChannel.ts). */
  handoffs: number;
  /** Hours charged per stage, then queue wait per tier (sim/model/stageClock.ts). */
  stageHours: Float64Array;
  /** Index of the stage the case is in now (STAGES), since `stageSince`. */
  stage: number;
  stageSince: number;
  /** Rank of the tier whose queue the case waits in, -1 when not waiting in a tier's queue. */
  stageQueueTier: number;
  /** Travel planned at the start of the current resolve task (both ways). */
  stageTravelHours: number;
  /**
   * The resident's pending report or follow-up call (at most one is pending at a time), cancelled
   * when the case closes: a call about a closed case would be an event that changes nothing.
   */
  residentTimer: TimerHandle | null;
}
