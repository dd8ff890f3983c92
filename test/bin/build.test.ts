import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain .mjs helper of bin/, no types
import { libIsCurrent, newestInput, ROOT, STAMP } from '../../bin/libBuild.mjs';

const node = (args: string[]) => execFileSync(process.execPath, args, { cwd: ROOT as string, encoding: 'utf8' });
const version = (JSON.parse(readFileSync(join(ROOT as string, 'package.json'), 'utf8')) as { version: string }).version;

describe('the JavaScript build in lib/', () => {
  it('is current, or `prepare` (bin/buildLib.mjs) builds it and stamps it current', () => {
    if (!libIsCurrent()) node([join(ROOT as string, 'bin/buildLib.mjs')]);
    expect(libIsCurrent()).toBe(true);
    expect(Number(readFileSync(STAMP as string, 'utf8'))).toBeGreaterThanOrEqual(newestInput() as number);
  }, 300_000);

  it('runs the CLI without tsx', () => {
    expect(node([join(ROOT as string, 'lib/sim/node/cli/main.js'), '--version']).trim()).toBe(version);
  });

  it('serves the package exports a policy file imports: gridgov, gridgov/node, gridgov/policy', () => {
    const out = node([
      '--input-type=module',
      '-e',
      "const core = await import('gridgov'); const n = await import('gridgov/node'); await import('gridgov/policy'); console.log(typeof core.simulate, typeof n.runToFolder, typeof core.BUILTIN_POLICIES);",
    ]);
    expect(out.trim()).toBe('function function object');
  });
});
