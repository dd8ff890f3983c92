// An example of a user policy (`gridgov run scenarios/default.json --policy scenarios/policies/streetFirst.ts`):
// "small loop first" — the command centre sends hotline and app cases to the street centre that
// owns the place, which triages them: down to the grid or community that has the authority,
// to its own handlers, or up to the district; cases found in the grid start there as usual.
import type { Policy } from '../../sim/policies/types.ts';
import { hierarchical } from '../../sim/policies/hierarchical.ts';
import { sendTo } from '../../sim/policies/handoff.ts';

const streetFirst: Policy = {
  name: 'streetFirst',
  route(c, at, ctx) {
    const w = ctx.world;
    if (at?.role === 'districtDispatcher') {
      if (!c.tiersVisited.includes('street')) return sendTo(w.streetDispatchDesk(c.grid));
      // passed up by the street: the district's own handlers or the department
      return c.authority === 'department' ? sendTo(w.departmentDesk(c.grid, c.department), { escalation: true }) : sendTo(w.districtHandlerDesk(c.grid));
    }
    if (at?.role === 'streetDispatcher') {
      if (c.authority === 'grid') return sendTo(w.gridDesk(c.grid));
      if (c.authority === 'community') return sendTo(w.communityDesk(c.grid));
    }
    return hierarchical.route(c, at, ctx);
  },
  escalate: (c, at, ctx) => hierarchical.escalate(c, at, ctx),
};

export default streetFirst;
