import { bernoulli, sample } from '../random/distributions.ts';
import type { Rng } from '../random/stream.ts';
import type { DuplicateReportsParams } from '../scenario/schema.ts';
import { caseUniform } from './caseDraw.ts';
import type { Simulation } from './simulation.ts';
import type { Case } from './types.ts';
import type { Activity, Desk } from './world.ts';

/** Hops a duplicate work order may make before it is closed wherever it is. */
const MAX_HOPS = 6;
const CALL_LEVEL = 1;

/**
 * Duplicate reports and merging. One issue is reported by several residents: besides the first
 * reporter, `extraReports` others (drawn at the birth, with their delays after the first
 * report, from the `mechanisms/duplicates` stream in birth order: the same under every policy)
 * call the hotline while the case is open. Each call is a hotline contact (a call-taker's time).
 * The work order it creates then goes where the policy sends a newly registered hotline case, and
 * every unit on its way spends time on it:
 * - a dispatch desk (the command centre, a street centre) classifies it (dispatch time) and
 *   recognises it as a duplicate with `recognition[tier]` (a per-case, per-report, per-tier
 *   uniform); otherwise passes it on where the policy routes it;
 * - the grid or community of the place merges it at once (review time): it knows its own place;
 * - any other handling unit goes there (travel both ways), inspects (`inspectHours`) and closes it
 *   as a duplicate.
 * Duplicate work orders are not case records: every case statistic (cases.csv, resolution,
 * conservation) excludes them; they are counted in `summary.mechanisms.duplicateReports`, and
 * their staff time counts in the activities and utilization of the units that spent it.
 */
export class DuplicateReports {
  private readonly rng: Rng;
  private readonly service: Rng;
  reports = 0;
  readonly mergedAt: Record<string, number> = {};
  closedAsDuplicate = 0;
  staffHours = 0;

  constructor(
    private readonly sim: Simulation,
    readonly p: DuplicateReportsParams,
  ) {
    this.rng = sim.streams.stream('mechanisms/duplicates');
    this.service = sim.streams.stream('mechanisms/duplicates/service');
  }

  /** An issue occurred: draw its other reporters (in birth order). */
  occurred(c: Case): void {
    if (c.reportChannel === null) return;
    const n = Math.max(0, Math.round(sample(this.rng, this.p.extraReports)));
    for (let k = 0; k < n; k++) {
      const at = c.reportAt + sample(this.rng, this.p.delayHours);
      if (at < this.sim.horizon) this.sim.clock.scheduleAt(at, () => this.reported(c, k));
    }
  }

  private counted(c: Case): boolean {
    return c.createdAt >= this.sim.windowStart;
  }

  private reported(c: Case, k: number): void {
    // Fixed already, or never registered (taken in by volunteers): nobody calls.
    if (c.state === 'closed' || c.state === 'latent' || Number.isNaN(c.registeredAt)) return;
    if (this.counted(c)) this.reports++;
    const desk = this.sim.world.hotlineDesk(c.grid);
    this.sim.emit({ type: 'contactReceived', t: this.sim.now, contact: 'duplicate', case: c, desk });
    const hours = sample(this.service, this.sim.scenario.service.callHours);
    this.job(c, desk, 'call', hours, CALL_LEVEL, () => {
      const first = this.sim.routeAsNew(c);
      this.at(c, k, first, 0);
    });
  }

  private at(c: Case, k: number, desk: Desk, hops: number): void {
    const s = this.sim.scenario.service;
    const level = 3; // a general case's level: duplicates wait behind urgent work
    if (desk.kind === 'dispatch' && hops < MAX_HOPS) {
      this.job(c, desk, 'dispatch', sample(this.service, s.dispatchHours), level, () => {
        const share = this.p.recognition[desk.tier as 'street' | 'district'] ?? 0;
        if (bernoulli({ next: () => caseUniform(this.sim.streams.seed, `duplicates/${k}/${desk.tier}`, c.id) }, share)) return this.merged(c, desk);
        this.at(c, k, this.sim.routeAsNew(c, desk), hops + 1);
      });
    } else if (desk.tier === 'grid' || desk.tier === 'community') {
      this.job(c, desk, 'review', sample(this.service, s.reviewHours), level, () => this.merged(c, desk));
    } else {
      const travel = 2 * this.sim.world.travelHours(desk, c.grid);
      this.job(c, desk, 'handle', travel + sample(this.service, this.p.inspectHours), level, () => {
        if (this.counted(c)) this.closedAsDuplicate++;
      });
    }
  }

  private merged(c: Case, desk: Desk): void {
    if (this.counted(c)) this.mergedAt[desk.tier] = (this.mergedAt[desk.tier] ?? 0) + 1;
  }

  private job(c: Case, desk: Desk, activity: Activity, hours: number, level: number, done: () => void): void {
    if (this.counted(c)) this.staffHours += hours;
    this.sim.enqueueJob(desk, { kind: 'job', activity, hours, case: null, done }, level);
  }

  summarize(): Record<string, unknown> {
    return { reports: this.reports, mergedAt: this.mergedAt, closedAsDuplicate: this.closedAsDuplicate, staffHours: this.staffHours };
  }
}
