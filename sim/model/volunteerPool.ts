import type { Clock } from '../engine/clock.ts';
import type { Scenario, StaffGroups } from '../scenario/schema.ts';
import { ShiftCalendar } from './shiftCalendar.ts';

/** A piece of volunteer work: it takes `hours` once a volunteer starts it. */
export interface VolunteerItem {
  hours: number;
  /** Checked when a volunteer would start it; false = dropped unstarted (e.g. the case went elsewhere). */
  valid?: () => boolean;
  /** Called when a volunteer starts it. */
  started: ((t: number) => void) | null;
  done: (t: number) => void;
}

interface Group {
  readonly calendar: ShiftCalendar;
  readonly count: number;
  on: boolean;
  since: number;
}

/**
 * Volunteers of every grid (building heads, mobilized residents): `count` per grid per staffing
 * group, on duty by the group's shift and only inside [fromHour, toHour). They are not desk staff:
 * they take items from their grid's own first-come-first-served list, one at a time each, and
 * finish what they started after their shift ends. Their hours are kept here, clipped to the
 * statistics window, and never enter the desks' books.
 */
export class VolunteerPool {
  private readonly groups: Group[];
  private readonly queues: { item: VolunteerItem; queuedAt: number }[][];
  private readonly heads: number[];
  private readonly busy: Int32Array; // [grid * groups + group]
  private readonly waiting = new Set<number>();
  private clock!: Clock;
  busyHours = 0;
  onDutyHours = 0;
  started = 0;
  waitHours = 0;

  constructor(
    staffing: StaffGroups,
    scenario: Scenario,
    private readonly grids: number,
    private readonly windowStart: number,
    private readonly horizon: number,
    private readonly fromHour = 0,
    private readonly toHour = Infinity,
  ) {
    const list = Array.isArray(staffing) ? staffing : [staffing];
    this.groups = list.map((g) => ({ calendar: new ShiftCalendar(g.shift, scenario.startDayOfWeek, scenario.holidays), count: g.count, on: false, since: 0 }));
    this.queues = Array.from({ length: grids }, () => []);
    this.heads = new Array(grids).fill(0);
    this.busy = new Int32Array(grids * this.groups.length);
  }

  private onDutyAt(g: Group, t: number): boolean {
    return t >= this.fromHour && t < this.toHour && g.calendar.onDutyAt(t);
  }

  private nextChange(g: Group, t: number): number {
    let next = g.calendar.nextChange(t);
    if (t < this.fromHour) next = Math.min(next, this.fromHour);
    if (t < this.toHour) next = Math.min(next, this.toHour);
    return next;
  }

  start(clock: Clock): void {
    this.clock = clock;
    this.groups.forEach((g) => {
      g.on = this.onDutyAt(g, 0);
      this.scheduleChange(g, 0);
    });
  }

  private scheduleChange(g: Group, from: number): void {
    let t = from;
    // Skip boundaries (e.g. fromHour inside an off shift) where on-duty does not change.
    for (let i = 0; i < 1000; i++) {
      t = this.nextChange(g, t);
      if (t >= this.horizon || t === Infinity) return;
      if (this.onDutyAt(g, t) !== g.on) break;
    }
    this.clock.scheduleAt(t, () => {
      this.account(g, t);
      g.on = !g.on;
      if (g.on) for (const grid of [...this.waiting]) this.serve(grid);
      this.scheduleChange(g, t);
    });
  }

  private account(g: Group, now: number): void {
    const from = Math.max(g.since, this.windowStart);
    const to = Math.min(now, this.horizon);
    if (g.on && to > from) this.onDutyHours += g.count * this.grids * (to - from);
    g.since = now;
  }

  submit(grid: number, item: VolunteerItem): void {
    this.queues[grid]!.push({ item, queuedAt: this.clock.now() });
    this.waiting.add(grid);
    this.serve(grid);
  }

  /** Volunteers per grid over all groups (on duty or not). */
  get perGrid(): number {
    return this.groups.reduce((a, g) => a + g.count, 0);
  }

  queued(grid: number): number {
    return this.queues[grid]!.length - this.heads[grid]!;
  }

  private serve(grid: number): void {
    const q = this.queues[grid]!;
    const ng = this.groups.length;
    while (this.heads[grid]! < q.length) {
      let gi = -1;
      for (let k = 0; k < ng; k++) {
        const g = this.groups[k]!;
        if (g.on && this.busy[grid * ng + k]! < g.count) {
          gi = k;
          break;
        }
      }
      if (gi < 0) return;
      const { item, queuedAt } = q[this.heads[grid]!]!;
      this.heads[grid]!++;
      if (this.heads[grid]! > 64 && this.heads[grid]! * 2 > q.length) {
        q.splice(0, this.heads[grid]!);
        this.heads[grid] = 0;
      }
      if (item.valid && !item.valid()) continue;
      const now = this.clock.now();
      this.busy[grid * ng + gi]!++;
      this.started++;
      this.waitHours += now - queuedAt;
      item.started?.(now);
      const hours = Math.max(0, item.hours);
      this.clock.schedule(hours, () => {
        const end = this.clock.now();
        const from = Math.max(now, this.windowStart);
        const to = Math.min(end, this.horizon);
        if (to > from) this.busyHours += to - from;
        this.busy[grid * ng + gi]!--;
        item.done(end);
        this.serve(grid);
      });
    }
    this.waiting.delete(grid);
  }

  /** Closes the on-duty books at the horizon. */
  finish(t: number): void {
    for (const g of this.groups) this.account(g, t);
  }

  books(): { volunteersPerGrid: number; onDutyHours: number; busyHours: number; utilization: number; itemsStarted: number; meanWaitHours: number } {
    return {
      volunteersPerGrid: this.perGrid,
      onDutyHours: this.onDutyHours,
      busyHours: this.busyHours,
      utilization: this.onDutyHours > 0 ? this.busyHours / this.onDutyHours : 0,
      itemsStarted: this.started,
      meanWaitHours: this.started > 0 ? this.waitHours / this.started : 0,
    };
  }
}
