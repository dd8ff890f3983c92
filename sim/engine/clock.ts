import { FarCalendar, FarTimer } from './farCalendar.ts';
import { simjsLoaded, type SimjsEntity, type SimjsNamespace, type SimjsRequest, type SimjsSim } from './loadSimjs.ts';

/** A scheduled callback; pass it to `cancel`. */
export type TimerHandle = SimjsRequest | FarTimer<SimjsRequest>;

export interface ClockOptions {
  /**
   * Width of the far calendar's buckets, hours. Timers due in the current bucket go straight
   * into simjs's heap; later ones wait in the calendar until their bucket comes due.
   */
  bucketHours?: number;
}

/**
 * Runs a far timer's callback once its request is delivered, and lets go of the request: a far
 * timer has usually been promoted to V8's old generation by then, and an old object pointing at
 * the young request would keep it (and its callback arrays) alive through every young-generation
 * collection until the next full one (measured: 28% of the bytes promoted in the default run).
 */
function deliverFar(this: unknown, timer: FarTimer<SimjsRequest>): void {
  const fn = timer.fn!;
  timer.fn = null;
  timer.request = null;
  fn();
}

/** Chosen by measurement (docs/performance.md): the heap then holds about an hour of events. */
export const DEFAULT_BUCKET_HOURS = 1;

/**
 * The simulator's clock: simjs's event heap and timers behind a small interface, with a calendar
 * of time buckets in front of the heap (`FarCalendar`) so that the heap holds only the timers
 * due in the current bucket, not every pending one (240,000 in the megacity).
 *
 * Every event is still delivered by simjs (its request's `deliver`, popped from its heap).
 * Order: events run in time order; events at the same time run in the order they were
 * scheduled — the same sequence simjs alone gives. Why it holds: a timer's bucket is a monotone
 * function of its due time, the heap only ever holds buckets up to the current one and the
 * calendar only later ones, and a bucket's timers enter the heap in scheduling order before any
 * timer scheduled after that moment (which simjs then orders after them on a tie).
 *
 * simjs's own `simulate()` drops the first event past its end time and `step()` can run past a
 * horizon, so `runUntil` drives the heap itself: it peeks the top and stops before any event
 * later than the limit, which leaves that event in place for the next call.
 * Time is in hours.
 */
export class Clock {
  private readonly sim: SimjsSim;
  private readonly entity: SimjsEntity;
  private readonly Request: SimjsNamespace['Request'];
  private readonly far: FarCalendar<SimjsRequest>;
  /** The last bucket whose timers go straight into the heap. */
  private nearBucket: number;
  private farSeq = 0;
  private delivered = 0;
  // Heap depth sampled every 4096 events: the engine's cost per event grows with it (benchmarks).
  private depthSum = 0;
  private farSum = 0;
  private depthSamples = 0;
  private watchStep = Infinity;
  private watchNext = Infinity;
  private watcher: ((nowHours: number) => void) | null = null;

  constructor(options: ClockOptions = {}) {
    const { Sim, Entity, Request } = simjsLoaded();
    this.sim = new Sim();
    this.Request = Request;
    // addEntity calls start(); a plain subclass with an empty start is enough for timers.
    class ClockEntity extends (Entity as unknown as new (sim: SimjsSim, name: string) => object) {
      start(): void {}
    }
    this.entity = this.sim.addEntity(ClockEntity, 'gridgov-clock');
    this.far = new FarCalendar(options.bucketHours ?? DEFAULT_BUCKET_HOURS);
    this.nearBucket = this.far.bucketOf(0);
  }

  now(): number {
    return this.sim.simTime;
  }

  /** Runs `fn` after `delayHours` (>= 0). Events at the same time run in the order scheduled. */
  schedule(delayHours: number, fn: () => void): TimerHandle {
    if (!(delayHours >= 0) || delayHours === Infinity) {
      throw new RangeError(`Clock.schedule: delay must be a finite number >= 0, got ${delayHours}`);
    }
    // The same sum simjs's setTimer forms, so due times are bit-identical to simjs alone.
    const at = this.sim.simTime + delayHours;
    const bucket = this.far.bucketOf(at);
    if (bucket <= this.nearBucket) return this.enter(at, fn);
    const timer = new FarTimer<SimjsRequest>(at, this.farSeq++, fn, bucket);
    this.far.add(timer);
    return timer;
  }

  /** Runs `fn` at absolute time `atHours` (>= now). */
  scheduleAt(atHours: number, fn: () => void): TimerHandle {
    return this.schedule(atHours - this.sim.simTime, fn);
  }

  /** Cancels a pending timer; a far one leaves the calendar at once. No-op if already run. */
  cancel(handle: TimerHandle): void {
    if (handle instanceof FarTimer) {
      if (handle.cancelled) return;
      handle.cancelled = true;
      if (handle.request) handle.request.cancel();
      else this.far.remove(handle);
      handle.fn = null;
      return;
    }
    handle.cancel();
  }

  /**
   * Calls `fn(now)` whenever the clock passes a multiple of `everyHours` (progress reports).
   * It schedules nothing, so it changes no event and no output.
   */
  watch(everyHours: number, fn: (nowHours: number) => void): void {
    this.watchStep = everyHours;
    this.watchNext = (Math.floor(this.sim.simTime / everyHours) + 1) * everyHours;
    this.watcher = fn;
  }

  /** Time of the next live event, or Infinity. Drops cancelled events found at the top. */
  peek(): number {
    const heap = this.sim.queue;
    for (;;) {
      while (heap.data.length > 0) {
        const top = heap.data[0]!;
        if (!top.cancelled) return top.deliverAt;
        heap.remove();
      }
      if (!this.advance()) return Infinity;
    }
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
      if (ro.deliverAt >= this.watchNext) this.notifyWatcher();
      if ((++this.delivered & 4095) === 0) {
        this.depthSum += heap.data.length;
        this.farSum += this.far.size;
        this.depthSamples++;
      }
      ro.deliver();
    }
    this.sim.simTime = untilHours;
    if (untilHours >= this.watchNext) this.notifyWatcher();
  }

  /** Events delivered so far (cancelled ones not counted). */
  get eventsDelivered(): number {
    return this.delivered;
  }

  /** Mean number of events in simjs's heap, sampled every 4096 deliveries (0 before the first sample). */
  get meanPending(): number {
    return this.depthSamples === 0 ? 0 : this.depthSum / this.depthSamples;
  }

  /** Mean number of timers waiting in the far calendar, sampled with `meanPending`. */
  get meanFarPending(): number {
    return this.depthSamples === 0 ? 0 : this.farSum / this.depthSamples;
  }

  /** Events still queued: the heap's (cancelled ones included until they reach its top) and the calendar's. */
  get pending(): number {
    return this.sim.queue.data.length + this.far.size;
  }

  /** Timers waiting in the far calendar (cancelled ones are gone at once). */
  get farPending(): number {
    return this.far.size;
  }

  /** A simjs timer request due at exactly `at`, into simjs's heap (what setTimer(d).done(fn) builds). */
  private enter(at: number, fn: () => void): SimjsRequest {
    const ro = new this.Request(this.entity, this.sim.simTime, at);
    ro.callbacks.push([fn, undefined, undefined]);
    this.sim.queue.insert(ro);
    return ro;
  }

  /** Moves the next bucket of the calendar into the heap; false when the calendar is empty. */
  private advance(): boolean {
    const bucket = this.far.nextBucket();
    if (bucket === Infinity) return false;
    this.nearBucket = bucket;
    for (const timer of this.far.takeNext()) {
      const ro = new this.Request(this.entity, this.sim.simTime, timer.at);
      ro.callbacks.push([deliverFar, undefined, timer]);
      this.sim.queue.insert(ro);
      timer.request = ro;
    }
    return true;
  }

  private notifyWatcher(): void {
    const now = this.sim.simTime;
    this.watchNext = (Math.floor(now / this.watchStep) + 1) * this.watchStep;
    this.watcher?.(now);
  }
}
