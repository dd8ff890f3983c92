import { STAGE_COLUMNS, STAGE_SLOTS } from '../model/stageClock.ts';
import type { Case } from '../model/types.ts';

/** summary.json `stages`: where the hours of the closed cases went. */
export interface StagesSummary {
  /** Closed counted cases the means are over. */
  closed: number;
  /** Mean hours per case in each stage (`discoveryHours` …) and in each tier's queue (`queueHours_grid` …). */
  meanHours: Record<string, number>;
  /** Each stage's mean over the mean occurrence → closure time; the stages' shares add up to 1. */
  share: Record<string, number>;
  /** Mean hand-offs (moves between two units) per closed case. */
  handoffsPerCase: number;
}

/** Sums of the stage hours of closed counted cases (one float per slot, not per case). */
export class StageTotals {
  private readonly sums = new Float64Array(STAGE_SLOTS);
  private total = 0;
  private handoffs = 0;
  private n = 0;

  add(c: Case): void {
    for (let i = 0; i < STAGE_SLOTS; i++) this.sums[i]! += c.stageHours[i]!;
    this.total += c.closedAt - c.createdAt;
    this.handoffs += c.handoffs;
    this.n++;
  }

  summary(): StagesSummary {
    const meanHours: Record<string, number> = {};
    const share: Record<string, number> = {};
    const meanTotal = this.n > 0 ? this.total / this.n : 0;
    STAGE_COLUMNS.forEach((col, i) => {
      const m = this.n > 0 ? this.sums[i]! / this.n : 0;
      meanHours[col] = m;
      share[col] = meanTotal > 0 ? m / meanTotal : 0;
    });
    return { closed: this.n, meanHours, share, handoffsPerCase: this.n > 0 ? this.handoffs / this.n : 0 };
  }
}
