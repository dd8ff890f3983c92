import { createStreams, type Rng } from '../random/stream.ts';
import type { SweepParam } from './sweepParams.ts';

/** One point of a sweep: the index into each parameter's values, in parameter order. */
export type PointLevels = number[];

/** Every combination, the last parameter varying fastest. */
export function fullFactorial(params: readonly SweepParam[]): PointLevels[] {
  let points: PointLevels[] = [[]];
  for (const p of params) {
    const next: PointLevels[] = [];
    for (const head of points) for (let i = 0; i < p.values.length; i++) next.push([...head, i]);
    points = next;
  }
  return points;
}

/**
 * A Latin hypercube of `samples` points over the parameters' value lists: for each parameter the
 * unit interval is cut into `samples` equal strata, each stratum is used by exactly one point
 * (a seeded random permutation per parameter), a uniform draw places the point inside its
 * stratum, and the position picks the value at ⌊u · levels⌋. So every value of a list of L
 * levels is used ⌊samples/L⌋ or ⌈samples/L⌉ times. Seeded from the stream `<seed>/sweep-lhs`;
 * points that happen to coincide are kept (each is its own point).
 */
export function latinHypercube(params: readonly SweepParam[], samples: number, seed: string | number): PointLevels[] {
  const rng = createStreams(seed).stream('sweep-lhs');
  const points: PointLevels[] = Array.from({ length: samples }, () => []);
  for (const p of params) {
    const perm = permutation(samples, rng);
    for (let i = 0; i < samples; i++) {
      const u = (perm[i]! + rng.next()) / samples;
      points[i]!.push(Math.min(p.values.length - 1, Math.floor(u * p.values.length)));
    }
  }
  return points;
}

function permutation(n: number, rng: Rng): number[] {
  const a = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rng.next() * (i + 1));
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}
