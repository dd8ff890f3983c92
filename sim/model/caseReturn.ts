import type { CaseReturnParams } from '../scenario/schema.ts';
import type { Routing } from '../policies/types.ts';
import { caseUniform } from './caseDraw.ts';
import type { Case } from './types.ts';
import type { Desk, World } from './world.ts';

/**
 * 回退: a handling unit that has the authority for a case still rejects it ("not ours", a
 * disputed boundary) with the share of its tier, fixed per case and tier (`caseUniform`,
 * purpose `caseReturn/T`), at most `maxReturns` times per case. It spends its review time on
 * the case, then returns it to the district command centre (a bounce), which dispatches it
 * again by the policy's `route`. A return pays the channel's move back like any other move.
 */
export class CaseReturn {
  private readonly returns = new Map<number, number>();
  /** Cases under review at a unit that will return them. */
  private readonly rejecting = new Set<number>();
  returned = 0;

  constructor(
    private readonly world: World,
    private readonly seed: string,
    readonly p: CaseReturnParams,
  ) {}

  /** Whether `desk`, which has the authority for `c`, rejects it now (then it reviews the case). */
  rejects(desk: Desk, c: Case): boolean {
    if (desk.kind !== 'handle' || desk.tier === 'hotline') return false;
    const share = this.p.share[desk.tier] ?? 0;
    const done = this.returns.get(c.id) ?? 0;
    if (share <= 0 || done >= this.p.maxReturns) return false;
    if (caseUniform(this.seed, `caseReturn/${desk.tier}`, c.id) >= share) return false;
    this.returns.set(c.id, done + 1);
    this.rejecting.add(c.id);
    return true;
  }

  /** After the review: where a rejected case goes (null if it was not rejected). */
  returnRouting(c: Case, counted: boolean): Routing | null {
    if (!this.rejecting.delete(c.id)) return null;
    if (counted) this.returned++;
    return { desk: this.world.districtDispatchDesk(c.grid).id, bounce: true };
  }

  forget(c: Case): void {
    this.returns.delete(c.id);
  }

  summarize(): Record<string, unknown> {
    return { returned: this.returned };
  }
}
