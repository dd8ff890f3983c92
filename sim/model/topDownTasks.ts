import { bernoulli, sample } from '../random/distributions.ts';
import type { Rng } from '../random/stream.ts';
import type { Scenario, TopDownTasksParams } from '../scenario/schema.ts';
import type { Territory } from '../territory/build.ts';
import type { ExtensionHost, SimExtension } from './extensions.ts';
import { PRIORITY_RANK } from './types.ts';
import { VolunteerPool } from './volunteerPool.ts';

type Campaign = TopDownTasksParams['campaigns'][number];

const WEEK = 7;

/**
 * Top-down tasks (上级任务: door-to-door checks, health-code verification): every day of a
 * campaign, at `issueHour`, each grid receives `unitsPerGridPerDay` task units. A unit is a job
 * at the grid desk at the campaign's priority level, so it competes with routine cases for the
 * grid worker (and keeps them from patrolling); while volunteers are mobilized, a share of the
 * units goes to them instead. Unit counts, work and the volunteer split are drawn from the
 * `topDownTasks` stream in a fixed order (day, campaign, grid, unit), the same under every policy.
 *
 * Once a day at midnight it counts the registered cases still open: the baseline is their mean
 * over the `baselineDays` before the first campaign, and the recovery time is the number of days
 * after the last campaign until the mean count over the next 7 days is back within
 * `recoveryTolerance` of the baseline (a 7-day mean, so the weekly swing of office shifts does
 * not count as a backlog). It also gives the peak (and its day) and the excess case-days,
 * Σ max(0, open − baseline) over the days from the first campaign on.
 */
export class TopDownTasks implements SimExtension {
  private host!: ExtensionHost;
  private rng!: Rng;
  private readonly pool: VolunteerPool | null;
  private readonly horizon: number;
  private readonly windowStart: number;
  issued = 0;
  toGrid = 0;
  toVolunteers = 0;
  doneByGrid = 0;
  doneByVolunteers = 0;
  gridWorkHours = 0;
  private gridWaitSum = 0;
  private outstanding = 0;
  maxOutstanding = 0;
  readonly openCasesByDay: number[] = [];
  readonly unitsOutstandingByDay: number[] = [];

  constructor(
    private readonly scenario: Scenario,
    private readonly territory: Territory,
    private readonly p: TopDownTasksParams = scenario.topDownTasks!,
  ) {
    this.horizon = scenario.horizonDays * 24;
    this.windowStart = scenario.warmupDays * 24;
    const v = p.volunteers;
    this.pool = v ? new VolunteerPool(v.staffing, scenario, territory.grids.length, this.windowStart, this.horizon, v.startDay * 24, v.endDay * 24) : null;
  }

  start(host: ExtensionHost): void {
    this.host = host;
    this.rng = host.streams.stream('topDownTasks');
    this.pool?.start(host.clock);
    const days = Math.ceil(this.scenario.horizonDays);
    for (let d = 0; d < days; d++) {
      const midnight = d * 24;
      if (midnight < this.horizon) host.clock.scheduleAt(midnight, () => this.sample());
      for (const c of this.p.campaigns) {
        const t = d * 24 + c.issueHour;
        if (t >= c.startDay * 24 && t < c.endDay * 24 && t < this.horizon) host.clock.scheduleAt(t, () => this.issue(c));
      }
    }
  }

  private sample(): void {
    let open = 0;
    for (const c of this.host.open.values()) if (Number.isFinite(c.registeredAt)) open++;
    this.openCasesByDay.push(open);
    this.unitsOutstandingByDay.push(this.outstanding);
  }

  private volunteersActive(t: number): boolean {
    const v = this.p.volunteers;
    return !!v && t >= v.startDay * 24 && t < v.endDay * 24;
  }

  private issue(c: Campaign): void {
    const now = this.host.now;
    const level = PRIORITY_RANK[c.priority] + 1;
    const whole = Math.floor(c.unitsPerGridPerDay);
    const frac = c.unitsPerGridPerDay - whole;
    const share = this.p.volunteers?.share ?? 0;
    const mobilized = this.volunteersActive(now);
    for (const g of this.territory.grids) {
      const n = whole + (frac > 0 && bernoulli(this.rng, frac) ? 1 : 0);
      for (let k = 0; k < n; k++) {
        const hours = sample(this.rng, c.workHours);
        const toVolunteers = bernoulli(this.rng, share) && mobilized;
        this.issued++;
        this.outstanding++;
        this.maxOutstanding = Math.max(this.maxOutstanding, this.outstanding);
        if (toVolunteers && this.pool) {
          this.toVolunteers++;
          this.pool.submit(g.index, { hours, started: null, done: () => this.finished(false, hours, now) });
        } else {
          this.toGrid++;
          const desk = this.host.world.gridDesk(g.index);
          this.host.enqueueJob(desk, { kind: 'job', activity: 'handle', hours, case: null, done: () => this.finished(true, hours, now) }, level);
        }
      }
    }
  }

  private finished(byGrid: boolean, hours: number, issuedAt: number): void {
    this.outstanding--;
    if (byGrid) {
      this.doneByGrid++;
      this.gridWorkHours += hours;
      this.gridWaitSum += this.host.now - hours - issuedAt;
    } else {
      this.doneByVolunteers++;
    }
  }

  onFinish(t: number): void {
    this.pool?.finish(t);
  }

  /** Baseline, peak and recovery of the daily open-case count around the campaigns. */
  recovery(): { baseline: number | null; peak: number | null; peakDay: number | null; excessCaseDays: number | null; recoveryDays: number | null; recovered: boolean } {
    const none = { baseline: null, peak: null, peakDay: null, excessCaseDays: null, recoveryDays: null, recovered: false };
    const camps = this.p.campaigns;
    if (camps.length === 0) return none;
    const first = Math.min(...camps.map((c) => c.startDay));
    const last = Math.max(...camps.map((c) => c.endDay));
    const series = this.openCasesByDay; // series[d] = open cases at d·24
    const base: number[] = [];
    for (let d = Math.max(0, Math.ceil(first - this.p.baselineDays)); d < first && d < series.length; d++) base.push(series[d]!);
    if (base.length === 0) return none;
    const baseline = base.reduce((a, b) => a + b, 0) / base.length;
    let peak = 0;
    let peakDay: number | null = null;
    let excessCaseDays = 0;
    for (let d = Math.ceil(first); d < series.length; d++) {
      if (series[d]! > peak) [peak, peakDay] = [series[d]!, d];
      excessCaseDays += Math.max(0, series[d]! - baseline);
    }
    const found = { baseline, peak, peakDay, excessCaseDays };
    // Weekly shifts make the count swing within a week: compare the week that starts on a day.
    const limit = baseline * (1 + this.p.recoveryTolerance);
    for (let d = Math.ceil(last); d + WEEK <= series.length; d++) {
      let sum = 0;
      for (let k = d; k < d + WEEK; k++) sum += series[k]!;
      if (sum / WEEK <= limit) return { ...found, recoveryDays: d - last, recovered: true };
    }
    return { ...found, recoveryDays: null, recovered: false };
  }

  summarize(): Record<string, unknown> {
    return {
      topDownTasks: {
        unitsIssued: this.issued,
        unitsToGridWorkers: this.toGrid,
        unitsToVolunteers: this.toVolunteers,
        unitsDoneByGridWorkers: this.doneByGrid,
        unitsDoneByVolunteers: this.doneByVolunteers,
        unitsOutstanding: this.outstanding,
        maxUnitsOutstanding: this.maxOutstanding,
        gridWorkerTaskHours: this.gridWorkHours,
        meanUnitWaitHours: this.doneByGrid > 0 ? this.gridWaitSum / this.doneByGrid : 0,
        openCases: this.recovery(),
        openCasesByDay: this.openCasesByDay,
        unitsOutstandingByDay: this.unitsOutstandingByDay,
        volunteers: this.pool ? this.pool.books() : null,
      },
    };
  }
}
