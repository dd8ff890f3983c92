import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname, join } from 'node:path';
import type { RunRecord } from '../../experiment/sweepTables.ts';
import { InputError } from '../../scenario/errors.ts';
import { stableJson, writeFileAtomic } from './files.ts';

/** sha256 of an object's stable JSON: the id of a plan. */
export function planHash(value: unknown): string {
  return createHash('sha256').update(stableJson(value)).digest('hex');
}

const RECORD = /^[A-Za-z0-9_-]+\.json$/;

/**
 * The finished runs of one plan, one file per run in `<dir>/runs/<key>.json`. Each is written to
 * a temporary name and renamed when the run completes, so after a crash or `kill -9` every file
 * present is a whole record and the rest are simply not there (stray `*.tmp-<host>-<pid>` files are
 * ignored). Records carry the plan id; one from another plan is an error, never mixed in.
 */
export class RunStore {
  readonly runsDir: string;

  constructor(
    readonly dir: string,
    readonly planId: string,
  ) {
    this.runsDir = join(dir, 'runs');
  }

  path(key: string): string {
    return join(this.runsDir, `${key}.json`);
  }

  save(record: RunRecord): void {
    writeFileAtomic(this.path(record.key), stableJson(record));
  }

  /** One record, if present and whole. */
  load(key: string): RunRecord | undefined {
    const file = this.path(key);
    if (!existsSync(file)) return undefined;
    return this.check(file, readFileSync(file, 'utf8'));
  }

  private check(file: string, text: string): RunRecord | undefined {
    let rec: RunRecord;
    try {
      rec = JSON.parse(text) as RunRecord;
    } catch {
      return undefined; // not a record we wrote (ours are renamed into place whole): run it again
    }
    if (rec.kind !== 'run' || rec.planId !== this.planId) {
      throw new InputError(file, [{ path: 'planId', expected: `a run of plan ${this.planId.slice(0, 12)} (this folder's plan)`, found: String(rec.planId).slice(0, 12) }]);
    }
    return rec;
  }

  /** Every record present, by key. */
  loadAll(): Map<string, RunRecord> {
    const out = new Map<string, RunRecord>();
    if (!existsSync(this.runsDir)) return out;
    for (const name of readdirSync(this.runsDir).sort()) {
      if (!RECORD.test(name)) continue;
      const file = join(this.runsDir, name);
      const rec = this.check(file, readFileSync(file, 'utf8'));
      if (!rec) continue;
      out.set(rec.key, rec);
    }
    return out;
  }

  /** The record file's bytes, for a merge that copies them unchanged. */
  bytes(key: string): string {
    return readFileSync(this.path(key), 'utf8');
  }
}

/**
 * Writes `<dir>/<file>` with the plan, or checks that the plan already there is the same one
 * (same id): a resumed run or another shard in a shared folder. A different plan is refused
 * before anything is written.
 */
export function claimPlan(dir: string, file: string, plan: { sweepId?: string; sizeId?: string }, idField: 'sweepId' | 'sizeId', flag = '--out'): void {
  const path = join(dir, file);
  const id = plan[idField]!;
  if (existsSync(path)) {
    let old: Record<string, unknown>;
    try {
      old = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
    } catch {
      throw new InputError(flag, [{ path: file, expected: `a readable ${file} in ${dir}`, found: 'unreadable JSON' }]);
    }
    if (old[idField] !== id) {
      throw new InputError(flag, [
        { path: file, expected: `the same plan to resume (id ${id.slice(0, 12)}), or a new folder`, found: `${dir} holds plan ${String(old[idField]).slice(0, 12)} (${describePlan(old)}); choose another --out` },
      ]);
    }
    return;
  }
  writeFileAtomic(path, stableJson(plan));
}

function describePlan(p: Record<string, unknown>): string {
  const params = (p.parameters ?? p.vary) as { path: string }[] | undefined;
  return `${p.scenario ?? '?'}, ${params?.map((x) => x.path).join(', ') ?? '?'}, ${p.reps ?? '?'} reps`;
}
