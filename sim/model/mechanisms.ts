import type { Routing } from '../policies/types.ts';
import type { MechanismsParams } from '../scenario/schema.ts';
import { CaseReturn } from './caseReturn.ts';
import { CentreSaturation } from './centreSaturation.ts';
import { Deferral } from './deferral.ts';
import type { SimEvent, SimObserver } from './events.ts';
import { DuplicateReports } from './duplicateReports.ts';
import { InformalSettlement } from './informalSettlement.ts';
import { LocalKnowledge } from './localKnowledge.ts';
import { MultiDepartment } from './multiDepartment.ts';
import type { Simulation } from './simulation.ts';
import type { Case } from './types.ts';
import type { Desk, DeskRef } from './world.ts';

/**
 * The scenario's `mechanisms` block (docs/model.md §18): each mechanism in its own file, present
 * only when its sub-block is (and `enabled`). The simulation calls the few hooks below at named
 * points of a case's life; with a mechanism absent its hook answers exactly what the simulation
 * did before (no draw, no change), so outputs stay byte-identical. Each mechanism draws from its
 * own stream `mechanisms/<name>` or from per-case uniforms (caseDraw.ts).
 */
export class Mechanisms implements SimObserver {
  readonly informal: InformalSettlement | null;
  readonly knowledge: LocalKnowledge | null;
  readonly saturation: CentreSaturation | null;
  readonly deferral: Deferral | null;
  readonly returns: CaseReturn | null;
  readonly multi: MultiDepartment | null;
  readonly duplicates: DuplicateReports | null;
  private readonly windowStart: number;

  constructor(sim: Simulation, p: MechanismsParams) {
    const s = sim.scenario;
    const seed = sim.streams.seed;
    this.windowStart = sim.windowStart;
    this.informal = p.informalSettlement?.enabled ? new InformalSettlement(s, seed, p.informalSettlement) : null;
    this.knowledge = p.localKnowledge?.enabled ? new LocalKnowledge(sim.streams.stream('mechanisms/localKnowledge'), p.localKnowledge) : null;
    this.saturation = p.centreSaturation?.enabled ? new CentreSaturation(sim.world, p.centreSaturation) : null;
    this.deferral = p.deferral?.enabled
      ? new Deferral(s, sim.world, sim.clock, sim.streams.stream('mechanisms/deferral'), sim.horizon, sim.windowStart, p.deferral)
      : null;
    this.returns = p.caseReturn?.enabled ? new CaseReturn(sim.world, seed, p.caseReturn) : null;
    this.multi = p.multiDepartment?.enabled ? new MultiDepartment(sim, p.multiDepartment) : null;
    this.duplicates = p.duplicateReports?.enabled ? new DuplicateReports(sim, p.duplicateReports) : null;
  }

  /** The hub, or null when no mechanism is present and enabled (then nothing is attached at all). */
  static create(sim: Simulation, p: MechanismsParams | undefined): Mechanisms | null {
    if (!p || !Object.values(p).some((m) => m?.enabled)) return null;
    return new Mechanisms(sim, p);
  }

  private counted(c: Case): boolean {
    return c.createdAt >= this.windowStart;
  }

  readonly eventTypes = ['issueOccurred', 'caseRegistered', 'caseQueued', 'workStarted', 'caseClosed'] as const;

  onEvent(e: SimEvent): void {
    if (e.type === 'issueOccurred') this.duplicates?.occurred(e.case);
    else if (e.type === 'caseRegistered') this.deferral?.registered(e.case);
    else if (e.type === 'caseQueued') this.multi?.queued(e.case, e.desk);
    else if (e.type === 'workStarted') {
      if (this.multi && e.case && e.activity === 'handle') this.multi.workStarted(e.case, e.staff.desk);
    } else if (e.type === 'caseClosed') {
      this.knowledge?.forget(e.case);
      this.returns?.forget(e.case);
      this.multi?.forget(e.case);
    }
  }

  // ---- hooks (Simulation.startTask / finishTask, the policy context) ----------------------------

  /** A unit with the authority takes the case: does it reject it (回退) instead of handling it? */
  rejects(desk: Desk, c: Case): boolean {
    return this.returns !== null && this.returns.rejects(desk, c);
  }

  /** After a review: the return routing of a rejected case, or null (the policy decides). */
  returnRouting(c: Case): Routing | null {
    return this.returns ? this.returns.returnRouting(c, this.counted(c)) : null;
  }

  /** A unit without the authority takes the case: the work hours of an informal settlement, or null. */
  informalWorkHours(desk: Desk, c: Case): number | null {
    if (!this.informal || !this.informal.settles(desk, c)) return null;
    this.informal.count(desk, this.counted(c));
    return this.informal.workHours(c);
  }

  /** Information-gathering hours a handling unit adds to its work on the case. */
  extraWorkHours(desk: Desk, c: Case): number {
    return this.knowledge ? this.knowledge.extraHours(desk, c, this.counted(c)) : 0;
  }

  /** The handling unit finished its work: true while other departments' parts are open (then `finish` runs when the last is done). */
  holdResolution(c: Case, finish: () => void): boolean {
    return this.multi !== null && this.multi.hold(c, finish);
  }

  /** Multiplier of a dispatcher's classification time. */
  dispatchTimeFactor(desk: DeskRef): number {
    return this.saturation ? this.saturation.timeFactor(desk) : 1;
  }

  /** What `ctx.classificationAccuracy(desk)` answers. */
  classificationAccuracy(desk: DeskRef, base: number): number {
    return this.saturation ? this.saturation.accuracy(desk, base) : base;
  }

  /** The `mechanisms` section of summary.json: what each mechanism present did in the window. */
  summarize(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    if (this.informal) out.informalSettlement = this.informal.summarize();
    if (this.knowledge) out.localKnowledge = this.knowledge.summarize();
    if (this.saturation) out.centreSaturation = this.saturation.summarize();
    if (this.deferral) out.deferral = this.deferral.summarize();
    if (this.returns) out.caseReturn = this.returns.summarize();
    if (this.multi) out.multiDepartment = this.multi.summarize();
    if (this.duplicates) out.duplicateReports = this.duplicates.summarize();
    return { mechanisms: out };
  }
}
