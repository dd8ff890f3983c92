import { existsSync } from 'node:fs';
import { register } from 'node:module';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { InputError } from '../../scenario/errors.ts';
import { checkPolicy, isPolicyFile } from '../../policies/registry.ts';
import type { Policy } from '../../policies/types.ts';

let hooked = false;

/**
 * Lets user code load from any folder (userCodeHooks.mjs): once per thread, after tsx, so these
 * hooks see a module first. Code run from the TypeScript sources already has tsx's loader; the
 * JavaScript build registers it here.
 */
async function hookUserCode(): Promise<void> {
  if (hooked) return;
  hooked = true;
  const fromSources = import.meta.url.endsWith('.ts');
  if (!fromSources) (await import('tsx/esm/api')).register();
  // The hooks file stays in the source tree (the build in lib/ compiles .ts files only).
  register(new URL(fromSources ? './userCodeHooks.mjs' : '../../../../sim/node/cli/userCodeHooks.mjs', import.meta.url), { data: { fromSources } });
}

/** The first line of an error, without the noise of a loader's stack. */
const firstLine = (err: unknown) => (err instanceof Error ? err.message : String(err)).split('\n')[0]!;

/**
 * Loads a user's policy module (`export default` a Policy, or `export const policy`) from any
 * folder, whatever its package.json says or if it has none; it may import gridgov's API as
 * `gridgov` and `gridgov/policy`.
 */
export async function loadPolicyFile(file: string): Promise<Policy> {
  if (!isPolicyFile(file)) throw new InputError(file, [{ path: '', expected: 'a policy module ending in .ts, .js or .mjs' }]);
  const abs = resolve(file);
  if (!existsSync(abs)) throw new InputError(file, [{ path: '', expected: 'an existing policy file (no such file)' }]);
  await hookUserCode();
  let mod: Record<string, unknown>;
  try {
    mod = (await import(`${pathToFileURL(abs).href}?gridgov-user`)) as Record<string, unknown>;
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    const cause =
      e?.code === 'ERR_MODULE_NOT_FOUND' || e?.code === 'ERR_PACKAGE_PATH_NOT_EXPORTED'
        ? `it imports something that cannot be found: ${firstLine(err)}`
        : err instanceof SyntaxError
          ? `it does not compile: ${firstLine(err)}`
          : `it failed while loading: ${firstLine(err)}`;
    throw new InputError(file, [{ path: '', expected: `a policy module that loads (${cause})` }]);
  }
  return checkPolicy(mod.default ?? mod.policy, file);
}

/** A built-in name passes through; a path is loaded. */
export async function policyOption(name: string): Promise<{ name: string; policy?: Policy; file?: string }> {
  if (!isPolicyFile(name)) return { name };
  const policy = await loadPolicyFile(name);
  return { name: policy.name, policy, file: resolve(name) };
}
