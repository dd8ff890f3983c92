// An example of a user policy (`gridgov run scenarios/default.json --policy scenarios/policies/streetFirst.ts`):
// "small loop first" — hotline and app cases go straight to the street centre that owns the
// place instead of down to the grid; everything else is hierarchical.
import type { Policy } from '../../sim/policies/types.ts';
import { hierarchical } from '../../sim/policies/hierarchical.ts';

const streetFirst: Policy = {
  name: 'streetFirst',
  route(c, at, ctx) {
    // Only on the way down: a case the street has already passed up goes on as hierarchical.
    if (at?.role === 'districtDispatcher' && Number.isNaN(c.dispatchedAt) && !c.tiersVisited.includes('street')) {
      return { desk: ctx.world.streetDispatchDesk(c.grid).id };
    }
    return hierarchical.route(c, at, ctx);
  },
  escalate: (c, at, ctx) => hierarchical.escalate(c, at, ctx),
};

export default streetFirst;
