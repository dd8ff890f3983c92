import { readFileSync } from 'node:fs';
import { runsBuilt } from '../moduleFile.ts';

// package.json is three folders up from the sources (sim/node/cli), four from the build (lib/sim/node/cli).
const PACKAGE_JSON = new URL(runsBuilt(import.meta.url) ? '../../../../package.json' : '../../../package.json', import.meta.url);

/** The package version, read from package.json at the root of the package. */
export const VERSION: string = (JSON.parse(readFileSync(PACKAGE_JSON, 'utf8')) as { version: string }).version;
