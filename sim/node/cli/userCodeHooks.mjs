// Module hooks for a user's own code (a policy file) kept in any folder (see policyFile.ts):
// - `gridgov` and `gridgov/…` resolve to this package, as its `exports` say, wherever the
//   importing file sits (a folder with no node_modules of its own);
// - a TypeScript file outside node_modules loads as an ES module whatever the nearest
//   package.json says, or when there is none (Node would take it for CommonJS, and requiring
//   gridgov's ES modules from it fails), and so does the policy file itself (`?gridgov-user`).
const PACKAGE = new URL('../../../package.json', import.meta.url).href;
const TS = /\.(ts|mts|tsx)$/;
// When the CLI runs from the TypeScript sources, user code gets the same modules (one copy of
// gridgov in the process); from the build, the package's exports (lib/) as they say.
const SOURCES = { gridgov: '../../index.ts', 'gridgov/policy': '../../policies/types.ts', 'gridgov/node': '../index.ts' };
let fromSources = false;

export function initialize(data) {
  fromSources = Boolean(data?.fromSources);
}

export async function resolve(specifier, context, next) {
  if (fromSources && specifier in SOURCES) return next(new URL(SOURCES[specifier], import.meta.url).href, context);
  if (specifier === 'gridgov' || specifier.startsWith('gridgov/')) return next(specifier, { ...context, parentURL: PACKAGE });
  return next(specifier, context);
}

export async function load(url, context, next) {
  if (url.startsWith('file:') && !url.includes('/node_modules/')) {
    const path = url.split('?')[0];
    if (TS.test(path) || url.endsWith('?gridgov-user')) return next(url, { ...context, format: 'module' });
  }
  return next(url, context);
}
