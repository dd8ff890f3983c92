import type { Routing } from '../policies/types.ts';
import { sample } from '../random/distributions.ts';
import type { Rng } from '../random/stream.ts';
import type { HandoffParams } from '../scenario/schema.ts';
import type { Simulation } from './simulation.ts';
import { charge } from './stageClock.ts';
import { TIER_RANK, type Case } from './types.ts';
import type { DeskRef } from './world.ts';

/** The kinds of move between two different units; each has its delay in `handoff.delaysHours`. */
export type HandoffKind = 'up' | 'down' | 'back' | 'toDepartment';
export const HANDOFF_KINDS: readonly HandoffKind[] = ['up', 'down', 'back', 'toDepartment'];

/**
 * The unit a desk belongs to. A street's dispatchers and handlers are one unit (the street
 * centre); the district's hotline, command centre and handlers are one unit (the district
 * centre); a department is a unit per district. Moves inside a unit are not hand-offs.
 */
function unitKey(d: DeskRef): string {
  if (d.tier === 'hotline' || d.tier === 'district') return `district:${d.district}`;
  if (d.tier === 'department') return `department:${d.district}:${d.department}`;
  return `${d.tier}:${d.unit}`;
}

/** Rank of a desk's unit: the hotline belongs to the district centre. */
function rank(d: DeskRef): number {
  return d.tier === 'hotline' ? TIER_RANK.district : TIER_RANK[d.tier];
}

/**
 * What kind of hand-off a move from `from` to `to` is, or null when it stays inside one unit.
 * A move the policy marks as a bounce goes back to the centre; a move into a department from
 * anywhere else is `toDepartment`; out of a department is `back`; otherwise up or down by tier
 * rank (a move between two units of one tier counts as `down`: the case is sent across, not up).
 */
export function classifyMove(from: DeskRef, to: DeskRef, routing: Pick<Routing, 'bounce'>, sameUnit = unitKey(from) === unitKey(to)): HandoffKind | null {
  if (sameUnit) return null;
  if (routing.bounce) return 'back';
  if (to.tier === 'department') return 'toDepartment';
  if (from.tier === 'department') return 'back';
  return rank(to) > rank(from) ? 'up' : 'down';
}

/**
 * The channel between units: how a case travels from the unit that passes it on to the unit
 * that receives it. The scenario's `handoff` section sets the delay of each kind of move; every
 * policy pays it for every move between two different units (policies choose destinations,
 * never delays). A user policy's `routing.delayHours` is added on top. While in transit the case
 * is in no queue and no staff member is busy with it; a move made stale by a later one
 * (moveSeq) is dropped on arrival. Delays are drawn from the `handoff` stream only.
 */
export class HandoffChannel {
  private readonly rng: Rng;
  private readonly delays: HandoffParams['delaysHours'];
  /** Per desk id, a number naming its unit (unitKey interned once: no string built per move). */
  private readonly unitOf: Int32Array;

  constructor(private readonly sim: Simulation) {
    this.rng = sim.streams.stream('handoff');
    this.delays = sim.scenario.handoff.delaysHours;
    const ids = new Map<string, number>();
    this.unitOf = Int32Array.from(sim.world.desks, (d) => {
      const key = unitKey(d);
      let id = ids.get(key);
      if (id === undefined) ids.set(key, (id = ids.size));
      return id;
    });
  }

  /** Sends the case from `from` (null: no unit holds it yet) to `to`: at once, or after the channel's delay. */
  send(c: Case, from: DeskRef | null, to: DeskRef, routing: Routing): void {
    const kind = from ? classifyMove(from, to, routing, this.unitOf[from.id] === this.unitOf[to.id]) : null;
    let delay = routing.delayHours ?? 0;
    if (kind) {
      c.handoffs++;
      delay += sample(this.rng, this.delays[kind]);
    }
    if (delay > 0) {
      charge(c, 'transit', this.sim.now);
      c.state = 'inTransit';
      c.moveSeq++;
      const seq = c.moveSeq;
      this.sim.clock.schedule(delay, () => {
        if (c.moveSeq === seq) this.sim.arrive(c, this.sim.world.desks[to.id]!, routing);
      });
    } else {
      this.sim.arrive(c, this.sim.world.desks[to.id]!, routing);
    }
  }
}
