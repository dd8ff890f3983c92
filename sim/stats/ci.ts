/**
 * Confidence intervals and the quantile functions they need.
 *
 * - normalQuantile: Wichura's AS 241 (PPND16), ~1e-16 relative accuracy.
 * - studentTQuantile: inverts the t CDF, computed from the regularized
 *   incomplete beta function (Lentz continued fraction), with safeguarded
 *   Newton iterations inside a bracket; closed forms for df = 1 and 2 and a
 *   Cornish–Fisher expansion for very large df.
 */

// ---------------------------------------------------------------------------
// Normal quantile (AS 241)
// ---------------------------------------------------------------------------

/** Inverse standard normal CDF. ±Infinity at p = 1 / 0; RangeError outside [0, 1]. */
export function normalQuantile(p: number): number {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`normalQuantile: p must be in [0, 1], got ${p}`);
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  return ppnd16(p - 0.5, p < 0.5 ? p : 1 - p);
}

/**
 * AS 241 core. q = p − ½ and r = min(p, 1 − p) are passed separately so callers
 * that know them exactly (e.g. p = ½ ± tiny) lose no precision forming p.
 */
function ppnd16(q: number, r: number): number {
  if (Math.abs(q) <= 0.425) {
    const r = 0.180625 - q * q;
    return (
      (q *
        (((((((2.5090809287301226727e3 * r + 3.3430575583588128105e4) * r + 6.7265770927008700853e4) * r +
          4.5921953931549871457e4) *
          r +
          1.3731693765509461125e4) *
          r +
          1.9715909503065514427e3) *
          r +
          1.3314166789178437745e2) *
          r +
          3.387132872796366608)) /
      (((((((5.226495278852854561e3 * r + 2.8729085735721942674e4) * r + 3.930789580009271061e4) * r +
        2.1213794301586595867e4) *
        r +
        5.3941960214247511077e3) *
        r +
        6.871870074920579083e2) *
        r +
        4.2313330701600911252e1) *
        r +
        1)
    );
  }
  if (r <= 0) return q < 0 ? -Infinity : Infinity;
  r = Math.sqrt(-Math.log(r));
  let val: number;
  if (r <= 5) {
    r -= 1.6;
    val =
      (((((((7.7454501427834140764e-4 * r + 2.27238449892691845833e-2) * r + 2.4178072517745061177e-1) * r +
        1.27045825245236838258) *
        r +
        3.64784832476320460504) *
        r +
        5.7694972214606914055) *
        r +
        4.6303378461565452959) *
        r +
        1.42343711074968357734) /
      (((((((1.05075007164441684324e-9 * r + 5.475938084995344946e-4) * r + 1.51986665636164571966e-2) * r +
        1.4810397642748007459e-1) *
        r +
        6.8976733498510000455e-1) *
        r +
        1.6763848301838038494) *
        r +
        2.05319162663775882187) *
        r +
        1);
  } else {
    r -= 5;
    val =
      (((((((2.01033439929228813265e-7 * r + 2.71155556874348757815e-5) * r + 1.2426609473880784386e-3) * r +
        2.6532189526576123093e-2) *
        r +
        2.9656057182850489123e-1) *
        r +
        1.7848265399172913358) *
        r +
        5.4637849111641143699) *
        r +
        6.6579046435011037772) /
      (((((((2.04426310338993978564e-15 * r + 1.4215117583164458887e-7) * r + 1.8463183175100546818e-5) * r +
        7.868691311456132591e-4) *
        r +
        1.48753612908506148525e-2) *
        r +
        1.3692988092273580531e-1) *
        r +
        5.9983220655588793769e-1) *
        r +
        1);
  }
  return q < 0 ? -val : val;
}

// ---------------------------------------------------------------------------
// Special functions
// ---------------------------------------------------------------------------

const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/** ln Γ(x) for x > 0 (Lanczos, g = 7). */
function lgamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - lgamma(1 - x);
  x -= 1;
  let s = LANCZOS[0];
  for (let i = 1; i < 9; i++) s += LANCZOS[i] / (x + i);
  const t = x + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(s);
}

const FPMIN = 1e-300;

/** Σ Bernoulli terms of Stirling's series: lnΓ(x) = (x-½)ln x - x + ½ln 2π + S(x). Truncation error < 1e-17 for x ≥ 15. */
function stirlingTail(x: number): number {
  const x2 = x * x;
  return (
    (1 / 12 - (1 / 360 - (1 / 1260 - (1 / 1680 - (1 / 1188 - (691 / 360360) / x2) / x2) / x2) / x2) / x2) / x
  );
}

/** ln Γ(a + ½) − ln Γ(a), without the cancellation of two large lgamma values. */
function lgammaHalfRatio(a: number): number {
  if (a < 15) return lgamma(a + 0.5) - lgamma(a);
  return a * Math.log1p(0.5 / a) + 0.5 * Math.log(a) - 0.5 + stirlingTail(a + 0.5) - stirlingTail(a);
}

/** Continued fraction for I_x(a, b) (modified Lentz), as in Numerical Recipes' betacf. */
function betacf(x: number, a: number, b: number): number {
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  if (Math.abs(d) < FPMIN) d = FPMIN;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 100_000; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < FPMIN) d = FPMIN;
    c = 1 + aa / c;
    if (Math.abs(c) < FPMIN) c = FPMIN;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < FPMIN) d = FPMIN;
    c = 1 + aa / c;
    if (Math.abs(c) < FPMIN) c = FPMIN;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < 1e-16) return h;
  }
  return h; // not reached for the parameter ranges used here
}

/**
 * For the t distribution with `df` degrees of freedom and t ≥ 0, returns
 * [P(T > t), P(0 < T < t)] — the two sum to ½, and each is computed so that
 * it keeps relative precision when it is the small one.
 *
 * P(T > t) = ½ I_x(df/2, ½) with x = df/(df+t²); P(0<T<t) = ½ I_y(½, df/2), y = 1 − x.
 */
function tTailAndCenter(t: number, df: number): [number, number] {
  if (t === 0) return [0.5, 0];
  if (t === Infinity) return [0, 0.5];
  let x: number, y: number, lnx: number, lny: number;
  if (t * t <= df) {
    const u = (t * t) / df;
    const l = Math.log1p(u);
    x = 1 / (1 + u);
    y = u / (1 + u);
    lnx = -l;
    lny = Math.log(u) - l;
  } else {
    const s = Math.sqrt(df) / t; // avoids overflow of t² for huge t
    const v = s * s; // may underflow; only its logarithm needs full range
    const l = Math.log1p(v);
    x = v / (1 + v);
    y = 1 / (1 + v);
    lnx = Math.log(df) - 2 * Math.log(t) - l;
    lny = -l;
  }
  const a = df / 2;
  const b = 0.5;
  // ln B(a, ½) = ln Γ(½) − (ln Γ(a+½) − ln Γ(a))
  const lnBeta = 0.5 * Math.log(Math.PI) - lgammaHalfRatio(a);
  const front = Math.exp(a * lnx + b * lny - lnBeta);
  if (x < (a + 1) / (a + b + 2)) {
    const ix = (front * betacf(x, a, b)) / a;
    return [0.5 * ix, 0.5 * (1 - ix)];
  }
  const iy = (front * betacf(y, b, a)) / b;
  return [0.5 * (1 - iy), 0.5 * iy];
}

function tDensity(t: number, df: number): number {
  const lnc = lgammaHalfRatio(df / 2) - 0.5 * Math.log(df * Math.PI);
  return Math.exp(lnc - ((df + 1) / 2) * Math.log1p((t * t) / df));
}

/** Cornish–Fisher expansion of the t quantile about the normal quantile z (A&S 26.7.5). */
function cornishFisherT(z: number, df: number): number {
  const z2 = z * z;
  const z3 = z2 * z;
  const z5 = z3 * z2;
  const z7 = z5 * z2;
  const z9 = z7 * z2;
  const g1 = (z3 + z) / 4;
  const g2 = (5 * z5 + 16 * z3 + 3 * z) / 96;
  const g3 = (3 * z7 + 19 * z5 + 17 * z3 - 15 * z) / 384;
  const g4 = (79 * z9 + 776 * z7 + 1482 * z5 - 1920 * z3 - 945 * z) / 92160;
  return z + (g1 + (g2 + (g3 + g4 / df) / df) / df) / df;
}

/**
 * Positive t with P(T > t) = q, where c = ½ − q is passed separately
 * (both exact in floating point), 0 < q < ½.
 */
function tUpperQuantile(q: number, c: number, df: number): number {
  if (df === 1) return q < 0.25 ? 1 / Math.tan(Math.PI * q) : Math.tan(Math.PI * c);
  if (df === 2) {
    // P(T > t) = (1 − t/√(2 + t²)) / 2  ⇒  t = (1 − 2q) / √(2q(1 − q))
    return (2 * c) / Math.sqrt(2 * q * (1 - q));
  }
  const z = ppnd16(c, q);
  if (df > 1e5) return cornishFisherT(z, df); // rel. error < 1e-13 here, even at p = 1e-300

  // f(t) = P(T > t) − q, decreasing; evaluate through the smaller of the two pieces.
  const useCenter = q > 0.25;
  const f = (t: number): number => {
    const [tail, center] = tTailAndCenter(t, df);
    return useCenter ? c - center : tail - q;
  };

  // Bracket [lo, hi] with f(lo) > 0 > f(hi).
  let lo = 0;
  let hi = Math.max(1, 2 * z);
  while (f(hi) > 0) {
    lo = hi;
    hi *= 2;
    if (!Number.isFinite(hi)) return Infinity;
  }
  let t = df >= 3 ? cornishFisherT(z, df) : 0.5 * (lo + hi);
  if (!(t > lo && t < hi)) t = 0.5 * (lo + hi);

  for (let iter = 0; iter < 500; iter++) {
    const ft = f(t);
    if (ft === 0) return t;
    if (ft > 0) lo = t;
    else hi = t;
    const dens = tDensity(t, df);
    let next = dens > 0 ? t + ft / dens : NaN; // f'(t) = −density(t)
    if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);
    if (Math.abs(next - t) <= 4e-16 * next || hi - lo <= 4e-16 * hi) return next;
    t = next;
  }
  return t;
}

/** P(T > t) for Student's t with `df` > 0 degrees of freedom (the one-sided p-value of t). */
export function studentTUpperTail(t: number, df: number): number {
  if (!(df > 0)) throw new RangeError(`studentTUpperTail: df must be > 0, got ${df}`);
  if (Number.isNaN(t)) return NaN;
  const [tail, center] = tTailAndCenter(Math.abs(t), df);
  return t >= 0 ? tail : 0.5 + center;
}

/**
 * Quantile (inverse CDF) of Student's t distribution with `df` > 0 degrees of
 * freedom (non-integer df allowed; df = Infinity gives the normal quantile).
 * ±Infinity at p = 1 / 0; RangeError for p ∉ [0, 1] or df ≤ 0 / NaN.
 */
export function studentTQuantile(p: number, df: number): number {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`studentTQuantile: p must be in [0, 1], got ${p}`);
  if (!(df > 0)) throw new RangeError(`studentTQuantile: df must be > 0, got ${df}`);
  if (df === Infinity) return normalQuantile(p);
  if (p === 0.5) return 0;
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  // q = upper-tail mass, c = ½ − q; both are exact differences here (Sterbenz).
  return p > 0.5 ? tUpperQuantile(1 - p, p - 0.5, df) : -tUpperQuantile(p, 0.5 - p, df);
}

// ---------------------------------------------------------------------------
// Confidence intervals
// ---------------------------------------------------------------------------

export interface Interval {
  mean: number;
  ciLow: number;
  ciHigh: number;
  halfWidth: number;
  n: number;
  sd: number;
}

function checkLevel(level: number): void {
  if (!(level > 0 && level < 1)) throw new RangeError(`confidence level must be in (0, 1), got ${level}`);
}

/**
 * Two-sided Student-t confidence interval for the mean.
 * n = 0: everything NaN (n = 0). n = 1: mean = x, sd/halfWidth/ciLow/ciHigh NaN.
 * All values identical: sd = halfWidth = 0 exactly and ciLow = ciHigh = mean.
 */
export function meanCI(xs: readonly number[], level = 0.95): Interval {
  checkLevel(level);
  const n = xs.length;
  if (n === 0) return { mean: NaN, ciLow: NaN, ciHigh: NaN, halfWidth: NaN, n: 0, sd: NaN };
  if (n === 1) return { mean: xs[0], ciLow: NaN, ciHigh: NaN, halfWidth: NaN, n: 1, sd: NaN };

  let allEqual = true;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    sum += xs[i];
    if (xs[i] !== xs[0]) allEqual = false;
  }
  if (allEqual) {
    const m = xs[0];
    return { mean: m, ciLow: m, ciHigh: m, halfWidth: 0, n, sd: 0 };
  }
  // Two-pass with a first-order correction to the mean.
  let mean = sum / n;
  let corr = 0;
  for (let i = 0; i < n; i++) corr += xs[i] - mean;
  mean += corr / n;
  let ss = 0;
  for (let i = 0; i < n; i++) {
    const d = xs[i] - mean;
    ss += d * d;
  }
  const sd = Math.sqrt(ss / (n - 1));
  const halfWidth = (studentTQuantile(1 - (1 - level) / 2, n - 1) * sd) / Math.sqrt(n);
  return { mean, ciLow: mean - halfWidth, ciHigh: mean + halfWidth, halfWidth, n, sd };
}

/**
 * Paired-difference t interval for E[a_i - b_i] (common random numbers).
 * Throws RangeError if the arrays differ in length.
 */
export function pairedDiffCI(a: readonly number[], b: readonly number[], level = 0.95): Interval {
  if (a.length !== b.length) {
    throw new RangeError(`pairedDiffCI: arrays differ in length (${a.length} vs ${b.length})`);
  }
  const d = new Array<number>(a.length);
  for (let i = 0; i < a.length; i++) d[i] = a[i] - b[i];
  return meanCI(d, level);
}
