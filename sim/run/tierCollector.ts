import { csvHours, csvTable } from './csv.ts';
import type { SimEvent, SimObserver } from '../model/events.ts';

export const STAT_TIERS = ['hotline', 'grid', 'community', 'street', 'district', 'department'] as const;
export type StatTier = (typeof STAT_TIERS)[number];

/** A piecewise-constant quantity integrated into fixed time steps and over the statistics window. */
class StepIntegrator {
  value = 0;
  private last = 0;
  windowArea = 0;
  readonly perStep: Float64Array;
  /** Value at the end of each step (a snapshot, e.g. backlog). */
  readonly atStepEnd: Float64Array;

  constructor(
    private readonly step: number,
    private readonly steps: number,
    private readonly windowStart: number,
    private readonly horizon: number,
  ) {
    this.perStep = new Float64Array(steps);
    this.atStepEnd = new Float64Array(steps);
  }

  advance(now: number): void {
    if (now <= this.last) return;
    const from = Math.max(this.last, this.windowStart);
    const to = Math.min(now, this.horizon);
    if (to > from) this.windowArea += this.value * (to - from);
    let t = this.last;
    while (t < now && t < this.horizon) {
      const k = Math.min(Math.floor(t / this.step), this.steps - 1);
      const boundary = Math.min((k + 1) * this.step, this.horizon);
      const end = Math.min(boundary, now);
      this.perStep[k] += this.value * (end - t);
      if (end === boundary) this.atStepEnd[k] = this.value;
      t = end;
    }
    this.last = now;
  }

  change(now: number, delta: number): void {
    this.advance(now);
    this.value += delta;
  }
}

interface TierBooks {
  present: StepIntegrator;
  busy: StepIntegrator;
  patrol: StepIntegrator;
  onDuty: StepIntegrator;
  arrivals: Float64Array;
  windowArrivals: number;
  windowSojourn: number;
  openEnteredSum: number; // Σ enteredAt of visits present now that entered inside the window
  openEnteredCount: number;
}

export interface LittleCheck {
  /** Time-average number present (cases and contacts) over the window. */
  L: number;
  /** Arrivals per hour in the window × mean time at the tier of those arrivals (censored at the horizon). */
  lambdaW: number;
  relErr: number;
  arrivals: number;
}

/**
 * Per tier: arrivals, backlog and busy staff by time step (for timeseries.csv), and the
 * quantities of Little's law over the statistics window (L from the integrated count, λ·W from
 * the visits), so the two independent bookkeepings can be compared.
 */
export class TierCollector implements SimObserver {
  // A plain object, not a Map: looked up ≈ 3 times per engine event.
  private readonly books = {} as Record<StatTier, TierBooks>;
  readonly steps: number;

  constructor(
    readonly stepHours: number,
    readonly windowStart: number,
    readonly horizon: number,
  ) {
    this.steps = Math.ceil(horizon / stepHours);
    for (const tier of STAT_TIERS) {
      const mk = () => new StepIntegrator(stepHours, this.steps, windowStart, horizon);
      this.books[tier] = {
        present: mk(),
        busy: mk(),
        patrol: mk(),
        onDuty: mk(),
        arrivals: new Float64Array(this.steps),
        windowArrivals: 0,
        windowSojourn: 0,
        openEnteredSum: 0,
        openEnteredCount: 0,
      };
    }
  }

  readonly eventTypes = ['deskEntered', 'deskLeft', 'workStarted', 'workFinished', 'staffOnDuty', 'staffOffDuty'] as const;

  onEvent(e: SimEvent): void {
    switch (e.type) {
      case 'deskEntered': {
        const b = this.books[e.desk.tier];
        b.present.change(e.t, 1);
        if (e.t < this.horizon) b.arrivals[Math.min(Math.floor(e.t / this.stepHours), this.steps - 1)]++;
        if (e.t >= this.windowStart) {
          b.windowArrivals++;
          b.openEnteredSum += e.t;
          b.openEnteredCount++;
        }
        break;
      }
      case 'deskLeft': {
        const b = this.books[e.desk.tier];
        b.present.change(e.t, -1);
        if (e.enteredAt >= this.windowStart) {
          b.windowSojourn += Math.min(e.t, this.horizon) - e.enteredAt;
          b.openEnteredSum -= e.enteredAt;
          b.openEnteredCount--;
        }
        break;
      }
      case 'workStarted':
      case 'workFinished': {
        const b = this.books[e.staff.desk.tier];
        const d = e.type === 'workStarted' ? 1 : -1;
        (e.activity === 'patrol' ? b.patrol : b.busy).change(e.t, d);
        break;
      }
      case 'staffOnDuty':
      case 'staffOffDuty':
        this.books[e.staff.desk.tier].onDuty.change(e.t, e.type === 'staffOnDuty' ? 1 : -1);
        break;
      default:
    }
  }

  onFinish(t: number): void {
    for (const b of Object.values(this.books)) {
      for (const i of [b.present, b.busy, b.patrol, b.onDuty]) i.advance(t);
      b.windowSojourn += b.openEnteredCount * this.horizon - b.openEnteredSum;
      b.openEnteredSum = 0;
      b.openEnteredCount = 0;
    }
  }

  little(tier: StatTier): LittleCheck {
    const b = this.books[tier];
    const T = this.horizon - this.windowStart;
    const L = b.present.windowArea / T;
    const lambdaW = b.windowSojourn / T;
    // Below 1e-9 the gap is floating-point noise of two sums of the same terms; its last digits
    // differ between JavaScript engines (Node vs Chromium), so it is reported as 0.
    const raw = L > 0 ? Math.abs(L - lambdaW) / L : lambdaW > 0 ? 1 : 0;
    const relErr = raw < 1e-9 ? 0 : raw;
    return { L, lambdaW, relErr, arrivals: b.windowArrivals };
  }

  /** Staff-hours busy (any activity but patrol) over the window, from the integrated count. */
  busyHours(tier: StatTier): number {
    return this.books[tier].busy.windowArea;
  }

  /** Time-average backlog (cases and contacts present) over the window. */
  meanBacklog(tier: StatTier): number {
    return this.books[tier].present.windowArea / (this.horizon - this.windowStart);
  }

  /** timeseries.csv: one row per step and tier. */
  toCsv(): string {
    const rows: unknown[][] = [];
    for (let k = 0; k < this.steps; k++) {
      const start = k * this.stepHours;
      const len = Math.min(this.stepHours, this.horizon - start);
      for (const tier of STAT_TIERS) {
        const b = this.books[tier];
        rows.push([hours(start), tier, b.arrivals[k]!, b.present.atStepEnd[k]!, hours(b.busy.perStep[k]! / len), hours(b.patrol.perStep[k]! / len), hours(b.onDuty.perStep[k]! / len)]);
      }
    }
    return csvTable(['hour', 'tier', 'arrivals', 'backlog', 'busyStaff', 'patrolStaff', 'onDutyStaff'], rows);
  }
}

/** Whole hours and staff counts as integers, fractions with csvHours' 4 decimals. */
const hours = (x: number) => (Number.isInteger(x) ? x : csvHours(x));
