// Entry of every pool thread (piscina loads it): registers tsx so the TypeScript sources load as
// they are, then hands piscina the `runTask` of the module named in workerData.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const mod = await import(workerData.module);

export const runTask = mod.runTask;
