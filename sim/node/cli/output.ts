import { stableJson } from '../../run/stableJson.ts';

// What a command prints, by the conventions of command-line tools: the result on stdout (a
// human table, or with --json the result document and nothing else), progress and warnings on
// stderr, every message prefixed `gridgov:`; -q leaves errors only.

const mode = { quiet: false, json: false };

/** Set once per command from its -q and --json flags (main.ts, before the action). */
export function setOutputMode(m: { quiet?: boolean; json?: boolean }): void {
  mode.quiet = Boolean(m.quiet);
  mode.json = Boolean(m.json);
}

/** A warning on stderr, unless -q. */
export function warn(text: string): void {
  if (!mode.quiet) process.stderr.write(`gridgov: warning: ${text}\n`);
}

/** An error on stderr, always. */
export function fail(text: string): void {
  process.stderr.write(`gridgov: ${text}\n`);
}

/** With --json: the command's result document on stdout (the only thing written there). */
export function emitResult(doc: unknown): void {
  if (mode.json) process.stdout.write(stableJson(doc));
}
