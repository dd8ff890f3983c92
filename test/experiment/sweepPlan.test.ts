import { describe, expect, it } from 'vitest';
import { inputError } from '../helpers/errors.ts';
import { fullFactorial, latinHypercube } from '../../sim/experiment/sweepDesign.ts';
import { parseSetSpec, type SweepParam } from '../../sim/experiment/sweepParams.ts';
import { buildSweepPlan, plannedRuns } from '../../sim/experiment/sweepPlan.ts';
import { inShard, parseShard, resolveShard } from '../../sim/experiment/shard.ts';

const swept = (spec: string) => {
  const s = parseSetSpec(spec);
  if (s.kind !== 'sweep') throw new Error('expected a sweep');
  return s.param;
};


describe('--set specs', () => {
  it('reads lists, ranges with and without a step, and fixed values', () => {
    expect(swept('staff.gridWorker.count=1,2,3').values).toEqual([1, 2, 3]);
    expect(swept('policy.name=flat,hierarchical').values).toEqual(['flat', 'hierarchical']);
    expect(swept('staff.gridWorker.count=1..4').values).toEqual([1, 2, 3, 4]);
    expect(swept('patrol.detectionProbability=0.1..0.5:0.1').values).toEqual([0.1, 0.2, 0.3, 0.4, 0.5]);
    expect(swept('x=[1,2],[3,4]').values).toEqual([[1, 2], [3, 4]]);
    expect(swept('name="a,b","c"').values).toEqual(['a,b', 'c']);
    expect(parseSetSpec('horizonDays=30')).toEqual({ kind: 'fixed', assignment: 'horizonDays=30' });
  });

  it('refuses bad ranges and lists, naming the flag and the field', () => {
    const e = inputError(() => parseSetSpec('a=5..1:0'));
    expect(e.message).toContain('--set: a: expected lo..hi:step with lo <= hi, found "5..1:0"');
    expect(e.message).toContain('--set: a: expected a step > 0');
    expect(inputError(() => parseSetSpec('a=1..3:x')).message).toContain('a step > 0');
    expect(inputError(() => parseSetSpec('a=1,,2')).message).toContain('without empty values');
    expect(inputError(() => parseSetSpec('a=1,1')).message).toContain('distinct values');
    expect(inputError(() => parseSetSpec('novalue')).message).toContain('--set: (top level): expected path=value');
    expect(inputError(() => parseSetSpec('a b=1,2')).message).toContain('a dotted field path');
  });
});

describe('designs', () => {
  const params: SweepParam[] = [swept('a=1,2,3'), swept('b=10..11'), swept('c=x,y')];

  it('the full factorial has every combination, the last parameter fastest', () => {
    const pts = fullFactorial(params);
    expect(pts).toHaveLength(12);
    expect(pts.slice(0, 3)).toEqual([[0, 0, 0], [0, 0, 1], [0, 1, 0]]);
    expect(new Set(pts.map((p) => p.join())).size).toBe(12);
  });

  it('a Latin hypercube is seeded, stratified and uses each level evenly', () => {
    const big: SweepParam[] = [swept('a=0..9'), swept('b=0..4')];
    const one = latinHypercube(big, 10, 7);
    expect(latinHypercube(big, 10, 7)).toEqual(one);
    expect(latinHypercube(big, 10, 8)).not.toEqual(one);
    // 10 samples over 10 levels: each level exactly once; over 5 levels: each twice
    expect(one.map((p) => p[0]).sort((x, y) => x! - y!)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const counts = [0, 0, 0, 0, 0];
    for (const p of one) counts[p[1]!]!++;
    expect(counts).toEqual([2, 2, 2, 2, 2]);
  });

  it('the plan gives every point the same replication seeds (common random numbers)', () => {
    const plan = { ...buildSweepPlan({ gridgov: '0', scenario: 's', scenarioHash: 'h', fixed: [], params, reps: 3, baseSeed: 5 }), sweepId: 'id' };
    expect(plan.seeds).toEqual([5, 6, 7]);
    const runs = plannedRuns(plan);
    expect(runs).toHaveLength(36);
    expect(runs.filter((r) => r.point === 4).map((r) => r.seed)).toEqual([5, 6, 7]);
    expect(runs[0]!.key).toBe('p00-r0');
    expect(runs[35]!.key).toBe('p11-r2');
    expect(plan.points[1]).toEqual([1, 10, 'y']);
    expect(inputError(() => buildSweepPlan({ gridgov: '0', scenario: 's', scenarioHash: 'h', fixed: [], params: [swept('seed=1,2')], reps: 1, baseSeed: 1 })).message).toContain('no sweep over seed');
    expect(inputError(() => buildSweepPlan({ gridgov: '0', scenario: 's', scenarioHash: 'h', fixed: [], params: [], reps: 1, baseSeed: 1 })).message).toContain('at least one swept field');
  });
});

describe('shards', () => {
  it('--shard k/N is 1-based and the shards partition the runs', () => {
    expect(parseShard('2/4')).toMatchObject({ index: 1, count: 4 });
    for (const bad of ['3/2', '0/2', 'a/b', '2', '1/0']) expect(inputError(() => parseShard(bad)).message).toContain('--shard: shard: expected k/N with 1 <= k <= N');
    const owners = Array.from({ length: 23 }, (_, i) => [0, 1, 2].filter((k) => inShard(i, { index: k, count: 3, source: 'x' })));
    expect(owners.every((o) => o.length === 1)).toBe(true);
  });

  it('reads Slurm job arrays (with a MIN offset) and Kubernetes indexed jobs', () => {
    expect(resolveShard(undefined, { SLURM_ARRAY_TASK_ID: '7', SLURM_ARRAY_TASK_MIN: '5', SLURM_ARRAY_TASK_COUNT: '4' })).toMatchObject({ index: 2, count: 4, source: 'SLURM_ARRAY_TASK_ID' });
    expect(resolveShard(undefined, { SLURM_ARRAY_TASK_ID: '3', SLURM_ARRAY_TASK_MAX: '3' })).toMatchObject({ index: 3, count: 4 });
    expect(resolveShard(undefined, { JOB_COMPLETION_INDEX: '0', GRIDGOV_SHARD_COUNT: '3' })).toMatchObject({ index: 0, count: 3, source: 'JOB_COMPLETION_INDEX' });
    expect(resolveShard(undefined, { JOB_COMPLETION_INDEX: '2' }, 3)).toMatchObject({ index: 2, count: 3 });
    expect(resolveShard('1/1', { SLURM_ARRAY_TASK_ID: '3', SLURM_ARRAY_TASK_COUNT: '4' })).toMatchObject({ index: 0, count: 1 });
    expect(resolveShard(undefined, {})).toMatchObject({ index: 0, count: 1, source: 'none' });
    expect(inputError(() => resolveShard(undefined, { JOB_COMPLETION_INDEX: '1' })).message).toContain('GRIDGOV_SHARD_COUNT');
    expect(inputError(() => resolveShard(undefined, { JOB_COMPLETION_INDEX: '3', GRIDGOV_SHARD_COUNT: '3' })).message).toContain('below the shard count 3');
    expect(inputError(() => resolveShard(undefined, { SLURM_ARRAY_TASK_ID: '2' })).message).toContain('SLURM_ARRAY_TASK_COUNT');
  });

  it('a resubmitted Slurm task (sbatch --array=3: a one-task array) is shard 3 of the fixed count, never the whole sweep', () => {
    // What Slurm sets for `sbatch --array=3`: a one-task array with MIN = MAX = ID.
    const retry = { SLURM_ARRAY_TASK_ID: '3', SLURM_ARRAY_TASK_MIN: '3', SLURM_ARRAY_TASK_MAX: '3', SLURM_ARRAY_TASK_COUNT: '1' };
    expect(resolveShard(undefined, { ...retry, GRIDGOV_SHARD_COUNT: '4' })).toMatchObject({ index: 2, count: 4 });
    expect(resolveShard(undefined, retry, 4)).toMatchObject({ index: 2, count: 4 });
    expect(inputError(() => resolveShard(undefined, retry)).message).toContain('GRIDGOV_SHARD_COUNT=N (task ids 1..N) or --shard k/N');
    // --array=2,4 of a fixed count of 4: each task knows its shard
    expect(resolveShard(undefined, { SLURM_ARRAY_TASK_ID: '4', SLURM_ARRAY_TASK_MIN: '2', SLURM_ARRAY_TASK_MAX: '4', SLURM_ARRAY_TASK_COUNT: '2', GRIDGOV_SHARD_COUNT: '4' })).toMatchObject({ index: 3, count: 4 });
    expect(inputError(() => resolveShard(undefined, { SLURM_ARRAY_TASK_ID: '5', GRIDGOV_SHARD_COUNT: '4' })).message).toContain('a task id 1..4');
    expect(inputError(() => resolveShard(undefined, { SLURM_ARRAY_TASK_ID: '0', GRIDGOV_SHARD_COUNT: '4' })).message).toContain('a task id 1..4');
  });
});
