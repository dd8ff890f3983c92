import { bernoulli, sample } from '../random/distributions.ts';
import type { Rng } from '../random/stream.ts';
import type { Simulation } from './simulation.ts';
import type { Case } from './types.ts';
import type { StaffMember } from './world.ts';

/**
 * Patrol (巡查): grid workers walk their grid and find latent issues before anyone reports them.
 *
 * A patrol goes on, round after round, until work calls the worker back or the shift ends.
 * Latent issues can only be found at the end of a round (each with detectionProbability), so a
 * round-end timer is set only while the grid has latent issues: an empty grid costs no events.
 */
export class Patrol {
  /** Per grid, the issues that occurred and nobody has reported or found yet. */
  readonly latent: Set<Case>[];
  readonly enabled: boolean;
  private readonly roundHours: number;
  private readonly rng: Rng;
  private readonly rngService: Rng;
  /** Per staff member, the callback of its round timer (made once). */
  private readonly roundEnds: (() => void)[];

  constructor(private readonly sim: Simulation) {
    this.latent = sim.territory.grids.map(() => new Set<Case>());
    this.enabled = sim.scenario.patrol.enabled;
    this.roundHours = sim.scenario.patrol.roundHours;
    this.rng = sim.streams.stream('patrol');
    this.rngService = sim.streams.stream('service');
    this.roundEnds = sim.world.staff.map((m) => () => this.roundEnded(m));
  }

  /** Starts a patrol; false when the shift (or the run) ends now. */
  start(m: StaffMember): boolean {
    const group = m.desk.groups[m.group]!;
    const now = this.sim.now;
    if (!(Math.min(group.nextChangeAt, this.sim.horizon) > now)) return false;
    this.sim.staff.setActivity(m, 'patrol', null);
    m.desk.patrollers.push(m);
    m.roundStart = now;
    if (this.latent[m.desk.unit]!.size > 0) this.armRound(m);
    return true;
  }

  /** An issue occurred: it waits in its grid until a resident reports it or a patrol finds it. */
  add(c: Case): void {
    this.latent[c.grid]!.add(c);
  }

  /** A latent issue appeared in the grid (announced already): patrolling workers without a round timer set one. */
  appeared(grid: number): void {
    for (const m of this.sim.world.gridDesk(grid).patrollers) {
      if (m.patrolTimer !== null) continue;
      this.currentRound(m);
      this.armRound(m);
    }
  }

  /** Takes a latent case out of its grid (a resident reported it, or an extension took it). */
  remove(c: Case): void {
    this.latent[c.grid]!.delete(c);
  }

  /** The patrol stops before its round ends (work arrived, or the shift ended). */
  cut(m: StaffMember): void {
    if (m.patrolTimer !== null) {
      this.sim.clock.cancel(m.patrolTimer);
      m.patrolTimer = null;
    } else {
      this.currentRound(m);
    }
    const fraction = Math.min(1, (this.sim.now - m.roundStart) / this.roundHours);
    const found = fraction > 0 ? this.detect(m, fraction) : [];
    this.leave(m);
    if (found.length === 0) return this.sim.staff.becomeIdle(m, null);
    this.registerFound(m, found);
  }

  /** Moves the member's round origin to the round in progress now (a round ending right now counts as in progress). */
  private currentRound(m: StaffMember): void {
    const R = this.roundHours;
    m.roundStart += Math.max(0, Math.ceil((this.sim.now - m.roundStart) / R) - 1) * R;
  }

  /** Sets the timer for the end of the current round, unless a shift change or the horizon comes first. */
  private armRound(m: StaffMember): void {
    const end = m.roundStart + this.roundHours;
    const group = m.desk.groups[m.group]!;
    // A shift change at or before the end cuts the round itself (goOffDuty → cut).
    if (end >= group.nextChangeAt || end >= this.sim.horizon) return;
    m.patrolTimer = this.sim.clock.scheduleAt(end, this.roundEnds[m.id]!);
  }

  private roundEnded(m: StaffMember): void {
    m.patrolTimer = null;
    const found = this.detect(m, 1);
    m.roundStart = this.sim.now;
    if (found.length === 0) {
      if (this.latent[m.desk.unit]!.size > 0) this.armRound(m);
      return;
    }
    this.leave(m);
    this.registerFound(m, found);
  }

  private leave(m: StaffMember): void {
    const list = m.desk.patrollers;
    list.splice(list.indexOf(m), 1);
  }

  /** Each latent issue of the grid is found with detectionProbability × the share of the round walked. */
  private detect(m: StaffMember, fraction: number): Case[] {
    const latent = this.latent[m.desk.unit]!;
    if (latent.size === 0) return [];
    const prob = this.sim.scenario.patrol.detectionProbability * fraction;
    const found: Case[] = [];
    for (const c of latent) {
      if (bernoulli(this.rng, prob)) found.push(c);
    }
    const now = this.sim.now;
    for (const c of found) {
      latent.delete(c);
      c.source = 'patrol';
      c.reportedAt = now;
      c.state = 'reported';
      this.sim.emit({ type: 'caseDiscovered', t: now, case: c });
    }
    return found;
  }

  /** The worker registers what the round found (one registration time per case), then takes work again. */
  private registerFound(m: StaffMember, found: Case[]): void {
    let hours = 0;
    for (let i = 0; i < found.length; i++) hours += sample(this.rngService, this.sim.scenario.service.registerHours);
    m.planFound = found;
    this.sim.staff.startPlan(m, 'register', null, null, this.sim.now, 'register', 0, hours);
  }
}
