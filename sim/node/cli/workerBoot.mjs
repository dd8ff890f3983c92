// Entry of a worker thread: registers tsx so the TypeScript sources load as they are, then loads
// the module named in workerData (a replication runner, a self-test case runner).
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.module);
