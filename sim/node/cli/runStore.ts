import { createHash } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, readdirSync, renameSync, statSync, truncateSync, writeFileSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname, join } from 'node:path';
import type { RunRecord } from '../../experiment/sweepTables.ts';
import { InputError } from '../../scenario/errors.ts';
import { stableJson } from './files.ts';
import { writeFileAtomic } from '../io/atomicWrite.ts';

/** sha256 of an object's stable JSON: the id of a plan. */
export function planHash(value: unknown): string {
  return createHash('sha256').update(stableJson(value)).digest('hex');
}

const LEGACY_RECORD = /^[A-Za-z0-9_-]+\.json$/;
const RECORDS_FILE = /^[A-Za-z0-9_.-]+\.jsonl$/;

/** One record as one line: the numbers of stableJson (10 significant digits), no indentation. */
export function recordLine(record: RunRecord): string {
  return `${JSON.stringify(record, (_k, v) => (typeof v === 'number' && Number.isFinite(v) && !Number.isInteger(v) ? Number(v.toPrecision(10)) : v))}\n`;
}

/**
 * The finished runs of one plan. Each process appends the records of the runs it finishes to its
 * own JSON-lines file, `<dir>/runs/<file>` (a sweep shard: `shard-<k>-of-<N>.jsonl`; otherwise
 * `runs.jsonl`): one file per shard, not one per run, so a sweep of 100k runs is a handful of
 * files on a shared file system. Each line is written with one call and flushed to disk (fsync)
 * before the run counts as done. A crash can tear only the last line of a file: a line without
 * its newline, or that does not parse, is not a record (its run is made again), and the process
 * that owns the file cuts it off before appending. Records carry the plan id; one from another
 * plan is an error, never mixed in. Folders of the one-file-per-run layout (`runs/<key>.json`)
 * are still read.
 */
export class RunStore {
  readonly runsDir: string;
  readonly file: string;
  private fd: number | undefined;
  private cache: Map<string, RunRecord> | undefined;
  private lines = new Map<string, string>();

  constructor(
    readonly dir: string,
    readonly planId: string,
    fileName = 'runs.jsonl',
  ) {
    this.runsDir = join(dir, 'runs');
    this.file = join(this.runsDir, fileName);
  }

  /** Appends one record (and flushes it to disk): the run is done once this returns. */
  save(record: RunRecord): void {
    const line = recordLine(record);
    if (this.fd === undefined) this.fd = this.openForAppend();
    writeSync(this.fd, line);
    fsyncSync(this.fd);
    this.remember(JSON.parse(line) as RunRecord, line);
  }

  /** Closes this process's records file (saving again reopens it). */
  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }

  /** One record, if present and whole. */
  load(key: string): RunRecord | undefined {
    return (this.cache ?? this.loadAll()).get(key);
  }

  /** Every record present, by key (the first of two with one key), read again from the disk. */
  loadAll(): Map<string, RunRecord> {
    this.cache = new Map();
    this.lines = new Map();
    if (!existsSync(this.runsDir)) return this.cache;
    for (const name of readdirSync(this.runsDir).sort()) {
      const path = join(this.runsDir, name);
      if (RECORDS_FILE.test(name)) {
        for (const line of wholeLines(readFileSync(path, 'utf8')).lines) {
          const rec = this.check(path, line);
          if (rec) this.remember(rec, line);
        }
      } else if (LEGACY_RECORD.test(name)) {
        const text = readFileSync(path, 'utf8');
        const rec = this.check(path, text);
        if (rec) this.remember(rec, recordLine(rec));
      }
    }
    return this.cache;
  }

  /** The record's line as stored, for a merge that copies records unchanged. */
  bytes(key: string): string {
    if (!this.cache) this.loadAll();
    return this.lines.get(key)!;
  }

  /** Appends a line another store holds (merge), unless a record of its key is here already. */
  adopt(key: string, line: string): void {
    if ((this.cache ?? this.loadAll()).has(key)) return;
    this.save(JSON.parse(line) as RunRecord);
  }

  private remember(rec: RunRecord, line: string): void {
    const map = (this.cache ??= new Map());
    if (map.has(rec.key)) return;
    map.set(rec.key, rec);
    this.lines.set(rec.key, line);
  }

  private check(file: string, text: string): RunRecord | undefined {
    let rec: RunRecord;
    try {
      rec = JSON.parse(text) as RunRecord;
    } catch {
      return undefined; // a torn write: run it again
    }
    if (rec.kind !== 'run' || rec.planId !== this.planId) {
      throw new InputError(file, [{ path: 'planId', expected: `a run of plan ${this.planId.slice(0, 12)} (this folder's plan)`, found: String(rec.planId).slice(0, 12) }]);
    }
    return rec;
  }

  /** Opens this process's file for appending, first cutting off a torn last line a crash left. */
  private openForAppend(): number {
    mkdirSync(this.runsDir, { recursive: true });
    if (existsSync(this.file)) {
      const { keep } = wholeLines(readFileSync(this.file, 'utf8'));
      if (keep !== statSync(this.file).size) truncateSync(this.file, keep);
    }
    return openSync(this.file, 'a');
  }
}

/**
 * The whole lines of a records file and the byte length they end at: a last line without its
 * newline, or one that does not parse as JSON, is a torn write and left out.
 */
export function wholeLines(text: string): { lines: string[]; keep: number } {
  const lines: string[] = [];
  let keep = 0;
  let at = 0;
  for (;;) {
    const nl = text.indexOf('\n', at);
    if (nl < 0) break;
    const line = text.slice(at, nl + 1);
    try {
      JSON.parse(line);
    } catch {
      break; // torn: this line and anything after it are redone
    }
    lines.push(line);
    keep += Buffer.byteLength(line);
    at = nl + 1;
  }
  return { lines, keep };
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
