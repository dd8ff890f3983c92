import type { TimerHandle } from '../engine/clock.ts';
import type { Scenario, Shift, StaffGroupSpec, Tier } from '../scenario/schema.ts';
import { distanceKm, type Territory } from '../territory/build.ts';
import { groupSize, unitGroups } from '../scenario/staffing.ts';
import { ShiftCalendar } from './shiftCalendar.ts';
import { TaskQueue, type QueueEntry } from './taskQueue.ts';
import { ROLE_TIER, TIER_RANK, type Case, type Role } from './types.ts';

export type DeskKind = 'handle' | 'dispatch' | 'hotline';

/** What a policy may know about a desk. */
export interface DeskRef {
  readonly id: number;
  readonly role: Role;
  readonly tier: Tier | 'hotline';
  readonly kind: DeskKind;
  readonly name: string;
  /** Index of the unit in its tier's territory list (grid, community, street, district), or the department index. */
  readonly unit: number;
  readonly district: number;
  readonly department: number;
}

export type Activity = 'patrol' | 'handle' | 'travel' | 'review' | 'dispatch' | 'verify' | 'call' | 'register';
export const ACTIVITIES: readonly Activity[] = ['patrol', 'handle', 'travel', 'review', 'dispatch', 'verify', 'call', 'register'];

export type ContactKind = 'consultation' | 'report' | 'followup' | 'duplicate';

/** Work that is not a case step, queued by a model extension: a top-down task, an outgoing call. */
export interface JobTask {
  kind: 'job';
  activity: Activity;
  hours: number;
  /** The case it is about, if any (counts in casesTouched). */
  case: Case | null;
  /** Called when the job is finished, before the member takes new work. */
  done: (() => void) | null;
}

/** What a staff member's current task does when its timer ends. */
export type PlanKind = 'call' | 'job' | 'verify' | 'dispatch' | 'resolve' | 'review' | 'register';

/** Work waiting at a desk: a case to dispatch or handle, a case to verify, a hotline contact, or a job. */
export type Task =
  | { kind: 'case'; case: Case }
  | { kind: 'verify'; case: Case }
  | { kind: 'call'; contact: ContactKind; case: Case | null }
  | JobTask;

export interface StaffMember {
  readonly id: number;
  readonly desk: Desk;
  readonly group: number;
  onDuty: boolean;
  /** Off-duty requested while busy: leaves when the task ends (overtime). */
  leaving: boolean;
  activity: Activity | null; // null = idle (or off duty)
  /** The case the current activity is for, if any. */
  current: Case | null;
  /** The task in progress (see StaffDay.startPlan): one timer for its travel and its work. */
  planKind: PlanKind | null;
  planTask: Task | null;
  /** When the task's case or contact entered the desk's queue. */
  planEnteredAt: number;
  /** Cases a patrol found, registered by the 'register' plan. */
  planFound: Case[] | null;
  /** End of the travel that precedes the current activity; -Infinity when there is none. */
  travelEndsAt: number;
  /** Patrol: start of the current round, and its end timer when a latent issue could be found. */
  roundStart: number;
  patrolTimer: TimerHandle | null;
  since: number;
  hours: Record<Activity, number>;
  onDutyHours: number;
  overtimeHours: number;
  casesTouched: number;
}

export interface StaffGroup {
  readonly calendar: ShiftCalendar;
  readonly members: StaffMember[];
  /** The next on/off change of the calendar after the last one, kept by the simulation. */
  nextChangeAt: number;
}

export interface Desk extends DeskRef {
  readonly x: number;
  readonly y: number;
  readonly queue: TaskQueue<Task>;
  readonly staff: StaffMember[];
  readonly groups: StaffGroup[];
  /** On-duty staff with nothing to do, last in first out. */
  readonly idle: StaffMember[];
  /** For grid desks: staff on patrol; new work at the desk cuts a patrol short. */
  readonly patrollers: StaffMember[];
}

/** Queue levels: whistle calls jump the queue at level 0; priorities are 1..4. */
export const QUEUE_LEVELS = 5;

/**
 * The units and their staff, built from the scenario and territory: one desk per (unit, role).
 * Lookups by place answer "which desk of tier X owns this grid".
 */
export class World {
  readonly desks: Desk[] = [];
  readonly staff: StaffMember[] = [];
  private readonly gridDesks: number[] = [];
  private readonly communityDesks: number[] = [];
  private readonly streetDispatchDesks: number[] = [];
  private readonly streetHandlerDesks: number[] = [];
  private readonly hotlineDesks: number[] = [];
  private readonly districtDispatchDesks: number[] = [];
  private readonly districtHandlerDesks: number[] = [];
  private readonly departmentDesks: number[][] = []; // [district][department]
  private readonly calendars = new Map<string, ShiftCalendar>();
  /** Per department: its handlers set out from the case's street (true) or the district seat. */
  private readonly stationedInStreets: boolean[];

  constructor(
    readonly scenario: Scenario,
    readonly territory: Territory,
  ) {
    const s = scenario.staff;
    this.stationedInStreets = scenario.departments.map((dep) => dep.stationedAt === 'street');
    for (const g of territory.grids) this.gridDesks.push(this.addDesk('gridWorker', 'handle', g.name, g.index, g.district, -1, g, unitGroups(s.gridWorker, this.gridDesks.length)));
    for (const c of territory.communities) this.communityDesks.push(this.addDesk('communityStaff', 'handle', c.name, c.index, c.district, -1, c, unitGroups(s.communityStaff, this.communityDesks.length)));
    for (const st of territory.streets) {
      this.streetDispatchDesks.push(this.addDesk('streetDispatcher', 'dispatch', `${st.name} dispatch`, st.index, st.district, -1, st, unitGroups(s.streetDispatcher, this.streetDispatchDesks.length)));
      this.streetHandlerDesks.push(this.addDesk('streetHandler', 'handle', st.name, st.index, st.district, -1, st, unitGroups(s.streetHandler, this.streetHandlerDesks.length)));
    }
    territory.districts.forEach((d, n) => {
      this.hotlineDesks.push(this.addDesk('callTaker', 'hotline', `${d.name} 12345`, d.index, d.index, -1, d, unitGroups(s.callTaker, n)));
      this.districtDispatchDesks.push(this.addDesk('districtDispatcher', 'dispatch', `${d.name} command centre`, d.index, d.index, -1, d, unitGroups(s.districtDispatcher, n)));
      this.districtHandlerDesks.push(this.addDesk('districtHandler', 'handle', d.name, d.index, d.index, -1, d, unitGroups(s.districtHandler, n)));
      // A department's handlers rotate across the districts (one unit of the department per district).
      this.departmentDesks.push(
        scenario.departments.map((dep, k) => this.addDesk('departmentHandler', 'handle', `${d.name} ${dep.name}`, k, d.index, k, d, unitGroups(dep.handlers, n))),
      );
    });
  }

  private addDesk(role: Role, kind: DeskKind, name: string, unit: number, district: number, department: number, at: { x: number; y: number; residents: number }, groups: StaffGroupSpec[]): number {
    const tier = role === 'departmentHandler' ? 'department' : ROLE_TIER[role];
    const desk: Desk = {
      id: this.desks.length,
      role,
      tier,
      kind,
      name,
      unit,
      district,
      department,
      x: at.x,
      y: at.y,
      queue: new TaskQueue<Task>(QUEUE_LEVELS),
      staff: [],
      groups: [],
      idle: [],
      patrollers: [],
    };
    groups.forEach((g, gi) => {
      const calendar = this.calendar(g.shift);
      const members: StaffMember[] = [];
      const size = groupSize(g, at.residents);
      for (let i = 0; i < size; i++) {
        const m: StaffMember = {
          id: this.staff.length,
          desk,
          group: gi,
          onDuty: false,
          leaving: false,
          activity: null,
          current: null,
          planKind: null,
          planTask: null,
          planEnteredAt: 0,
          planFound: null,
          travelEndsAt: -Infinity,
          roundStart: 0,
          patrolTimer: null,
          since: 0,
          hours: { patrol: 0, handle: 0, travel: 0, review: 0, dispatch: 0, verify: 0, call: 0, register: 0 },
          onDutyHours: 0,
          overtimeHours: 0,
          casesTouched: 0,
        };
        this.staff.push(m);
        desk.staff.push(m);
        members.push(m);
      }
      desk.groups.push({ calendar, members, nextChangeAt: calendar.nextChange(0) });
    });
    this.desks.push(desk);
    return desk.id;
  }

  /** Groups with the same shift share one calendar, so one timer serves all their changes. */
  private calendar(shift: Shift): ShiftCalendar {
    const key = JSON.stringify(shift);
    let cal = this.calendars.get(key);
    if (!cal) {
      cal = new ShiftCalendar(shift, this.scenario.startDayOfWeek, this.scenario.holidays);
      this.calendars.set(key, cal);
    }
    return cal;
  }

  desk(id: number): Desk {
    return this.desks[id]!;
  }
  gridDesk(grid: number): Desk {
    return this.desks[this.gridDesks[grid]!]!;
  }
  communityDesk(grid: number): Desk {
    return this.desks[this.communityDesks[this.territory.grids[grid]!.community]!]!;
  }
  streetDispatchDesk(grid: number): Desk {
    return this.desks[this.streetDispatchDesks[this.territory.grids[grid]!.street]!]!;
  }
  streetHandlerDesk(grid: number): Desk {
    return this.desks[this.streetHandlerDesks[this.territory.grids[grid]!.street]!]!;
  }
  hotlineDesk(grid: number): Desk {
    return this.desks[this.hotlineDesks[this.territory.grids[grid]!.district]!]!;
  }
  districtDispatchDesk(grid: number): Desk {
    return this.desks[this.districtDispatchDesks[this.territory.grids[grid]!.district]!]!;
  }
  districtHandlerDesk(grid: number): Desk {
    return this.desks[this.districtHandlerDesks[this.territory.grids[grid]!.district]!]!;
  }
  departmentDesk(grid: number, department: number): Desk {
    const row = this.departmentDesks[this.territory.grids[grid]!.district]!;
    const id = row[department];
    if (id === undefined) throw new RangeError(`no department ${department}`);
    return this.desks[id]!;
  }
  departmentCount(): number {
    return this.scenario.departments.length;
  }

  /** Whether the unit behind `desk` has the authority to resolve the case. */
  canResolve(desk: DeskRef, c: Pick<Case, 'authority' | 'department'>): boolean {
    if (desk.kind !== 'handle') return false;
    if (desk.tier === 'department') return c.authority === 'department' && c.department === desk.department;
    if (c.authority === 'department') return false;
    return TIER_RANK[desk.tier as Tier] >= TIER_RANK[c.authority];
  }

  /** The handling desk with the authority for this case, owning the case's place (the flat target). */
  authorityDesk(c: Pick<Case, 'authority' | 'department' | 'grid'>): Desk {
    switch (c.authority) {
      case 'grid':
        return this.gridDesk(c.grid);
      case 'community':
        return this.communityDesk(c.grid);
      case 'street':
        return this.streetHandlerDesk(c.grid);
      case 'district':
        return this.districtHandlerDesk(c.grid);
      case 'department':
        return this.departmentDesk(c.grid, c.department);
    }
  }

  /** One-way travel from a desk to the case's grid (hours); grid workers walk inside their grid. */
  travelHours(desk: Desk, grid: number): number {
    const tr = this.scenario.travel;
    if (!tr.enabled) return 0;
    const g = this.territory.grids[grid]!;
    if (desk.role === 'gridWorker') return (g.sideKm * 0.5 * tr.detourFactor) / tr.walkKmh;
    // A department stationed in the streets answers from the case's own street or town, not the district seat.
    const from = desk.department >= 0 && this.stationedInStreets[desk.department] ? this.territory.streets[g.street]! : desk;
    return (distanceKm(from, g) * tr.detourFactor) / tr.speedKmh + tr.overheadHours;
  }

  queueLength(desk: DeskRef): number {
    return this.desks[desk.id]!.queue.size;
  }
}

export type { QueueEntry };
