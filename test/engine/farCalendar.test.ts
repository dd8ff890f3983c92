import { beforeAll, describe, expect, it } from 'vitest';
import { Clock } from '../../sim/engine/clock.ts';
import { FarCalendar, FarTimer } from '../../sim/engine/farCalendar.ts';
import { loadSimjs, simjsLoaded, type SimjsEntity, type SimjsRequest, type SimjsSim } from '../../sim/engine/loadSimjs.ts';

beforeAll(async () => {
  await loadSimjs();
});

/** The reference: simjs alone, timers as `setTimer(d).done(fn)`, run until a limit by peeking its heap. */
class BareSimjs {
  private readonly sim: SimjsSim;
  private readonly entity: SimjsEntity;
  constructor() {
    const { Sim, Entity } = simjsLoaded();
    this.sim = new Sim();
    class E extends (Entity as unknown as new (sim: SimjsSim, name: string) => object) {
      start(): void {}
    }
    this.entity = this.sim.addEntity(E, 'bare');
  }
  now(): number {
    return this.sim.simTime;
  }
  schedule(d: number, fn: () => void): SimjsRequest {
    return this.entity.setTimer(d).done(fn);
  }
  scheduleAt(at: number, fn: () => void): SimjsRequest {
    return this.schedule(at - this.sim.simTime, fn);
  }
  cancel(h: SimjsRequest): void {
    h.cancel();
  }
  runUntil(until: number): void {
    const heap = this.sim.queue;
    for (;;) {
      while (heap.data.length > 0 && heap.data[0]!.cancelled) heap.remove();
      if (heap.data.length === 0 || heap.data[0]!.deliverAt > until) break;
      const ro = heap.remove()!;
      this.sim.simTime = ro.deliverAt;
      ro.deliver();
    }
    this.sim.simTime = until;
  }
}

interface Engine {
  now(): number;
  schedule(d: number, fn: () => void): unknown;
  scheduleAt(at: number, fn: () => void): unknown;
  cancel(h: never): void;
  runUntil(t: number): void;
}

/**
 * A random workload: events that schedule 0–3 more (delays from 0 to 200 h, many on a coarse
 * lattice so that ties are frequent, some through scheduleAt), cancel random pending ones, and
 * runUntil steps of random length. Returns what was delivered, in order, with times.
 */
function workload(engine: Engine, seed: number, events: number): string[] {
  let x = seed;
  const rand = () => {
    x = (x * 16807) % 2147483647;
    return x / 2147483647;
  };
  const delay = () => {
    const u = rand();
    if (u < 0.15) return 0;
    if (u < 0.55) return Math.floor(rand() * 40) * 0.25; // lattice: ties
    if (u < 0.85) return rand() * 12;
    return rand() * 200; // far ahead: several buckets away
  };
  const seen: string[] = [];
  const pending = new Map<number, unknown>();
  let nextId = 0;
  const add = () => {
    const id = nextId++;
    const fn = () => {
      pending.delete(id);
      seen.push(`${id}@${engine.now()}`);
      if (nextId < events) {
        const k = Math.floor(rand() * 4);
        for (let i = 0; i < k; i++) add();
      }
      if (rand() < 0.2 && pending.size > 0) {
        const victims = [...pending.keys()];
        const v = victims[Math.floor(rand() * victims.length)]!;
        engine.cancel(pending.get(v) as never);
        pending.delete(v);
        seen.push(`x${v}`);
      }
    };
    const h = rand() < 0.2 ? engine.scheduleAt(engine.now() + delay(), fn) : engine.schedule(delay(), fn);
    pending.set(id, h);
  };
  for (let i = 0; i < 20; i++) add();
  let t = 0;
  while (pending.size > 0) {
    t += rand() < 0.3 ? 0 : rand() * 30;
    engine.runUntil(t);
    seen.push(`|${t}`);
  }
  return seen;
}

describe('Clock with its far calendar', () => {
  for (const bucketHours of [0.1, 1, 5.5, 48]) {
    it(`delivers exactly simjs's sequence under random schedules and cancellations (buckets of ${bucketHours} h)`, () => {
      for (const seed of [1, 7, 12345]) {
        const reference = workload(new BareSimjs(), seed, 4000);
        const clock = new Clock({ bucketHours });
        const ours = workload(clock, seed, 4000);
        expect(ours.length).toBe(reference.length);
        expect(ours).toEqual(reference);
        expect(clock.pending).toBe(0);
      }
    });
  }

  it('keeps scheduling order for ties across the near window and the calendar', () => {
    const clock = new Clock({ bucketHours: 1 });
    const seen: string[] = [];
    clock.schedule(10, () => seen.push('far-a')); // waits in the calendar
    clock.runUntil(9.5); // nothing due yet; bucket 9 not yet taken
    clock.schedule(0.5, () => seen.push('far-b')); // same time, scheduled later
    clock.schedule(0.2, () => clock.scheduleAt(10, () => seen.push('near-c'))); // bucket 9 taken by then
    clock.runUntil(20);
    expect(seen).toEqual(['far-a', 'far-b', 'near-c']);
  });

  it('resumes runUntil across bucket boundaries without losing an event', () => {
    const clock = new Clock({ bucketHours: 2 });
    const fired: number[] = [];
    const tick = () => {
      fired.push(clock.now());
      clock.schedule(1.5, tick);
    };
    clock.schedule(1.5, tick);
    // limits inside buckets, on boundaries, and jumps over several empty buckets
    for (const t of [1, 2, 2, 3.2, 4, 4.5, 7, 10, 10, 16.5]) clock.runUntil(t);
    expect(fired).toEqual([1.5, 3, 4.5, 6, 7.5, 9, 10.5, 12, 13.5, 15, 16.5]);
    expect(clock.peek()).toBe(18);
    expect(clock.eventsDelivered).toBe(11);
  });

  it('frees cancelled far timers at once', () => {
    const clock = new Clock({ bucketHours: 1 });
    const handles = Array.from({ length: 1000 }, (_, i) => clock.schedule(5 + i * 0.37, () => {}));
    expect(clock.farPending).toBe(1000);
    for (const h of handles) clock.cancel(h);
    expect(clock.farPending).toBe(0);
    expect(clock.pending).toBe(0);
    clock.cancel(handles[0]!); // twice: a no-op
    clock.runUntil(1000);
    expect(clock.eventsDelivered).toBe(0);
  });

  it('cancels a far timer after its bucket came due', () => {
    const clock = new Clock({ bucketHours: 1 });
    const seen: number[] = [];
    const h = clock.schedule(5.5, () => seen.push(1));
    clock.schedule(5.2, () => clock.cancel(h)); // same bucket: h is in the heap by then
    clock.runUntil(10);
    expect(seen).toEqual([]);
    expect(clock.eventsDelivered).toBe(1);
  });

  it('calls a watcher at each multiple of its step, without scheduling anything', () => {
    const clock = new Clock({ bucketHours: 1 });
    const marks: number[] = [];
    clock.watch(24, (now) => marks.push(now));
    const tick = () => clock.schedule(7, tick);
    clock.schedule(7, tick);
    clock.runUntil(100);
    expect(marks).toEqual([28, 49, 77, 98]); // the first event at or past 24, 48, 72, 96
    expect(clock.eventsDelivered).toBe(14);
  });
});

describe('FarCalendar', () => {
  it('returns buckets earliest first, timers in scheduling order even after cancellations', () => {
    const cal = new FarCalendar<null>(10);
    const ts = [35, 12, 31, 38, 15, 33].map((at, seq) => new FarTimer<null>(at, seq, () => {}, cal.bucketOf(at)));
    for (const t of ts) cal.add(t);
    expect(cal.size).toBe(6);
    expect(cal.bucketCount).toBe(2);
    cal.remove(ts[2]!); // swap-remove inside bucket 3
    expect(cal.nextBucket()).toBe(1);
    expect(cal.takeNext().map((t) => t.seq)).toEqual([1, 4]);
    expect(cal.takeNext().map((t) => t.seq)).toEqual([0, 3, 5]);
    expect(cal.nextBucket()).toBe(Infinity);
    expect(cal.size).toBe(0);
  });

  it('drops a bucket emptied by cancellations and skips its number', () => {
    const cal = new FarCalendar<null>(1);
    const a = new FarTimer<null>(3.5, 0, () => {}, cal.bucketOf(3.5));
    const b = new FarTimer<null>(7.5, 1, () => {}, cal.bucketOf(7.5));
    cal.add(a);
    cal.add(b);
    cal.remove(a);
    cal.remove(a);
    expect(cal.bucketCount).toBe(1);
    expect(cal.nextBucket()).toBe(7);
  });

  it('rejects a bucket width that is not a positive finite number', () => {
    expect(() => new FarCalendar(0)).toThrow(RangeError);
    expect(() => new FarCalendar(Infinity)).toThrow(RangeError);
  });
});
