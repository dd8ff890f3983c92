import type { RunReply, RunRequest } from './simWorker.ts';

/** Runs scenarios in a dedicated worker; one promise per request. */
export class SimWorkerClient {
  private readonly worker = new Worker(new URL('./simWorker.ts', import.meta.url), { type: 'module' });
  private nextId = 1;
  private readonly pending = new Map<number, (r: RunReply) => void>();

  constructor() {
    this.worker.onmessage = (e: MessageEvent<RunReply>) => {
      const done = this.pending.get(e.data.id);
      this.pending.delete(e.data.id);
      done?.(e.data);
    };
  }

  run(req: Omit<RunRequest, 'id'>): Promise<RunReply> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      this.worker.postMessage({ ...req, id });
    });
  }
}
