import { sample } from '../random/distributions.ts';
import type { Rng } from '../random/stream.ts';
import type { LocalKnowledgeParams, Tier } from '../scenario/schema.ts';
import type { Case } from './types.ts';
import type { Desk } from './world.ts';

/**
 * Local knowledge: the grid worker and the community staff know the place (who lives there, whose
 * wall it is, what was tried before). A handling unit of a listed tier that receives a case which
 * did not pass through them first — not found or reported by the grid, never queued at the grid
 * or community desk — first gathers that information: `hours`, drawn from the
 * `mechanisms/localKnowledge` stream and added to the unit's handling activity (so the time is
 * the unit's staff time and counts in the case's work stage). Once gathered it stays with the
 * case: later units do not pay it again.
 */
export class LocalKnowledge {
  private readonly tiers: Set<Tier>;
  /** Cases whose information has been gathered by a unit (removed at closure). */
  private readonly informed = new Set<number>();
  gathered = 0;
  hours = 0;

  constructor(
    private readonly rng: Rng,
    readonly p: LocalKnowledgeParams,
  ) {
    this.tiers = new Set(p.tiers);
  }

  private knownLocally(c: Case): boolean {
    if (c.source === 'patrol' || c.source === 'gridWorker') return true;
    for (const t of c.tiersVisited) if (t === 'grid' || t === 'community' || t === 'committee') return true;
    return this.informed.has(c.id);
  }

  /** Information-gathering hours `desk` spends before handling `c` (0 when it needs none). */
  extraHours(desk: Desk, c: Case, counted: boolean): number {
    if (desk.tier === 'hotline' || !this.tiers.has(desk.tier) || this.knownLocally(c)) return 0;
    const h = sample(this.rng, this.p.hours);
    this.informed.add(c.id);
    if (counted) {
      this.gathered++;
      this.hours += h;
    }
    return h;
  }

  forget(c: Case): void {
    this.informed.delete(c.id);
  }

  summarize(): Record<string, unknown> {
    return { gathered: this.gathered, hours: this.hours };
  }
}
