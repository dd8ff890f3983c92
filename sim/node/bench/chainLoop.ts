/**
 * The three-tier escalation network of `scenarios/validation/chain-3tier.json`, written as the
 * smallest plain JavaScript event loop that simulates it: Poisson arrivals (λ per hour) at the grid
 * desk (2 servers); each node serves in FIFO order with exponential times of mean 1/μ; a case is
 * resolved at the grid with probability a, else reviewed there and passed to the community
 * (1 server), resolved there with probability b/(1−a), else passed to the street (1 server). One
 * binary heap of events, one array queue per node, no statistics beyond the mean time in system.
 * The bench compares gridgov's run of the same network with this loop (the floor of any simulator
 * of it). Its own numbers are checked against the Jackson-network formula by the bench's test.
 */
export interface ChainParams {
  lambdaPerHour: number;
  mu: number;
  /** Shares of cases whose authority is at grid, community, street. */
  share: [number, number, number];
  servers: [number, number, number];
  horizonHours: number;
  warmupHours: number;
  seed: number;
}

export interface ChainResult {
  cases: number;
  events: number;
  meanSojournHours: number;
  seconds: number;
}

const ARRIVAL = 0;
const DONE = 1;

export function chainLoop(p: ChainParams): ChainResult {
  let x = p.seed >>> 0 || 1;
  // xorshift32 → (0, 1): deterministic, no Math.random
  const u = () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return (x + 0.5) / 4294967296;
  };
  const exp = (mean: number) => -mean * Math.log(1 - u());
  const started = performance.now();

  // Events: parallel arrays in a binary heap keyed by (time, seq).
  const time: number[] = [];
  const seq: number[] = [];
  const kind: number[] = [];
  const node: number[] = [];
  const born: number[] = [];
  let nextSeq = 0;
  const push = (t: number, k: number, n: number, b: number) => {
    let i = time.length;
    time.push(t);
    seq.push(nextSeq);
    kind.push(k);
    node.push(n);
    born.push(b);
    const s = nextSeq++;
    while (i > 0) {
      const pa = (i - 1) >> 1;
      if (time[pa]! < t || (time[pa] === t && seq[pa]! < s)) break;
      time[i] = time[pa]!;
      seq[i] = seq[pa]!;
      kind[i] = kind[pa]!;
      node[i] = node[pa]!;
      born[i] = born[pa]!;
      i = pa;
    }
    time[i] = t;
    seq[i] = s;
    kind[i] = k;
    node[i] = n;
    born[i] = b;
  };
  let topT = 0;
  let topK = 0;
  let topN = 0;
  let topB = 0;
  const pop = () => {
    topT = time[0]!;
    topK = kind[0]!;
    topN = node[0]!;
    topB = born[0]!;
    const t = time.pop()!;
    const s = seq.pop()!;
    const k = kind.pop()!;
    const n = node.pop()!;
    const b = born.pop()!;
    const len = time.length;
    if (len === 0) return;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= len) break;
      const r = l + 1;
      const c = r < len && (time[r]! < time[l]! || (time[r] === time[l] && seq[r]! < seq[l]!)) ? r : l;
      if (time[c]! > t || (time[c] === t && seq[c]! > s)) break;
      time[i] = time[c]!;
      seq[i] = seq[c]!;
      kind[i] = kind[c]!;
      node[i] = node[c]!;
      born[i] = born[c]!;
      i = c;
    }
    time[i] = t;
    seq[i] = s;
    kind[i] = k;
    node[i] = n;
    born[i] = b;
  };

  const queues: number[][] = [[], [], []];
  const heads = [0, 0, 0];
  const busy = [0, 0, 0];
  const pass = [1 - p.share[0], p.share[2] / (p.share[1] + p.share[2]), 0];
  const arrive = (n: number, b: number, now: number) => {
    if (busy[n]! < p.servers[n]!) {
      busy[n]!++;
      push(now + exp(1 / p.mu), DONE, n, b);
    } else queues[n]!.push(b);
  };
  let cases = 0;
  let events = 0;
  let sojourn = 0;
  let counted = 0;
  push(exp(1 / p.lambdaPerHour), ARRIVAL, 0, 0);
  while (time.length > 0 && time[0]! <= p.horizonHours) {
    pop();
    events++;
    const now = topT;
    if (topK === ARRIVAL) {
      cases++;
      arrive(0, now, now);
      push(now + exp(1 / p.lambdaPerHour), ARRIVAL, 0, 0);
      continue;
    }
    const n = topN;
    const q = queues[n]!;
    if (heads[n]! < q.length) {
      push(now + exp(1 / p.mu), DONE, n, q[heads[n]!++]!);
      if (heads[n]! > 1024 && heads[n]! * 2 > q.length) {
        queues[n] = q.slice(heads[n]);
        heads[n] = 0;
      }
    } else busy[n]!--;
    if (n < 2 && u() < pass[n]!) arrive(n + 1, topB, now);
    else if (topB >= p.warmupHours) {
      sojourn += now - topB;
      counted++;
    }
  }
  return { cases, events, meanSojournHours: counted > 0 ? sojourn / counted : NaN, seconds: (performance.now() - started) / 1000 };
}
