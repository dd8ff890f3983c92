import type { SimEvent, SimObserver } from '../model/events.ts';
import type { Case, CaseSource } from '../model/types.ts';
import type { Scenario, Tier } from '../scenario/schema.ts';
import { TIERS } from '../scenario/schema.ts';
import { OnlineStats } from '../stats/online.ts';
import { QuantileSketch } from '../stats/quantileSketch.ts';
import { StageTotals } from './stagesSummary.ts';
import { SurvivalSample } from './survival.ts';

export interface Distribution {
  mean: number;
  p50: number;
  p90: number;
  p95: number;
  max: number;
  count: number;
}

/** Quantiles (exact up to 250,000 values, then within 0.1%: QuantileSketch) and an online mean. */
export class Sample {
  readonly q = new QuantileSketch();
  readonly s = new OnlineStats();
  add(x: number): void {
    this.q.add(x);
    this.s.add(x);
  }
  get count(): number {
    return this.s.count;
  }
  distribution(): Distribution {
    const [p50, p90, p95] = this.q.quantiles([0.5, 0.9, 0.95]);
    return { mean: this.s.mean, p50: p50!, p90: p90!, p95: p95!, max: this.q.max(), count: this.s.count };
  }
}

/** Online statistics of the cases created inside the window [warm-up, horizon). */
export class SummaryCollector implements SimObserver {
  readonly windowStart: number;
  readonly horizon: number;
  createdAll = 0;
  closedAll = 0;
  created = 0;
  closed = 0;
  registered = 0;
  readonly resolution = new Sample();
  readonly handling = new Sample();
  readonly discovery = new Sample();
  /** Occurrence → registration of issues found by a patrol (latent issues). */
  readonly patrolDiscovery = new Sample();
  readonly wait = new OnlineStats();
  /** Where the hours of closed cases went (sums per stage). */
  readonly stages = new StageTotals();
  /** Time to close of every counted case for Kaplan–Meier (open ones added at the horizon: addOpenToSurvival). */
  readonly survival = new SurvivalSample();
  slaMet = 0;
  slaDue = 0;
  readonly resolvedByTier: Record<Tier, number> = { grid: 0, community: 0, street: 0, district: 0, department: 0 };
  escalations = 0;
  bounces = 0;
  timeouts = 0;
  reopens = 0;
  contacts = 0;
  whistled = 0;
  readonly sources: Record<CaseSource, number> = { hotline: 0, app: 0, gridWorker: 0, patrol: 0 };
  readonly contactsByKind = { consultation: 0, report: 0, followup: 0, duplicate: 0 };
  orderViolations = 0;
  firstOrderViolation = '';
  /** One bit per case id (ids are dense, in birth order): closed already? */
  private closedBits = new Uint8Array(1024);
  doubleClosed = 0;

  constructor(private readonly scenario: Scenario) {
    this.windowStart = scenario.warmupDays * 24;
    this.horizon = scenario.horizonDays * 24;
  }

  private counted(c: Case): boolean {
    return c.createdAt >= this.windowStart;
  }

  readonly eventTypes = ['issueOccurred', 'caseRegistered', 'contactReceived', 'caseClosed'] as const;

  onEvent(e: SimEvent): void {
    switch (e.type) {
      case 'issueOccurred':
        this.createdAll++;
        if (this.counted(e.case)) this.created++;
        break;
      case 'caseRegistered':
        if (this.counted(e.case)) {
          this.registered++;
          this.sources[e.case.source!]++;
          this.discovery.add(e.case.registeredAt - e.case.createdAt);
          if (e.case.source === 'patrol') this.patrolDiscovery.add(e.case.registeredAt - e.case.createdAt);
        }
        break;
      case 'contactReceived':
        if (e.t >= this.windowStart) this.contactsByKind[e.contact]++;
        break;
      case 'caseClosed':
        this.onClosed(e.case);
        break;
      default:
    }
  }

  private onClosed(c: Case): void {
    this.closedAll++;
    const byte = c.id >> 3;
    if (byte >= this.closedBits.length) {
      const grown = new Uint8Array(Math.max(byte + 1, this.closedBits.length * 2));
      grown.set(this.closedBits);
      this.closedBits = grown;
    }
    const bit = 1 << (c.id & 7);
    if (this.closedBits[byte]! & bit) this.doubleClosed++;
    this.closedBits[byte]! |= bit;
    this.checkOrder(c);
    if (!this.counted(c)) return;
    this.closed++;
    this.resolution.add(c.closedAt - c.createdAt);
    this.stages.add(c);
    this.survival.addClosed(c.closedAt - c.createdAt);
    const handling = c.closedAt - c.registeredAt;
    this.handling.add(handling);
    this.wait.add(c.waitHours);
    this.slaDue++;
    if (handling <= this.scenario.timeLimitsHours[c.priority]) this.slaMet++;
    if (c.resolvedTier) this.resolvedByTier[c.resolvedTier]++;
    this.escalations += c.escalations;
    this.bounces += c.bounces;
    this.timeouts += c.timeouts;
    this.reopens += c.reopens;
    this.contacts += c.contacts;
    if (c.whistled) this.whistled++;
  }

  /** Lifecycle stamps must be non-decreasing: occurred ≤ reported ≤ registered ≤ … ≤ closed. */
  private checkOrder(c: Case): void {
    const stamps: [string, number][] = [
      ['createdAt', c.createdAt],
      ['reportedAt', c.reportedAt],
      ['registeredAt', c.registeredAt],
      ['dispatchedAt', c.dispatchedAt],
      ['firstWorkAt', c.firstWorkAt],
      ['resolvedAt', c.resolvedAt],
      ['verifiedAt', c.verifiedAt],
      ['closedAt', c.closedAt],
    ];
    let last = -Infinity;
    let lastName = '';
    for (const [name, v] of stamps) {
      if (Number.isNaN(v)) continue;
      if (v < last - 1e-9) {
        this.orderViolations++;
        if (!this.firstOrderViolation) this.firstOrderViolation = `case ${c.id}: ${name} ${v} before ${lastName} ${last}`;
      }
      last = v;
      lastName = name;
    }
  }

  /** Counted cases still open at the horizon enter the Kaplan–Meier estimate censored there. */
  addOpenToSurvival(open: Iterable<Case>): void {
    for (const c of open) if (this.counted(c)) this.survival.addOpen(this.horizon - c.createdAt);
  }

  /** Open cases at the horizon whose time limit has already passed count against the SLA. */
  countOverdueOpen(open: Iterable<Case>): number {
    let overdue = 0;
    for (const c of open) {
      if (!this.counted(c) || Number.isNaN(c.registeredAt)) continue;
      if (c.registeredAt + this.scenario.timeLimitsHours[c.priority] <= this.horizon) overdue++;
    }
    this.slaDue += overdue;
    return overdue;
  }

  tierShares(): Record<Tier, number> {
    const out = {} as Record<Tier, number>;
    for (const t of TIERS) out[t] = this.closed > 0 ? this.resolvedByTier[t] / this.closed : 0;
    return out;
  }
}
