import type { SimEvent, SimObserver } from '../model/events.ts';
import type { Case } from '../model/types.ts';
import { TIERS, type Scenario, type Tier } from '../scenario/schema.ts';

interface TierBooks {
  closed: number;
  resolution: number;
  handling: number;
  wait: number;
  slaMet: number;
}

const LAGS = [24, 72, 168] as const;

/**
 * `outputs.breakdown`: two extra sections of summary.json, over the cases created in the
 * statistics window.
 * - `byAuthority`: per authority tier, closed cases, their mean resolution (occurrence → close)
 *   and handling (registration → close) hours, and the share within the time limit;
 * - `discovery`: the share of issues registered (or taken in by a grid's volunteers) within 24 h, 72 h and 168 h of occurring, the
 *   share registered by the horizon, and the mean occurrence → registration lag with issues never
 *   registered counted as lasting until the horizon (a lower bound on their lag).
 */
export class BreakdownCollector implements SimObserver {
  private readonly windowStart: number;
  private readonly horizon: number;
  private readonly tiers = {} as Record<Tier, TierBooks>;
  private created = 0;
  private createdAtSum = 0;
  private registered = 0;
  private registeredAtCreatedSum = 0;
  private lagSum = 0;
  private readonly within = LAGS.map(() => 0);

  constructor(private readonly scenario: Scenario) {
    this.windowStart = scenario.warmupDays * 24;
    this.horizon = scenario.horizonDays * 24;
    for (const t of TIERS) this.tiers[t] = { closed: 0, resolution: 0, handling: 0, wait: 0, slaMet: 0 };
  }

  readonly eventTypes = ['issueOccurred', 'caseRegistered', 'caseClosed'] as const;

  onEvent(e: SimEvent): void {
    if (e.type === 'issueOccurred') {
      if (e.case.createdAt < this.windowStart) return;
      this.created++;
      this.createdAtSum += e.case.createdAt;
    } else if (e.type === 'caseRegistered') {
      if (e.case.createdAt >= this.windowStart) this.discovered(e.case);
    } else if (e.type === 'caseClosed') {
      const c = e.case;
      if (c.createdAt < this.windowStart) return;
      // Settled by a grid's volunteers without a registration (no source): known since intake.
      if (c.source === null) this.discovered(c);
      const b = this.tiers[c.authority];
      const handling = c.closedAt - c.registeredAt;
      b.closed++;
      b.resolution += c.closedAt - c.createdAt;
      b.handling += handling;
      b.wait += c.waitHours;
      if (handling <= this.scenario.timeLimitsHours[c.priority]) b.slaMet++;
    }
  }

  private discovered(c: Case): void {
    const lag = c.registeredAt - c.createdAt;
    this.registered++;
    this.registeredAtCreatedSum += c.createdAt;
    this.lagSum += lag;
    LAGS.forEach((h, i) => {
      if (lag <= h) this.within[i]!++;
    });
  }

  summarize(): Record<string, unknown> {
    const byAuthority: Record<string, { closed: number; resolutionHoursMean: number | null; handlingHoursMean: number | null; waitHoursMean: number | null; slaMet: number | null }> = {};
    for (const t of TIERS) {
      const b = this.tiers[t];
      const per = (x: number) => (b.closed > 0 ? x / b.closed : null);
      byAuthority[t] = { closed: b.closed, resolutionHoursMean: per(b.resolution), handlingHoursMean: per(b.handling), waitHoursMean: per(b.wait), slaMet: per(b.slaMet) };
    }
    const n = this.created;
    const undiscovered = n - this.registered;
    const censored = undiscovered * this.horizon - (this.createdAtSum - this.registeredAtCreatedSum);
    const share = (x: number) => (n > 0 ? x / n : null);
    return {
      byAuthority,
      discovery: {
        created: n,
        registeredShare: share(this.registered),
        within24h: share(this.within[0]!),
        within72h: share(this.within[1]!),
        within168h: share(this.within[2]!),
        meanLagCensoredHours: n > 0 ? (this.lagSum + censored) / n : null,
      },
    };
  }
}
