/**
 * The URL of a module next to `base` (an `import.meta.url`), in the form the caller itself runs
 * as: `.js` when it runs from the build in lib/, `.ts` when it runs from the sources through tsx.
 * Worker threads and child processes are started from such URLs, which no compiler rewrites.
 */
export function siblingModule(relative: string, base: string): string {
  const ext = base.endsWith('.js') ? '.js' : '.ts';
  return new URL(`${relative}${ext}`, base).href;
}

/** True when this code runs from the JavaScript build (lib/), not from the TypeScript sources. */
export function runsBuilt(base: string): boolean {
  return base.endsWith('.js');
}

/**
 * Imports a user's module (a policy file). From the built lib/ no TypeScript loader is registered
 * (registering one globally would transform every module again), so a `.ts`/`.mts` file is
 * imported through a tsx loader scoped to that import and what it imports; everything else, and
 * everything when running from the sources under tsx, is a plain import.
 */
let scopedTsx: Promise<{ import: (specifier: string, parent: string) => Promise<unknown> }> | undefined;

export async function importUserModule(url: string): Promise<Record<string, unknown>> {
  if (runsBuilt(import.meta.url) && /\.m?ts$/.test(new URL(url).pathname)) {
    scopedTsx ??= import('tsx/esm/api').then(({ register }) => register({ namespace: 'gridgov-user-module' }));
    return (await (await scopedTsx).import(url, import.meta.url)) as Record<string, unknown>;
  }
  return (await import(url)) as Record<string, unknown>;
}
