/**
 * Which case tracks and staff tracks a sampled replay keeps: a pure function of the id (an
 * integer hash), so the subset is the same for every policy and seed, and no random stream of
 * the model is touched.
 */
export function unitHash(id: number, salt: number): number {
  let h = (id ^ salt) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d);
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b);
  h ^= h >>> 16;
  return (h >>> 0) / 4294967296;
}

export const CASE_SALT = 0x2c1b3c6d;
export const STAFF_SALT = 0x297a2d39;

export const SAMPLE_RULE = 'kept when hash32(id xor salt) / 2^32 < fraction (lowbias32 hash; case salt 0x2c1b3c6d, staff salt 0x297a2d39)';

export function keeps(fraction: number, id: number, salt: number): boolean {
  return fraction >= 1 || unitHash(id, salt) < fraction;
}
