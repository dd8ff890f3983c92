import type { Tier } from '../scenario/schema.ts';
import { TIER_RANK, type Case } from './types.ts';

/**
 * Where every hour of a case goes (issue 11). A case carries one accumulator per stage and the
 * stage it is in now; at each transition of its life the hours since the last transition are
 * charged to the stage it was in (`charge`), so each hour is charged once and the stages add up
 * to occurrence → closure by construction.
 *
 * Stages: discovery (occurrence → report or patrol find), registration (report → registration:
 * the hotline queue and call, the grid worker's registering), queue (waiting in a unit's queue;
 * also split by tier), review (a dispatcher's classification, a unit's review of a case it cannot
 * resolve), transit (the hand-off channel between units), travel (to the place and back), work
 * (hands-on work), verify (resolution → verification: the verifier's queue, travel and check),
 * rework (everything after the first reopen, whatever it is).
 *
 * A case that is in several places at once (parts of a case handled in parallel) keeps one stage
 * clock per part, copied from the case's when the parts split (`copyStages`); when the last part
 * finishes, the case takes that part's clock (`copyStages` back): the stages follow the critical
 * path, and still add up to occurrence → closure.
 */
export const STAGES = ['discovery', 'registration', 'queue', 'review', 'transit', 'travel', 'work', 'verify', 'rework'] as const;
export type Stage = (typeof STAGES)[number];
export const STAGE_INDEX: Record<Stage, number> = Object.fromEntries(STAGES.map((s, i) => [s, i])) as Record<Stage, number>;

/** Tiers whose queue wait is reported apart (their sum is the queue stage). */
export const QUEUE_TIERS: readonly Tier[] = ['grid', 'community', 'street', 'district', 'department'];
const QUEUE_OFFSET = STAGES.length;
/** Slots per case: the stages, then the queue wait per tier. */
export const STAGE_SLOTS = STAGES.length + QUEUE_TIERS.length;

/** The cases.csv column of each slot: `discoveryHours` …, then `queueHours_grid` …. */
export const STAGE_COLUMNS: readonly string[] = [...STAGES.map((s) => `${s}Hours`), ...QUEUE_TIERS.map((t) => `queueHours_${t}`)];

/** A fresh clock for a case born at `t`: in discovery. */
export function newStageHours(): Float64Array {
  return new Float64Array(STAGE_SLOTS);
}

/**
 * Charges the hours since the last transition to the case's current stage and enters `next`
 * at `now`. After a reopen every hour is rework. `queueTier` says which tier's queue is entered.
 */
export function charge(c: Case, next: Stage, now: number, queueTier?: Tier | 'hotline'): void {
  const h = now - c.stageSince;
  if (h > 0) {
    c.stageHours[c.stage]! += h;
    if (c.stage === STAGE_INDEX.queue && c.stageQueueTier >= 0) c.stageHours[QUEUE_OFFSET + c.stageQueueTier]! += h;
  }
  c.stageSince = now;
  if (c.reopens > 0) {
    c.stage = STAGE_INDEX.rework;
    c.stageQueueTier = -1;
    return;
  }
  c.stage = STAGE_INDEX[next];
  c.stageQueueTier = next === 'queue' && queueTier && queueTier !== 'hotline' ? TIER_RANK[queueTier] : -1;
}

/**
 * Ends a resolve task that began with `travelHours` of travel: the elapsed time is travel up to
 * that amount, the rest work (a task stretched by a shift's end counts the pause as work).
 */
export function chargeTravelThenWork(c: Case, travelHours: number, now: number, next: Stage): void {
  if (c.stage === STAGE_INDEX.travel) {
    const travelEnd = Math.min(now, c.stageSince + Math.max(0, travelHours));
    charge(c, 'work', travelEnd);
  }
  charge(c, next, now);
}

/**
 * Catches a case up to registration at `now` from its stamps: discovery until `reportedAt`
 * (or now, if it was never reported apart from its registration), registration since.
 */
export function chargeUntilRegistered(c: Case, now: number): void {
  if (c.stage !== STAGE_INDEX.discovery) return;
  const reported = Number.isFinite(c.reportedAt) ? Math.min(c.reportedAt, now) : now;
  charge(c, 'registration', Math.max(c.stageSince, reported));
  charge(c, 'registration', now);
}

/**
 * A case closed away from the desks (a grid's volunteers settled it, sim/model/selfManagement.ts)
 * never passed a desk transition: its stamps give discovery, registration, the wait for a
 * volunteer (grid queue) and the work.
 */
export function chargeSettled(c: Case, now: number): void {
  if (c.stage !== STAGE_INDEX.discovery) return;
  const at = (x: number, floor: number) => (Number.isFinite(x) ? Math.min(Math.max(x, floor), now) : floor);
  const reported = at(c.reportedAt, c.stageSince);
  const registered = at(c.registeredAt, reported);
  const started = at(c.firstWorkAt, registered);
  const resolved = at(c.resolvedAt, started);
  charge(c, 'registration', reported);
  charge(c, 'queue', registered, 'grid');
  charge(c, 'work', started);
  charge(c, 'verify', resolved);
}

/** Hours in each slot as of `now` (an open case's current stage counted up to `now`); does not change the case. */
export function stageHoursAt(c: Case, now: number): Float64Array {
  const out = Float64Array.from(c.stageHours);
  const h = now - c.stageSince;
  if (h > 0 && c.state !== 'closed') {
    out[c.stage]! += h;
    if (c.stage === STAGE_INDEX.queue && c.stageQueueTier >= 0) out[QUEUE_OFFSET + c.stageQueueTier]! += h;
  }
  return out;
}

/** Copies one stage clock onto another (parts of a case: split and join on the critical path). */
export function copyStages(from: Pick<Case, 'stageHours' | 'stage' | 'stageSince' | 'stageQueueTier'>, to: Pick<Case, 'stageHours' | 'stage' | 'stageSince' | 'stageQueueTier'>): void {
  to.stageHours.set(from.stageHours);
  to.stage = from.stage;
  to.stageSince = from.stageSince;
  to.stageQueueTier = from.stageQueueTier;
}
