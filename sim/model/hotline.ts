import { PoissonArrivals } from '../random/arrivals.ts';
import type { Simulation } from './simulation.ts';
import type { Case } from './types.ts';
import type { ContactKind, Desk } from './world.ts';

/** Queue level of a hotline contact: below whistle summons, above every case priority. */
const CALL_LEVEL = 1;

/**
 * The resident side and the 12345 hotline: a resident reports an issue by its channel (hotline
 * call, app, telling the grid worker), calls again while the case drags on (follow-ups and
 * duplicates are real load), and the hotline also takes consultations that never become cases.
 * Every contact is a call a call-taker answers (Simulation.startTask: `callHours`).
 */
export class Hotline {
  constructor(private readonly sim: Simulation) {}

  start(): void {
    this.startConsultations();
  }

  /** The resident reports the issue (at the `reportAt` drawn at birth), or calls again about it. */
  residentReports(c: Case): void {
    c.residentTimer = null;
    if (c.state === 'closed') return; // closed by a path that does not cancel (kept as a guard)
    const sim = this.sim;
    c.contacts++;
    const channel = c.reportChannel!;
    if (c.state === 'latent') {
      sim.patrol.remove(c);
      c.source = channel;
      c.reportedAt = sim.now;
      c.state = 'reported';
      sim.emit({ type: 'caseReported', t: sim.now, case: c });
      if (channel === 'hotline') this.contact('report', c);
      else sim.register(c, channel === 'app' ? 'hotline' : 'grid');
    } else if (channel === 'hotline') {
      // Already found by a patrol: the resident's call is a duplicate contact, not a new case.
      this.contact('duplicate', c);
    }
    this.scheduleFollowUp(c, 1);
  }

  private scheduleFollowUp(c: Case, n: number): void {
    const sim = this.sim;
    if (n > sim.scenario.demand.maxFollowUpCalls) return;
    const at = sim.now + c.patienceHours;
    if (at >= sim.horizon) return;
    c.residentTimer = sim.clock.scheduleAt(at, () => {
      c.residentTimer = null;
      if (c.state === 'closed') return;
      c.contacts++;
      this.contact('followup', c);
      this.scheduleFollowUp(c, n + 1);
    });
  }

  /** A contact joins the call-takers' queue of the place's district. */
  contact(kind: ContactKind, c: Case | null, desk: Desk = this.sim.world.hotlineDesk(c ? c.grid : 0)): void {
    const sim = this.sim;
    sim.emit({ type: 'contactReceived', t: sim.now, contact: kind, case: c, desk });
    sim.emit({ type: 'deskEntered', t: sim.now, desk, case: null });
    desk.queue.push({ kind: 'call', contact: kind, case: c }, CALL_LEVEL, sim.now);
    sim.staff.dispatchWork(desk);
  }

  /** Consultations: calls answered by the call-taker, per district, on the demand's daily and weekly profile. */
  private startConsultations(): void {
    const sim = this.sim;
    const scenario = sim.scenario;
    const rate = scenario.demand.consultationsPer1000PerDay;
    if (rate <= 0) return;
    const p = scenario.demand.profile;
    const profile = {
      hourOfDay: p.hourOfDay,
      dayOfWeek: p.dayOfWeek,
      surges: p.surges.filter((s) => !s.categories).map((s) => ({ startHour: s.startDay * 24, endHour: s.endDay * 24, multiplier: s.multiplier })),
    };
    const rng = sim.streams.stream('consultations');
    for (const d of sim.territory.districts) {
      const arrivals = new PoissonArrivals(rng, (rate * d.residents) / 1000 / 24, profile, scenario.startDayOfWeek);
      const desk = sim.world.hotlineDesk(d.grids[0]!);
      const next = (after: number) => {
        const t = arrivals.next(after);
        if (t >= sim.horizon) return;
        sim.clock.scheduleAt(t, () => {
          this.contact('consultation', null, desk);
          next(t);
        });
      };
      next(0);
    }
  }
}
