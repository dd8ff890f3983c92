// Whether lib/ (the CLI and library built to JavaScript by `npm run build:lib`) is current: its
// stamp records when the build started, and no source it was built from may be newer. A stale or
// missing build is never used (the sources run through tsx instead), so an edited tree always
// runs what it says.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const STAMP = join(ROOT, 'lib', 'BUILT');
/** What the build reads: the sources, the JSON they import, and the compiler settings. */
const INPUT_DIRS = ['sim', 'scenarios/validation'];
const INPUT_FILES = ['tsconfig.json', 'tsconfig.build.json', 'package.json'];

function newestMtime(dir, newest) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = newestMtime(path, newest);
    else if (/\.(ts|mts|json)$/.test(entry.name)) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

/** The newest modification time of any build input, ms since the epoch. */
export function newestInput() {
  let newest = 0;
  for (const d of INPUT_DIRS) if (existsSync(join(ROOT, d))) newest = newestMtime(join(ROOT, d), newest);
  for (const f of INPUT_FILES) if (existsSync(join(ROOT, f))) newest = Math.max(newest, statSync(join(ROOT, f)).mtimeMs);
  return newest;
}

/** True when lib/ exists, its build finished, and no input changed since that build began. */
export function libIsCurrent() {
  if (process.env.GRIDGOV_TS === '1') return false; // force the TypeScript sources (development, profiling)
  if (!existsSync(STAMP)) return false;
  const builtAt = Number(readFileSync(STAMP, 'utf8'));
  return Number.isFinite(builtAt) && newestInput() <= builtAt;
}
