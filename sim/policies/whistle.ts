import type { Policy } from './types.ts';
import { hierarchical } from './hierarchical.ts';

/**
 * 吹哨报到: hierarchical up to the street; a street centre facing a case that needs a
 * department summons it directly ("blows the whistle"), skipping the district review. The
 * department must arrive within `whistleResponseHours` and the summons jumps its queue.
 */
export const whistle: Policy = {
  name: 'whistle',
  route(c, at, ctx) {
    if (at?.role === 'streetDispatcher' && c.authority === 'department') {
      return { desk: ctx.world.departmentDesk(c.grid, c.department).id, whistle: true, escalation: true };
    }
    return hierarchical.route(c, at, ctx);
  },
  escalate(c, at, ctx) {
    return hierarchical.escalate(c, at, ctx);
  },
};
