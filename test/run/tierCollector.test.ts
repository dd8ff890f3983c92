import { describe, expect, it } from 'vitest';
import { TierCollector } from '../../sim/run/tierCollector.ts';
import type { SimEvent } from '../../sim/model/events.ts';
import type { Desk, StaffMember } from '../../sim/model/world.ts';

const gridDesk = { tier: 'grid' } as Desk;
const worker = { desk: gridDesk } as StaffMember;
const enter = (t: number): SimEvent => ({ type: 'deskEntered', t, desk: gridDesk, case: null });
const leave = (t: number, enteredAt: number): SimEvent => ({ type: 'deskLeft', t, desk: gridDesk, case: null, enteredAt });

describe('TierCollector', () => {
  it('integrates the number present by step and over the window, and checks Little’s law', () => {
    // window [2, 6), steps of 1 h
    const c = new TierCollector(1, 2, 6);
    for (const e of [enter(0.5), enter(1.5), leave(2.5, 0.5), enter(3), leave(4.5, 1.5), leave(5.5, 3), enter(5.75)]) c.onEvent(e);
    c.onFinish(6);
    // present: 1 on [0.5,1.5), 2 on [1.5,2.5), 1 on [2.5,3), 2 on [3,4.5), 1 on [4.5,5.5), 0, 1 on [5.75,6)
    // window area over [2,6): 2·0.5 + 1·0.5 + 2·1.5 + 1·1 + 0 + 0.25 = 5.75
    expect(c.meanBacklog('grid')).toBeCloseTo(5.75 / 4, 12);
    const l = c.little('grid');
    // arrivals inside the window: at 3 (leaves 5.5) and 5.75 (censored at 6) → 2.5 + 0.25
    expect(l.arrivals).toBe(2);
    expect(l.lambdaW).toBeCloseTo(2.75 / 4, 12);
    const rows = c.toCsv().trimEnd().split('\n').filter((r) => r.split(',')[1] === 'grid');
    expect(rows.map((r) => r.split(',')[2])).toEqual(['1', '1', '0', '1', '0', '1']); // arrivals per hour
    expect(rows.map((r) => r.split(',')[3])).toEqual(['1', '2', '1', '2', '1', '1']); // backlog at each hour's end (before a change at that instant)
  });

  it('counts busy and patrolling staff separately, per step', () => {
    const c = new TierCollector(2, 0, 4);
    const ev: SimEvent[] = [
      { type: 'staffOnDuty', t: 0, staff: worker },
      { type: 'workStarted', t: 0, staff: worker, activity: 'patrol', case: null, travelHours: 0 },
      { type: 'workFinished', t: 1, staff: worker, activity: 'patrol', case: null },
      { type: 'workStarted', t: 1, staff: worker, activity: 'handle', case: null, travelHours: 0 },
      { type: 'workFinished', t: 3, staff: worker, activity: 'handle', case: null },
      { type: 'staffOffDuty', t: 3, staff: worker },
    ];
    for (const e of ev) c.onEvent(e);
    c.onFinish(4);
    expect(c.busyHours('grid')).toBeCloseTo(2, 12);
    const rows = c.toCsv().trimEnd().split('\n').filter((r) => r.split(',')[1] === 'grid');
    // hour,tier,arrivals,backlog,busyStaff,patrolStaff,onDutyStaff
    expect(rows[0]).toBe('0,grid,0,0,0.5000,0.5000,1');
    expect(rows[1]).toBe('2,grid,0,0,0.5000,0,0.5000');
  });
});
