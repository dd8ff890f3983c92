import type { Case } from '../model/types.ts';
import type { Desk } from '../model/world.ts';
import { bernoulli, pickIndex } from '../random/distributions.ts';
import type { Policy, PolicyContext } from './types.ts';
import { sendTo } from './handoff.ts';

/**
 * 扁平化: the district command centre classifies every registered case and sends it straight,
 * electronically, to the unit with the authority. Classification is right with probability
 * `classificationAccuracy`; otherwise the case lands at another unit serving the same place,
 * which reviews it and bounces it back to the centre to be classified again.
 */
function wrongDesk(c: Readonly<Case>, right: Desk, ctx: PolicyContext): Desk {
  const w = ctx.world;
  const candidates: Desk[] = [w.gridDesk(c.grid), w.communityDesk(c.grid), w.streetHandlerDesk(c.grid), w.districtHandlerDesk(c.grid)];
  for (let k = 0; k < w.departmentCount(); k++) candidates.push(w.departmentDesk(c.grid, k));
  const others = candidates.filter((d) => d.id !== right.id && !w.canResolve(d, c));
  if (others.length === 0) return right;
  return others[pickIndex(ctx.rng, others.map(() => 1))]!;
}

export const flat: Policy = {
  name: 'flat',
  route(c, at, ctx) {
    const w = ctx.world;
    if (at === null || at.role !== 'districtDispatcher') return sendTo(w.districtDispatchDesk(c.grid));
    const right = w.authorityDesk(c);
    const correct = bernoulli(ctx.rng, ctx.classificationAccuracy(at));
    return sendTo(correct ? right : wrongDesk(c, right, ctx));
  },
  // The receiver lacks the authority: it was misrouted; back to the centre.
  escalate(c, _at, ctx) {
    return sendTo(ctx.world.districtDispatchDesk(c.grid), { bounce: true });
  },
};
