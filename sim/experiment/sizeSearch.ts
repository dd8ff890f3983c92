/**
 * The search of `gridgov size` over a box of candidates. A candidate is a vector of levels, one
 * per varied field, each level 0 … n−1 ordered from least service (and cost) to most.
 *
 * `monotone` (the default) assumes what staffing problems have: (1) feasibility is up-closed —
 * if a candidate meets every target, so does any candidate at least as high in every field —
 * and (2) cost does not fall when a level rises. It then
 *   1. evaluates the top of the box; if even that misses a target, nothing can meet them;
 *   2. for every combination of the other fields (in lexicographic order), bisects the last
 *      field for its lowest feasible level, never evaluating a candidate whose feasibility
 *      follows from one already evaluated (above a feasible one → feasible; below an infeasible
 *      one → infeasible);
 *   3. evaluates that lowest feasible candidate unless a candidate below it already costs at
 *      least as much as the best found (it cannot be cheaper); if its own replications say it
 *      is infeasible after all (noise), steps up the last field until one is.
 * The answer is the cheapest evaluated feasible candidate; it is always evaluated itself, never
 * inferred. `exhaustive` evaluates every candidate and assumes nothing.
 */

export interface Evaluation {
  feasible: boolean;
  cost: number;
}

export interface Evaluated extends Evaluation {
  levels: number[];
}

export type EvaluateBatch = (candidates: number[][]) => Promise<Evaluation[]>;

export interface SearchResult {
  mode: 'monotone' | 'exhaustive';
  /** In the order evaluated. */
  evaluated: Evaluated[];
  chosen: number[] | null;
}

const keyOf = (l: readonly number[]) => l.join(',');
const leq = (a: readonly number[], b: readonly number[]) => a.every((x, i) => x <= b[i]!);

/** Every vector with 0 ≤ v[i] < dims[i], the last varying fastest. */
export function boxOf(dims: readonly number[]): number[][] {
  let out: number[][] = [[]];
  for (const n of dims) out = out.flatMap((head) => Array.from({ length: n }, (_, i) => [...head, i]));
  return out;
}

export async function searchLeastCost(dims: readonly number[], evaluate: EvaluateBatch, mode: 'monotone' | 'exhaustive' = 'monotone'): Promise<SearchResult> {
  const done = new Map<string, Evaluated>();
  const order: Evaluated[] = [];
  const record = (levels: number[], e: Evaluation) => {
    const x = { levels, ...e };
    done.set(keyOf(levels), x);
    order.push(x);
  };
  const evalOne = async (levels: number[]): Promise<Evaluated> => {
    const had = done.get(keyOf(levels));
    if (had) return had;
    const [e] = await evaluate([levels]);
    record(levels, e!);
    return done.get(keyOf(levels))!;
  };
  const inferred = (levels: number[]): boolean | undefined => {
    const had = done.get(keyOf(levels));
    if (had) return had.feasible;
    for (const e of done.values()) if (e.feasible && leq(e.levels, levels)) return true;
    for (const e of done.values()) if (!e.feasible && leq(levels, e.levels)) return false;
    return undefined;
  };
  const feasibleAt = async (levels: number[]) => inferred(levels) ?? (await evalOne(levels)).feasible;
  const cheapest = () => {
    let best: Evaluated | null = null;
    for (const e of order) {
      if (!e.feasible) continue;
      const sum = (l: number[]) => l.reduce((a, b) => a + b, 0);
      if (!best || e.cost < best.cost || (e.cost === best.cost && sum(e.levels) < sum(best.levels))) best = e;
    }
    return best;
  };

  if (mode === 'exhaustive') {
    const all = boxOf(dims);
    const results = await evaluate(all);
    all.forEach((l, i) => record(l, results[i]!));
    return { mode, evaluated: order, chosen: cheapest()?.levels ?? null };
  }

  const top = dims.map((n) => n - 1);
  if (!(await evalOne(top)).feasible) return { mode, evaluated: order, chosen: null };
  const n = dims[dims.length - 1]!;
  for (const prefix of boxOf(dims.slice(0, -1))) {
    if (inferred([...prefix, n - 1]) === false) continue;
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (await feasibleAt([...prefix, mid])) hi = mid;
      else lo = mid + 1;
    }
    for (; lo < n; lo++) {
      const cand = [...prefix, lo];
      if (!done.has(keyOf(cand))) {
        const best = cheapest();
        let lowerBound = -Infinity;
        for (const e of done.values()) if (leq(e.levels, cand)) lowerBound = Math.max(lowerBound, e.cost);
        if (best && lowerBound >= best.cost) break;
      }
      if ((await evalOne(cand)).feasible) break;
    }
  }
  return { mode, evaluated: order, chosen: cheapest()?.levels ?? null };
}
