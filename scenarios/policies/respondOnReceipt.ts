// 接诉即办 (respond on receipt), Beijing's 12345 rule since 2019: the hotline dispatches each
// request's work order directly, on receipt, to the unit that owns it — the street or town of
// the place (the hub that then coordinates its grids, communities and own handlers) or the
// department with the authority — and the district government is the fallback owner (兜底) for
// what cannot be assigned or was assigned wrongly. Cases found inside the grid start in the
// grid and climb as under `hierarchical`.
//
// The hotline picks the right owner with probability `policy.classificationAccuracy` (the
// policy stream); a wrong owner reviews the order and returns it to the district command
// centre, which assigns it to the unit with the authority. What each hand-off costs is the
// scenario's channel (`handoff`), the same as under any other policy.
import type { Case } from '../../sim/model/types.ts';
import type { Desk } from '../../sim/model/world.ts';
import { bernoulli, pickIndex } from '../../sim/random/distributions.ts';
import type { Policy, PolicyContext } from '../../sim/policies/types.ts';
import { hierarchical } from '../../sim/policies/hierarchical.ts';
import { sendTo } from '../../sim/policies/handoff.ts';

/** The unit that owns the request: its department, the district, or the street of the place. */
function owner(c: Readonly<Case>, ctx: PolicyContext): Desk {
  const w = ctx.world;
  if (c.authority === 'department') return w.departmentDesk(c.grid, c.department);
  if (c.authority === 'district') return w.districtHandlerDesk(c.grid);
  return w.streetDispatchDesk(c.grid);
}

/** A wrong owner: the street for a district or department request, else a department. */
function wrongOwner(c: Readonly<Case>, right: Desk, ctx: PolicyContext): Desk {
  const w = ctx.world;
  if (right.role !== 'streetDispatcher' || w.departmentCount() === 0) return w.streetDispatchDesk(c.grid);
  const k = pickIndex(ctx.rng, Array.from({ length: w.departmentCount() }, () => 1));
  return w.departmentDesk(c.grid, k);
}

const respondOnReceipt: Policy = {
  name: 'respondOnReceipt',
  route(c, at, ctx) {
    const w = ctx.world;
    if (at === null) {
      if (c.registeredBy === 'grid') return sendTo(w.gridDesk(c.grid));
      const right = owner(c, ctx);
      const correct = bernoulli(ctx.rng, ctx.classificationAccuracy(w.hotlineDesk(c.grid)));
      return sendTo(correct ? right : wrongOwner(c, right, ctx));
    }
    if (at.role === 'streetDispatcher') {
      // The street hub: down to its grid or community, to its own handlers, or up to the district.
      if (c.authority === 'grid') return sendTo(w.gridDesk(c.grid));
      if (c.authority === 'community') return sendTo(w.communityDesk(c.grid));
      if (c.authority === 'street') return sendTo(w.streetHandlerDesk(c.grid));
      return sendTo(w.districtDispatchDesk(c.grid), { escalation: true });
    }
    // The district command centre, fallback owner: straight to the unit with the authority.
    return sendTo(w.authorityDesk(c), c.authority === 'department' ? { escalation: true } : {});
  },
  escalate(c, at, ctx) {
    // A work order at a unit without the authority goes back to the district (兜底).
    if (c.registeredBy === 'hotline') return sendTo(ctx.world.districtDispatchDesk(c.grid), { bounce: true });
    return hierarchical.escalate(c, at, ctx);
  },
};

export default respondOnReceipt;
