import { beforeAll, describe, expect, it, vi } from 'vitest';
import { loadSimjs } from '../../sim/engine/loadSimjs.ts';
import { Clock } from '../../sim/engine/clock.ts';

beforeAll(async () => {
  await loadSimjs();
});

describe('loadSimjs', () => {
  it('leaves no window or Sim global behind and caches the namespace', async () => {
    const g = globalThis as Record<string, unknown>;
    expect('window' in g).toBe(false);
    expect('Sim' in g).toBe(false);
    const a = await loadSimjs();
    vi.resetModules();
    const again = await import('../../sim/engine/loadSimjs.ts');
    const b = await again.loadSimjs();
    expect(b).toBe(a);
    expect(typeof a.Sim).toBe('function');
    // simjs's Event/Buffer are exposed only under other names
    expect(globalThis.Buffer).toBe(Buffer);
  });
});

describe('Clock', () => {
  it('delivers events in time order, ties in insertion order', () => {
    const clock = new Clock();
    const seen: string[] = [];
    clock.schedule(2, () => seen.push('b@2'));
    clock.schedule(1, () => seen.push('a@1'));
    clock.schedule(2, () => seen.push('c@2'));
    clock.schedule(0, () => seen.push('z@0'));
    clock.schedule(1, () => seen.push('d@1'));
    clock.runUntil(10);
    expect(seen).toEqual(['z@0', 'a@1', 'd@1', 'b@2', 'c@2']);
    expect(clock.now()).toBe(10);
  });

  it('resumes across several runUntil calls without losing an event', () => {
    const clock = new Clock();
    const fired: number[] = [];
    const tick = () => {
      fired.push(clock.now());
      clock.schedule(1.5, tick);
    };
    clock.schedule(1.5, tick);
    for (const t of [1, 2, 2, 3.2, 4.5, 7, 10]) clock.runUntil(t);
    expect(fired).toEqual([1.5, 3, 4.5, 6, 7.5, 9]);
    // the event past the horizon is still queued
    expect(clock.peek()).toBe(10.5);
  });

  it('skips cancelled events and does not count them', () => {
    const clock = new Clock();
    const seen: number[] = [];
    const h = clock.schedule(1, () => seen.push(1));
    clock.schedule(2, () => seen.push(2));
    clock.cancel(h);
    clock.runUntil(5);
    expect(seen).toEqual([2]);
    expect(clock.eventsDelivered).toBe(1);
  });

  it('an event scheduled from a callback at delay 0 runs within the same runUntil', () => {
    const clock = new Clock();
    const seen: string[] = [];
    clock.schedule(1, () => {
      seen.push('first');
      clock.schedule(0, () => seen.push('second'));
    });
    clock.runUntil(1);
    expect(seen).toEqual(['first', 'second']);
  });

  it('rejects negative, NaN and infinite delays, and running backwards', () => {
    const clock = new Clock();
    expect(() => clock.schedule(-1, () => {})).toThrow(RangeError);
    expect(() => clock.schedule(NaN, () => {})).toThrow(RangeError);
    expect(() => clock.schedule(Infinity, () => {})).toThrow(RangeError);
    clock.runUntil(5);
    expect(() => clock.runUntil(4)).toThrow(RangeError);
    expect(() => clock.scheduleAt(3, () => {})).toThrow(RangeError);
  });

  it('two clocks are independent', () => {
    const a = new Clock();
    const b = new Clock();
    let na = 0;
    let nb = 0;
    a.schedule(1, () => na++);
    b.schedule(1, () => nb++);
    b.schedule(2, () => nb++);
    a.runUntil(3);
    expect([na, nb]).toEqual([1, 0]);
    b.runUntil(3);
    expect(nb).toBe(2);
  });
});
