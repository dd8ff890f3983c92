import { bernoulli, sample } from '../random/distributions.ts';
import type { Rng } from '../random/stream.ts';
import type { MultiDepartmentParams } from '../scenario/schema.ts';
import { OnlineStats } from '../stats/online.ts';
import { caseRng } from './caseDraw.ts';
import type { Simulation } from './simulation.ts';
import { PRIORITY_RANK, type Case } from './types.ts';
import type { Desk } from './world.ts';

/** One department's part of a case that needs several: a child record of the case. */
export interface CasePart {
  department: number;
  /** Issued to the department's queue; its staff starts (travel, then work); done. NaN until then. */
  issuedAt: number;
  startedAt: number;
  doneAt: number;
}

interface MultiCase {
  parts: CasePart[];
  leadArrivedAt: number;
  issued: boolean;
  /** The lead's own work is done and waits for the parts: finishes the resolution. */
  held: (() => void) | null;
}

/**
 * Cases needing several departments. A share of the department-authority issues (fixed per case:
 * `caseRng`, purpose `multiDepartment`) needs `extraDepartments` other departments besides its
 * own, the lead. Each other department's part is a job at that department's desk (travel to the
 * place and back, then `partWorkFactor × workHours`, all as handling work); the case is resolved
 * when the lead's work and every part are done — its resolution follows the part that finished
 * last. How the parts are issued depends on how the case reached the lead, which is where the
 * structures differ:
 * - summoned by a whistle (吹哨报到): all parts at once, at the summons, at the whistle's level;
 * - escalated up the tiers to the district (it passed the street first): the district convenes the
 *   departments, the parts issued `coordinationHours` after the lead receives the case;
 * - dispatched straight to the lead (flat, dispatch on receipt): first-receiver responsibility
 *   (首接负责制): the lead finds out when it starts work and brings the others in, the parts
 *   issued `bringInHours` after that.
 * Delays come from the `mechanisms/multiDepartment` stream.
 */
export class MultiDepartment {
  private readonly cases = new Map<number, MultiCase>();
  private readonly rng: Rng;
  multiCases = 0;
  parts = 0;
  readonly issueDelay = new OnlineStats();
  readonly waitForParts = new OnlineStats();

  constructor(
    private readonly sim: Simulation,
    readonly p: MultiDepartmentParams,
  ) {
    this.rng = sim.streams.stream('mechanisms/multiDepartment');
  }

  private counted(c: Case): boolean {
    return c.createdAt >= this.sim.windowStart;
  }

  /** The case reached a department desk's queue: the lead, if it has the authority. */
  queued(c: Case, desk: Desk): void {
    if (desk.tier !== 'department' || c.authority !== 'department' || c.department !== desk.department) return;
    if (this.cases.has(c.id) || this.sim.world.departmentCount() < 2 || c.reopens > 0) return;
    const r = caseRng(this.sim.streams.seed, 'multiDepartment', c.id);
    if (!bernoulli(r, this.p.share)) return;
    const others: number[] = [];
    for (let k = 0; k < this.sim.world.departmentCount(); k++) if (k !== c.department) others.push(k);
    const n = Math.min(others.length, Math.max(1, Math.round(sample(r, this.p.extraDepartments))));
    const parts: CasePart[] = [];
    for (let i = 0; i < n; i++) {
      const j = Math.floor(r.next() * others.length);
      parts.push({ department: others.splice(j, 1)[0]!, issuedAt: NaN, startedAt: NaN, doneAt: NaN });
    }
    this.cases.set(c.id, { parts, leadArrivedAt: this.sim.now, issued: false, held: null });
    if (this.counted(c)) {
      this.multiCases++;
      this.parts += n;
    }
    if (c.whistled) this.issue(c, 0);
    else if (c.tiersVisited.includes('street')) this.issue(c, sample(this.rng, this.p.coordinationHours));
  }

  /**
   * Handling work on the case starts at a department: the lead's (under first-receiver
   * responsibility it now brings the others in) or a part's (its start is recorded).
   */
  workStarted(c: Case, desk: Desk): void {
    const m = this.cases.get(c.id);
    if (!m || desk.tier !== 'department') return;
    if (!m.issued) return this.issue(c, sample(this.rng, this.p.bringInHours));
    for (const part of m.parts) {
      if (part.department === desk.department && !Number.isNaN(part.issuedAt) && Number.isNaN(part.startedAt)) part.startedAt = this.sim.now;
    }
  }

  private issue(c: Case, afterHours: number): void {
    const m = this.cases.get(c.id)!;
    m.issued = true;
    const level = c.whistled ? 0 : PRIORITY_RANK[c.priority] + 1;
    this.sim.clock.schedule(afterHours, () => {
      if (this.counted(c)) this.issueDelay.add(this.sim.now - m.leadArrivedAt);
      for (const part of m.parts) {
        part.issuedAt = this.sim.now;
        const desk = this.sim.world.departmentDesk(c.grid, part.department);
        const travel = 2 * this.sim.world.travelHours(desk, c.grid);
        const hours = travel + this.p.partWorkFactor * c.workHours;
        this.sim.enqueueJob(desk, { kind: 'job', activity: 'handle', hours, case: c, done: () => this.partDone(c, part) }, level);
      }
    });
  }

  private partDone(c: Case, part: CasePart): void {
    part.doneAt = this.sim.now;
    const m = this.cases.get(c.id)!;
    if (m.held && m.parts.every((p) => !Number.isNaN(p.doneAt))) {
      const finish = m.held;
      m.held = null;
      this.sim.clock.schedule(0, finish);
    }
  }

  /** The lead's work is done: true (and `finish` called later) while parts are still open. */
  hold(c: Case, finish: () => void): boolean {
    const m = this.cases.get(c.id);
    if (!m || m.parts.every((p) => !Number.isNaN(p.doneAt))) return false;
    const from = this.sim.now;
    const counted = this.counted(c);
    m.held = () => {
      if (counted) this.waitForParts.add(this.sim.now - from);
      finish();
    };
    return true;
  }

  /** The parts of a case (empty for a case needing one department). */
  partsOf(c: Case): readonly CasePart[] {
    return this.cases.get(c.id)?.parts ?? [];
  }

  forget(c: Case): void {
    this.cases.delete(c.id);
  }

  summarize(): Record<string, unknown> {
    return {
      cases: this.multiCases,
      parts: this.parts,
      issueDelayHours: { mean: this.issueDelay.mean, count: this.issueDelay.count },
      leadWaitForPartsHours: { mean: this.waitForParts.mean, count: this.waitForParts.count },
    };
  }
}
