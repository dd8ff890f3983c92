import { simjsLoaded, type SimjsEntity, type SimjsRequest, type SimjsSim } from './loadSimjs.ts';

/** A scheduled callback; pass it to `cancel`. */
export type TimerHandle = SimjsRequest;

/**
 * The simulator's clock: simjs's event heap and timers behind a small interface.
 * simjs's own `simulate()` drops the first event past its end time and `step()` can run past a
 * horizon, so `runUntil` drives the heap itself: it peeks the top and stops before any event
 * later than the limit, which leaves that event in place for the next call.
 * Time is in hours.
 */
export class Clock {
  private readonly sim: SimjsSim;
  private readonly entity: SimjsEntity;
  private delivered = 0;
  // Heap depth sampled every 4096 events: the engine's cost per event grows with it (benchmarks).
  private depthSum = 0;
  private depthSamples = 0;

  constructor() {
    const { Sim, Entity } = simjsLoaded();
    this.sim = new Sim();
    // addEntity calls start(); a plain subclass with an empty start is enough for timers.
    class ClockEntity extends (Entity as unknown as new (sim: SimjsSim, name: string) => object) {
      start(): void {}
    }
    this.entity = this.sim.addEntity(ClockEntity, 'gridgov-clock');
  }

  now(): number {
    return this.sim.simTime;
  }

  /** Runs `fn` after `delayHours` (>= 0). Events at the same time run in the order scheduled. */
  schedule(delayHours: number, fn: () => void): TimerHandle {
    if (!(delayHours >= 0) || delayHours === Infinity) {
      throw new RangeError(`Clock.schedule: delay must be a finite number >= 0, got ${delayHours}`);
    }
    return this.entity.setTimer(delayHours).done(fn);
  }

  /** Runs `fn` at absolute time `atHours` (>= now). */
  scheduleAt(atHours: number, fn: () => void): TimerHandle {
    return this.schedule(atHours - this.sim.simTime, fn);
  }

  cancel(handle: TimerHandle): void {
    handle.cancel();
  }

  /** Time of the next live event, or Infinity. Drops cancelled events found at the top. */
  peek(): number {
    const heap = this.sim.queue;
    while (heap.data.length > 0) {
      const top = heap.data[0]!;
      if (!top.cancelled) return top.deliverAt;
      heap.remove();
    }
    return Infinity;
  }

  /**
   * Delivers every event with time <= `untilHours`, then sets the clock to `untilHours`
   * (events later than it stay queued). Can be called again to resume.
   */
  runUntil(untilHours: number): void {
    if (!(untilHours >= this.sim.simTime)) {
      throw new RangeError(`Clock.runUntil: ${untilHours} is before now (${this.sim.simTime})`);
    }
    const heap = this.sim.queue;
    for (;;) {
      const t = this.peek();
      if (t > untilHours) break;
      const ro = heap.remove()!;
      this.sim.simTime = ro.deliverAt;
      if ((++this.delivered & 4095) === 0) {
        this.depthSum += heap.data.length;
        this.depthSamples++;
      }
      ro.deliver();
    }
    this.sim.simTime = untilHours;
  }

  /** Events delivered so far (cancelled ones not counted). */
  get eventsDelivered(): number {
    return this.delivered;
  }

  /** Mean number of events in the heap, sampled every 4096 deliveries (0 before the first sample). */
  get meanPending(): number {
    return this.depthSamples === 0 ? 0 : this.depthSum / this.depthSamples;
  }

  /** Events still in the heap, cancelled ones included until they reach the top. */
  get pending(): number {
    return this.sim.queue.data.length;
  }
}
