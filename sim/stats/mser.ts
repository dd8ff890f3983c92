/**
 * MSER-5 (White 1997; White, Cobb & Spratt 2000): where to cut the warm-up off an output series.
 * The series is averaged in batches of 5; for each candidate cut d (in batches, up to half of
 * them) the marginal standard error of the remaining batch means is
 *   MSER(d) = Σ_{j > d} (Z_j − Z̄_d)² / (k − d)²,
 * and the cut is the d that minimizes it: the point after which the mean is estimated most
 * precisely, trading bias (the transient kept) against variance (data thrown away). A minimum in
 * the second half is not offered (the rule then says the run is too short to tell).
 */
export interface MserCut {
  /** Observations to delete (a multiple of the batch size). */
  truncate: number;
  /** Batches of `batch` observations. */
  batches: number;
  /** The minimizing d was the last one allowed: the series may not have settled. */
  atLimit: boolean;
  mser: number;
}

export function mser(series: readonly number[], batch = 5): MserCut {
  const k = Math.floor(series.length / batch);
  if (k < 2) return { truncate: 0, batches: k, atLimit: true, mser: NaN };
  const z = Array.from({ length: k }, (_, j) => {
    let s = 0;
    for (let i = 0; i < batch; i++) s += series[j * batch + i]!;
    return s / batch;
  });
  // suffix sums of Z and Z², so each MSER(d) costs O(1)
  const s1 = new Array<number>(k + 1).fill(0);
  const s2 = new Array<number>(k + 1).fill(0);
  for (let j = k - 1; j >= 0; j--) {
    s1[j] = s1[j + 1]! + z[j]!;
    s2[j] = s2[j + 1]! + z[j]! * z[j]!;
  }
  let best = 0;
  let bestValue = Infinity;
  const last = Math.floor(k / 2);
  for (let d = 0; d <= last; d++) {
    const m = k - d;
    const ss = Math.max(0, s2[d]! - (s1[d]! * s1[d]!) / m);
    const value = ss / (m * m);
    if (d === 0 || value < bestValue * (1 - 1e-12)) {
      bestValue = value;
      best = d;
    }
  }
  return { truncate: best * batch, batches: k, atLimit: best === last && last > 0, mser: bestValue };
}
