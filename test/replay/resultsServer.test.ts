import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resultsMiddleware } from '../../viz/server/resultsServer.ts';

let server: Server;
let port = 0;
let root = '';

/** A raw request: the path is sent as written (no URL normalization, unlike fetch). */
function get(path: string, method = 'GET', to = port): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: to, path, method }, (res) => {
      let body = '';
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

beforeAll(async () => {
  const base = mkdtempSync(join(tmpdir(), 'gridgov-results-'));
  root = join(base, 'results');
  mkdirSync(join(root, 'run-a'), { recursive: true });
  mkdirSync(join(root, 'cmp', 'replays'), { recursive: true });
  writeFileSync(join(root, 'run-a', 'replay.json'), '{"format":"gridgov-replay",\n"version":1,\n"meta":{"scenario":"mini","policy":"flat","seed":1,"horizonHours":72},\n"x":1}\n');
  writeFileSync(join(root, 'run-a', 'summary.json'), '{}');
  writeFileSync(join(root, 'cmp', 'replays', 'flat-rep0.replay.json'), '{}');
  writeFileSync(join(base, 'secret.txt'), 'secret');
  symlinkSync(join(base, 'secret.txt'), join(root, 'link.replay.json'));
  symlinkSync(base, join(root, 'up'));
  const handler = resultsMiddleware(root);
  server = createServer((req, res) => handler(req, res, () => res.writeHead(418).end('next')));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as { port: number }).port;
});

afterAll(() => server?.close());

describe('the dev server’s results/ endpoint', () => {
  it('lists the replay files under results/ with their meta, and nothing reached through links leading out', async () => {
    const r = await get('/api/runs');
    expect(r.status).toBe(200);
    const { runs } = JSON.parse(r.body);
    expect(runs.map((x: { path: string }) => x.path)).toEqual(['cmp/replays/flat-rep0.replay.json', 'run-a/replay.json']);
    expect(runs[1]).toMatchObject({ scenario: 'mini', policy: 'flat', seed: 1, hours: 72 });
  });

  it('serves files under results/ read-only', async () => {
    expect((await get('/results/run-a/replay.json')).body).toContain('gridgov-replay');
    expect((await get('/results/run-a/summary.json')).status).toBe(200);
    expect((await get('/results/run-a/replay.json', 'HEAD')).status).toBe(200);
    expect((await get('/results/run-a/replay.json', 'PUT')).status).toBe(405);
    expect((await get('/api/runs', 'DELETE')).status).toBe(405);
    expect((await get('/elsewhere')).status).toBe(418); // not ours: passed on
  });

  it('reads nothing outside results/', async () => {
    for (const p of [
      '/results/../secret.txt',
      '/results/%2e%2e/secret.txt',
      '/results/%2E%2E%2Fsecret.txt',
      '/results/..%5csecret.txt',
      '/results/link.replay.json',
      '/results/up/secret.txt',
      '/results//etc/passwd',
      '/results/%00',
      '/results/%E0%A4%A',
      '/results/',
      '/results/run-a',
    ]) {
      const r = await get(p);
      expect(r.status, p).toBe(404);
      expect(r.body).not.toContain('secret');
    }
  });
});

describe('npm run viz', () => {
  it('mounts the endpoint on the Vite dev server, serving the project’s results/', async () => {
    const { createServer: createVite } = await import('vite');
    const vite = await createVite({ configFile: new URL('../../vite.config.ts', import.meta.url).pathname, server: { port: 0, host: '127.0.0.1' }, logLevel: 'silent', optimizeDeps: { noDiscovery: true, include: [] } });
    await vite.listen();
    try {
      const url = vite.resolvedUrls!.local[0]!;
      const list = await fetch(new URL('api/runs', url));
      expect(list.status).toBe(200);
      expect(Array.isArray((await list.json()).runs)).toBe(true);
      expect((await fetch(new URL('results/README.md', url))).status).toBe(200);
      const outside = await get('/results/%2e%2e/package.json', 'GET', Number(new URL(url).port));
      expect(outside.status).toBe(404);
      expect(outside.body).not.toContain('"name"');
    } finally {
      await vite.close();
    }
  });
});
