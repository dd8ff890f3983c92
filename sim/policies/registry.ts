import { InputError } from '../scenario/errors.ts';
import type { PolicyParams } from '../scenario/schema.ts';
import { withAutoEscalation } from './autoEscalation.ts';
import { flat } from './flat.ts';
import { hierarchical } from './hierarchical.ts';
import type { Policy } from './types.ts';
import { whistle } from './whistle.ts';

export const BUILTIN_POLICIES: Record<string, Policy> = { hierarchical, flat, whistle };

export function isPolicyFile(name: string): boolean {
  return /\.(m?[jt]s)$/.test(name);
}

/** Checks that a module's export looks like a Policy; `file` names it in the message. */
export function checkPolicy(value: unknown, file: string): Policy {
  const p = value as Partial<Policy> | undefined;
  const problems = [];
  if (!p || typeof p !== 'object') problems.push({ path: 'default', expected: 'an exported Policy object (export default { name, route, escalate })', found: typeof value });
  else {
    if (typeof p.name !== 'string') problems.push({ path: 'name', expected: 'a string', found: p.name });
    if (typeof p.route !== 'function') problems.push({ path: 'route', expected: 'a function (c, at, ctx) => Routing', found: typeof p.route });
    if (typeof p.escalate !== 'function') problems.push({ path: 'escalate', expected: 'a function (c, at, ctx) => Routing', found: typeof p.escalate });
    if (p.onTimeout !== undefined && typeof p.onTimeout !== 'function') problems.push({ path: 'onTimeout', expected: 'a function or absent', found: typeof p.onTimeout });
  }
  if (problems.length) throw new InputError(file, problems);
  return p as Policy;
}

/**
 * A built-in policy by name, wrapped with auto-escalation when the scenario enables it.
 * Policy files are loaded by the caller (Node: `loadPolicyFile`) and passed in as `custom`.
 */
export function resolvePolicy(name: string, params: PolicyParams, custom?: Policy): Policy {
  let base = custom ?? BUILTIN_POLICIES[name];
  if (!base) {
    throw new InputError('--policy', [
      { path: 'policy.name', expected: `one of ${Object.keys(BUILTIN_POLICIES).map((n) => `"${n}"`).join(', ')} or a policy file (.ts/.js)`, found: name },
    ]);
  }
  if (params.autoEscalation.enabled && !base.onTimeout) base = withAutoEscalation(base);
  return base;
}
