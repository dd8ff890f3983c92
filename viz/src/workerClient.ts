import type { RunReply, RunRequest } from './simWorker.ts';

type Done = Extract<RunReply, { kind: 'done' }>;
type Progress = Exclude<RunReply, { kind: 'done' }>;

let live = 0;
/** Workers running now (the playground's cancel must bring this to 0). */
export const liveWorkers = () => live;

/** Runs scenarios in a dedicated worker; one promise per request, progress messages on the way. */
export class SimWorkerClient {
  private readonly worker = new Worker(new URL('./simWorker.ts', import.meta.url), { type: 'module' });
  private nextId = 1;
  private readonly pending = new Map<number, { done: (r: Done) => void; progress?: (r: Progress) => void }>();
  terminated = false;

  constructor() {
    live++;
    this.worker.onmessage = (e: MessageEvent<RunReply>) => {
      const p = this.pending.get(e.data.id);
      if (!p) return;
      if (e.data.kind === 'done') {
        this.pending.delete(e.data.id);
        p.done(e.data);
      } else p.progress?.(e.data);
    };
  }

  run(req: Omit<RunRequest, 'id'>, progress?: (r: Progress) => void): Promise<Done> {
    const id = this.nextId++;
    if (this.terminated) return Promise.resolve({ id, kind: 'done', ok: false, error: 'cancelled', input: false });
    return new Promise((resolve) => {
      this.pending.set(id, { done: resolve, progress });
      this.worker.postMessage({ ...req, id });
    });
  }

  /** Stops the worker at once; runs in flight end as "cancelled". */
  terminate(): void {
    if (this.terminated) return;
    this.terminated = true;
    live--;
    this.worker.terminate();
    for (const [id, p] of this.pending) p.done({ id, kind: 'done', ok: false, error: 'cancelled', input: false });
    this.pending.clear();
  }
}
