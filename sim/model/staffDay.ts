import type { Case } from './types.ts';
import type { ShiftCalendar } from './shiftCalendar.ts';
import type { Simulation } from './simulation.ts';
import type { Activity, Desk, PlanKind, StaffGroup, StaffMember, Task } from './world.ts';

/** A staff group and its desk, as listed under their shared calendar. */
interface ShiftedGroup {
  desk: Desk;
  group: StaffGroup;
}

/**
 * The staff's day: shifts on and off, idle or busy, who takes which queued task, and each
 * member's books (hours by activity inside the statistics window [warm-up, horizon)). What a
 * task means for its case is the simulation's business (Simulation.startTask / finishTask);
 * patrol rounds are the patrol's (sim/model/patrol.ts).
 */
export class StaffDay {
  /** Per staff member, the callback of its task timer (made once, not per task). */
  private readonly planEnds: (() => void)[];

  constructor(private readonly sim: Simulation) {
    this.planEnds = sim.world.staff.map((m) => () => sim.finishTask(m));
  }

  start(): void {
    // One timer per distinct calendar serves every group on it (thousands of grids share a shift).
    const byCalendar = new Map<ShiftCalendar, ShiftedGroup[]>();
    for (const desk of this.sim.world.desks) {
      for (const group of desk.groups) {
        let list = byCalendar.get(group.calendar);
        if (!list) byCalendar.set(group.calendar, (list = []));
        list.push({ desk, group });
      }
    }
    for (const [calendar, groups] of byCalendar) {
      if (calendar.onDutyAt(0)) this.sim.clock.schedule(0, () => this.shiftChanged(groups, true));
      this.scheduleShiftChange(calendar, groups, 0);
    }
  }

  /** Closes every member's books at the horizon. */
  finish(): void {
    for (const m of this.sim.world.staff) this.account(m);
  }

  private scheduleShiftChange(calendar: ShiftCalendar, groups: ShiftedGroup[], from: number): void {
    const next = calendar.nextChange(from);
    for (const { group } of groups) group.nextChangeAt = next;
    if (next >= this.sim.horizon) return;
    this.sim.clock.scheduleAt(next, () => {
      // The next change is known before anyone starts a patrol round that must end by it.
      this.scheduleShiftChange(calendar, groups, next);
      this.shiftChanged(groups, calendar.onDutyAt(next));
    });
  }

  private shiftChanged(groups: ShiftedGroup[], on: boolean): void {
    for (const { desk, group } of groups) {
      for (const m of group.members) (on ? this.goOnDuty(m) : this.goOffDuty(m));
      if (on) this.dispatchWork(desk);
    }
  }

  private goOnDuty(m: StaffMember): void {
    this.account(m);
    m.leaving = false;
    if (m.onDuty) return;
    m.onDuty = true;
    this.sim.emit({ type: 'staffOnDuty', t: this.sim.now, staff: m });
    if (m.activity === null) m.desk.idle.push(m);
  }

  private goOffDuty(m: StaffMember): void {
    if (!m.onDuty) return;
    if (m.activity === null) {
      this.account(m);
      const i = m.desk.idle.indexOf(m);
      if (i >= 0) m.desk.idle.splice(i, 1);
      m.onDuty = false;
      this.sim.emit({ type: 'staffOffDuty', t: this.sim.now, staff: m });
    } else if (m.activity === 'patrol') {
      // The round is cut; registering what was found is finished as overtime.
      this.account(m);
      m.leaving = true;
      this.sim.patrol.cut(m);
    } else {
      this.account(m);
      m.leaving = true; // finishes the task first (overtime)
    }
  }

  /** Adds the time since the last change to the member's books, clipped to the window. */
  account(m: StaffMember): void {
    const now = this.sim.now;
    const from = Math.max(m.since, this.sim.windowStart);
    const to = Math.min(now, this.sim.horizon);
    if (to > from) {
      const dt = to - from;
      if (m.activity !== null) {
        // A task's travel and its work run on one timer; the books split them here.
        const travel = m.travelEndsAt > from ? Math.min(to, m.travelEndsAt) - from : 0;
        if (travel > 0) m.hours.travel += travel;
        m.hours[m.activity] += dt - travel;
      }
      if (m.onDuty && !m.leaving) m.onDutyHours += dt;
      else if (m.activity !== null) m.overtimeHours += dt;
    }
    m.since = now;
  }

  setActivity(m: StaffMember, activity: Activity | null, c: Case | null, travelHours = 0): void {
    this.account(m);
    const now = this.sim.now;
    const previous = m.activity;
    if (previous !== null) this.sim.emit({ type: 'workFinished', t: now, staff: m, activity: previous, case: m.current });
    m.activity = activity;
    m.current = activity === null ? null : c;
    m.travelEndsAt = travelHours > 0 ? now + travelHours : -Infinity;
    if (activity !== null) this.sim.emit({ type: 'workStarted', t: now, staff: m, activity, case: c, travelHours });
  }

  /**
   * Hands queued work to idle staff; work still waiting at a grid desk calls a patrolling worker
   * back (the patrol is cut short); idle grid workers with nothing queued go on patrol.
   */
  dispatchWork(desk: Desk): void {
    while (desk.idle.length > 0 && desk.queue.size > 0) {
      const m = desk.idle.pop()!;
      const entry = desk.queue.pop()!;
      this.sim.startTask(m, entry.item, entry.enqueuedAt);
    }
    if (desk.role !== 'gridWorker') return;
    const patrol = this.sim.patrol;
    // Cutting a patrol makes the worker idle, which dispatches again (recursion at most one per patroller).
    while (desk.queue.size > 0 && desk.patrollers.length > 0) patrol.cut(desk.patrollers[desk.patrollers.length - 1]!);
    if (patrol.enabled && desk.idle.length > 0 && desk.queue.size === 0) {
      for (const m of desk.idle.splice(0)) {
        if (!patrol.start(m)) desk.idle.push(m);
      }
    }
  }

  becomeIdle(m: StaffMember, c: Case | null): void {
    this.setActivity(m, null, c);
    if (m.leaving || !m.onDuty) {
      m.leaving = false;
      if (m.onDuty) {
        m.onDuty = false;
        this.sim.emit({ type: 'staffOffDuty', t: this.sim.now, staff: m });
      }
      return;
    }
    m.desk.idle.push(m);
    this.dispatchWork(m.desk);
  }

  /**
   * Starts a task: optional travel, then one timed activity, on a single timer. What happens
   * when it ends is decided by `kind` in Simulation.finishTask (no closure per task).
   */
  startPlan(m: StaffMember, kind: PlanKind, task: Task | null, c: Case | null, enteredAt: number, activity: Activity, travelHours: number, hours: number): void {
    m.planKind = kind;
    m.planTask = task;
    m.planEnteredAt = enteredAt;
    const travel = Math.max(0, travelHours);
    this.setActivity(m, activity, c, travel);
    this.sim.clock.schedule(travel + Math.max(0, hours), this.planEnds[m.id]!);
  }
}
