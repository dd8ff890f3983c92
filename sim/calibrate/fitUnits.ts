import { kmQuantiles } from '../stats/kaplanMeier.ts';
import { buildScenario, type ScenarioShape, type UnitParams } from './buildScenario.ts';
import { closeTimes, type CloseTimes } from './closeTimes.ts';
import { simulatedLog } from './simulatedLog.ts';

/**
 * Simulation-based fit of each category's work time and each unit's handler count, so that the
 * simulated time to close matches the log's Kaplan–Meier curve.
 *
 * - Parameters: per category an empirical work-time distribution on the probability grid
 *   P_GRID (20 equally weighted values, at p = 0.025, 0.075, …, 0.975), started at the observed
 *   Kaplan–Meier quantiles. Where the log does not identify a quantile (too many requests still
 *   open), the value is the category's longest follow-up: a lower bound, stated as an assumption.
 *   Per unit the handler count c_u = ⌈Σ λ_i·E[work_i] / ρ⌉ for the assumed utilization ρ (the log
 *   cannot tell staff from work time), set once from the starting values.
 * - Loss: mean over categories and identified grid points of (ln q_sim − ln q_obs)², quantiles
 *   floored at 0.25 h.
 * - Optimizer: a quantile-matching fixed-point iteration (a form of indirect inference): each value
 *   v_p ·= q_obs(p) / q_sim(p) (the ratio clamped to [0.5, 2], then made non-decreasing in p), all
 *   categories at once, one simulation per iteration. Stops when the root of the loss falls below
 *   `tolerance`, when the loss has not improved for two iterations, or after `maxIterations`;
 *   each category keeps the iterate of its own least loss (the reported loss is their mean).
 * - Common random numbers: every iteration runs on the same seed, so the loss is a deterministic
 *   function of the parameters and the steps are not chasing sampling noise.
 */
export const P_GRID = Array.from({ length: 20 }, (_, i) => (2 * i + 1) / 40);
// Differences below a quarter hour do not matter for requests that take hours to weeks, and in
// log terms they would dominate the loss (some requests are closed the minute they are entered).
const FLOOR_HOURS = 0.25;
const MIN_CLOSED = 5;

export interface FitOptions {
  utilization: number;
  maxIterations: number;
  tolerance: number;
  seed: number;
  /** Days of arrivals in each fitting run (longer = less noise, slower). */
  runDays: number;
  /** Days after arrivals stop, so open cases can close. */
  tailDays: number;
}

export interface FitTrace {
  iteration: number;
  loss: number;
  maxShift: number;
}

export interface FitResult {
  params: UnitParams;
  loss: number;
  iterations: FitTrace[];
  /** Categories kept at their starting values (fewer than MIN_CLOSED closures). */
  notFitted: string[];
  /** Per category, the grid points p the log identifies (the others are lower bounds). */
  identifiedUpTo: number[];
  stoppedBy: 'tolerance' | 'noImprovement' | 'maxIterations';
}

/** Observed quantiles on the grid: null where not identified. */
function gridQuantiles(ct: CloseTimes): Array<number | null> {
  return kmQuantiles(ct.fit, P_GRID).map((q) => (q.estimate === null ? null : Math.max(FLOOR_HOURS, q.estimate)));
}

export function startingWork(ct: CloseTimes): number[] {
  const q = gridQuantiles(ct);
  const tail = Math.max(FLOOR_HOURS, ct.fit.maxTime, ...q.map((x) => x ?? 0));
  let prev = FLOOR_HOURS;
  return q.map((x) => (prev = Math.max(prev, x ?? tail)));
}

const meanOf = (values: readonly number[]) => values.reduce((a, b) => a + b, 0) / values.length;

export function handlersFor(shape: ScenarioShape, work: ReadonlyArray<{ values: readonly number[] }>, utilization: number): number[] {
  return shape.grouping.units.map((u) => {
    let load = 0;
    shape.grouping.categories.forEach((c, i) => {
      if (c.unit === u) load += (shape.arrivals.perCategory[i]!.perDay / 24) * meanOf(work[i]!.values);
    });
    return Math.max(1, Math.ceil(load / utilization));
  });
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;

export async function fitUnits(shape: ScenarioShape, observed: CloseTimes[], opts: FitOptions, onIteration?: (t: FitTrace) => void): Promise<FitResult> {
  const k = shape.grouping.categories.length;
  const obsQ = observed.map(gridQuantiles);
  const fitted = observed.map((ct) => ct.closed >= MIN_CLOSED);
  const notFitted = shape.grouping.categories.filter((_, i) => !fitted[i]).map((c) => c.name);
  const identifiedUpTo = obsQ.map((q) => {
    let last = 0;
    q.forEach((x, j) => {
      if (x !== null) last = P_GRID[j]!;
    });
    return last;
  });
  const values = observed.map(startingWork);
  // Handlers are set once, from the observed durations; holding them fixed keeps the map from
  // work times to simulated quantiles monotone (re-sizing every step fed back into queueing).
  const handlers = handlersFor(shape, values.map((v) => ({ values: v })), opts.utilization);
  const runShape: ScenarioShape = { ...shape, days: opts.runDays, tailDays: opts.tailDays };
  const current = (): UnitParams => ({ work: values.map((v) => ({ values: v.map(round3) })), handlers });
  // Categories barely interact (each unit's handlers are many), so each keeps its own best iterate.
  const bestWork = current().work;
  const bestLoss = new Array<number>(k).fill(Infinity);
  let bestTotal = Infinity;
  let sinceBest = 0;
  const iterations: FitTrace[] = [];
  let stoppedBy: FitResult['stoppedBy'] = 'maxIterations';
  for (let it = 0; it < opts.maxIterations; it++) {
    const params = current();
    const log = await simulatedLog(buildScenario(runShape, params), opts.seed, opts.runDays);
    let lossSum = 0;
    let lossN = 0;
    let maxShift = 0;
    for (let i = 0; i < k; i++) {
      if (!fitted[i]) continue;
      const simQ = gridQuantiles(closeTimes(log.cases.filter((c) => c.category === i), log.censorAt));
      const v = values[i]!;
      let catSum = 0;
      let catN = 0;
      obsQ[i]!.forEach((o, j) => {
        if (o === null) return;
        const sim = simQ[j] ?? log.censorAt;
        const shift = Math.log(o / sim);
        catSum += shift * shift;
        catN++;
        maxShift = Math.max(maxShift, Math.abs(shift));
        v[j] = Math.max(FLOOR_HOURS, v[j]! * Math.min(2, Math.max(0.5, o / sim)));
      });
      for (let j = 1; j < v.length; j++) v[j] = Math.max(v[j]!, v[j - 1]!);
      const catLoss = catN ? catSum / catN : 0;
      if (catLoss < bestLoss[i]!) {
        bestLoss[i] = catLoss;
        bestWork[i] = params.work[i]!;
      }
      lossSum += catSum;
      lossN += catN;
    }
    const loss = lossN ? lossSum / lossN : 0;
    const trace = { iteration: it + 1, loss: Math.round(loss * 1e6) / 1e6, maxShift: Math.round(maxShift * 1e4) / 1e4 };
    iterations.push(trace);
    onIteration?.(trace);
    if (loss < bestTotal) {
      bestTotal = loss;
      sinceBest = 0;
    } else if (++sinceBest >= 2) {
      stoppedBy = 'noImprovement';
      break;
    }
    if (Math.sqrt(loss) < opts.tolerance) {
      stoppedBy = 'tolerance';
      break;
    }
  }
  const finite = bestLoss.filter((x, i) => fitted[i] && Number.isFinite(x));
  const loss = finite.length ? finite.reduce((a, b) => a + b, 0) / finite.length : 0;
  return { params: { work: bestWork, handlers }, loss: Math.round(loss * 1e6) / 1e6, iterations, notFitted, identifiedUpTo, stoppedBy };
}
