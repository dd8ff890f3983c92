#!/usr/bin/env node
// Builds lib/ (tsc -p tsconfig.build.json) and stamps it with the time the build started, so a
// source edited during the build leaves it stale (bin/libBuild.mjs). Run by `prepare` at npm ci.
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { ROOT, STAMP } from './libBuild.mjs';

const startedAt = Date.now();
rmSync(STAMP, { force: true });
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const r = spawnSync(process.execPath, [tsc, '-p', join(ROOT, 'tsconfig.build.json')], { stdio: 'inherit', cwd: ROOT });
if (r.status !== 0) {
  process.stderr.write('gridgov: building lib/ failed; the CLI will run the TypeScript sources through tsx\n');
  process.exit(r.status ?? 1);
}
mkdirSync(join(ROOT, 'lib'), { recursive: true });
writeFileSync(STAMP, String(startedAt));
