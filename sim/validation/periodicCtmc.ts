/**
 * Periodic steady state of a continuous-time Markov chain whose generator changes at fixed
 * times of a repeating period (a day of shifts). Browser-safe: no node imports.
 *
 * A model is a finite state space, a list of phases (each with a duration and a constant
 * generator, given as its off-diagonal rates) and, optionally, a deterministic jump applied to
 * the distribution when a phase begins (e.g. "the extra server goes off duty": its idle state
 * disappears, its busy state becomes "finishing overtime"). The solver integrates the forward
 * equations exactly by uniformization, period after period, until the distribution at the start
 * of the period stops changing, and returns the time average of each reward over the last period.
 *
 * Uniformization over a step h with rate Λ ≥ every exit rate and P = I + Q/Λ:
 *   p(h) = Σ_k Pois(k; Λh) · p P^k,   ∫_0^h p(t) dt = Σ_k (1/Λ) · P(Pois(Λh) > k) · p P^k.
 * Steps are chosen so that Λh ≤ 8, which keeps e^{−Λh} far from underflow; the series is cut
 * when the Poisson tail is below 1e-16 (or its terms below 1e-18).
 */

export interface Transition {
  from: number;
  to: number;
  /** Rate per hour (≥ 0). */
  rate: number;
}

export interface CtmcPhase {
  name: string;
  durationHours: number;
  /** Off-diagonal generator entries in force during the phase. */
  transitions: readonly Transition[];
  /** When the phase begins, the mass of state i moves to state onEnter[i] (identity if absent). */
  onEnter?: readonly number[];
}

export interface PeriodicCtmc {
  states: number;
  phases: readonly CtmcPhase[];
  /** Named rewards: value per state; the solver returns each one's time average. */
  rewards: Record<string, readonly number[]>;
  /** Distribution at the start of the first period (default: all mass in state 0). */
  initial?: readonly number[];
}

export interface PeriodicSolution {
  /** Time average over one period in periodic steady state, per reward. */
  timeAverage: Record<string, number>;
  /** Time average over each phase, per reward. */
  phaseAverage: Record<string, number[]>;
  /** Distribution at the start of the period (before the first phase's onEnter jump). */
  atPeriodStart: Float64Array;
  periods: number;
  /** L1 change of the period-start distribution over the last period. */
  residual: number;
  converged: boolean;
}

interface CompiledPhase {
  name: string;
  duration: number;
  from: Int32Array;
  to: Int32Array;
  rate: Float64Array;
  exit: Float64Array;
  lambda: number;
  onEnter: Int32Array | null;
}

function compile(model: PeriodicCtmc): CompiledPhase[] {
  const n = model.states;
  if (!(Number.isInteger(n) && n > 0)) throw new RangeError(`periodicCtmc: states must be a positive integer, got ${n}`);
  if (model.phases.length === 0) throw new RangeError('periodicCtmc: need at least one phase');
  return model.phases.map((ph) => {
    if (!(ph.durationHours > 0) || !Number.isFinite(ph.durationHours)) {
      throw new RangeError(`periodicCtmc: phase ${ph.name} needs a finite duration > 0`);
    }
    const m = ph.transitions.length;
    const from = new Int32Array(m);
    const to = new Int32Array(m);
    const rate = new Float64Array(m);
    const exit = new Float64Array(n);
    ph.transitions.forEach((t, i) => {
      if (!(t.from >= 0 && t.from < n && t.to >= 0 && t.to < n) || t.from === t.to) {
        throw new RangeError(`periodicCtmc: phase ${ph.name}: bad transition ${t.from} → ${t.to}`);
      }
      if (!(t.rate >= 0) || !Number.isFinite(t.rate)) throw new RangeError(`periodicCtmc: phase ${ph.name}: bad rate ${t.rate}`);
      from[i] = t.from;
      to[i] = t.to;
      rate[i] = t.rate;
      exit[t.from] += t.rate;
    });
    let lambda = 0;
    for (let i = 0; i < n; i++) lambda = Math.max(lambda, exit[i]!);
    let onEnter: Int32Array | null = null;
    if (ph.onEnter) {
      if (ph.onEnter.length !== n) throw new RangeError(`periodicCtmc: phase ${ph.name}: onEnter needs ${n} entries`);
      onEnter = Int32Array.from(ph.onEnter, (j) => {
        if (!(Number.isInteger(j) && j >= 0 && j < n)) throw new RangeError(`periodicCtmc: phase ${ph.name}: onEnter target ${j}`);
        return j;
      });
    }
    return { name: ph.name, duration: ph.durationHours, from, to, rate, exit, lambda: lambda * 1.0001, onEnter };
  });
}

/** q ← p·P with P = I + Q/Λ. */
function stepP(ph: CompiledPhase, p: Float64Array, q: Float64Array): void {
  const inv = 1 / ph.lambda;
  for (let i = 0; i < p.length; i++) q[i] = p[i]! * (1 - ph.exit[i]! * inv);
  for (let k = 0; k < ph.rate.length; k++) q[ph.to[k]!] += p[ph.from[k]!]! * ph.rate[k]! * inv;
}

/**
 * Advances p over `h` hours of phase `ph` in place and adds ∫ p(t) dt to `integral`.
 */
function advance(ph: CompiledPhase, p: Float64Array, h: number, integral: Float64Array, work: [Float64Array, Float64Array, Float64Array]): void {
  const n = p.length;
  if (ph.lambda === 0) {
    for (let i = 0; i < n; i++) integral[i] += p[i]! * h;
    return;
  }
  const lt = ph.lambda * h;
  const [acc, v0, v1] = work;
  acc.fill(0);
  v0.set(p);
  let cur = v0;
  let nxt = v1;
  let w = Math.exp(-lt); // Pois(k; Λh)
  let cdf = w; // P(Pois ≤ k)
  for (let k = 0; ; k++) {
    const tail = Math.max(0, 1 - cdf); // P(Pois > k)
    for (let i = 0; i < n; i++) {
      const x = cur[i]!;
      acc[i] += w * x;
      integral[i] += (tail / ph.lambda) * x;
    }
    if (k > lt && (tail < 1e-16 || w < 1e-18)) break;
    stepP(ph, cur, nxt);
    const t = cur;
    cur = nxt;
    nxt = t;
    w *= lt / (k + 1);
    cdf += w;
  }
  p.set(acc);
}

/** Solves for the periodic steady state (see the file comment). */
export function solvePeriodicCtmc(model: PeriodicCtmc, opts: { tolerance?: number; maxPeriods?: number } = {}): PeriodicSolution {
  const tol = opts.tolerance ?? 1e-13;
  const maxPeriods = opts.maxPeriods ?? 100_000;
  const phases = compile(model);
  const n = model.states;
  const rewardNames = Object.keys(model.rewards);
  for (const r of rewardNames) {
    if (model.rewards[r]!.length !== n) throw new RangeError(`periodicCtmc: reward ${r} needs ${n} values`);
  }
  const p = new Float64Array(n);
  if (model.initial) {
    if (model.initial.length !== n) throw new RangeError(`periodicCtmc: initial needs ${n} values`);
    p.set(model.initial);
  } else {
    p[0] = 1;
  }
  const work: [Float64Array, Float64Array, Float64Array] = [new Float64Array(n), new Float64Array(n), new Float64Array(n)];
  const integrals = phases.map(() => new Float64Array(n));
  const start = new Float64Array(n);
  const moved = new Float64Array(n);
  let residual = Infinity;
  let periods = 0;
  while (periods < maxPeriods) {
    start.set(p);
    for (let k = 0; k < phases.length; k++) {
      const ph = phases[k]!;
      if (ph.onEnter) {
        moved.fill(0);
        for (let i = 0; i < n; i++) moved[ph.onEnter[i]!] += p[i]!;
        p.set(moved);
      }
      const integral = integrals[k]!;
      integral.fill(0);
      const steps = Math.max(1, Math.ceil((ph.lambda * ph.duration) / 8));
      const h = ph.duration / steps;
      for (let s = 0; s < steps; s++) advance(ph, p, h, integral, work);
    }
    periods++;
    // Renormalize against round-off drift (the chain is conservative).
    let total = 0;
    for (let i = 0; i < n; i++) total += p[i]!;
    for (let i = 0; i < n; i++) p[i] /= total;
    residual = 0;
    for (let i = 0; i < n; i++) residual += Math.abs(p[i]! - start[i]!);
    if (residual < tol) break;
  }
  const period = phases.reduce((s, ph) => s + ph.duration, 0);
  const timeAverage: Record<string, number> = {};
  const phaseAverage: Record<string, number[]> = {};
  for (const r of rewardNames) {
    const v = model.rewards[r]!;
    const perPhase = phases.map((ph, k) => {
      let s = 0;
      const integral = integrals[k]!;
      for (let i = 0; i < n; i++) s += v[i]! * integral[i]!;
      return s;
    });
    timeAverage[r] = perPhase.reduce((a, b) => a + b, 0) / period;
    phaseAverage[r] = perPhase.map((s, k) => s / phases[k]!.duration);
  }
  return { timeAverage, phaseAverage, atPeriodStart: Float64Array.from(p), periods, residual, converged: residual < tol };
}

// ---------------------------------------------------------------------------------------------
// The shift model used by the validation suite
// ---------------------------------------------------------------------------------------------

export interface ExtraServerShift {
  /** Poisson arrivals per hour. */
  lambda: number;
  /** Exponential service rate per server, per hour. */
  mu: number;
  /** Servers on duty around the clock. */
  regular: number;
  /** The one extra server's daily shift [startHour, endHour), 0 ≤ start < end ≤ 24. */
  startHour: number;
  endHour: number;
  /** Truncation: at most this many in system (arrivals beyond are lost; keep it negligible). */
  maxInSystem: number;
}

export interface ShiftModel extends PeriodicCtmc {
  /** Human-readable label of each state. */
  labels: string[];
}

/**
 * r regular servers 24/7 plus one extra server E on duty every day in [startHour, endHour),
 * exponential service at one rate, FCFS, Poisson arrivals; built to mirror gridgov's rules
 * exactly (sim/model/simulation.ts):
 *
 * - idle on-duty staff form a stack (last idle, first chosen), and a server that finishes
 *   while work is queued takes the next task itself;
 * - at the end of the shift E, if idle, leaves; if busy, finishes that task (overtime) and then
 *   leaves without taking more work;
 * - at the start of the shift E, if still in overtime, simply stays on; otherwise E is pushed on
 *   top of the idle stack and takes the head of the queue if there is one.
 *
 * Whether E is busy at the end of the shift depends on where E sits in the idle stack, so the
 * on-duty state is (n, E busy | E idle at depth d of the stack), and the off-duty state is
 * (n, E finishing overtime or gone). Regular servers are interchangeable, so their order does not
 * matter. Rewards: `inSystem` (n), `busyServers`, `overtime` (1 while E works past its shift).
 */
export function extraServerShiftModel(p: ExtraServerShift): ShiftModel {
  const { lambda, mu, regular: r, startHour, endHour, maxInSystem: N } = p;
  if (!(lambda > 0 && mu > 0)) throw new RangeError('extraServerShiftModel: lambda and mu must be > 0');
  if (!(Number.isInteger(r) && r >= 1)) throw new RangeError('extraServerShiftModel: regular must be an integer ≥ 1');
  if (!(startHour >= 0 && startHour < endHour && endHour <= 24)) throw new RangeError('extraServerShiftModel: need 0 ≤ startHour < endHour ≤ 24');
  if (!(Number.isInteger(N) && N > r + 1)) throw new RangeError('extraServerShiftModel: maxInSystem too small');
  const c = r + 1;
  const labels: string[] = [];
  const inSystem: number[] = [];
  const busyServers: number[] = [];
  const overtime: number[] = [];
  // On-duty states: onB[n] (E busy, n ≥ 1), onI[n][d] (E idle at depth d, n < c, d < c − n).
  const onB: number[] = new Array<number>(N + 1).fill(-1);
  const onI: number[][] = [];
  // Off-duty states: offGone[n], offFin[n] (E finishing overtime, n ≥ 1).
  const offGone: number[] = [];
  const offFin: number[] = new Array<number>(N + 1).fill(-1);
  const add = (label: string, n: number, busy: number, ot: number): number => {
    labels.push(label);
    inSystem.push(n);
    busyServers.push(busy);
    overtime.push(ot);
    return labels.length - 1;
  };
  for (let n = 0; n <= N; n++) offGone[n] = add(`off n=${n}`, n, Math.min(n, r), 0);
  for (let n = 1; n <= N; n++) offFin[n] = add(`off n=${n} E overtime`, n, 1 + Math.min(n - 1, r), 1);
  for (let n = 1; n <= N; n++) onB[n] = add(`on n=${n} E busy`, n, Math.min(n, c), 0);
  for (let n = 0; n < c; n++) {
    onI[n] = [];
    for (let d = 0; d < c - n; d++) onI[n]![d] = add(`on n=${n} E idle depth ${d}`, n, n, 0);
  }
  const states = labels.length;

  const on: Transition[] = [];
  const off: Transition[] = [];
  const t = (list: Transition[], from: number, to: number, rate: number) => {
    if (rate > 0) list.push({ from, to, rate });
  };
  // Off duty.
  for (let n = 0; n <= N; n++) {
    if (n < N) t(off, offGone[n]!, offGone[n + 1]!, lambda);
    if (n > 0) t(off, offGone[n]!, offGone[n - 1]!, Math.min(n, r) * mu);
    if (n >= 1) {
      const s = offFin[n]!;
      if (n < N) t(off, s, offFin[n + 1]!, lambda);
      t(off, s, offGone[n - 1]!, mu); // E finishes its task and leaves
      if (n >= 2) t(off, s, offFin[n - 1]!, Math.min(n - 1, r) * mu); // a regular finishes
    }
  }
  // On duty, E busy.
  for (let n = 1; n <= N; n++) {
    const s = onB[n]!;
    if (n < N) t(on, s, onB[n + 1]!, lambda);
    if (n > c) t(on, s, onB[n - 1]!, c * mu); // the finisher takes the next task
    else {
      t(on, s, onI[n - 1]![0]!, mu); // E finishes, pushed on top of the idle stack
      if (n >= 2) t(on, s, onB[n - 1]!, (n - 1) * mu); // a regular finishes
    }
  }
  // On duty, E idle at depth d.
  for (let n = 0; n < c; n++) {
    for (let d = 0; d < c - n; d++) {
      const s = onI[n]![d]!;
      t(on, s, d === 0 ? onB[n + 1]! : onI[n + 1]![d - 1]!, lambda); // the top of the stack takes it
      if (n > 0) t(on, s, onI[n - 1]![d + 1]!, n * mu); // a regular finishes, pushed above E
    }
  }
  // Shift end: E idle leaves, E busy goes into overtime.
  const toOff = new Array<number>(states);
  // Shift start: E in overtime stays on; E gone comes back on top of the idle stack and takes
  // the head of the queue if work is waiting (n > r).
  const toOn = new Array<number>(states);
  for (let i = 0; i < states; i++) {
    toOff[i] = i;
    toOn[i] = i;
  }
  for (let n = 1; n <= N; n++) toOff[onB[n]!] = offFin[n]!;
  for (let n = 0; n < c; n++) for (let d = 0; d < c - n; d++) toOff[onI[n]![d]!] = offGone[n]!;
  for (let n = 1; n <= N; n++) toOn[offFin[n]!] = onB[n]!;
  for (let n = 0; n <= N; n++) toOn[offGone[n]!] = n > r ? onB[n]! : onI[n]![0]!;

  const phases: CtmcPhase[] = [];
  if (startHour > 0) phases.push({ name: 'before shift', durationHours: startHour, transitions: off, onEnter: toOff });
  phases.push({ name: 'shift', durationHours: endHour - startHour, transitions: on, onEnter: toOn });
  if (endHour < 24) phases.push({ name: 'after shift', durationHours: 24 - endHour, transitions: off, onEnter: toOff });
  return { states, phases, rewards: { inSystem, busyServers, overtime }, labels };
}
