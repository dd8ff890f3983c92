#!/usr/bin/env node
// The `gridgov` command: registers tsx's loader so the TypeScript sources run as they are.
import { register } from 'tsx/esm/api';

register();
await import('../sim/node/cli/main.ts');
