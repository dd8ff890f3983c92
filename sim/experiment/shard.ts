import { InputError } from '../scenario/errors.ts';

/**
 * A fixed 1/count of a sweep's runs: run i belongs to the shard with i mod count = index
 * (round-robin, so every shard gets a similar mix of cheap and dear points).
 * `index` is 0-based inside; `--shard k/N` and the messages are 1-based (k = index + 1).
 */
export interface Shard {
  index: number;
  count: number;
  /** Where it came from: '--shard', 'SLURM_ARRAY_TASK_ID', 'JOB_COMPLETION_INDEX' or 'none'. */
  source: string;
}

export const WHOLE: Shard = { index: 0, count: 1, source: 'none' };

export const shardLabel = (s: Shard) => `${s.index + 1}/${s.count}`;

export const inShard = (runIndex: number, s: Shard) => runIndex % s.count === s.index;

const isInt = (t: string | undefined) => t !== undefined && /^\d+$/.test(t.trim());

/** `k/N` with 1 ≤ k ≤ N. */
export function parseShard(text: string, flag = '--shard'): Shard {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  const k = m ? Number(m[1]) : NaN;
  const n = m ? Number(m[2]) : NaN;
  if (!m || !(n >= 1) || !(k >= 1 && k <= n)) {
    throw new InputError(flag, [{ path: 'shard', expected: 'k/N with 1 <= k <= N (1-based: --shard 1/4 … --shard 4/4)', found: text }]);
  }
  return { index: k - 1, count: n, source: flag };
}

type Env = Record<string, string | undefined>;

/**
 * The shard of this process: `--shard k/N` if given; else a Slurm job array task; else a
 * Kubernetes Indexed Job pod (JOB_COMPLETION_INDEX, 0-based, of `--shard-count` or
 * GRIDGOV_SHARD_COUNT); else the whole sweep.
 *
 * Slurm: with GRIDGOV_SHARD_COUNT=N (the script docs/examples/sweep-slurm.sh sets it) the task id
 * is the shard k of 1..N whatever the array, so a resubmitted task (`sbatch --array=3`, which
 * Slurm runs as a one-task array: COUNT=1, MIN=MAX=3) is still shard 3 of N. Without it the shard
 * is (ID − MIN)/STEP of SLURM_ARRAY_TASK_COUNT tasks, and a one-task array is refused: it cannot
 * tell a resubmitted task from a whole sweep.
 */
export function resolveShard(flag: string | undefined, env: Env, countFlag?: number): Shard {
  if (flag !== undefined) return parseShard(flag);
  const id = env.SLURM_ARRAY_TASK_ID;
  if (id !== undefined && id !== '') {
    const fixed = countFlag !== undefined ? String(countFlag) : env.GRIDGOV_SHARD_COUNT;
    if (fixed !== undefined && fixed !== '') return slurmFixed(id, fixed);
    const min = env.SLURM_ARRAY_TASK_MIN ?? '0';
    const step = env.SLURM_ARRAY_TASK_STEP ?? '1';
    if (![id, min, step].every(isInt) || Number(step) < 1) {
      throw new InputError('SLURM_ARRAY_TASK_ID', [{ path: 'environment', expected: 'integer SLURM_ARRAY_TASK_ID, _MIN and _STEP', found: `ID=${id} MIN=${min} STEP=${step}` }]);
    }
    let count: number;
    if (isInt(env.SLURM_ARRAY_TASK_COUNT)) count = Number(env.SLURM_ARRAY_TASK_COUNT);
    else if (isInt(env.SLURM_ARRAY_TASK_MAX)) count = Math.floor((Number(env.SLURM_ARRAY_TASK_MAX) - Number(min)) / Number(step)) + 1;
    else throw new InputError('SLURM_ARRAY_TASK_COUNT', [{ path: 'environment', expected: 'SLURM_ARRAY_TASK_COUNT or SLURM_ARRAY_TASK_MAX beside SLURM_ARRAY_TASK_ID (or pass --shard k/N)' }]);
    if (count === 1) {
      throw new InputError('SLURM_ARRAY_TASK_ID', [{ path: 'environment', expected: 'GRIDGOV_SHARD_COUNT=N (task ids 1..N) or --shard k/N: a one-task array (a resubmitted task, sbatch --array=3) cannot tell which shard of how many it is', found: `ID=${id} COUNT=1` }]);
    }
    const offset = Number(id) - Number(min);
    const index = offset / Number(step);
    if (!Number.isInteger(index) || index < 0 || index >= count) {
      throw new InputError('SLURM_ARRAY_TASK_ID', [{ path: 'environment', expected: `a task of a contiguous array (index 0..${count - 1} after subtracting MIN and dividing by STEP), or GRIDGOV_SHARD_COUNT=N with task ids 1..N`, found: `ID=${id} MIN=${min} STEP=${step} COUNT=${count}` }]);
    }
    return { index, count, source: 'SLURM_ARRAY_TASK_ID' };
  }
  const k8s = env.JOB_COMPLETION_INDEX;
  if (k8s !== undefined && k8s !== '') {
    const countText = countFlag !== undefined ? String(countFlag) : env.GRIDGOV_SHARD_COUNT;
    if (!isInt(k8s)) throw new InputError('JOB_COMPLETION_INDEX', [{ path: 'environment', expected: 'a non-negative integer', found: k8s }]);
    if (!isInt(countText) || Number(countText) < 1) {
      throw new InputError('GRIDGOV_SHARD_COUNT', [{ path: 'environment', expected: 'the number of shards (the Job’s completions) in GRIDGOV_SHARD_COUNT or --shard-count, beside JOB_COMPLETION_INDEX', found: countText }]);
    }
    const count = Number(countText);
    const index = Number(k8s);
    if (index >= count) throw new InputError('JOB_COMPLETION_INDEX', [{ path: 'environment', expected: `an index below the shard count ${count}`, found: k8s }]);
    return { index, count, source: 'JOB_COMPLETION_INDEX' };
  }
  return WHOLE;
}

/** A Slurm task whose shard count is fixed (GRIDGOV_SHARD_COUNT or --shard-count): task id k is shard k/N. */
function slurmFixed(id: string, countText: string): Shard {
  if (!isInt(countText) || Number(countText) < 1) {
    throw new InputError('GRIDGOV_SHARD_COUNT', [{ path: 'environment', expected: 'a positive whole number of shards', found: countText }]);
  }
  const count = Number(countText);
  if (!isInt(id) || Number(id) < 1 || Number(id) > count) {
    throw new InputError('SLURM_ARRAY_TASK_ID', [{ path: 'environment', expected: `a task id 1..${count} (the shard; GRIDGOV_SHARD_COUNT=${count} is set: submit --array=1-${count})`, found: id }]);
  }
  return { index: Number(id) - 1, count, source: 'SLURM_ARRAY_TASK_ID' };
}
