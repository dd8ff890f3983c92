import { describe, expect, it } from 'vitest';
import { createStreams, forkSeed, type Rng } from '../../sim/random/index.ts';

const draw = (rng: Rng, n: number): number[] => Array.from({ length: n }, () => rng.next());

describe('random streams', () => {
  it('same seed + purpose gives identical sequences', () => {
    expect(draw(createStreams(7).stream('demand'), 1000)).toEqual(draw(createStreams(7).stream('demand'), 1000));
    expect(draw(createStreams('7').stream('demand'), 50)).toEqual(draw(createStreams(7).stream('demand'), 50));
  });

  it('values are uniform numbers in [0,1)', () => {
    const xs = draw(createStreams(1).stream('u'), 10_000);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
  });

  it('different purposes and different seeds give different sequences', () => {
    const s = createStreams(7);
    expect(draw(s.stream('demand'), 100)).not.toEqual(draw(s.stream('routing'), 100));
    expect(draw(createStreams(7).stream('demand'), 100)).not.toEqual(draw(createStreams(8).stream('demand'), 100));
  });

  it('streams are lazy, cached, and independent of each other', () => {
    const a = createStreams('x');
    expect(a.seed).toBe('x');
    expect(a.stream('demand')).toBe(a.stream('demand'));
    const reference = draw(createStreams('x').stream('routing'), 200);
    draw(a.stream('demand'), 5000); // heavy use of another purpose first
    const r = a.stream('routing');
    const first = draw(r, 100);
    draw(a.stream('demand'), 5000); // and interleaved
    expect([...first, ...draw(r, 100)]).toEqual(reference);
  });

  it('forkSeed derives deterministic, distinct replication seeds', () => {
    expect(forkSeed(42, 0)).toBe('42.0');
    expect(forkSeed('abc', 3)).toBe('abc.3');
    const seqs = [0, 1, 2].map((i) => draw(createStreams(forkSeed(42, i)).stream('demand'), 20));
    expect(seqs[0]).not.toEqual(seqs[1]);
    expect(seqs[1]).not.toEqual(seqs[2]);
  });
});
