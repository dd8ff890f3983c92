import { sample } from '../random/distributions.ts';
import type { PolicyContext, Routing } from './types.ts';
import type { Desk } from '../model/world.ts';

/** A hand-off to another unit through the paper trail: pays the scenario's transfer delay. */
export function transfer(desk: Desk, ctx: PolicyContext, extra: Partial<Routing> = {}): Routing {
  return { desk: desk.id, delayHours: sample(ctx.rng, ctx.params.transferHours), ...extra };
}

/** A direct, electronic hand-off (no delay). */
export function direct(desk: Desk, extra: Partial<Routing> = {}): Routing {
  return { desk: desk.id, ...extra };
}
