import type { SimEvent, SimObserver } from '../model/events.ts';
import { deadlineOf } from '../model/deferral.ts';
import type { Case } from '../model/types.ts';
import type { World } from '../model/world.ts';
import { bernoulli } from '../random/distributions.ts';
import type { Rng } from '../random/stream.ts';
import type { SatisfactionParams, Scenario } from '../scenario/schema.ts';

interface Pending {
  c: Case;
  start: number;
  responseAt: number;
  /** Arrival at the handling unit holding the case: a response unless that unit bounces it back. */
  signedAt: number;
}

interface Tally {
  rated: number;
  responded: number;
  resolved: number;
  satisfied: number;
  expected: number;
  late: number;
  open: number;
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

const tally = (): Tally => ({ rated: 0, responded: 0, resolved: 0, satisfied: 0, expected: 0, late: 0, open: 0 });
const rate = (n: number, d: number) => (d > 0 ? n / d : null);

/**
 * The residents' three rates (响应率, 解决率, 满意率), an observer of the event stream.
 *
 * Rated are the cases a resident asked about (those with a report channel). Each is rated once,
 * as the hotline's return call would, on its eventual outcome: when it closes, in time or late
 * (a case past its deadline is pressed by the call-back and may still be resolved); a case still
 * open at the horizon is rated there, as unresolved, if its deadline has passed, and is
 * `pending` otherwise. The deadline is registration + `timeLimitsHours[priority]`, moved by any
 * deferral (延期, sim/model/deferral.ts). At the rating:
 * - responded (响应) = the work order reached a unit that signed for it — a handling unit with
 *   the authority (it signs on receipt, 24/7, and contacts the resident), a handling unit the
 *   case was sent to that did not bounce it back as not its own, or one that took the case on
 *   itself (informal settlement, a volunteer) — within `responseHours` of registration; not the
 *   start of the work;
 * - resolved = closed and confirmed by the resident (`resolvedIfClosed`);
 * - satisfied with probability 1 / (1 + e^−score), score = intercept + unresolved (if not
 *   resolved) + timeRatio × min(1, time taken / limit) + late × min(1, time past the deadline /
 *   limit) + extraContact × (contacts − 1) + reopen × reopens + noResponse (if not responded).
 * The two draws per rating come from the `satisfaction` stream. Ratings inside the statistics
 * window count, in the month (`monthDays` long, from day 0) they fall in.
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
    private readonly world: Pick<World, 'canResolve'>,
    private readonly p: SatisfactionParams = scenario.satisfaction!,
  ) {
    this.windowStart = scenario.warmupDays * 24;
    this.horizon = scenario.horizonDays * 24;
    this.monthHours = p.monthDays * 24;
  }

  readonly eventTypes = ['caseRegistered', 'caseQueued', 'caseEscalated', 'caseBounced', 'workStarted', 'caseClosed'] as const;

  onEvent(e: SimEvent): void {
    switch (e.type) {
      case 'caseRegistered':
        if (e.case.reportChannel !== null) this.pending.set(e.case.id, { c: e.case, start: e.case.registeredAt, responseAt: NaN, signedAt: NaN });
        break;
      case 'caseQueued': {
        // The work order reaches a handling unit: a unit with the authority signs for it; any
        // other unit signs too (it is the receiver the dispatcher chose: the grid under
        // hierarchy) unless it sends the case back as not its own (a bounce, below).
        if (e.desk.kind !== 'handle') break;
        if (this.world.canResolve(e.desk, e.case)) this.responded(e.case, e.t);
        else {
          const r = this.pending.get(e.case.id);
          if (r && Number.isNaN(r.responseAt) && Number.isNaN(r.signedAt)) r.signedAt = e.t;
        }
        break;
      }
      case 'caseEscalated': {
        // Passed on up by the unit that had signed for it: that signing stands.
        const r = this.pending.get(e.case.id);
        if (r && Number.isNaN(r.responseAt) && !Number.isNaN(r.signedAt)) r.responseAt = r.signedAt;
        break;
      }
      case 'caseBounced': {
        const r = this.pending.get(e.case.id);
        if (r && Number.isNaN(r.responseAt) && e.from.kind === 'handle') r.signedAt = NaN;
        break;
      }
      case 'workStarted':
        // A unit that takes the case on without the authority (informal settlement) responds too.
        if (e.case && e.activity === 'handle' && e.staff.desk.kind === 'handle') this.responded(e.case, e.t);
        break;
      case 'caseClosed':
        this.closed(e.case);
        break;
      default:
    }
  }

  /** A unit kept the case (it has the authority, took it on, or passed it on): the first signing counts. */
  private responded(c: Case, t: number): void {
    const r = this.pending.get(c.id);
    if (r && Number.isNaN(r.responseAt)) r.responseAt = Number.isNaN(r.signedAt) ? t : Math.min(t, r.signedAt);
  }

  private closed(c: Case): void {
    if (c.reportChannel === null) return;
    let r = this.pending.get(c.id);
    if (r) this.pending.delete(c.id);
    else {
      // Settled away from the desks (self-management): no registration event was seen.
      r = { c, start: c.registeredAt, responseAt: c.firstWorkAt, signedAt: NaN };
    }
    this.evaluate(r, c.closedAt, true);
  }

  private evaluate(r: Pending, at: number, closed: boolean): void {
    if (at < this.windowStart || at > this.horizon) return;
    const p = this.p;
    const c = r.c;
    const limit = this.scenario.timeLimitsHours[c.priority];
    const deadline = deadlineOf(c, this.scenario);
    const responseAt = Number.isNaN(r.responseAt) ? r.signedAt : r.responseAt;
    const responded = responseAt <= r.start + p.responseHours[c.priority];
    const resolved = bernoulli(this.rng, p.resolvedIfClosed) && closed;
    const late = Math.max(0, at - deadline);
    const s = p.score;
    const score =
      s.intercept +
      (resolved ? 0 : s.unresolved) +
      s.timeRatio * Math.min(1, (at - r.start) / limit) +
      s.late * Math.min(1, late / limit) +
      s.extraContact * Math.max(0, c.contacts - 1) +
      s.reopen * c.reopens +
      (responded ? 0 : s.noResponse);
    const prob = 1 / (1 + Math.exp(-score));
    const satisfied = bernoulli(this.rng, prob);
    const month = Math.floor(Math.min(at, this.horizon - 1e-9) / this.monthHours);
    let m = this.months.get(month);
    if (!m) this.months.set(month, (m = tally()));
    for (const t of [this.overall, m]) {
      t.rated++;
      if (responded) t.responded++;
      if (resolved) t.resolved++;
      if (satisfied) t.satisfied++;
      t.expected += prob;
      if (late > 0) t.late++;
      if (!closed) t.open++;
    }
  }

  /** At the horizon: open cases past their deadline are rated there, unresolved; the rest stay pending. */
  onFinish(): void {
    const ids = [...this.pending.keys()].sort((a, b) => a - b);
    for (const id of ids) {
      const r = this.pending.get(id)!;
      if (deadlineOf(r.c, this.scenario) < this.horizon) {
        this.pending.delete(id);
        this.evaluate(r, this.horizon, false);
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
        ratedLate: o.late,
        ratedOpen: o.open,
        monthly,
      },
    };
  }
}
