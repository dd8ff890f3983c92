import { closeSync, fsyncSync, mkdirSync, openSync, readdirSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { basename, dirname, join } from 'node:path';

// Every file gridgov writes goes through here: written under a temporary name, fsynced, renamed
// over the final name, and the folder fsynced, so after a crash (of the process or of the node,
// on a local disk or NFS/Lustre) a file is either whole or absent — never empty or torn.
// The temporary name carries the host and the process id, so shards on several machines writing
// one shared folder never collide, and a later write can tell a dead writer's leftovers.

const HOST = hostname();
const TEMP = /\.tmp-(.+)-(\d+)$/;
/** Another host's leftovers are removed only when this old (it may still be writing). */
const FOREIGN_STALE_MS = 24 * 3600 * 1000;

const tempName = (path: string) => `${path}.tmp-${HOST}-${process.pid}`;

function fsyncDir(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // Some platforms and file systems cannot fsync a folder; the rename is then as durable as they make it.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const cleaned = new Set<string>();

/**
 * Removes the temporary files that interrupted writes left in `dir`: those of this host whose
 * process is gone, and any older than a day. Done once per folder and process, on its first write.
 */
export function cleanStaleTemps(dir: string): string[] {
  const removed: string[] = [];
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return removed;
  }
  for (const name of names) {
    const m = TEMP.exec(name);
    if (!m) continue;
    const file = join(dir, name);
    const pid = Number(m[2]);
    const ours = m[1] === HOST;
    let stale = ours ? pid !== process.pid && !alive(pid) : false;
    if (!stale) {
      try {
        stale = Date.now() - statSync(file).mtimeMs > FOREIGN_STALE_MS && !(ours && pid === process.pid);
      } catch {
        continue;
      }
    }
    if (stale) {
      rmSync(file, { force: true });
      removed.push(name);
    }
  }
  return removed;
}

function prepare(path: string): string {
  const dir = dirname(path);
  mkdirSync(dir, { recursive: true });
  if (!cleaned.has(dir)) {
    cleaned.add(dir);
    cleanStaleTemps(dir);
  }
  return tempName(path);
}

/** Writes a whole file atomically and durably; returns its size in bytes. */
export function writeFileAtomic(path: string, content: string | Uint8Array): number {
  const tmp = prepare(path);
  const buf = typeof content === 'string' ? Buffer.from(content) : content;
  const fd = openSync(tmp, 'w');
  try {
    writeSync(fd, buf);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
  fsyncDir(dirname(path));
  return buf.length;
}

/**
 * A file written in pieces (cases.csv, a replay): synchronous and buffered (deterministic, no
 * event-loop turns), under a temporary name until `close`, which fsyncs and renames it into place.
 */
export class AtomicFileSink {
  private readonly fd: number;
  private readonly tmp: string;
  private pending: string[] = [];
  private pendingBytes = 0;
  bytes = 0;

  constructor(readonly path: string) {
    this.tmp = prepare(path);
    this.fd = openSync(this.tmp, 'w');
  }

  write(text: string): void {
    this.pending.push(text);
    this.pendingBytes += text.length;
    if (this.pendingBytes > 1 << 20) this.flush();
  }

  private flush(): void {
    if (this.pending.length === 0) return;
    const buf = Buffer.from(this.pending.join(''));
    writeSync(this.fd, buf);
    this.bytes += buf.length;
    this.pending = [];
    this.pendingBytes = 0;
  }

  close(): void {
    this.flush();
    fsyncSync(this.fd);
    closeSync(this.fd);
    renameSync(this.tmp, this.path);
    fsyncDir(dirname(this.path));
  }
}

/** Whether `name` is one of the temporary files above (readers skip them). */
export const isTempFile = (name: string): boolean => TEMP.test(basename(name));
