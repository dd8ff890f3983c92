import type { Case } from '../model/types.ts';
import type { DeskRef, Policy, PolicyContext, Routing } from './types.ts';
import { direct, transfer } from './handoff.ts';

/**
 * 逐级上报: every case starts at the lowest tier. Hotline cases go through the district command
 * centre down to the grid that owns the place (属地); a unit that lacks the authority reviews the
 * case and passes it one tier up (grid → community → street centre → district → department),
 * each hand-off paying the transfer delay.
 */
export function upFrom(c: Readonly<Case>, at: DeskRef, ctx: PolicyContext): Routing {
  const w = ctx.world;
  switch (at.role) {
    case 'gridWorker':
      return transfer(w.communityDesk(c.grid), ctx);
    case 'communityStaff':
      return transfer(w.streetDispatchDesk(c.grid), ctx);
    case 'streetDispatcher':
    case 'streetHandler':
      return transfer(w.districtDispatchDesk(c.grid), ctx);
    case 'districtHandler':
      return c.authority === 'department' ? transfer(w.departmentDesk(c.grid, c.department), ctx) : transfer(w.districtDispatchDesk(c.grid), ctx);
    default:
      return transfer(w.districtDispatchDesk(c.grid), ctx);
  }
}

export const hierarchical: Policy = {
  name: 'hierarchical',
  route(c, at, ctx) {
    const w = ctx.world;
    if (at === null) {
      return c.registeredBy === 'grid' ? direct(w.gridDesk(c.grid)) : direct(w.districtDispatchDesk(c.grid));
    }
    if (at.role === 'streetDispatcher') {
      const handler = w.streetHandlerDesk(c.grid);
      return w.canResolve(handler, c) ? direct(handler) : { ...upFrom(c, at, ctx), escalation: true };
    }
    // District command centre: a case that never reached a handling unit is sent down to its
    // grid; one escalated up to here goes to the district's handlers or the department.
    if (Number.isNaN(c.dispatchedAt)) return transfer(w.gridDesk(c.grid), ctx);
    if (c.authority === 'department') return transfer(w.departmentDesk(c.grid, c.department), ctx, { escalation: true });
    return direct(w.districtHandlerDesk(c.grid));
  },
  escalate: upFrom,
};
