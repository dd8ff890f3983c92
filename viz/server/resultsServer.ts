// Node-only: the dev server's read-only window on results/. GET /api/runs lists the replay
// files; GET /results/<path> serves a file under results/. Nothing outside results/ can be
// read: paths are resolved (symbolic links included) and must stay inside it.
import { closeSync, createReadStream, openSync, readdirSync, readSync, realpathSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join, relative, sep } from 'node:path';

export const REPLAY_FILE = /(^|[./-])replay\.json(\.gz)?$/;

export interface RunEntry {
  path: string;
  bytes: number;
  scenario?: string;
  policy?: string;
  seed?: string | number;
  hours?: number;
}

function inside(root: string, p: string): boolean {
  const rel = relative(root, p);
  return rel === '' || (!rel.startsWith('..') && !rel.startsWith(sep) && !/^[a-zA-Z]:/.test(rel));
}

/** The meta line of a replay (the writer puts it near the top, one key per line). */
function peekMeta(file: string): Partial<RunEntry> {
  if (file.endsWith('.gz')) return {};
  const buf = Buffer.alloc(8192);
  const fd = openSync(file, 'r');
  const n = readSync(fd, buf, 0, buf.length, 0);
  closeSync(fd);
  const line = buf.subarray(0, n).toString('utf8').split('\n').find((l) => l.startsWith('"meta":'));
  if (!line) return {};
  try {
    const m = JSON.parse(line.slice(7).replace(/,$/, ''));
    return { scenario: m.scenario, policy: m.policy, seed: m.seed, hours: m.horizonHours };
  } catch {
    return {};
  }
}

/** Replay files under `root`, sorted by path (at most `limit`; links leading outside are skipped). */
export function listRuns(root: string, limit = 2000): RunEntry[] {
  const real = realpathSync(root);
  const out: RunEntry[] = [];
  const walk = (dir: string, depth: number) => {
    if (depth > 8 || out.length >= limit) return;
    let names: string[];
    try {
      names = readdirSync(dir).sort();
    } catch {
      return;
    }
    for (const name of names) {
      const p = join(dir, name);
      let resolved: string;
      try {
        resolved = realpathSync(p);
      } catch {
        continue;
      }
      if (!inside(real, resolved)) continue;
      const st = statSync(resolved);
      if (st.isDirectory()) walk(p, depth + 1);
      else if (st.isFile() && REPLAY_FILE.test(name) && out.length < limit) {
        out.push({ path: relative(real, p).split(sep).join('/'), bytes: st.size, ...peekMeta(resolved) });
      }
    }
  };
  walk(real, 0);
  return out;
}

/** Resolves a URL path below `root`, or null if it is not a readable file inside it. */
export function resolveInside(root: string, urlPath: string): string | null {
  let rel: string;
  try {
    rel = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (rel.includes('\0')) return null;
  const real = realpathSync(root);
  let target: string;
  try {
    target = realpathSync(join(real, rel));
  } catch {
    return null;
  }
  if (!inside(real, target) || !statSync(target).isFile()) return null;
  return target;
}

type Next = (err?: unknown) => void;

/** Connect-style middleware for Vite's dev and preview servers. */
export function resultsMiddleware(root: string) {
  return (req: IncomingMessage, res: ServerResponse, next: Next): void => {
    // The raw (still encoded, not normalized) path, so that ../ and %2e%2e cannot slip past.
    const raw = (req.url ?? '/').split('?')[0]!;
    const isList = raw === '/api/runs';
    const isFile = raw.startsWith('/results/');
    if (!isList && !isFile) return next();
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end('read-only\n');
      return;
    }
    if (isList) {
      let runs: RunEntry[] = [];
      try {
        runs = listRuns(root);
      } catch {
        runs = [];
      }
      res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(JSON.stringify({ root: 'results', runs }));
      return;
    }
    const file = resolveInside(root, raw.slice('/results/'.length));
    if (!file) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found under results/\n');
      return;
    }
    const type = file.endsWith('.gz') ? 'application/gzip' : file.endsWith('.json') ? 'application/json' : file.endsWith('.csv') ? 'text/csv' : 'application/octet-stream';
    res.writeHead(200, { 'content-type': type, 'content-length': statSync(file).size, 'cache-control': 'no-store' });
    if (req.method === 'HEAD') res.end();
    else createReadStream(file).pipe(res);
  };
}
