import type { InformalSettlementParams, Scenario, Tier } from '../scenario/schema.ts';
import { caseUniform } from './caseDraw.ts';
import type { Case } from './types.ts';
import type { Desk } from './world.ts';

type Shares = InformalSettlementParams['share'];

/**
 * Informal settlement (就地化解): a handling unit below the authority tier settles a share of the
 * higher-authority issues it holds itself — by mediation, by knowing whom to ask — instead of
 * reviewing them and passing them up. Whether a unit of tier T settles case c is fixed by a
 * per-case uniform (`caseUniform`, purpose `informalSettlement/T`) below the share of (category,
 * T): every policy that brings c to a unit of tier T meets the same answer. The settlement is the
 * unit's handling activity (travel, then `workFactor × workHours`); the case is resolved at that
 * tier and verified and rated as any other.
 */
export class InformalSettlement {
  private readonly shares: Shares[];
  private readonly authorities: Set<Tier>;
  settled = 0;
  readonly byTier: Record<string, number> = {};

  constructor(
    scenario: Scenario,
    private readonly seed: string,
    readonly p: InformalSettlementParams,
  ) {
    this.shares = scenario.demand.categories.map((cat) => p.byCategory[cat.name] ?? p.share);
    this.authorities = new Set(p.authorities);
  }

  /** Whether `desk`, which lacks the authority for `c`, settles it itself. */
  settles(desk: Desk, c: Case): boolean {
    if (desk.kind !== 'handle' || desk.tier === 'hotline' || desk.tier === 'department') return false;
    if (!this.authorities.has(c.authority)) return false;
    const share = this.shares[c.category]![desk.tier] ?? 0;
    if (share <= 0) return false;
    return caseUniform(this.seed, `informalSettlement/${desk.tier}`, c.id) < share;
  }

  /** Work of the settlement. */
  workHours(c: Case): number {
    return this.p.workFactor * c.pendingWorkHours;
  }

  count(desk: Desk, counted: boolean): void {
    if (!counted) return;
    this.settled++;
    this.byTier[desk.tier] = (this.byTier[desk.tier] ?? 0) + 1;
  }

  summarize(): Record<string, unknown> {
    return { settled: this.settled, byTier: this.byTier };
  }
}
