#!/usr/bin/env node
// The `gridgov` command: the CLI built to JavaScript in lib/ when that build is current (no
// TypeScript transform at start), the TypeScript sources through tsx otherwise.
import { libIsCurrent } from './libBuild.mjs';

if (libIsCurrent()) {
  await import('../lib/sim/node/cli/main.js');
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../sim/node/cli/main.ts');
}
