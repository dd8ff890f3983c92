import type { CentreSaturationParams } from '../scenario/schema.ts';
import type { Role } from './types.ts';
import type { DeskRef, World } from './world.ts';

/**
 * A central dispatcher that saturates. With L = cases waiting at the desk per staff member of
 * it (queue length / staff, read when the dispatcher starts or finishes classifying):
 *
 *     classification time = drawn time × min(maxTimeFactor, 1 + timePerQueued × L)
 *     misrouting chance   = min(max(maxMisrouting, 1 − a), (1 − a) + misroutePerQueued × L)
 *
 * where a is `policy.classificationAccuracy`. The time applies to the dispatch task of a listed
 * dispatch desk (the district command centre); the misrouting to any listed desk a policy asks
 * about through `ctx.classificationAccuracy(desk)` (the centre, or the hotline when it
 * dispatches on receipt). An empty queue gives exactly the base values.
 */
export class CentreSaturation {
  private readonly roles: Set<Role>;
  maxLoad = 0;

  constructor(
    private readonly world: World,
    readonly p: CentreSaturationParams,
  ) {
    this.roles = new Set(p.roles);
  }

  /** Waiting cases per staff member at the desk, 0 for desks not listed. */
  load(desk: DeskRef): number {
    if (!this.roles.has(desk.role)) return 0;
    const d = this.world.desks[desk.id]!;
    const l = d.queue.size / Math.max(1, d.staff.length);
    if (l > this.maxLoad) this.maxLoad = l;
    return l;
  }

  timeFactor(desk: DeskRef): number {
    return Math.min(this.p.maxTimeFactor, 1 + this.p.timePerQueued * this.load(desk));
  }

  accuracy(desk: DeskRef, base: number): number {
    const l = this.load(desk);
    if (l === 0) return base;
    const miss = 1 - base;
    return 1 - Math.min(Math.max(this.p.maxMisrouting, miss), miss + this.p.misroutePerQueued * l);
  }

  summarize(): Record<string, unknown> {
    return { maxLoadPerStaff: this.maxLoad };
  }
}
