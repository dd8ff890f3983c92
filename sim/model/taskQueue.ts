/**
 * A unit's queue: priority first (0 is served first), then arrival order. Each priority level is
 * an intrusive doubly linked list, so push, pop and removing an arbitrary entry (a case that
 * escalates away or times out) are all O(1) (pop is O(levels)). simjs's Facility queue uses
 * Array.shift and corrupts its statistics on early removal, hence this.
 */
export interface QueueEntry<T> {
  readonly item: T;
  readonly priority: number;
  readonly enqueuedAt: number;
  prev: QueueEntry<T> | null;
  next: QueueEntry<T> | null;
  queued: boolean;
}

export class TaskQueue<T> {
  private readonly heads: (QueueEntry<T> | null)[];
  private readonly tails: (QueueEntry<T> | null)[];
  private count = 0;

  constructor(readonly levels: number) {
    this.heads = Array(levels).fill(null);
    this.tails = Array(levels).fill(null);
  }

  get size(): number {
    return this.count;
  }

  push(item: T, priority: number, enqueuedAt: number): QueueEntry<T> {
    if (!(priority >= 0 && priority < this.levels && Number.isInteger(priority))) {
      throw new RangeError(`TaskQueue: priority ${priority} outside 0..${this.levels - 1}`);
    }
    const entry: QueueEntry<T> = { item, priority, enqueuedAt, prev: this.tails[priority]!, next: null, queued: true };
    if (entry.prev) entry.prev.next = entry;
    else this.heads[priority] = entry;
    this.tails[priority] = entry;
    this.count++;
    return entry;
  }

  /** The first entry of the highest priority, without removing it. */
  peek(): QueueEntry<T> | null {
    for (let p = 0; p < this.levels; p++) {
      const h = this.heads[p];
      if (h) return h;
    }
    return null;
  }

  pop(): QueueEntry<T> | null {
    const e = this.peek();
    if (e) this.remove(e);
    return e;
  }

  /** Removes an entry that is still queued; a no-op for one already removed. */
  remove(entry: QueueEntry<T>): void {
    if (!entry.queued) return;
    const p = entry.priority;
    if (entry.prev) entry.prev.next = entry.next;
    else this.heads[p] = entry.next;
    if (entry.next) entry.next.prev = entry.prev;
    else this.tails[p] = entry.prev;
    entry.prev = entry.next = null;
    entry.queued = false;
    this.count--;
  }

  /** Entries in service order (for tests and snapshots; O(n)). */
  toArray(): T[] {
    const out: T[] = [];
    for (let p = 0; p < this.levels; p++) {
      for (let e = this.heads[p] ?? null; e; e = e.next) out.push(e.item);
    }
    return out;
  }
}
