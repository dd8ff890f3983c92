import { loadSimjs, type SimjsEntity, type SimjsSim } from '../../engine/loadSimjs.ts';

export interface FloorResult {
  /** Timers kept in the heap while the loop runs. */
  depth: number;
  events: number;
  seconds: number;
  eventsPerSecond: number;
  microsecondsPerEvent: number;
}

/**
 * The engine alone: bare simjs timers (`setTimer(d).done(fn)`, as gridgov's Clock uses them)
 * looping with pseudo-random delays, `depth` of them pending at any time, delivered by simjs's
 * own heap. Nothing else runs, so this is the floor of any model's cost per event. The cost
 * grows with the depth of the heap (a binary heap of objects: log depth and cache misses), so
 * it is measured at the depth a scenario run actually had.
 */
export async function engineFloor(depth: number, events = 2_000_000): Promise<FloorResult> {
  const { Sim, Entity } = await loadSimjs();
  const sim = new Sim();
  class Looper extends (Entity as unknown as new (sim: SimjsSim, name: string) => object) {
    start(): void {}
  }
  const entity = sim.addEntity(Looper, 'floor') as SimjsEntity;
  let delivered = 0;
  let x = 12345;
  const tick = () => {
    delivered++;
    x = (x * 16807) % 2147483647; // Park–Miller: deterministic, no Math.random
    if (delivered + depth <= events) entity.setTimer((x / 2147483647) * depth).done(tick);
  };
  for (let i = 0; i < depth; i++) entity.setTimer(i).done(tick);
  const heap = sim.queue;
  const started = performance.now();
  while (heap.data.length > 0) {
    const ro = heap.remove()!;
    sim.simTime = ro.deliverAt;
    ro.deliver();
  }
  const seconds = (performance.now() - started) / 1000;
  return { depth, events: delivered, seconds, eventsPerSecond: delivered / seconds, microsecondsPerEvent: (seconds * 1e6) / delivered };
}
