import type { SimEvent, SimObserver } from '../model/events.ts';
import type { Case } from '../model/types.ts';
import { bernoulli } from '../random/distributions.ts';
import type { Rng } from '../random/stream.ts';
import type { Priority, SatisfactionParams, Scenario } from '../scenario/schema.ts';

interface Pending {
  priority: Priority;
  start: number;
  deadline: number;
  responseAt: number;
  contacts: number;
  reopens: number;
}

interface Tally {
  rated: number;
  responded: number;
  resolved: number;
  satisfied: number;
  expected: number;
}

export interface RateRow {
  month: number;
  fromDay: number;
  toDay: number;
  rated: number;
  response: number | null;
  resolution: number | null;
  satisfaction: number | null;
}

const tally = (): Tally => ({ rated: 0, responded: 0, resolved: 0, satisfied: 0, expected: 0 });
const rate = (n: number, d: number) => (d > 0 ? n / d : null);

/**
 * The residents' three rates (响应率, 解决率, 满意率), an observer of the event stream.
 *
 * Rated are the cases a resident asked about (those with a report channel). Each is evaluated
 * once, as the hotline's return call would: when it closes, if it closes within its time limit
 * (registration + `timeLimitsHours[priority]`); otherwise at the moment the limit passes, as
 * unresolved. At the evaluation:
 * - responded = a handling unit (or a volunteer) started work on it within `responseHours`
 *   of its registration;
 * - resolved = closed within the limit and confirmed by the resident (`resolvedIfClosed`);
 * - satisfied with probability 1 / (1 + e^−score), score = intercept + unresolved (if not
 *   resolved) + timeRatio × min(1, time taken / limit) + extraContact × (contacts − 1)
 *   + reopen × reopens + noResponse (if not responded).
 * The two draws per evaluation come from the `satisfaction` stream. Evaluations at times inside
 * the statistics window count, in the month (`monthDays` long, from day 0) they fall in.
 */
export class SatisfactionCollector implements SimObserver {
  private readonly pending = new Map<number, Pending>();
  private readonly overall = tally();
  private readonly months = new Map<number, Tally>();
  private readonly windowStart: number;
  private readonly horizon: number;
  private readonly monthHours: number;

  constructor(
    private readonly scenario: Scenario,
    private readonly rng: Rng,
    private readonly p: SatisfactionParams = scenario.satisfaction!,
  ) {
    this.windowStart = scenario.warmupDays * 24;
    this.horizon = scenario.horizonDays * 24;
    this.monthHours = p.monthDays * 24;
  }

  private record(c: Case): Pending {
    const start = c.registeredAt;
    return { priority: c.priority, start, deadline: start + this.scenario.timeLimitsHours[c.priority], responseAt: NaN, contacts: c.contacts, reopens: 0 };
  }

  onEvent(e: SimEvent): void {
    switch (e.type) {
      case 'caseRegistered':
        if (e.case.reportChannel !== null) this.pending.set(e.case.id, this.record(e.case));
        break;
      case 'workStarted': {
        if (!e.case || e.staff.desk.kind !== 'handle') break;
        const r = this.pending.get(e.case.id);
        if (r && Number.isNaN(r.responseAt)) r.responseAt = e.t;
        break;
      }
      case 'contactReceived': {
        if (!e.case || (e.contact !== 'followup' && e.contact !== 'duplicate')) break;
        const r = this.pending.get(e.case.id);
        if (r && e.t <= r.deadline) r.contacts++;
        break;
      }
      case 'caseReopened': {
        const r = this.pending.get(e.case.id);
        if (r && e.t <= r.deadline) r.reopens++;
        break;
      }
      case 'caseClosed':
        this.closed(e.case);
        break;
      default:
    }
  }

  private closed(c: Case): void {
    if (c.reportChannel === null) return;
    let r = this.pending.get(c.id);
    if (r) this.pending.delete(c.id);
    else {
      // Settled away from the desks (self-management): no registration event was seen.
      r = this.record(c);
      r.responseAt = c.firstWorkAt;
    }
    if (c.closedAt <= r.deadline) this.evaluate(r, c.closedAt, true, c.contacts, c.reopens);
    else this.evaluate(r, r.deadline, false, r.contacts, r.reopens);
  }

  private evaluate(r: Pending, at: number, closedInTime: boolean, contacts: number, reopens: number): void {
    if (at < this.windowStart || at >= this.horizon) return;
    const p = this.p;
    const responded = r.responseAt <= r.start + p.responseHours[r.priority];
    const resolved = bernoulli(this.rng, p.resolvedIfClosed) && closedInTime;
    const limit = r.deadline - r.start;
    const s = p.score;
    const score =
      s.intercept +
      (resolved ? 0 : s.unresolved) +
      s.timeRatio * Math.min(1, (at - r.start) / limit) +
      s.extraContact * Math.max(0, contacts - 1) +
      s.reopen * reopens +
      (responded ? 0 : s.noResponse);
    const prob = 1 / (1 + Math.exp(-score));
    const satisfied = bernoulli(this.rng, prob);
    const month = Math.floor(at / this.monthHours);
    let m = this.months.get(month);
    if (!m) this.months.set(month, (m = tally()));
    for (const t of [this.overall, m]) {
      t.rated++;
      if (responded) t.responded++;
      if (resolved) t.resolved++;
      if (satisfied) t.satisfied++;
      t.expected += prob;
    }
  }

  /** At the horizon: cases whose limit has passed unresolved are evaluated; the rest are pending. */
  onFinish(): void {
    const ids = [...this.pending.keys()].sort((a, b) => a - b);
    for (const id of ids) {
      const r = this.pending.get(id)!;
      if (r.deadline < this.horizon) {
        this.pending.delete(id);
        this.evaluate(r, r.deadline, false, r.contacts, r.reopens);
      }
    }
  }

  summarize(): Record<string, unknown> {
    const o = this.overall;
    const monthly: RateRow[] = [];
    if (this.horizon > this.windowStart) {
      const first = Math.floor(this.windowStart / this.monthHours);
      const last = Math.floor((this.horizon - 1e-9) / this.monthHours);
      for (let k = first; k <= last; k++) {
        const m = this.months.get(k) ?? tally();
        monthly.push({
          month: k + 1,
          fromDay: Math.max(k * this.monthHours, this.windowStart) / 24,
          toDay: Math.min((k + 1) * this.monthHours, this.horizon) / 24,
          rated: m.rated,
          response: rate(m.responded, m.rated),
          resolution: rate(m.resolved, m.rated),
          satisfaction: rate(m.satisfied, m.rated),
        });
      }
    }
    return {
      satisfaction: {
        rated: o.rated,
        pending: this.pending.size,
        response: rate(o.responded, o.rated),
        resolution: rate(o.resolved, o.rated),
        satisfaction: rate(o.satisfied, o.rated),
        satisfactionExpected: rate(o.expected, o.rated),
        monthly,
      },
    };
  }
}
