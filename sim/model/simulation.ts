import { Clock } from '../engine/clock.ts';
import { bernoulli, sample } from '../random/distributions.ts';
import type { RandomStreams } from '../random/stream.ts';
import type { Scenario } from '../scenario/schema.ts';
import type { Territory } from '../territory/build.ts';
import type { Policy, PolicyContext, Routing } from '../policies/types.ts';
import { DemandProcess } from './demand.ts';
import { SIM_EVENT_TYPES, type SimEvent, type SimEventType, type SimObserver } from './events.ts';
import type { SimExtension } from './extensions.ts';
import { PRIORITY_RANK, TIER_RANK, type Case, type Issue, type RegisteredBy } from './types.ts';
import { World, type Desk, type JobTask, type StaffMember, type Task } from './world.ts';
import type { QueueEntry } from './taskQueue.ts';
import { StaffDay } from './staffDay.ts';
import { Patrol } from './patrol.ts';
import { Hotline } from './hotline.ts';
import { HandoffChannel } from './handoffChannel.ts';
import { Mechanisms } from './mechanisms.ts';
import { charge, chargeSettled, chargeTravelThenWork, chargeUntilRegistered, newStageHours } from './stageClock.ts';

const MAX_REOPENS = 5;

/** Rank used to tell an escalation (up) from a hand-down; the hotline sits below the grid. */
function deskRank(d: Desk): number {
  return d.tier === 'hotline' ? -1 : TIER_RANK[d.tier];
}

/**
 * One run: the case lifecycle of DESIGN §2 on the clock. The simulation owns the state (cases,
 * queues, staff) and announces every change as a typed event; it computes no statistics. The
 * concepts around the lifecycle live in their own modules, each holding this simulation:
 * the staff's day (staffDay.ts: shifts, idle/busy, each member's books), patrol (patrol.ts),
 * the residents' contacts and the hotline (hotline.ts), and the channel between units
 * (handoffChannel.ts). Model extensions (extensions.ts) attach through the host methods below.
 */
export class Simulation {
  readonly clock = new Clock();
  readonly world: World;
  /** Cases not yet closed (latent ones included), by id. */
  readonly open = new Map<number, Case>();
  created = 0;
  closed = 0;
  readonly horizon: number;
  readonly windowStart: number;
  readonly staff: StaffDay;
  readonly patrol: Patrol;
  readonly hotline: Hotline;
  readonly channel: HandoffChannel;
  /** The scenario's `mechanisms` (sim/model/mechanisms.ts), null without the block. */
  readonly mechanisms: Mechanisms | null;
  private readonly entries = new Map<number, QueueEntry<Task>>();
  private readonly demand: DemandProcess;
  private readonly ctx: PolicyContext;
  private readonly observers: SimObserver[] = [];
  /** Per event type, the observers that listen to it, in the order they were added. */
  private readonly listeners = Object.fromEntries(SIM_EVENT_TYPES.map((t) => [t, [] as SimObserver[]])) as Record<SimEventType, SimObserver[]>;
  private readonly extensions: SimExtension[] = [];
  private readonly rngService;
  private readonly rngSatisfaction;

  constructor(
    readonly scenario: Scenario,
    readonly territory: Territory,
    readonly policy: Policy,
    readonly streams: RandomStreams,
  ) {
    this.world = new World(scenario, territory);
    this.horizon = scenario.horizonDays * 24;
    this.windowStart = scenario.warmupDays * 24;
    this.demand = new DemandProcess(scenario, territory, streams.stream('demand'));
    this.rngService = streams.stream('service');
    this.rngSatisfaction = streams.stream('satisfaction');
    this.staff = new StaffDay(this);
    this.patrol = new Patrol(this);
    this.hotline = new Hotline(this);
    this.channel = new HandoffChannel(this);
    this.mechanisms = Mechanisms.create(this, scenario.mechanisms);
    if (this.mechanisms) this.observe(this.mechanisms);
    const mechanisms = this.mechanisms;
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
      classificationAccuracy: (desk) => (mechanisms ? mechanisms.classificationAccuracy(desk, params.classificationAccuracy) : params.classificationAccuracy),
    };
  }

  observe(o: SimObserver): this {
    this.observers.push(o);
    for (const type of o.eventTypes ?? SIM_EVENT_TYPES) this.listeners[type].push(o);
    return this;
  }

  /** Adds a model extension (sim/model/extensions.ts): started with the run; observes events if it has onEvent. */
  extend(x: SimExtension): this {
    this.extensions.push(x);
    if (x.onEvent) this.observe(x as SimObserver);
    return this;
  }

  /** Announces a change to every observer (collectors, writers, extensions). */
  emit(e: SimEvent): void {
    const list = this.listeners[e.type];
    for (let i = 0; i < list.length; i++) list[i]!.onEvent(e);
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
    this.staff.start();
    this.scheduleNextIssue(0);
    this.hotline.start();
    for (const x of this.extensions) x.start(this);
  }

  finish(): void {
    this.staff.finish();
    for (const o of this.observers) o.onFinish?.(this.horizon);
  }

  // ---- what a staff member's task means for its case ----------------------------------------

  /** A task's timer ended (StaffDay.startPlan): the case, contact or job moves on; the member takes new work. */
  finishTask(m: StaffMember): void {
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
      return this.staff.becomeIdle(m, call.case);
    }
    if (kind === 'job') {
      const job = task as JobTask;
      this.emit({ type: 'deskLeft', t: this.now, desk, case: null, enteredAt });
      job.done?.();
      return this.staff.becomeIdle(m, job.case);
    }
    if (kind === 'register') {
      const found = m.planFound!;
      m.planFound = null;
      for (const c of found) {
        m.casesTouched++;
        this.register(c, 'grid');
      }
      return this.staff.becomeIdle(m, null);
    }
    const c = task!.case!;
    this.leaveDesk(desk, c, enteredAt);
    if (kind === 'verify') this.verified(c, desk);
    else if (kind === 'dispatch') this.move(c, this.policy.route(c, desk, this.ctx), desk, 'route');
    else if (kind === 'resolve') {
      // A lead department waiting for the other departments' parts stays in work until the last is done.
      const held = this.mechanisms?.holdResolution(c, () => {
        charge(c, 'verify', this.now);
        this.resolved(c, desk);
      });
      chargeTravelThenWork(c, c.stageTravelHours, this.now, held ? 'work' : 'verify');
      if (!held) this.resolved(c, desk);
    }
    else this.move(c, this.mechanisms?.returnRouting(c) ?? this.policy.escalate(c, desk, this.ctx), desk, 'authority');
    this.staff.becomeIdle(m, c);
  }

  /** A staff member takes a queued task (StaffDay.dispatchWork): sets its timed activity. */
  startTask(m: StaffMember, task: Task, enqueuedAt: number): void {
    const desk = m.desk;
    const now = this.now;
    const service = this.scenario.service;
    if (task.kind === 'call') {
      if (task.case) m.casesTouched++;
      this.staff.startPlan(m, 'call', task, task.case, enqueuedAt, 'call', 0, sample(this.rngService, service.callHours));
      return;
    }
    if (task.kind === 'job') {
      if (task.case) m.casesTouched++;
      this.staff.startPlan(m, 'job', task, task.case, enqueuedAt, task.activity, 0, task.hours);
      return;
    }
    const c = task.case;
    m.casesTouched++;
    c.waitHours += now - c.queuedAt;
    c.moveSeq++; // any pending time-limit timer is now stale
    this.entries.delete(c.id);
    const enteredAt = c.queuedAt;
    if (task.kind === 'verify') {
      charge(c, 'verify', now);
      if (desk.role === 'gridWorker') {
        this.staff.startPlan(m, 'verify', task, c, enteredAt, 'verify', 2 * this.world.travelHours(desk, c.grid), sample(this.rngService, service.verifyHours));
      } else {
        this.staff.startPlan(m, 'verify', task, c, enteredAt, 'verify', 0, sample(this.rngService, service.callbackHours));
      }
      return;
    }
    c.state = 'inWork';
    if (desk.kind === 'dispatch') {
      charge(c, 'review', now);
      const hours = sample(this.rngService, service.dispatchHours);
      this.staff.startPlan(m, 'dispatch', task, c, enteredAt, 'dispatch', 0, this.mechanisms ? hours * this.mechanisms.dispatchTimeFactor(desk) : hours);
    } else if (this.world.canResolve(desk, c)) {
      if (this.mechanisms?.rejects(desk, c)) this.startReview(m, task, c, enteredAt);
      else this.startResolve(m, task, c, enteredAt, c.pendingWorkHours);
    } else {
      const informal = this.mechanisms?.informalWorkHours(desk, c);
      if (informal != null) this.startResolve(m, task, c, enteredAt, informal);
      else this.startReview(m, task, c, enteredAt);
    }
  }

  private startResolve(m: StaffMember, task: Task, c: Case, enteredAt: number, workHours: number): void {
    const desk = m.desk;
    if (Number.isNaN(c.firstWorkAt)) c.firstWorkAt = this.now;
    let oneWay = this.world.travelHours(desk, c.grid);
    if (c.whistled && desk.tier === 'department') oneWay = Math.min(oneWay, this.scenario.policy.whistleResponseHours);
    const hours = this.mechanisms ? workHours + this.mechanisms.extraWorkHours(desk, c) : workHours;
    charge(c, 'travel', this.now);
    c.stageTravelHours = 2 * oneWay;
    this.staff.startPlan(m, 'resolve', task, c, enteredAt, 'handle', 2 * oneWay, hours);
  }

  private startReview(m: StaffMember, task: Task, c: Case, enteredAt: number): void {
    charge(c, 'review', this.now);
    this.staff.startPlan(m, 'review', task, c, enteredAt, 'review', 0, sample(this.rngService, this.scenario.service.reviewHours));
  }

  private leaveDesk(desk: Desk, c: Case | null, enteredAt: number): void {
    if (c) c.deskId = -1;
    this.emit({ type: 'deskLeft', t: this.now, desk, case: c, enteredAt });
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
      deadlineExtensionHours: 0,
      handoffs: 0,
      stageHours: newStageHours(),
      stage: 0,
      stageSince: issue.createdAt,
      stageQueueTier: -1,
      stageTravelHours: 0,
      residentTimer: null,
    };
    this.created++;
    this.open.set(c.id, c);
    this.patrol.add(c);
    this.emit({ type: 'issueOccurred', t: this.now, case: c });
    this.patrol.appeared(c.grid);
    if (c.reportAt < this.horizon) c.residentTimer = this.clock.scheduleAt(c.reportAt, () => this.hotline.residentReports(c));
  }

  // ---- the case's way through the units ------------------------------------------------------

  /** Registration (立案): the policy routes the new case. */
  register(c: Case, by: RegisteredBy): void {
    if (!Number.isNaN(c.registeredAt)) return;
    c.registeredAt = this.now;
    c.registeredBy = by;
    chargeUntilRegistered(c, this.now);
    this.emit({ type: 'caseRegistered', t: this.now, case: c });
    const registrar = by === 'grid' ? this.world.gridDesk(c.grid) : this.world.hotlineDesk(c.grid);
    this.move(c, this.policy.route(c, null, this.ctx), null, 'route', registrar);
  }

  /** `sender`: the unit passing the case on, for the channel (default `from`; the registering or verifying side otherwise). */
  private move(c: Case, routing: Routing, from: Desk | null, reason: 'route' | 'authority' | 'timeout' | 'reopen', sender: Desk | null = from): void {
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
    this.channel.send(c, sender, to, routing);
  }

  /** The case reaches a desk's queue (HandoffChannel.send). */
  arrive(c: Case, desk: Desk, routing: Routing): void {
    const now = this.now;
    charge(c, 'queue', now, desk.tier);
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
    this.staff.dispatchWork(desk);
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
    this.staff.dispatchWork(verifier);
  }

  private verified(c: Case, verifier: Desk): void {
    c.verifiedAt = this.now;
    this.emit({ type: 'caseVerified', t: this.now, case: c });
    const cat = this.scenario.demand.categories[c.category]!;
    const unhappy = bernoulli(this.rngSatisfaction, cat.reopenProbability);
    if (unhappy && c.reopens < MAX_REOPENS) {
      c.reopens++;
      c.pendingWorkHours = c.workHours * this.scenario.service.reworkFraction;
      this.emit({ type: 'caseReopened', t: this.now, case: c });
      this.move(c, { desk: c.resolvedUnit }, null, 'reopen', verifier);
      return;
    }
    this.close(c);
  }

  // ---- the extension host (what sim/model/extensions.ts may do) ---------------------------------

  /** Takes a latent case out of its grid (patrols no longer find it); false if it is not latent. */
  takeLatent(c: Case): boolean {
    if (c.state !== 'latent') return false;
    this.patrol.remove(c);
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
    this.staff.dispatchWork(desk);
  }

  /**
   * Where the policy would send this case if it were newly registered by the hotline (`at` =
   * null) or at dispatch desk `at` — for a duplicate work order (sim/model/duplicateReports.ts),
   * which is not a case record. The copy keeps the case's intrinsic attributes only.
   */
  routeAsNew(c: Case, at: Desk | null = null): Desk {
    const copy: Case = { ...c, registeredBy: 'hotline', dispatchedAt: NaN, whistled: false, tiersVisited: [] };
    const to = this.world.desks[this.policy.route(copy, at, this.ctx).desk];
    if (!to || to.kind === 'hotline') throw new Error(`policy ${this.policy.name} routed a duplicate of case ${c.id} to ${to ? 'the hotline' : 'an unknown desk'}`);
    return to;
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
    chargeSettled(c, this.now);
    charge(c, 'verify', this.now);
    c.state = 'closed';
    c.closedAt = this.now;
    if (c.residentTimer) {
      this.clock.cancel(c.residentTimer);
      c.residentTimer = null;
    }
    this.closed++;
    this.open.delete(c.id);
    this.emit({ type: 'caseClosed', t: this.now, case: c });
  }
}
