// An example of a user policy (`gridgov run scenarios/default.json --policy scenarios/policies/streetFirst.ts`):
// "small loop first" — the command centre sends hotline and app cases to the street centre that
// owns the place, which triages them: down to the grid or community that has the authority,
// to its own handlers, or up to the district; cases found in the grid start there as usual.
import type { Policy } from '../../sim/policies/types.ts';
import { hierarchical } from '../../sim/policies/hierarchical.ts';
import { direct, transfer } from '../../sim/policies/handoff.ts';

const streetFirst: Policy = {
  name: 'streetFirst',
  route(c, at, ctx) {
    const w = ctx.world;
    if (at?.role === 'districtDispatcher') {
      if (!c.tiersVisited.includes('street')) return direct(w.streetDispatchDesk(c.grid));
      // passed up by the street: the district's own handlers or the department
      return c.authority === 'department' ? transfer(w.departmentDesk(c.grid, c.department), ctx, { escalation: true }) : direct(w.districtHandlerDesk(c.grid));
    }
    if (at?.role === 'streetDispatcher') {
      if (c.authority === 'grid') return transfer(w.gridDesk(c.grid), ctx);
      if (c.authority === 'community') return transfer(w.communityDesk(c.grid), ctx);
    }
    return hierarchical.route(c, at, ctx);
  },
  escalate: (c, at, ctx) => hierarchical.escalate(c, at, ctx),
};

export default streetFirst;
