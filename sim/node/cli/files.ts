import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../../scenario/errors.ts';
import { inlineBoundaries } from '../boundaryFile.ts';
import { parseScenarioText } from '../../scenario/load.ts';
import type { Scenario } from '../../scenario/schema.ts';
import { checkWorldFits } from './worldSize.ts';
export { stableJson } from '../../run/stableJson.ts';

/** Reads, overrides (a named variant, then `--set`) and validates a scenario file. Throws InputError. */
export function loadScenarioFile(file: string, sets: readonly string[] = [], variant?: string): Scenario {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'a directory' : String(code ?? err);
    throw new InputError(file, [{ path: '', expected: `a readable scenario file (${why})` }]);
  }
  const scenario = inlineBoundaries(parseScenarioText(text, file, sets, variant), file);
  checkWorldFits(scenario, file); // refuse what cannot fit before anything is built
  return scenario;
}

/** Every writer writes through sim/node/io/atomicWrite.ts (temporary name, fsync, rename). */
export { AtomicFileSink as FileSink, writeFileAtomic } from '../io/atomicWrite.ts';

export function ensureDir(dir: string): void {
  if (existsSync(dir)) return;
  mkdirSync(dir, { recursive: true });
}

export { join };
