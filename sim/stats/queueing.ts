/**
 * Textbook steady-state queueing formulas, used to validate the simulator.
 *
 * Conventions: λ = arrival rate, μ = service rate per server, c = number of
 * servers, a = λ/μ offered load (Erlangs), ρ = λ/(cμ) utilisation.
 * Waits are in the time unit of the rates. Every function throws RangeError
 * for invalid or unstable (ρ ≥ 1) inputs.
 */

function checkServers(c: number, fn: string): void {
  if (!Number.isInteger(c) || c < 1) throw new RangeError(`${fn}: c must be a positive integer, got ${c}`);
}

function checkNonNeg(x: number, name: string, fn: string): void {
  if (!(x >= 0) || !Number.isFinite(x)) throw new RangeError(`${fn}: ${name} must be finite and >= 0, got ${x}`);
}

function checkPos(x: number, name: string, fn: string): void {
  if (!(x > 0) || !Number.isFinite(x)) throw new RangeError(`${fn}: ${name} must be finite and > 0, got ${x}`);
}

/** Erlang C from Erlang B with c servers: C = cB / (c − a(1 − B)). */
function erlangCFromB(c: number, a: number, b: number): number {
  return (c * b) / (c - a * (1 - b));
}

/**
 * Erlang C: probability that an arrival to an M/M/c queue must wait, for
 * offered load a = λ/μ < c. Computed via the stable Erlang-B recursion
 * B(0) = 1, B(k) = aB(k−1) / (k + aB(k−1)); O(c), fine for c in the tens of thousands.
 */
export function erlangC(c: number, a: number): number {
  checkServers(c, 'erlangC');
  checkNonNeg(a, 'offered load a', 'erlangC');
  if (a >= c) throw new RangeError(`erlangC: unstable, offered load a = ${a} >= c = ${c} (rho = ${a / c})`);
  let b = 1;
  for (let k = 1; k <= c; k++) b = (a * b) / (k + a * b);
  return erlangCFromB(c, a, b);
}

function checkMMc(lambda: number, mu: number, c: number, fn: string): void {
  checkNonNeg(lambda, 'lambda', fn);
  checkPos(mu, 'mu', fn);
  checkServers(c, fn);
  // Same criterion as erlangC (a < c), so the two never disagree at the boundary.
  if (lambda / mu >= c) throw new RangeError(`${fn}: unstable, rho = lambda/(c*mu) = ${lambda / (c * mu)} >= 1`);
}

/** M/M/c utilisation ρ = λ/(cμ) (RangeError if ρ ≥ 1). */
export function mmcUtilization(lambda: number, mu: number, c: number): number {
  checkMMc(lambda, mu, c, 'mmcUtilization');
  return lambda / (c * mu);
}

/** M/M/c mean wait in queue Wq = C(c, λ/μ) / (cμ − λ). */
export function mmcMeanWait(lambda: number, mu: number, c: number): number {
  checkMMc(lambda, mu, c, 'mmcMeanWait');
  return erlangC(c, lambda / mu) / (c * mu - lambda);
}

/** M/M/c mean time in system W = Wq + 1/μ. */
export function mmcMeanSojourn(lambda: number, mu: number, c: number): number {
  return mmcMeanWait(lambda, mu, c) + 1 / mu;
}

/**
 * M/G/1 mean wait (Pollaczek–Khinchine): Wq = λE[S²] / (2(1 − ρ)),
 * E[S²] = Var[S] + E[S]², ρ = λE[S].
 */
export function mg1MeanWait(lambda: number, meanService: number, varService: number): number {
  const fn = 'mg1MeanWait';
  checkNonNeg(lambda, 'lambda', fn);
  checkPos(meanService, 'meanService', fn);
  checkNonNeg(varService, 'varService', fn);
  const rho = lambda * meanService;
  if (rho >= 1) throw new RangeError(`${fn}: unstable, rho = lambda*E[S] = ${rho} >= 1`);
  const es2 = varService + meanService * meanService;
  return (lambda * es2) / (2 * (1 - rho));
}

/** Per-class waits W_k = W0 / ((1 − σ_{k−1})(1 − σ_k)) given W0 and per-class loads. */
function priorityWaits(w0: number, loads: readonly number[]): number[] {
  const out = new Array<number>(loads.length);
  let sigmaPrev = 0;
  for (let k = 0; k < loads.length; k++) {
    const sigma = sigmaPrev + loads[k];
    out[k] = w0 / ((1 - sigmaPrev) * (1 - sigma));
    sigmaPrev = sigma;
  }
  return out;
}

/**
 * Cobham's formula: mean queueing delay per class for a single-server
 * non-preemptive priority queue with Poisson arrivals (M/G/1), class 0 highest.
 * W_k = W0 / ((1 − σ_{k−1})(1 − σ_k)), σ_k = Σ_{i≤k} λ_i E[S_i], W0 = Σ λ_i E[S_i²] / 2.
 * `secondMoments[i]` is E[S_i²] (not the variance).
 */
export function cobhamNonPreemptive(lambdas: number[], meanServices: number[], secondMoments: number[]): number[] {
  const fn = 'cobhamNonPreemptive';
  const k = lambdas.length;
  if (k === 0) throw new RangeError(`${fn}: need at least one class`);
  if (meanServices.length !== k || secondMoments.length !== k) {
    throw new RangeError(
      `${fn}: array lengths differ (lambdas ${k}, meanServices ${meanServices.length}, secondMoments ${secondMoments.length})`,
    );
  }
  const loads = new Array<number>(k);
  let w0 = 0;
  let rho = 0;
  for (let i = 0; i < k; i++) {
    checkNonNeg(lambdas[i], `lambdas[${i}]`, fn);
    checkPos(meanServices[i], `meanServices[${i}]`, fn);
    checkNonNeg(secondMoments[i], `secondMoments[${i}]`, fn);
    if (secondMoments[i] < meanServices[i] * meanServices[i] * (1 - 1e-12)) {
      throw new RangeError(`${fn}: secondMoments[${i}] = ${secondMoments[i]} < meanServices[${i}]^2 (pass E[S^2], not Var[S])`);
    }
    loads[i] = lambdas[i] * meanServices[i];
    rho += loads[i];
    w0 += (lambdas[i] * secondMoments[i]) / 2;
  }
  if (rho >= 1) throw new RangeError(`${fn}: unstable, total rho = ${rho} >= 1`);
  return priorityWaits(w0, loads);
}

/**
 * M/M/c non-preemptive priority, identical exponential service (rate μ) for all
 * classes, class 0 highest: W_k = [C(c, a)/(cμ)] / ((1 − σ_{k−1})(1 − σ_k)),
 * σ_k = Σ_{i≤k} λ_i/(cμ), a = Σλ_i/μ.
 */
export function mmcPriorityNonPreemptive(lambdas: number[], mu: number, c: number): number[] {
  const fn = 'mmcPriorityNonPreemptive';
  if (lambdas.length === 0) throw new RangeError(`${fn}: need at least one class`);
  checkPos(mu, 'mu', fn);
  checkServers(c, fn);
  let lambda = 0;
  lambdas.forEach((l, i) => {
    checkNonNeg(l, `lambdas[${i}]`, fn);
    lambda += l;
  });
  if (lambda / mu >= c) {
    throw new RangeError(`${fn}: unstable, rho = sum(lambdas)/(c*mu) = ${lambda / (c * mu)} >= 1`);
  }
  const w0 = erlangC(c, lambda / mu) / (c * mu);
  return priorityWaits(
    w0,
    lambdas.map((l) => l / (c * mu)),
  );
}

/**
 * Smallest number of servers c such that the M/M/c mean queueing wait is ≤ targetWq.
 * Always ≥ 1 and ≥ the minimum stable c. RangeError unless targetWq > 0
 * (targetWq = 0 is accepted only when λ = 0).
 */
export function minServersForWait(lambda: number, mu: number, targetWq: number): number {
  const fn = 'minServersForWait';
  checkNonNeg(lambda, 'lambda', fn);
  checkPos(mu, 'mu', fn);
  if (lambda === 0) {
    checkNonNeg(targetWq, 'targetWq', fn);
    return 1;
  }
  if (!(targetWq > 0)) throw new RangeError(`${fn}: targetWq must be > 0, got ${targetWq}`);
  const a = lambda / mu;
  // Run the Erlang-B recursion once, testing each stable c as we pass it
  // (same arithmetic as erlangC, so the result agrees with mmcMeanWait).
  let b = 1;
  for (let c = 1; ; c++) {
    b = (a * b) / (c + a * b);
    if (a < c) {
      const wq = erlangCFromB(c, a, b) / (c * mu - lambda);
      if (wq <= targetWq) return c;
    }
  }
}
