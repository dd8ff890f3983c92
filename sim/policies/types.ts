import type { Rng } from '../random/stream.ts';
import type { PolicyParams, Priority, Tier } from '../scenario/schema.ts';
import type { Case } from '../model/types.ts';
import type { DeskRef, World } from '../model/world.ts';

/** Where a case goes next. */
export interface Routing {
  /** Target desk id (from ctx.world lookups, e.g. `ctx.world.streetDispatchDesk(c.grid).id`). */
  desk: number;
  /** Hand-off delay before the case reaches the desk (paperwork; no staff busy). Default 0. */
  delayHours?: number;
  /** Overrides the case's priority in the target queue. */
  priority?: Priority;
  /** 吹哨报到: the target department must arrive within `params.whistleResponseHours`; it jumps the queue. */
  whistle?: boolean;
  /** The case was misrouted and goes back (counted as a bounce, not an escalation). */
  bounce?: boolean;
  /**
   * A dispatcher passes the case one tier up (counted as an escalation). Moves decided by
   * `escalate` and `onTimeout` are classified by tier rank instead.
   */
  escalation?: boolean;
}

/** What a policy may read. It draws only from `rng`, its own stream. */
export interface PolicyContext {
  readonly now: number;
  readonly world: Pick<
    World,
    | 'territory'
    | 'desk'
    | 'gridDesk'
    | 'communityDesk'
    | 'streetDispatchDesk'
    | 'streetHandlerDesk'
    | 'hotlineDesk'
    | 'districtDispatchDesk'
    | 'districtHandlerDesk'
    | 'departmentDesk'
    | 'departmentCount'
    | 'canResolve'
    | 'authorityDesk'
    | 'queueLength'
  >;
  readonly rng: Rng;
  readonly params: PolicyParams;
  /**
   * Probability that a central classification at `desk` picks the right unit:
   * `params.classificationAccuracy`, lowered by a saturating centre when the scenario's
   * `mechanisms.centreSaturation` is on (sim/model/centreSaturation.ts). Policies that classify
   * read it here rather than from `params`.
   */
  classificationAccuracy(desk: DeskRef): number;
}

/**
 * An escalation policy answers three questions (DESIGN §2):
 * - `route`: where a registered case goes first (`at` = null), and where a dispatcher sends it
 *   after reviewing it (`at` = that dispatch desk);
 * - `escalate`: where a case goes when the handling unit at `at` lacks the authority (it has
 *   already spent review time there);
 * - `onTimeout`: where a case goes when it waited at `at` longer than `timeLimitHours(at)`
 *   (null = it stays). Both optional; without them no time limits apply.
 */
export interface Policy {
  readonly name: string;
  route(c: Readonly<Case>, at: DeskRef | null, ctx: PolicyContext): Routing;
  escalate(c: Readonly<Case>, at: DeskRef, ctx: PolicyContext): Routing;
  timeLimitHours?(at: DeskRef, ctx: PolicyContext): number | undefined;
  onTimeout?(c: Readonly<Case>, at: DeskRef, ctx: PolicyContext): Routing | null;
}

export type { DeskRef, Tier };
