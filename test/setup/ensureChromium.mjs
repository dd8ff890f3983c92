#!/usr/bin/env node
// pretest: the browser tests drive Debian's Chromium through playwright-core (no browser
// download is possible here). If it is missing, install it when we can (root with apt-get),
// otherwise stop and say how.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const CHROMIUM = process.env.GRIDGOV_CHROMIUM ?? '/usr/bin/chromium';

if (existsSync(CHROMIUM)) process.exit(0);

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const hasApt = spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;
if (isRoot && hasApt) {
  process.stderr.write(`pretest: ${CHROMIUM} not found; installing Debian's chromium with apt-get…\n`);
  try {
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    execFileSync('apt-get', ['install', '-y', '-qq', 'chromium'], { stdio: 'inherit', env });
  } catch {
    process.stderr.write('pretest: apt-get could not install chromium; install it by hand (sudo apt-get install chromium) and rerun npm test\n');
    process.exit(1);
  }
  if (existsSync(CHROMIUM)) process.exit(0);
}
process.stderr.write(
  `pretest: the browser tests need Chromium at ${CHROMIUM}.\n` +
    '  On Debian/Ubuntu: sudo apt-get update && sudo apt-get install -y chromium\n' +
    '  Elsewhere: install Chromium and set GRIDGOV_CHROMIUM=/path/to/chromium\n',
);
process.exit(1);
