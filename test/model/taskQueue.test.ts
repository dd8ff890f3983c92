import { describe, expect, it } from 'vitest';
import { TaskQueue } from '../../sim/model/taskQueue.ts';

describe('TaskQueue', () => {
  it('serves by priority, then arrival order', () => {
    const q = new TaskQueue<string>(3);
    q.push('a2', 2, 0);
    q.push('b0', 0, 1);
    q.push('c2', 2, 2);
    q.push('d1', 1, 3);
    q.push('e0', 0, 4);
    expect(q.toArray()).toEqual(['b0', 'e0', 'd1', 'a2', 'c2']);
    const out: string[] = [];
    while (q.size > 0) out.push(q.pop()!.item);
    expect(out).toEqual(['b0', 'e0', 'd1', 'a2', 'c2']);
    expect(q.pop()).toBeNull();
  });

  it('removes any entry in O(1) and keeps the rest in order', () => {
    const q = new TaskQueue<number>(2);
    const entries = Array.from({ length: 6 }, (_, i) => q.push(i, i % 2, i));
    q.remove(entries[0]!); // a head
    q.remove(entries[3]!); // a middle/tail
    q.remove(entries[5]!); // a tail
    q.remove(entries[5]!); // twice is a no-op
    expect(q.size).toBe(3);
    expect(q.toArray()).toEqual([2, 4, 1]);
    q.push(9, 1, 7);
    expect(q.toArray()).toEqual([2, 4, 1, 9]);
  });

  it('stays linear with 200k entries and removals', () => {
    const q = new TaskQueue<number>(4);
    const entries = [];
    for (let i = 0; i < 200_000; i++) entries.push(q.push(i, i % 4, i));
    for (let i = 0; i < 200_000; i += 2) q.remove(entries[i]!);
    expect(q.size).toBe(100_000);
    expect(q.peek()!.item).toBe(1);
  });

  it('rejects a priority outside its levels', () => {
    const q = new TaskQueue<number>(2);
    expect(() => q.push(1, 2, 0)).toThrow(RangeError);
    expect(() => q.push(1, 0.5, 0)).toThrow(RangeError);
  });
});
