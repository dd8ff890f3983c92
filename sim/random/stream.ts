// Named, independent random streams. Every purpose ("demand", "routing", ...) gets its own
// ARC4 seedrandom generator seeded with `${seed}/${purpose}`, so drawing more numbers for one
// purpose never shifts the sequence of another (common random numbers across policies).
//
// seedrandom 3.0.5 is CommonJS (`module.exports = sr`); the default import works under tsx,
// vitest and Vite through esModuleInterop / CJS interop. Its `require('crypto')` (only used for
// auto-seeding, which we never do) is mapped to `false` by its package.json "browser" field, so
// a Vite browser build does not pull in node's crypto.
import seedrandom from 'seedrandom';

/** A source of uniform numbers in [0, 1). */
export interface Rng {
  next(): number;
}

export interface RandomStreams {
  /** The generator for `purpose`; created lazily, the same object on every call. */
  stream(purpose: string): Rng;
  readonly seed: string;
}

export function createStreams(seed: string | number): RandomStreams {
  const seedStr = `${seed}`;
  const cache = new Map<string, Rng>();
  return {
    seed: seedStr,
    stream(purpose: string): Rng {
      let rng = cache.get(purpose);
      if (rng === undefined) {
        // Default ARC4 generator, local (never { global: true }, which would replace the global Math RNG).
        const prng = seedrandom(`${seedStr}/${purpose}`);
        rng = { next: () => prng() };
        cache.set(purpose, rng);
      }
      return rng;
    },
  };
}

/** Deterministic seed for replication `index` of a run seeded with `seed`: `${seed}.${index}`. */
export function forkSeed(seed: string | number, index: number): string {
  return `${seed}.${index}`;
}
