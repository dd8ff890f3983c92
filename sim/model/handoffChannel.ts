import type { Routing } from '../policies/types.ts';
import type { Simulation } from './simulation.ts';
import type { Case } from './types.ts';
import type { Desk } from './world.ts';

/**
 * The channel between units: how a case travels from the unit that passes it on to the unit
 * that receives it. While in transit the case is in no queue and no staff member is busy with
 * it; a move made stale by a later one (moveSeq) is dropped on arrival.
 */
export class HandoffChannel {
  constructor(private readonly sim: Simulation) {}

  /** Sends the case to `to`: at once, or after the routing's delay. */
  send(c: Case, to: Desk, routing: Routing): void {
    const delay = routing.delayHours ?? 0;
    if (delay > 0) {
      c.state = 'inTransit';
      c.moveSeq++;
      const seq = c.moveSeq;
      this.sim.clock.schedule(delay, () => {
        if (c.moveSeq === seq) this.sim.arrive(c, to, routing);
      });
    } else {
      this.sim.arrive(c, to, routing);
    }
  }
}
