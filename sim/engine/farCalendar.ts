/**
 * A timer due beyond the clock's near window, waiting in the far calendar. Also the handle the
 * caller gets back: once its bucket comes due it carries the simjs request it became (`request`).
 */
export class FarTimer<R = unknown> {
  /** Index in its bucket's array while it waits (-1 once taken or cancelled). */
  slot = -1;
  /** The simjs request it became when its bucket came due; null while it waits. */
  request: R | null = null;
  cancelled = false;

  constructor(
    /** Absolute due time, hours. */
    readonly at: number,
    /** Scheduling order among far timers: ties at one time keep this order. */
    readonly seq: number,
    public fn: (() => void) | null,
    /** The bucket it waits in: floor(at / width). */
    readonly bucket: number,
  ) {}
}

interface Bucket<R> {
  timers: FarTimer<R>[];
  /** A cancellation moved a timer out of scheduling order (swap-remove): sort by seq on take. */
  shuffled: boolean;
}

/**
 * A calendar of time buckets in front of simjs's heap (one level of a timing wheel whose buckets
 * are created only when something falls in them): timers due far ahead wait in the bucket of
 * width `widthHours` holding their due time, and only the next non-empty bucket is handed to the
 * heap when its time comes, so the heap holds one bucket's worth of timers rather than every
 * pending one. Bucket numbers are kept in a small binary min-heap of plain numbers.
 *
 * Order: `take` returns a bucket's timers in the order they were scheduled (`seq`). Fed to simjs
 * in that order, simjs's own tie rule (same time → insertion order) gives exactly the order
 * simjs alone would have given: see Clock.
 *
 * Memory: a cancelled timer leaves its bucket at once (swap-remove, O(1)); an emptied bucket is
 * deleted at once; its number may linger in the number heap until popped (8 bytes).
 */
export class FarCalendar<R = unknown> {
  private readonly buckets = new Map<number, Bucket<R>>();
  private readonly keys: number[] = [];
  private live = 0;

  constructor(readonly widthHours: number) {
    if (!(widthHours > 0) || !Number.isFinite(widthHours)) {
      throw new RangeError(`FarCalendar: bucket width must be a finite number > 0, got ${widthHours}`);
    }
  }

  /** The bucket number of a time: monotone in `atHours` (floor of a positive multiple). */
  bucketOf(atHours: number): number {
    return Math.floor(atHours / this.widthHours);
  }

  /** Timers waiting (cancelled ones excluded). */
  get size(): number {
    return this.live;
  }

  /** Non-empty buckets. */
  get bucketCount(): number {
    return this.buckets.size;
  }

  add(timer: FarTimer<R>): void {
    let b = this.buckets.get(timer.bucket);
    if (b === undefined) {
      b = { timers: [], shuffled: false };
      this.buckets.set(timer.bucket, b);
      pushKey(this.keys, timer.bucket);
    }
    timer.slot = b.timers.length;
    b.timers.push(timer);
    this.live++;
  }

  /** Removes a waiting timer (no-op if it already left). */
  remove(timer: FarTimer<R>): void {
    if (timer.slot < 0) return;
    const b = this.buckets.get(timer.bucket)!;
    const last = b.timers.pop()!;
    if (last !== timer) {
      b.timers[timer.slot] = last;
      last.slot = timer.slot;
      b.shuffled = true;
    }
    timer.slot = -1;
    this.live--;
    if (b.timers.length === 0) this.buckets.delete(timer.bucket);
  }

  /** Number of the earliest non-empty bucket, or Infinity. */
  nextBucket(): number {
    const keys = this.keys;
    while (keys.length > 0) {
      const k = keys[0]!;
      if (this.buckets.has(k)) return k;
      popKey(keys); // emptied by cancellations, or a duplicate number
    }
    return Infinity;
  }

  /** Removes the earliest non-empty bucket and returns its timers in scheduling order. */
  takeNext(): FarTimer<R>[] {
    const k = this.nextBucket();
    if (k === Infinity) return [];
    popKey(this.keys);
    const b = this.buckets.get(k)!;
    this.buckets.delete(k);
    const timers = b.timers;
    if (b.shuffled) timers.sort((x, y) => x.seq - y.seq);
    for (const t of timers) t.slot = -1;
    this.live -= timers.length;
    return timers;
  }
}

function pushKey(a: number[], k: number): void {
  let i = a.length;
  a.push(k);
  while (i > 0) {
    const p = (i - 1) >> 1;
    if (a[p]! <= k) break;
    a[i] = a[p]!;
    i = p;
  }
  a[i] = k;
}

function popKey(a: number[]): void {
  const last = a.pop()!;
  const n = a.length;
  if (n === 0) return;
  let i = 0;
  for (;;) {
    const l = 2 * i + 1;
    if (l >= n) break;
    const r = l + 1;
    const c = r < n && a[r]! < a[l]! ? r : l;
    if (a[c]! >= last) break;
    a[i] = a[c]!;
    i = c;
  }
  a[i] = last;
}
