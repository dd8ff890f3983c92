import { describe, expect, it } from 'vitest';
import { classifyMove } from '../../sim/model/handoffChannel.ts';
import type { DeskRef } from '../../sim/model/world.ts';
import { resolveScenario } from '../../sim/scenario/load.ts';
import { InputError } from '../../sim/scenario/errors.ts';
import { minimalScenario } from '../helpers/scenarios.ts';
import { runRaw } from '../helpers/run.ts';

const desk = (role: DeskRef['role'], tier: DeskRef['tier'], unit: number, department = -1): DeskRef => ({ id: 0, role, tier, kind: role === 'streetDispatcher' || role === 'districtDispatcher' ? 'dispatch' : 'handle', name: role, unit, district: 0, department });
const grid = desk('gridWorker', 'grid', 3);
const community = desk('communityStaff', 'community', 1);
const streetDispatch = desk('streetDispatcher', 'street', 0);
const streetHandler = desk('streetHandler', 'street', 0);
const hotline = desk('callTaker', 'hotline', 0);
const centre = desk('districtDispatcher', 'district', 0);
const districtHandler = desk('districtHandler', 'district', 0);
const dept = desk('departmentHandler', 'department', 0, 1);

describe('the hand-off channel classifies every move between two units', () => {
  it('up, down, back, toDepartment, and nothing inside one unit', () => {
    expect(classifyMove(grid, community, {})).toBe('up');
    expect(classifyMove(community, streetDispatch, {})).toBe('up');
    expect(classifyMove(streetHandler, centre, {})).toBe('up');
    expect(classifyMove(centre, grid, {})).toBe('down');
    expect(classifyMove(hotline, streetDispatch, {})).toBe('down');
    expect(classifyMove(streetDispatch, grid, {})).toBe('down');
    expect(classifyMove(grid, centre, { bounce: true })).toBe('back');
    expect(classifyMove(dept, centre, {})).toBe('back');
    expect(classifyMove(streetDispatch, dept, {})).toBe('toDepartment');
    expect(classifyMove(centre, dept, {})).toBe('toDepartment');
    expect(classifyMove(hotline, centre, {})).toBeNull();
    expect(classifyMove(centre, districtHandler, {})).toBeNull();
    expect(classifyMove(streetDispatch, streetHandler, {})).toBeNull();
    expect(classifyMove(grid, grid, {})).toBeNull();
  });

  it('policy.transferHours is an error that names handoff.delaysHours', () => {
    const raw = minimalScenario({ policy: { transferHours: { dist: 'constant', value: 1 } } });
    let err: unknown;
    try {
      resolveScenario(raw, 'old.json');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(InputError);
    expect((err as Error).message).toMatch(/policy\.transferHours/);
    expect((err as Error).message).toMatch(/handoff\.delaysHours/);
  });

  it('a slower channel slows every policy, flat included, and the run says which channel it modelled', async () => {
    const slow = { channel: 'paper', source: 'assumption', delaysHours: { up: { dist: 'constant', value: 5 }, down: { dist: 'constant', value: 5 }, back: { dist: 'constant', value: 5 }, toDepartment: { dist: 'constant', value: 5 } } };
    for (const policyName of ['flat', 'hierarchical']) {
      const fast = await runRaw(minimalScenario({ horizonDays: 10 }), { policyName });
      const paper = await runRaw(minimalScenario({ horizonDays: 10, handoff: slow }), { policyName });
      expect(paper.summary.channel.name).toBe('paper');
      expect(fast.summary.channel.name).toBe('none');
      // hand-offs after a reopen are rework, so transit is at most 5 h per hand-off
      expect(paper.summary.stages.meanHours.transitHours).toBeGreaterThan(0);
      expect(paper.summary.stages.meanHours.transitHours).toBeLessThanOrEqual(5 * paper.summary.stages.handoffsPerCase + 1e-9);
      expect(paper.summary.resolutionHours.mean).toBeGreaterThan(fast.summary.resolutionHours.mean);
    }
  }, 60_000);
});
