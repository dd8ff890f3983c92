import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { InputError } from '../../scenario/errors.ts';
import { importUserModule } from '../moduleFile.ts';
import { checkPolicy, isPolicyFile } from '../../policies/registry.ts';
import type { Policy } from '../../policies/types.ts';

/** Loads a user's policy module (`export default` a Policy, or `export const policy`). */
export async function loadPolicyFile(file: string): Promise<Policy> {
  if (!isPolicyFile(file)) throw new InputError(file, [{ path: '', expected: 'a policy module ending in .ts, .js or .mjs' }]);
  const abs = resolve(file);
  if (!existsSync(abs)) throw new InputError(file, [{ path: '', expected: 'an existing policy file (no such file)' }]);
  let mod: Record<string, unknown>;
  try {
    mod = await importUserModule(pathToFileURL(abs).href);
  } catch (err) {
    throw new InputError(file, [{ path: '', expected: `a module that loads (${err instanceof Error ? err.message.split('\n')[0] : String(err)})` }]);
  }
  return checkPolicy(mod.default ?? mod.policy, file);
}

/** A built-in name passes through; a path is loaded. */
export async function policyOption(name: string): Promise<{ name: string; policy?: Policy; file?: string }> {
  if (!isPolicyFile(name)) return { name };
  const policy = await loadPolicyFile(name);
  return { name: policy.name, policy, file: resolve(name) };
}
