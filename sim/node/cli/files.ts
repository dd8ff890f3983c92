import { closeSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, writeFileSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { InputError } from '../../scenario/errors.ts';
import { inlineBoundaries } from '../boundaryFile.ts';
import { parseScenarioText } from '../../scenario/load.ts';
import type { Scenario } from '../../scenario/schema.ts';
import type { TextSink } from '../../run/caseRows.ts';
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
  return inlineBoundaries(parseScenarioText(text, file, sets, variant), file);
}

/** Writes a file atomically: to a temporary name first, then renamed, so a crash leaves no half file. */
export function writeFileAtomic(path: string, content: string): number {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, content);
  renameSync(tmp, path);
  return Buffer.byteLength(content);
}

/** A buffered, synchronous file sink (deterministic, no event-loop turns); renamed into place on close. */
export class FileSink implements TextSink {
  private readonly fd: number;
  private readonly tmp: string;
  private pending: string[] = [];
  private pendingBytes = 0;
  bytes = 0;

  constructor(readonly path: string) {
    mkdirSync(dirname(path), { recursive: true });
    this.tmp = `${path}.tmp-${process.pid}`;
    this.fd = openSync(this.tmp, 'w');
  }

  write(text: string): void {
    this.pending.push(text);
    this.pendingBytes += text.length;
    if (this.pendingBytes > 1 << 20) this.flush();
  }

  private flush(): void {
    if (this.pending.length === 0) return;
    const buf = Buffer.from(this.pending.join(''));
    writeSync(this.fd, buf);
    this.bytes += buf.length;
    this.pending = [];
    this.pendingBytes = 0;
  }

  close(): void {
    this.flush();
    closeSync(this.fd);
    renameSync(this.tmp, this.path);
  }
}

export function ensureDir(dir: string): void {
  if (existsSync(dir)) return;
  mkdirSync(dir, { recursive: true });
}

export { join };
