import { bernoulli, sample } from '../random/distributions.ts';
import type { Rng } from '../random/stream.ts';
import type { Scenario, SelfManagementParams, Tier } from '../scenario/schema.ts';
import { OnlineStats } from '../stats/online.ts';
import type { Territory } from '../territory/build.ts';
import type { SimEvent } from './events.ts';
import type { ExtensionHost, SimExtension } from './extensions.ts';
import type { Case } from './types.ts';
import { VolunteerPool } from './volunteerPool.ts';

/**
 * 网格自管会: a grid self-management committee. Building heads and volunteers learn of some minor
 * issues in their grid (`reachProbability`, after `noticeDelayHours`) and settle them there, so
 * these never become a case of the grid worker, the hotline or any tier above. An issue is
 * eligible by its intrinsic attributes only (authority tier, category, work); the three draws per
 * eligible issue (reached?, delay, settled?) come from the `selfManagement` stream in birth order,
 * so every policy sees the committee make the same choices (common random numbers).
 *
 * If the resident reports or a patrol finds the issue before the committee learns of it, the
 * case is already in the system and the committee leaves it. Once the committee knows, patrols
 * no longer find it; until a volunteer starts on it the resident may still report it (and the
 * case then enters the system as usual and the committee drops it); once a volunteer has
 * started, a resident's call is a duplicate. A volunteer spends `workFactor × workHours`; if the
 * attempt fails (1 − `successProbability`) the committee hands the case to the grid worker
 * (registered by the grid, source `gridWorker`).
 */
export class SelfManagement implements SimExtension {
  private host!: ExtensionHost;
  private rng!: Rng;
  private readonly pool: VolunteerPool;
  private readonly eligibleCategory: boolean[];
  private readonly tiers: Set<Tier>;
  private readonly windowStart: number;
  created = 0;
  eligible = 0;
  reached = 0;
  takenIn = 0;
  reportedFirst = 0;
  reportedWhileWaiting = 0;
  settled = 0;
  handedOn = 0;
  readonly settleHours = new OnlineStats();

  constructor(
    private readonly scenario: Scenario,
    territory: Territory,
    private readonly p: SelfManagementParams = scenario.selfManagement!,
  ) {
    this.windowStart = scenario.warmupDays * 24;
    this.pool = new VolunteerPool(p.volunteers, scenario, territory.grids.length, this.windowStart, scenario.horizonDays * 24);
    this.eligibleCategory = scenario.demand.categories.map((c) => !p.categories || p.categories.includes(c.name));
    this.tiers = new Set(p.tiers);
  }

  start(host: ExtensionHost): void {
    this.host = host;
    this.rng = host.streams.stream('selfManagement');
    this.pool.start(host.clock);
  }

  private isEligible(c: Case): boolean {
    return this.eligibleCategory[c.category]! && this.tiers.has(c.authority) && c.workHours <= this.p.maxWorkHours;
  }

  readonly eventTypes = ['issueOccurred'] as const;

  onEvent(e: SimEvent): void {
    if (e.type !== 'issueOccurred') return;
    const c = e.case;
    const counted = c.createdAt >= this.windowStart;
    if (counted) this.created++;
    if (!this.isEligible(c)) return;
    const reached = bernoulli(this.rng, this.p.reachProbability);
    const delay = sample(this.rng, this.p.noticeDelayHours);
    const success = bernoulli(this.rng, this.p.successProbability);
    if (counted) this.eligible++;
    if (!reached) return;
    if (counted) this.reached++;
    this.host.clock.schedule(delay, () => this.intake(c, success, counted));
  }

  private intake(c: Case, success: boolean, counted: boolean): void {
    if (this.pool.perGrid === 0) return;
    if (!this.host.takeLatent(c)) {
      if (counted) this.reportedFirst++;
      return;
    }
    if (counted) this.takenIn++;
    const intakeAt = this.host.now;
    let startedAt = NaN;
    this.pool.submit(c.grid, {
      hours: this.p.workFactor * c.workHours,
      // Still latent (to the desks): the resident has not reported it in the meantime.
      valid: () => {
        if (c.state === 'latent') return true;
        if (counted) this.reportedWhileWaiting++;
        return false;
      },
      started: (t) => {
        startedAt = t;
        c.state = 'inWork';
        c.reportedAt = intakeAt;
        c.tiersVisited.push('committee');
      },
      done: (t) => (success ? this.settle(c, intakeAt, startedAt, t, counted) : this.handOn(c, counted)),
    });
  }

  private settle(c: Case, intakeAt: number, startedAt: number, t: number, counted: boolean): void {
    c.registeredAt = intakeAt;
    c.registeredBy = 'grid';
    c.firstWorkAt = startedAt;
    c.resolvedAt = t;
    c.resolvedTier = 'grid';
    c.state = 'resolved';
    if (counted) {
      this.settled++;
      this.settleHours.add(t - c.createdAt);
    }
    this.host.closeSettled(c);
  }

  private handOn(c: Case, counted: boolean): void {
    if (counted) this.handedOn++;
    c.source = 'gridWorker';
    c.state = 'reported';
    this.host.registerCase(c, 'grid');
  }

  onFinish(t: number): void {
    this.pool.finish(t);
  }

  summarize(): Record<string, unknown> {
    return {
      selfManagement: {
        created: this.created,
        eligible: this.eligible,
        reached: this.reached,
        takenIn: this.takenIn,
        reportedFirst: this.reportedFirst,
        reportedWhileWaiting: this.reportedWhileWaiting,
        settled: this.settled,
        handedToGridWorker: this.handedOn,
        settledShare: this.created > 0 ? this.settled / this.created : 0,
        settleHours: { mean: this.settleHours.mean, count: this.settleHours.count },
        volunteers: this.pool.books(),
      },
    };
  }
}
