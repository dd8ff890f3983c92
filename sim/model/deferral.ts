import { bernoulli } from '../random/distributions.ts';
import type { Rng } from '../random/stream.ts';
import type { DeferralParams, Scenario } from '../scenario/schema.ts';
import type { Clock } from '../engine/clock.ts';
import type { World } from './world.ts';
import type { Case } from './types.ts';

/** The deadline a case is held to now: registration + its time limit + any deferrals granted. */
export function deadlineOf(c: Case, scenario: Scenario): number {
  return c.registeredAt + scenario.timeLimitsHours[c.priority] + c.deadlineExtensionHours;
}

/**
 * 延期: when `applyAtShare` of a case's time limit has passed (from registration, or from the
 * previous deferral) and a handling unit holds it unresolved — waiting in its queue or in work —
 * the unit applies for a deferral (`applyProbability`), the centre approves it
 * (`approvalProbability`), and the deadline moves by `extensionShare × limit`; at most
 * `maxDeferrals` per case. Two draws per check from the `mechanisms/deferral` stream. The new
 * deadline is the one the deadline call-back and the satisfaction rating use (`deadlineOf`); the
 * SLA statistics keep the original limit, so a deferral never makes a case look faster.
 * Applying costs no staff time (an assumption: a form on the platform).
 */
export class Deferral {
  applied = 0;
  granted = 0;

  constructor(
    private readonly scenario: Scenario,
    private readonly world: World,
    private readonly clock: Clock,
    private readonly rng: Rng,
    private readonly horizon: number,
    private readonly windowStart: number,
    readonly p: DeferralParams,
  ) {}

  registered(c: Case): void {
    if (this.p.maxDeferrals > 0) this.schedule(c, 0);
  }

  private schedule(c: Case, done: number): void {
    const limit = this.scenario.timeLimitsHours[c.priority];
    const at = deadlineOf(c, this.scenario) - (1 - this.p.applyAtShare) * limit;
    if (at >= this.horizon) return;
    this.clock.scheduleAt(Math.max(at, this.clock.now()), () => this.check(c, done));
  }

  private check(c: Case, done: number): void {
    if (c.state !== 'queued' && c.state !== 'inWork') return;
    const desk = c.deskId >= 0 ? this.world.desks[c.deskId] : undefined;
    if (!desk || desk.kind !== 'handle' || !this.world.canResolve(desk, c)) return;
    const apply = bernoulli(this.rng, this.p.applyProbability);
    const approve = bernoulli(this.rng, this.p.approvalProbability);
    const counted = c.createdAt >= this.windowStart;
    if (!apply) return;
    if (counted) this.applied++;
    if (!approve) return;
    if (counted) this.granted++;
    c.deadlineExtensionHours += this.p.extensionShare * this.scenario.timeLimitsHours[c.priority];
    if (done + 1 < this.p.maxDeferrals) this.schedule(c, done + 1);
  }

  summarize(): Record<string, unknown> {
    return { applied: this.applied, granted: this.granted };
  }
}
