import type { Case } from '../model/types.ts';
import type { DeskRef, Policy, PolicyContext, Routing } from './types.ts';
import { sendTo } from './handoff.ts';

/**
 * 逐级上报: every case starts at the lowest tier. Hotline cases go through the district command
 * centre down to the grid that owns the place (属地); a unit that lacks the authority reviews the
 * case and passes it one tier up (grid → community → street centre → district → department),
 * each hand-off paying the scenario's channel (`handoff.delaysHours.up`, …) like every policy.
 */
export function upFrom(c: Readonly<Case>, at: DeskRef, ctx: PolicyContext): Routing {
  const w = ctx.world;
  switch (at.role) {
    case 'gridWorker':
      return sendTo(w.communityDesk(c.grid));
    case 'communityStaff':
      return sendTo(w.streetDispatchDesk(c.grid));
    case 'streetDispatcher':
    case 'streetHandler':
      return sendTo(w.districtDispatchDesk(c.grid));
    case 'districtHandler':
      return c.authority === 'department' ? sendTo(w.departmentDesk(c.grid, c.department)) : sendTo(w.districtDispatchDesk(c.grid));
    default:
      return sendTo(w.districtDispatchDesk(c.grid));
  }
}

export const hierarchical: Policy = {
  name: 'hierarchical',
  route(c, at, ctx) {
    const w = ctx.world;
    if (at === null) {
      return c.registeredBy === 'grid' ? sendTo(w.gridDesk(c.grid)) : sendTo(w.districtDispatchDesk(c.grid));
    }
    if (at.role === 'streetDispatcher') {
      const handler = w.streetHandlerDesk(c.grid);
      return w.canResolve(handler, c) ? sendTo(handler) : { ...upFrom(c, at, ctx), escalation: true };
    }
    // District command centre: a case that never reached a handling unit is sent down to its
    // grid; one escalated up to here goes to the district's handlers or the department.
    if (Number.isNaN(c.dispatchedAt)) return sendTo(w.gridDesk(c.grid));
    if (c.authority === 'department') return sendTo(w.departmentDesk(c.grid, c.department), { escalation: true });
    return sendTo(w.districtHandlerDesk(c.grid));
  },
  escalate: upFrom,
};
