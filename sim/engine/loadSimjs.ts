// simjs 2.0.3 is a browserify bundle that only assigns `window.Sim`, and only when a `window`
// exists (see shared/NOTES-simjs.md). This loader gives it a temporary `window`, imports it once,
// takes the namespace and removes the temporary global again, so no `window`/`Sim` is left
// behind for other libraries to trip over. The result is cached on globalThis under a symbol,
// so a second evaluation of this module (vi.resetModules, several Vite chunks) reuses it.

export interface SimjsRequest {
  deliverAt: number;
  cancelled: boolean;
  done(fn: () => void, ctx?: unknown): SimjsRequest;
  cancel(): void;
  deliver(): void;
}
export interface SimjsHeap {
  data: SimjsRequest[];
  insert(ro: SimjsRequest): void;
  remove(): SimjsRequest | null;
}
export interface SimjsSim {
  simTime: number;
  queue: SimjsHeap;
  time(): number;
  addEntity(klass: unknown, name: string, ...args: unknown[]): SimjsEntity;
}
export interface SimjsEntity {
  sim: SimjsSim;
  setTimer(duration: number): SimjsRequest;
}
export interface SimjsNamespace {
  Sim: new () => SimjsSim;
  /** simjs's timer request; the Clock builds it directly (what `Entity.setTimer` does, minus its argument checks). */
  Request: new (entity: SimjsEntity, scheduledAt: number, deliverAt: number) => SimjsRequest & { callbacks: unknown[][] };
  Entity: new (sim: SimjsSim, name: string) => SimjsEntity;
  /** simjs's own Event and Buffer, renamed so they never shadow the DOM's Event or Node's Buffer. */
  SimEvent: unknown;
  SimBuffer: unknown;
}

const CACHE_KEY = Symbol.for('gridgov.simjs');
type GlobalWithCache = { [CACHE_KEY]?: SimjsNamespace; window?: unknown };

export async function loadSimjs(): Promise<SimjsNamespace> {
  const g = globalThis as unknown as GlobalWithCache;
  const cached = g[CACHE_KEY];
  if (cached) return cached;
  const hadWindow = Object.prototype.hasOwnProperty.call(g, 'window');
  const previousWindow = g.window;
  const temporary: Record<string, unknown> = {};
  // In a real browser `window` exists and is not writable; the bundle then writes window.Sim.
  if (!hadWindow) g.window = temporary;
  try {
    await import('simjs');
    const host = (hadWindow ? previousWindow : temporary) as Record<string, unknown>;
    const raw = host.Sim as Record<string, unknown> | undefined;
    if (!raw || typeof raw.Sim !== 'function') {
      throw new Error('simjs did not register window.Sim; is simjs@2.0.3 installed?');
    }
    const ns: SimjsNamespace = {
      Sim: raw.Sim as SimjsNamespace['Sim'],
      Entity: raw.Entity as SimjsNamespace['Entity'],
      Request: raw.Request as SimjsNamespace['Request'],
      SimEvent: raw.Event,
      SimBuffer: raw.Buffer,
    };
    if (hadWindow) delete (previousWindow as Record<string, unknown>).Sim;
    Object.defineProperty(g, CACHE_KEY, { value: ns, enumerable: false, configurable: true });
    return ns;
  } finally {
    if (!hadWindow) delete g.window;
  }
}

/** The namespace once loadSimjs() has resolved; throws if called before. */
export function simjsLoaded(): SimjsNamespace {
  const ns = (globalThis as unknown as GlobalWithCache)[CACHE_KEY];
  if (!ns) throw new Error('simjs not loaded: await loadSimjs() first');
  return ns;
}
