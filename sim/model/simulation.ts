import { Clock, type TimerHandle } from '../engine/clock.ts';
import { PoissonArrivals } from '../random/arrivals.ts';
import { bernoulli, sample } from '../random/distributions.ts';
import type { RandomStreams } from '../random/stream.ts';
import type { Scenario } from '../scenario/schema.ts';
import type { Territory } from '../territory/build.ts';
import type { Policy, PolicyContext, Routing } from '../policies/types.ts';
import { DemandProcess } from './demand.ts';
import type { SimEvent, SimObserver } from './events.ts';
import type { SimExtension } from './extensions.ts';
import { PRIORITY_RANK, TIER_RANK, type Case, type Issue, type RegisteredBy } from './types.ts';
import type { ShiftCalendar } from './shiftCalendar.ts';
import { World, type Activity, type ContactKind, type Desk, type JobTask, type PlanKind, type StaffGroup, type StaffMember, type Task } from './world.ts';
import type { QueueEntry } from './taskQueue.ts';

const MAX_REOPENS = 5;

/** A staff group and its desk, as listed under their shared calendar. */
interface ShiftedGroup {
  desk: Desk;
  group: StaffGroup;
}
const CALL_LEVEL = 1;

/** Rank used to tell an escalation (up) from a hand-down; the hotline sits below the grid. */
function deskRank(d: Desk): number {
  return d.tier === 'hotline' ? -1 : TIER_RANK[d.tier];
}

/**
 * One run: the case lifecycle of DESIGN §2 on the clock. The simulation owns the state (cases,
 * queues, staff) and announces every change as a typed event; it computes no statistics except
 * each staff member's hours by activity inside the statistics window [warm-up, horizon).
 */
export class Simulation {
  readonly clock = new Clock();
  readonly world: World;
  /** Cases not yet closed (latent ones included), by id. */
  readonly open = new Map<number, Case>();
  created = 0;
  closed = 0;
  private readonly latent: Set<Case>[];
  private readonly entries = new Map<number, QueueEntry<Task>>();
  private readonly demand: DemandProcess;
  private readonly ctx: PolicyContext;
  private readonly horizon: number;
  private readonly windowStart: number;
  private readonly observers: SimObserver[] = [];
  private readonly extensions: SimExtension[] = [];
  private readonly rngService;
  private readonly rngPatrol;
  private readonly rngSatisfaction;
  /** Per staff member, the callbacks of its task timer and its patrol round timer (made once). */
  private readonly planEnds: (() => void)[];
  private readonly roundEnds: (() => void)[];

  constructor(
    readonly scenario: Scenario,
    readonly territory: Territory,
    readonly policy: Policy,
    readonly streams: RandomStreams,
  ) {
    this.world = new World(scenario, territory);
    this.horizon = scenario.horizonDays * 24;
    this.windowStart = scenario.warmupDays * 24;
    this.latent = territory.grids.map(() => new Set<Case>());
    this.demand = new DemandProcess(scenario, territory, streams.stream('demand'));
    this.rngService = streams.stream('service');
    this.rngPatrol = streams.stream('patrol');
    this.rngSatisfaction = streams.stream('satisfaction');
    this.planEnds = this.world.staff.map((m) => () => this.finishPlan(m));
    this.roundEnds = this.world.staff.map((m) => () => this.roundEnded(m));
    const clock = this.clock;
    const world = this.world;
    const rng = streams.stream('policy');
    const params = scenario.policy;
    this.ctx = {
      get now() {
        return clock.now();
      },
      world,
      rng,
      params,
    };
  }

  observe(o: SimObserver): this {
    this.observers.push(o);
    return this;
  }

  /** Adds a model extension (sim/model/extensions.ts): started with the run; observes events if it has onEvent. */
  extend(x: SimExtension): this {
    this.extensions.push(x);
    if (x.onEvent) this.observers.push(x as SimObserver);
    return this;
  }

  private emit(e: SimEvent): void {
    for (const o of this.observers) o.onEvent(e);
  }

  get now(): number {
    return this.clock.now();
  }

  /** Runs to the horizon. */
  run(): void {
    this.start();
    this.clock.runUntil(this.horizon);
    this.finish();
  }

  start(): void {
    // One timer per distinct calendar serves every group on it (thousands of grids share a shift).
    const byCalendar = new Map<ShiftCalendar, ShiftedGroup[]>();
    for (const desk of this.world.desks) {
      for (const group of desk.groups) {
        let list = byCalendar.get(group.calendar);
        if (!list) byCalendar.set(group.calendar, (list = []));
        list.push({ desk, group });
      }
    }
    for (const [calendar, groups] of byCalendar) {
      if (calendar.onDutyAt(0)) this.clock.schedule(0, () => this.shiftChanged(groups, true));
      this.scheduleShiftChange(calendar, groups, 0);
    }
    this.scheduleNextIssue(0);
    this.startConsultations();
    for (const x of this.extensions) x.start(this);
  }

  finish(): void {
    for (const m of this.world.staff) this.account(m);
    for (const o of this.observers) o.onFinish?.(this.horizon);
  }

  // ---- shifts -------------------------------------------------------------------------------

  private scheduleShiftChange(calendar: ShiftCalendar, groups: ShiftedGroup[], from: number): void {
    const next = calendar.nextChange(from);
    for (const { group } of groups) group.nextChangeAt = next;
    if (next >= this.horizon) return;
    this.clock.scheduleAt(next, () => {
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
    this.emit({ type: 'staffOnDuty', t: this.now, staff: m });
    if (m.activity === null) m.desk.idle.push(m);
  }

  private goOffDuty(m: StaffMember): void {
    if (!m.onDuty) return;
    if (m.activity === null) {
      this.account(m);
      const i = m.desk.idle.indexOf(m);
      if (i >= 0) m.desk.idle.splice(i, 1);
      m.onDuty = false;
      this.emit({ type: 'staffOffDuty', t: this.now, staff: m });
    } else if (m.activity === 'patrol') {
      // The round is cut; registering what was found is finished as overtime.
      this.account(m);
      m.leaving = true;
      this.cutPatrol(m);
    } else {
      this.account(m);
      m.leaving = true; // finishes the task first (overtime)
    }
  }

  /** Adds the time since the last change to the member's books, clipped to the window. */
  private account(m: StaffMember): void {
    const now = this.now;
    const from = Math.max(m.since, this.windowStart);
    const to = Math.min(now, this.horizon);
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

  private setActivity(m: StaffMember, activity: Activity | null, c: Case | null, travelHours = 0): void {
    this.account(m);
    const previous = m.activity;
    if (previous !== null) this.emit({ type: 'workFinished', t: this.now, staff: m, activity: previous, case: m.current });
    m.activity = activity;
    m.current = activity === null ? null : c;
    m.travelEndsAt = travelHours > 0 ? this.now + travelHours : -Infinity;
    if (activity !== null) this.emit({ type: 'workStarted', t: this.now, staff: m, activity, case: c, travelHours });
  }

  // ---- staff choose work --------------------------------------------------------------------

  /**
   * Hands queued work to idle staff; work still waiting at a grid desk calls a patrolling worker
   * back (the patrol is cut short); idle grid workers with nothing queued go on patrol.
   */
  private dispatchWork(desk: Desk): void {
    while (desk.idle.length > 0 && desk.queue.size > 0) {
      const m = desk.idle.pop()!;
      const entry = desk.queue.pop()!;
      this.startTask(m, entry.item, entry.enqueuedAt);
    }
    if (desk.role !== 'gridWorker') return;
    // cutPatrol makes the worker idle, which dispatches again (recursion at most one per patroller).
    while (desk.queue.size > 0 && desk.patrollers.length > 0) this.cutPatrol(desk.patrollers[desk.patrollers.length - 1]!);
    if (this.scenario.patrol.enabled && desk.idle.length > 0 && desk.queue.size === 0) {
      for (const m of desk.idle.splice(0)) {
        if (!this.startPatrol(m)) desk.idle.push(m);
      }
    }
  }

  private becomeIdle(m: StaffMember, c: Case | null): void {
    this.setActivity(m, null, c);
    if (m.leaving || !m.onDuty) {
      m.leaving = false;
      if (m.onDuty) {
        m.onDuty = false;
        this.emit({ type: 'staffOffDuty', t: this.now, staff: m });
      }
      return;
    }
    m.desk.idle.push(m);
    this.dispatchWork(m.desk);
  }

  /**
   * Starts a task: optional travel, then one timed activity, on a single timer. What happens
   * when it ends is decided by `kind` in finishPlan (no closure per task).
   */
  private startPlan(m: StaffMember, kind: PlanKind, task: Task | null, c: Case | null, enteredAt: number, activity: Activity, travelHours: number, hours: number): void {
    m.planKind = kind;
    m.planTask = task;
    m.planEnteredAt = enteredAt;
    const travel = Math.max(0, travelHours);
    this.setActivity(m, activity, c, travel);
    this.clock.schedule(travel + Math.max(0, hours), this.planEnds[m.id]!);
  }

  private finishPlan(m: StaffMember): void {
    const kind = m.planKind!;
    const task = m.planTask;
    const desk = m.desk;
    const enteredAt = m.planEnteredAt;
    m.planKind = null;
    m.planTask = null;
    if (kind === 'call') {
      const call = task as Extract<Task, { kind: 'call' }>;
      this.emit({ type: 'deskLeft', t: this.now, desk, case: null, enteredAt });
      if (call.contact === 'report' && call.case) this.register(call.case, 'hotline');
      return this.becomeIdle(m, call.case);
    }
    if (kind === 'job') {
      const job = task as JobTask;
      this.emit({ type: 'deskLeft', t: this.now, desk, case: null, enteredAt });
      job.done?.();
      return this.becomeIdle(m, job.case);
    }
    if (kind === 'register') {
      const found = m.planFound!;
      m.planFound = null;
      for (const c of found) {
        m.casesTouched++;
        this.register(c, 'grid');
      }
      return this.becomeIdle(m, null);
    }
    const c = task!.case!;
    this.leaveDesk(desk, c, enteredAt);
    if (kind === 'verify') this.verified(c);
    else if (kind === 'dispatch') this.move(c, this.policy.route(c, desk, this.ctx), desk, 'route');
    else if (kind === 'resolve') this.resolved(c, desk);
    else this.move(c, this.policy.escalate(c, desk, this.ctx), desk, 'authority');
    this.becomeIdle(m, c);
  }

  private startTask(m: StaffMember, task: Task, enqueuedAt: number): void {
    const desk = m.desk;
    const now = this.now;
    const service = this.scenario.service;
    if (task.kind === 'call') {
      if (task.case) m.casesTouched++;
      this.startPlan(m, 'call', task, task.case, enqueuedAt, 'call', 0, sample(this.rngService, service.callHours));
      return;
    }
    if (task.kind === 'job') {
      if (task.case) m.casesTouched++;
      this.startPlan(m, 'job', task, task.case, enqueuedAt, task.activity, 0, task.hours);
      return;
    }
    const c = task.case;
    m.casesTouched++;
    c.waitHours += now - c.queuedAt;
    c.moveSeq++; // any pending time-limit timer is now stale
    this.entries.delete(c.id);
    const enteredAt = c.queuedAt;
    if (task.kind === 'verify') {
      if (desk.role === 'gridWorker') {
        this.startPlan(m, 'verify', task, c, enteredAt, 'verify', 2 * this.world.travelHours(desk, c.grid), sample(this.rngService, service.verifyHours));
      } else {
        this.startPlan(m, 'verify', task, c, enteredAt, 'verify', 0, sample(this.rngService, service.callbackHours));
      }
      return;
    }
    c.state = 'inWork';
    if (desk.kind === 'dispatch') {
      this.startPlan(m, 'dispatch', task, c, enteredAt, 'dispatch', 0, sample(this.rngService, service.dispatchHours));
    } else if (this.world.canResolve(desk, c)) {
      if (Number.isNaN(c.firstWorkAt)) c.firstWorkAt = now;
      let oneWay = this.world.travelHours(desk, c.grid);
      if (c.whistled && desk.tier === 'department') oneWay = Math.min(oneWay, this.scenario.policy.whistleResponseHours);
      this.startPlan(m, 'resolve', task, c, enteredAt, 'handle', 2 * oneWay, c.pendingWorkHours);
    } else {
      this.startPlan(m, 'review', task, c, enteredAt, 'review', 0, sample(this.rngService, service.reviewHours));
    }
  }

  private leaveDesk(desk: Desk, c: Case | null, enteredAt: number): void {
    if (c) c.deskId = -1;
    this.emit({ type: 'deskLeft', t: this.now, desk, case: c, enteredAt });
  }

  // ---- patrol -------------------------------------------------------------------------------
  //
  // A patrol goes on, round after round, until work calls the worker back or the shift ends.
  // Latent issues can only be found at the end of a round (each with detectionProbability), so a
  // round-end timer is set only while the grid has latent issues: an empty grid costs no events.

  private startPatrol(m: StaffMember): boolean {
    const group = m.desk.groups[m.group]!;
    const now = this.now;
    if (!(Math.min(group.nextChangeAt, this.horizon) > now)) return false;
    this.setActivity(m, 'patrol', null);
    m.desk.patrollers.push(m);
    m.roundStart = now;
    if (this.latent[m.desk.unit]!.size > 0) this.armRound(m);
    return true;
  }

  /** Moves the member's round origin to the round in progress now (a round ending right now counts as in progress). */
  private currentRound(m: StaffMember): void {
    const R = this.scenario.patrol.roundHours;
    m.roundStart += Math.max(0, Math.ceil((this.now - m.roundStart) / R) - 1) * R;
  }

  /** Sets the timer for the end of the current round, unless a shift change or the horizon comes first. */
  private armRound(m: StaffMember): void {
    const end = m.roundStart + this.scenario.patrol.roundHours;
    const group = m.desk.groups[m.group]!;
    // A shift change at or before the end cuts the round itself (goOffDuty → cutPatrol).
    if (end >= group.nextChangeAt || end >= this.horizon) return;
    m.patrolTimer = this.clock.scheduleAt(end, this.roundEnds[m.id]!);
  }

  /** A latent issue appeared in the grid: patrolling workers without a round timer set one. */
  private latentAppeared(grid: number): void {
    for (const m of this.world.gridDesk(grid).patrollers) {
      if (m.patrolTimer !== null) continue;
      this.currentRound(m);
      this.armRound(m);
    }
  }

  private roundEnded(m: StaffMember): void {
    m.patrolTimer = null;
    const found = this.detect(m, 1);
    m.roundStart = this.now;
    if (found.length === 0) {
      if (this.latent[m.desk.unit]!.size > 0) this.armRound(m);
      return;
    }
    this.leavePatrol(m);
    this.registerFound(m, found);
  }

  /** The patrol stops before its round ends (work arrived, or the shift ended). */
  private cutPatrol(m: StaffMember): void {
    if (m.patrolTimer !== null) {
      this.clock.cancel(m.patrolTimer);
      m.patrolTimer = null;
    } else {
      this.currentRound(m);
    }
    const fraction = Math.min(1, (this.now - m.roundStart) / this.scenario.patrol.roundHours);
    const found = fraction > 0 ? this.detect(m, fraction) : [];
    this.leavePatrol(m);
    if (found.length === 0) return this.becomeIdle(m, null);
    this.registerFound(m, found);
  }

  private leavePatrol(m: StaffMember): void {
    const list = m.desk.patrollers;
    list.splice(list.indexOf(m), 1);
  }

  /** Each latent issue of the grid is found with detectionProbability × the share of the round walked. */
  private detect(m: StaffMember, fraction: number): Case[] {
    const latent = this.latent[m.desk.unit]!;
    if (latent.size === 0) return [];
    const prob = this.scenario.patrol.detectionProbability * fraction;
    const found: Case[] = [];
    for (const c of latent) {
      if (bernoulli(this.rngPatrol, prob)) found.push(c);
    }
    for (const c of found) {
      latent.delete(c);
      c.source = 'patrol';
      c.reportedAt = this.now;
      c.state = 'reported';
      this.emit({ type: 'caseDiscovered', t: this.now, case: c });
    }
    return found;
  }

  private registerFound(m: StaffMember, found: Case[]): void {
    let hours = 0;
    for (let i = 0; i < found.length; i++) hours += sample(this.rngService, this.scenario.service.registerHours);
    m.planFound = found;
    this.startPlan(m, 'register', null, null, this.now, 'register', 0, hours);
  }

  // ---- demand -------------------------------------------------------------------------------

  private scheduleNextIssue(after: number): void {
    const issue = this.demand.next(after, this.horizon);
    if (!issue) return;
    this.clock.scheduleAt(issue.createdAt, () => {
      this.occurred(issue);
      this.scheduleNextIssue(issue.createdAt);
    });
  }

  private occurred(issue: Issue): void {
    // Listed field by field (no spread) so every case has the same hidden class.
    const c: Case = {
      id: issue.id,
      createdAt: issue.createdAt,
      grid: issue.grid,
      category: issue.category,
      priority: issue.priority,
      authority: issue.authority,
      department: issue.department,
      workHours: issue.workHours,
      reportChannel: issue.reportChannel,
      reportAt: issue.reportAt,
      patienceHours: issue.patienceHours,
      state: 'latent',
      source: null,
      reportedAt: NaN,
      registeredAt: NaN,
      registeredBy: 'grid',
      dispatchedAt: NaN,
      firstWorkAt: NaN,
      resolvedAt: NaN,
      verifiedAt: NaN,
      closedAt: NaN,
      resolvedTier: null,
      resolvedUnit: -1,
      escalations: 0,
      timeouts: 0,
      bounces: 0,
      reopens: 0,
      contacts: 0,
      whistled: false,
      waitHours: 0,
      tiersVisited: [],
      queuedAt: NaN,
      deskId: -1,
      moveSeq: 0,
      pendingWorkHours: issue.workHours,
    };
    this.created++;
    this.open.set(c.id, c);
    this.latent[c.grid]!.add(c);
    this.emit({ type: 'issueOccurred', t: this.now, case: c });
    this.latentAppeared(c.grid);
    if (c.reportAt < this.horizon) this.clock.scheduleAt(c.reportAt, () => this.residentReports(c));
  }

  private residentReports(c: Case): void {
    if (c.state === 'closed') return;
    c.contacts++;
    const channel = c.reportChannel!;
    if (c.state === 'latent') {
      this.latent[c.grid]!.delete(c);
      c.source = channel;
      c.reportedAt = this.now;
      c.state = 'reported';
      this.emit({ type: 'caseReported', t: this.now, case: c });
      if (channel === 'hotline') this.contact('report', c);
      else this.register(c, channel === 'app' ? 'hotline' : 'grid');
    } else if (channel === 'hotline') {
      // Already found by a patrol: the resident's call is a duplicate contact, not a new case.
      this.contact('duplicate', c);
    }
    this.scheduleFollowUp(c, 1);
  }

  private scheduleFollowUp(c: Case, n: number): void {
    if (n > this.scenario.demand.maxFollowUpCalls) return;
    const at = this.now + c.patienceHours;
    if (at >= this.horizon) return;
    this.clock.scheduleAt(at, () => {
      if (c.state === 'closed') return;
      c.contacts++;
      this.contact('followup', c);
      this.scheduleFollowUp(c, n + 1);
    });
  }

  private contact(kind: ContactKind, c: Case | null, desk: Desk = this.world.hotlineDesk(c ? c.grid : 0)): void {
    this.emit({ type: 'contactReceived', t: this.now, contact: kind, case: c, desk });
    this.emit({ type: 'deskEntered', t: this.now, desk, case: null });
    desk.queue.push({ kind: 'call', contact: kind, case: c }, CALL_LEVEL, this.now);
    this.dispatchWork(desk);
  }

  private startConsultations(): void {
    const rate = this.scenario.demand.consultationsPer1000PerDay;
    if (rate <= 0) return;
    const p = this.scenario.demand.profile;
    const profile = {
      hourOfDay: p.hourOfDay,
      dayOfWeek: p.dayOfWeek,
      surges: p.surges.filter((s) => !s.categories).map((s) => ({ startHour: s.startDay * 24, endHour: s.endDay * 24, multiplier: s.multiplier })),
    };
    const rng = this.streams.stream('consultations');
    for (const d of this.territory.districts) {
      const arrivals = new PoissonArrivals(rng, (rate * d.residents) / 1000 / 24, profile, this.scenario.startDayOfWeek);
      const desk = this.world.hotlineDesk(d.grids[0]!);
      const next = (after: number) => {
        const t = arrivals.next(after);
        if (t >= this.horizon) return;
        this.clock.scheduleAt(t, () => {
          this.contact('consultation', null, desk);
          next(t);
        });
      };
      next(0);
    }
  }

  // ---- the case's way through the units ------------------------------------------------------

  private register(c: Case, by: RegisteredBy): void {
    if (!Number.isNaN(c.registeredAt)) return;
    c.registeredAt = this.now;
    c.registeredBy = by;
    this.emit({ type: 'caseRegistered', t: this.now, case: c });
    this.move(c, this.policy.route(c, null, this.ctx), null, 'route');
  }

  private move(c: Case, routing: Routing, from: Desk | null, reason: 'route' | 'authority' | 'timeout' | 'reopen'): void {
    const to = this.world.desks[routing.desk];
    if (!to) throw new Error(`policy ${this.policy.name} routed case ${c.id} to unknown desk ${routing.desk}`);
    if (to.kind === 'hotline') throw new Error(`policy ${this.policy.name} routed case ${c.id} to the hotline`);
    if (from && reason === 'route' && routing.escalation) {
      c.escalations++;
      this.emit({ type: 'caseEscalated', t: this.now, case: c, from, to, reason: 'authority' });
    } else if (from && (reason === 'authority' || reason === 'timeout')) {
      if (reason === 'timeout') c.timeouts++;
      if (routing.bounce || deskRank(to) <= deskRank(from)) {
        c.bounces++;
        this.emit({ type: 'caseBounced', t: this.now, case: c, from, to });
      } else {
        c.escalations++;
        this.emit({ type: 'caseEscalated', t: this.now, case: c, from, to, reason });
      }
    }
    const delay = routing.delayHours ?? 0;
    if (delay > 0) {
      c.state = 'inTransit';
      c.moveSeq++;
      const seq = c.moveSeq;
      this.clock.schedule(delay, () => {
        if (c.moveSeq === seq) this.arrive(c, to, routing);
      });
    } else {
      this.arrive(c, to, routing);
    }
  }

  private arrive(c: Case, desk: Desk, routing: Routing): void {
    const now = this.now;
    c.state = 'queued';
    c.deskId = desk.id;
    c.queuedAt = now;
    const label = desk.tier;
    if (c.tiersVisited[c.tiersVisited.length - 1] !== label) c.tiersVisited.push(label);
    if (desk.kind === 'handle' && Number.isNaN(c.dispatchedAt)) c.dispatchedAt = now;
    if (routing.whistle) c.whistled = true;
    const level = routing.whistle ? 0 : PRIORITY_RANK[routing.priority ?? c.priority] + 1;
    const entry = desk.queue.push({ kind: 'case', case: c }, level, now);
    this.entries.set(c.id, entry);
    this.emit({ type: 'deskEntered', t: now, desk, case: c });
    this.emit({ type: 'caseQueued', t: now, case: c, desk });
    const limit = this.policy.timeLimitHours?.(desk, this.ctx);
    if (limit !== undefined && this.policy.onTimeout) {
      c.moveSeq++;
      const seq = c.moveSeq;
      this.clock.schedule(limit, () => {
        if (c.moveSeq === seq && c.state === 'queued' && c.deskId === desk.id) this.timedOut(c, desk);
      });
    }
    this.dispatchWork(desk);
  }

  private timedOut(c: Case, desk: Desk): void {
    const routing = this.policy.onTimeout!(c, desk, this.ctx);
    if (!routing) return;
    const entry = this.entries.get(c.id);
    if (entry) desk.queue.remove(entry);
    this.entries.delete(c.id);
    c.waitHours += this.now - c.queuedAt;
    this.leaveDesk(desk, c, c.queuedAt);
    this.move(c, routing, desk, 'timeout');
  }

  private resolved(c: Case, desk: Desk): void {
    c.state = 'resolved';
    c.resolvedAt = this.now;
    c.resolvedTier = desk.tier === 'hotline' ? null : desk.tier;
    c.resolvedUnit = desk.id;
    this.emit({ type: 'caseResolved', t: this.now, case: c, desk });
    if (!this.scenario.verification.enabled) return this.close(c);
    const verifier = c.registeredBy === 'grid' ? this.world.gridDesk(c.grid) : this.world.hotlineDesk(c.grid);
    c.queuedAt = this.now;
    c.deskId = verifier.id;
    verifier.queue.push({ kind: 'verify', case: c }, PRIORITY_RANK[c.priority] + 1, this.now);
    this.emit({ type: 'deskEntered', t: this.now, desk: verifier, case: c });
    this.dispatchWork(verifier);
  }

  private verified(c: Case): void {
    c.verifiedAt = this.now;
    this.emit({ type: 'caseVerified', t: this.now, case: c });
    const cat = this.scenario.demand.categories[c.category]!;
    const unhappy = bernoulli(this.rngSatisfaction, cat.reopenProbability);
    if (unhappy && c.reopens < MAX_REOPENS) {
      c.reopens++;
      c.pendingWorkHours = c.workHours * this.scenario.service.reworkFraction;
      this.emit({ type: 'caseReopened', t: this.now, case: c });
      this.move(c, { desk: c.resolvedUnit }, null, 'reopen');
      return;
    }
    this.close(c);
  }

  // ---- the extension host (what sim/model/extensions.ts may do) ---------------------------------

  /** Takes a latent case out of its grid (patrols no longer find it); false if it is not latent. */
  takeLatent(c: Case): boolean {
    if (c.state !== 'latent') return false;
    this.latent[c.grid]!.delete(c);
    return true;
  }

  /** Registers a case an extension passes on (e.g. volunteers hand it to the grid worker). */
  registerCase(c: Case, by: RegisteredBy): void {
    this.register(c, by);
  }

  /** Closes a case an extension settled away from the desks (e.g. a grid's volunteers). */
  closeSettled(c: Case): void {
    this.close(c);
  }

  /** Queues work that is not a case step (a top-down task, an outgoing call) at a desk. */
  enqueueJob(desk: Desk, job: JobTask, level: number): void {
    this.emit({ type: 'deskEntered', t: this.now, desk, case: null });
    desk.queue.push(job, level, this.now);
    this.dispatchWork(desk);
  }

  /** Moves a case waiting in a queue up to queue level `level` of that queue; false if it is not waiting there. */
  expedite(c: Case, level: number): boolean {
    const entry = this.entries.get(c.id);
    if (!entry || !entry.queued || c.state !== 'queued' || entry.priority <= level) return false;
    const queue = this.world.desks[c.deskId]!.queue;
    queue.remove(entry);
    this.entries.set(c.id, queue.push(entry.item, level, entry.enqueuedAt));
    return true;
  }

  private close(c: Case): void {
    if (c.state === 'closed') throw new Error(`case ${c.id} closed twice`);
    c.state = 'closed';
    c.closedAt = this.now;
    this.closed++;
    this.open.delete(c.id);
    this.emit({ type: 'caseClosed', t: this.now, case: c });
  }
}
