import type { Policy } from './types.ts';
import { upFrom } from './hierarchical.ts';

/**
 * Any policy with auto-escalation on time limits: a case still waiting at a desk after its
 * tier's limit (`policy.autoEscalation.limitsHours`) moves one tier up. District and department
 * queues have no higher tier to go to unless a limit is set for them, in which case the case is
 * re-dispatched by the district command centre.
 */
export function withAutoEscalation(base: Policy): Policy {
  return {
    ...base,
    name: `${base.name}+auto`,
    route: base.route.bind(base),
    escalate: base.escalate.bind(base),
    timeLimitHours(at, ctx) {
      if (at.tier === 'hotline') return undefined;
      if (at.role === 'districtDispatcher') return undefined;
      return ctx.params.autoEscalation.limitsHours[at.tier];
    },
    onTimeout(c, at, ctx) {
      return upFrom(c, at, ctx);
    },
  };
}
