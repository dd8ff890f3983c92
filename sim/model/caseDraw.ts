import seedrandom from 'seedrandom';

/**
 * A uniform number in [0, 1) fixed by (seed, purpose, case id): the same for a case under every
 * policy and whatever else happened before (common random numbers). Mechanisms use it for the
 * decisions that belong to the case and the unit's tier, not to the order of events — "would a
 * street settle this one informally?" gets the same answer whichever policy brings it there.
 */
export function caseUniform(seed: string, purpose: string, caseId: number): number {
  return seedrandom(`${seed}/${purpose}/${caseId}`)();
}

/** A generator fixed by (seed, purpose, case id), for several per-case draws (see caseUniform). */
export function caseRng(seed: string, purpose: string, caseId: number): { next(): number } {
  const prng = seedrandom(`${seed}/${purpose}/${caseId}`);
  return { next: () => prng() };
}
