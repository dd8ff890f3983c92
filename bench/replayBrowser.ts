// Benchmark (not a test): load time and frame time of the replay viewer in headless Chromium,
// for a replay of the largest bundled scenario. See docs/replay.md for the recorded figures.
//
//   npx tsx bench/replayBrowser.ts                       # makes the megacity replay first (≈ 1 min)
//   npx tsx bench/replayBrowser.ts --replay FILE --loads 5 --seconds 4
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { buildSite, launchChromium, serveStatic } from '../test/helpers/browser.ts';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1]! : fallback;
};
const loads = Number(arg('loads', '5'));
const seconds = Number(arg('seconds', '4'));
const SCENARIO_ARGS = ['scenarios/megacity.json', '--set', 'horizonDays=3', '--set', 'warmupDays=1', '--replay', '--replay-sample', '0.02', '--no-cases', '-q'];

let replay = arg('replay', '');
if (!replay) {
  const out = mkdtempSync(join(tmpdir(), 'gridgov-bench-'));
  process.stderr.write(`making the replay: gridgov run ${SCENARIO_ARGS.join(' ')} --out ${out}\n`);
  const started = performance.now();
  const r = spawnSync(process.execPath, ['bin/gridgov.mjs', 'run', ...SCENARIO_ARGS, '--out', out], { stdio: ['ignore', 'inherit', 'inherit'] });
  if (r.status !== 0) process.exit(r.status ?? 1);
  process.stderr.write(`  run with replay: ${((performance.now() - started) / 1000).toFixed(1)} s wall\n`);
  replay = join(out, 'replay.json');
}
if (!existsSync(replay)) throw new Error(`no such replay: ${replay}`);

const median = (a: number[]) => {
  const s = [...a].sort((x, y) => x - y);
  return s.length ? (s[(s.length - 1) >> 1]! + s[s.length >> 1]!) / 2 : NaN;
};
const quantile = (a: number[], q: number) => [...a].sort((x, y) => x - y)[Math.min(a.length - 1, Math.floor(q * a.length))]!;

const site = buildSite();
copyFileSync(replay, join(site, 'bench.replay.json'));
const { url, server } = await serveStatic(site);
const context = await launchChromium();
const page = await context.newPage();
await page.setViewportSize({ width: 1280, height: 900 });
const errors: string[] = [];
page.on('pageerror', (e) => errors.push(String(e)));

const loadMs: number[] = [];
let info: Record<string, unknown> = {};
for (let i = 0; i < loads; i++) {
  await page.goto(`${url}#/`);
  await page.waitForFunction(() => window.gridgovReady?.route === '/');
  await page.evaluate(() => (location.hash = '#/view?src=bench.replay.json'));
  await page.waitForFunction(() => window.gridgovReady?.route === '/view', undefined, { timeout: 120_000 });
  const ready = (await page.evaluate(() => window.gridgovReady))!;
  if (ready.error) throw new Error(ready.error);
  loadMs.push(ready.ms);
  info = await page.evaluate(() => {
    const r = window.gridgovViewer!.panes[0]!.replay;
    return { events: r.eventCount, cases: r.caseCount, grids: r.gridCount, desks: r.desks.length, staff: r.staffCount, hours: r.meta.hours };
  });
}

const frames: Record<string, { frameMs: number; frameP95: number; drawMs: number; drawP95: number; frames: number; marks: number }> = {};
for (const speed of [1, 24, 168]) {
  const samples = (await page.evaluate(
    async ([s, secs]) => {
      const v = window.gridgovViewer!;
      v.clock.speed = s;
      v.clock.samples = [];
      const until = performance.now() + secs * 1000;
      let marks = 0;
      v.clock.seek(0);
      while (performance.now() < until) {
        if (!v.clock.playing) {
          v.clock.seek(0);
          v.clock.play();
        }
        await new Promise((r) => setTimeout(r, 100));
        marks = Math.max(marks, v.panes[0]!.map.marksDrawn);
      }
      v.clock.pause();
      const out = v.clock.samples.slice(2); // the first frames carry the start
      v.clock.samples = null;
      return { out, marks };
    },
    [speed, seconds] as const,
  )) as { out: [number, number][]; marks: number };
  const f = samples.out.map((x) => x[0]);
  const d = samples.out.map((x) => x[1]);
  frames[`${speed} h/s`] = { frameMs: median(f), frameP95: quantile(f, 0.95), drawMs: median(d), drawP95: quantile(d, 0.95), frames: f.length, marks: samples.marks };
}

await context.close();
server.close();
const result = {
  replay: basename(replay),
  bytes: statSync(replay).size,
  ...info,
  loadMsMedian: Math.round(median(loadMs)),
  loadMs: loadMs.map(Math.round),
  frames,
  errors,
};
process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
