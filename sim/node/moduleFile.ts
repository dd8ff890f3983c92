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
