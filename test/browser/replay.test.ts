import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Server } from 'node:http';
import type { BrowserContext, Page } from 'playwright-core';
import { ReplayFileSink } from '../../sim/replay/fileSink.ts';
import { ReplayWriter } from '../../sim/replay/writer.ts';
import { simulate } from '../../sim/run/simulateRun.ts';
import { stableJson } from '../../sim/run/stableJson.ts';
import { resolveScenario } from '../../sim/scenario/load.ts';
import { buildSite, launchChromium, serveStatic } from '../helpers/browser.ts';

// One build of the static site, served by a plain static server (no run listing), one browser.
// Screenshots of each view go to test-artifacts/replay/ (ignored by git).
const ARTIFACTS = 'test-artifacts/replay';
const FLAT = 'samples/default-3d-flat.replay.json';
const HIER = 'samples/default-3d-hierarchical.replay.json';
let server: Server;
let context: BrowserContext;
let page: Page;
let url = '';
const consoleErrors: string[] = [];
const sample = (name: string) => JSON.parse(readFileSync(new URL(`../../results/${name}`, import.meta.url), 'utf8'));

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  const site = buildSite();
  // a compare's folder as `gridgov compare --replay` writes it: replays/ beside comparison.json
  mkdirSync(join(site, 'cmp', 'replays'), { recursive: true });
  copyFileSync(new URL(`../../results/${FLAT}`, import.meta.url), join(site, 'cmp', 'replays', 'flat-rep0.replay.json'));
  copyFileSync(new URL(`../../results/${HIER}`, import.meta.url), join(site, 'cmp', 'replays', 'hierarchical-rep0.replay.json'));
  writeFileSync(join(site, 'cmp', 'comparison.json'), JSON.stringify({ seeds: [1, 2], differences: { slaMet: { 'hierarchical-flat': { mean: -0.15, ciLow: -0.2, ciHigh: -0.1 } } } }));
  const served = await serveStatic(site);
  server = served.server;
  url = served.url;
  context = await launchChromium();
  page = await context.newPage();
  await page.setViewportSize({ width: 1400, height: 900 });
  page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
  page.on('pageerror', (e) => consoleErrors.push(String(e)));
});

afterAll(async () => {
  await context?.close();
  server?.close();
});

async function open(hash: string, route: string): Promise<void> {
  await page.evaluate((h) => (location.hash = h), hash);
  await page.waitForFunction((r) => window.gridgovReady?.route === r, route);
}

/** Pixels of a canvas that differ from the map's background. */
function inkedPixels(index: number): Promise<number> {
  return page.evaluate((i) => {
    const c = document.querySelectorAll('canvas.map')[i] as HTMLCanvasElement;
    const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let k = 0; k < d.length; k += 4) if (d[k + 3]! > 0 && !(d[k] === 250 && d[k + 1] === 250 && d[k + 2] === 250)) n++;
    return n;
  }, index);
}

const counter = async (name: string, pane = 0) => Number((await page.locator('[data-testid=pane-counters]').nth(pane).locator(`[data-counter=${name}]`).innerText()).replace(/\D/g, ''));
const clockT = () => page.evaluate(() => window.gridgovViewer!.clock.t);
const seek = (t: number) => page.evaluate((x) => window.gridgovViewer!.clock.seek(x), t);
/** Where each chart stops drawing (hours), by chart id. */
const chartEnds = () => page.$$eval('svg.chart[data-end-hours]', (ns) => ns.map((n) => ({ id: n.id, end: Number(n.getAttribute('data-end-hours')) })));
const scripts = () => page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name).filter((n) => /\.js($|\?)/.test(n)));
/** The panel's cell for a metric and run ('0', '1' or 'diff'). */
const cell = (metric: string, run: string) => page.locator(`#results-table tr[data-metric="${metric}"] td[data-run="${run}"]`).innerText();

describe('the replay viewer in headless Chromium (static build)', () => {
  it('opens on the bundled flat and hierarchical samples playing in compare mode, without loading the simulator', async () => {
    await page.goto(url);
    await page.waitForFunction(() => window.gridgovReady?.route === '/');
    expect(await page.locator('canvas.map').count()).toBe(2);
    await page.waitForFunction(() => window.gridgovViewer!.clock.t > 1, undefined, { timeout: 10_000 });
    expect(await page.evaluate(() => window.gridgovViewer!.clock.playing)).toBe(true);
    expect(await page.locator('#to-runs').getAttribute('href')).toBe('#/runs');
    // the worker and the simulator core load only on the playground
    expect((await scripts()).filter((s) => /simWorker|playgroundPage/.test(s))).toEqual([]);
    await page.keyboard.press('Space'); // pause
    expect(await page.evaluate(() => window.gridgovViewer!.clock.playing)).toBe(false);
    await seek(40);
    await page.screenshot({ path: `${ARTIFACTS}/landing.png` });
  });

  it('lists the samples at a stable path; a sample plays; every chart stops at the clock; the results equal the summary', async () => {
    await open('#/runs', '/runs');
    expect(await page.locator('#results-runs').innerText()).toContain('No run listing here');
    expect(await page.locator('table[data-group=samples] a.run-link').allInnerTexts()).toEqual(['default-3d-flat', 'default-3d-hierarchical']);
    expect(await page.locator('table[data-group=samples] a.run-link').first().getAttribute('href')).toBe(`#/view?src=${encodeURIComponent(FLAT)}`);
    await page.click('table[data-group=samples] a.run-link >> nth=0');
    await page.waitForFunction(() => window.gridgovReady?.route === '/view');
    expect(await page.evaluate(() => window.gridgovReady!.error)).toBeNull();
    expect(await counter('created')).toBe(0);
    expect(await inkedPixels(0)).toBeGreaterThan(10_000);
    // at t = 0 nothing is counted anywhere, and no chart has drawn past the clock
    expect(await page.evaluate(() => document.querySelector('#chart-handling')!.getAttribute('data-counted'))).toBe('0');
    for (const c of await chartEnds()) expect(c.end, c.id).toBe(0);
    await page.selectOption('#speed', '24');
    await page.click('#play');
    await page.waitForFunction(() => window.gridgovViewer!.clock.t > 30, undefined, { timeout: 10_000 });
    await page.click('#play'); // pause
    const t = await clockT();
    for (const c of await chartEnds()) expect(c.end, c.id).toBeLessThanOrEqual(t);
    // the handling-time chart counts only whole days over: never more than the closed counter
    const counted = Number(await page.locator('#chart-handling').getAttribute('data-counted'));
    expect(counted).toBeGreaterThan(0);
    expect(counted).toBeLessThanOrEqual(await counter('closed'));
    expect(await counter('created')).toBeGreaterThan(100);
    expect(await page.locator('#chart-backlog path.series').count()).toBe(6);
    expect(await page.locator('#chart-backlog .warmup rect').count()).toBe(1);
    expect(await page.$$eval('#chart-backlog .axis-title', (ns) => ns.map((n) => n.textContent))).toEqual(['simulated time (days)', 'visits waiting or in service']);
    expect(await page.locator('#chart-utilization rect.cell').count()).toBeGreaterThan(10);
    // results panel: the summary's numbers
    const s = sample(FLAT).summary;
    expect(await cell('resolutionHours.mean', '0')).toBe(s.resolutionHours.mean.toFixed(2));
    expect(await cell('resolutionHours.p90', '0')).toBe(s.resolutionHours.p90.toFixed(2));
    expect(await cell('slaMet', '0')).toBe(`${(100 * s.slaMet).toFixed(1)}%`);
    expect(await cell('utilization.streetHandler', '0')).toBe(`${(100 * s.utilization.streetHandler).toFixed(1)}%`);
    expect(await cell('resolvedByTier.department', '0')).toBe(`${(100 * s.resolvedByTier.department).toFixed(1)}%`);
    expect(await cell('costStaffHours', '0')).toBe(Math.round(s.costStaffHours).toLocaleString('en-US'));
    // keyboard: arrows step an hour, Home and End
    await page.locator('canvas.map').focus();
    await page.keyboard.press('ArrowRight');
    expect(await clockT()).toBe(Math.floor(t) + 1);
    await page.keyboard.press('Home');
    expect(await clockT()).toBe(0);
    await page.keyboard.press('End');
    expect(await clockT()).toBe(72);
    await seek(t);
  });

  it('clicking picks a unit, a case mark or a grid; zoom shows the community names; the URL restores moment and selection', async () => {
    const box = (await page.locator('canvas.map').boundingBox())!;
    // a street handler's node: the unit, not a case mark waiting beside it
    const desk = await page.evaluate(() => {
      const p = window.gridgovViewer!.panes[0]!;
      const d = p.replay.desks.find((x) => x.role === 'streetHandler' && p.cursor.active.some((c) => p.cursor.caseDesk[c] === x.id))!;
      return { id: d.id, at: p.map.deskPosition(d.id) };
    });
    await page.mouse.click(box.x + desk.at[0], box.y + desk.at[1]);
    expect(await page.evaluate(() => window.gridgovViewer!.panes[0]!.selection)).toEqual({ kind: 'desk', id: desk.id });
    expect(await page.locator('#details').innerText()).toMatch(/on duty \/ busy now \(sampled staff\)/);
    expect(await page.locator('#details').innerText()).toMatch(/utilization, days over so far \(exact\)/);
    // a case mark away from any node
    const at = await page.evaluate(() => {
      const p = window.gridgovViewer!.panes[0]!;
      for (const c of p.cursor.active) {
        const m = p.map.markPosition(c);
        if (m && p.map.hit(m[0], m[1])?.kind === 'case') return m;
      }
      return null;
    });
    await page.mouse.click(box.x + at![0], box.y + at![1]);
    expect(await page.locator('#details h3').innerText()).toMatch(/^case \d+$/);
    expect(await page.locator('#case-path li').count()).toBeGreaterThan(1);
    await page.screenshot({ path: `${ARTIFACTS}/view-case.png` });
    // a grid: its details and its own row in the utilization chart; the URL keeps it
    const { g, index } = await page.evaluate(() => {
      const map = window.gridgovViewer!.panes[0]!.map;
      for (let i = 100; ; i++) {
        const [x, y] = map.gridPosition(i);
        const h = map.hit(x + 3, y + 3);
        if (h?.kind === 'grid' && h.index === i) return { g: [x, y], index: i };
      }
    });
    await page.mouse.click(box.x + g[0]! + 3, box.y + g[1]! + 3);
    expect(await page.locator('#details h3').innerText()).toMatch(/^grid /);
    expect(await page.locator('#chart-utilization text.row').first().textContent()).toMatch(/^grid /);
    const hash = await page.evaluate(() => location.hash);
    expect(hash).toContain(`sel=0:grid:${index}`);
    // zoom in: street and community names appear where they fit
    const before = await page.evaluate(() => window.gridgovViewer!.panes[0]!.map.labelsDrawn.filter((l) => l.level === 'community').length);
    await page.locator('.zoom button').first().click();
    await page.locator('.zoom button').first().click();
    await page.locator('.zoom button').first().click();
    const after = await page.evaluate(() => ({ zoom: window.gridgovViewer!.panes[0]!.map.zoom, labels: window.gridgovViewer!.panes[0]!.map.labelsDrawn }));
    expect(after.zoom).toBeGreaterThan(3);
    expect(after.labels.filter((l) => l.level === 'community').length).toBeGreaterThan(before);
    await page.screenshot({ path: `${ARTIFACTS}/view-zoomed.png` });
    // the deep link, opened fresh, restores the moment and the grid
    await page.goto(`${url}${hash}`);
    await page.waitForFunction(() => window.gridgovReady?.route === '/view');
    const t = Number(/t=([\d.]+)/.exec(hash)![1]);
    expect(await clockT()).toBeCloseTo(t, 3);
    expect(await page.evaluate(() => window.gridgovViewer!.panes[0]!.selection)).toEqual({ kind: 'grid', index });
    expect(await page.locator('#details h3').innerText()).toMatch(/^grid /);
  });

  it('compare mode: one colour domain and y-axis for both runs, A − B in the results, a difference map, exports', async () => {
    await open(`#/compare?a=${encodeURIComponent(FLAT)}&b=${encodeURIComponent(HIER)}`, '/compare');
    await seek(48);
    expect(await inkedPixels(0)).toBeGreaterThan(10_000);
    expect(await inkedPixels(1)).toBeGreaterThan(10_000);
    expect(await counter('created', 0)).toBe(await counter('created', 1));
    expect(await counter('closed', 0)).not.toBe(await counter('closed', 1));
    const shared = await page.evaluate(() => {
      const v = window.gridgovViewer!;
      const [a, b] = v.panes;
      return {
        sameDomain: a!.map.domain === b!.map.domain,
        backlogMax: v.domain.backlogMax(),
        gridMax: v.panes.map((p) => Math.max(...p.replay.gridOpen)),
        valueA: a!.map.gridValue(0, 48) * v.domain.backlogMax(),
        openA: a!.replay.gridOpen[47 * a!.replay.gridCount],
      };
    });
    expect(shared.sameDomain).toBe(true);
    expect(shared.backlogMax).toBe(Math.max(...shared.gridMax));
    expect(shared.valueA).toBeCloseTo(Math.min(shared.openA!, shared.backlogMax), 9);
    expect(await page.locator('#map-legend').getAttribute('data-domain')).toBe(`0,${shared.backlogMax}`);
    const yMax = await page.$$eval('#chart-backlog', (ns) => ns.map((n) => n.getAttribute('data-y-max')));
    expect(yMax).toHaveLength(2);
    expect(yMax[0]).toBe(yMax[1]);
    const bars = await page.$$eval('table.tiers', (ns) => ns.map((n) => n.getAttribute('data-bar-max')));
    expect(bars[0]).toBe(bars[1]);
    for (const c of await chartEnds()) expect(c.end, c.id).toBeLessThanOrEqual(48);
    expect(await page.locator('#compare-warning').count()).toBe(0);
    // A, B and A − B from the two summaries
    const a = sample(FLAT).summary;
    const b = sample(HIER).summary;
    expect(await cell('resolutionHours.mean', '0')).toBe(a.resolutionHours.mean.toFixed(2));
    expect(await cell('resolutionHours.mean', '1')).toBe(b.resolutionHours.mean.toFixed(2));
    const d = a.resolutionHours.mean - b.resolutionHours.mean;
    expect(await cell('resolutionHours.mean', 'diff')).toBe(`${d > 0 ? '+' : ''}${d.toFixed(2)}`);
    // the difference map
    await page.selectOption('#metric', 'diff');
    expect(await page.locator('#map-legend').getAttribute('data-domain')).toMatch(/^-\d+,\d+$/);
    expect(await inkedPixels(0)).toBeGreaterThan(10_000);
    await page.selectOption('#metric', 'backlog');
    await page.screenshot({ path: `${ARTIFACTS}/compare.png` });
    // exports: PNG of the view, an SVG per chart, the results as CSV
    await page.click('#export-png');
    await page.waitForFunction(() => window.gridgovDownloads?.some((f) => f.name.endsWith('-view.png')));
    await page.locator('figure.chart-box .svg-export').first().click();
    const [csv] = await Promise.all([page.waitForEvent('download'), page.click('#export-csv')]);
    const text = readFileSync((await csv.path())!, 'utf8');
    const files = await page.evaluate(() => window.gridgovDownloads!);
    expect(files.find((f) => f.name.endsWith('-view.png'))!.bytes).toBeGreaterThan(20_000);
    expect(files.find((f) => f.name.endsWith('.svg'))!.type).toBe('image/svg+xml');
    const row = text.split('\n').find((l) => l.startsWith('slaMet,'))!.split(',');
    expect(text.split('\n')[0]).toBe('metric,label,unit,A,B,A-B,pairedLow,pairedHigh');
    expect(Number(row[3])).toBeCloseTo(a.slaMet, 9);
    expect(Number(row[4])).toBeCloseTo(b.slaMet, 9);
  });

  it('shows the paired interval of A − B when the runs are replications of a compare', async () => {
    await open('#/compare?a=cmp/replays/flat-rep0.replay.json&b=cmp/replays/hierarchical-rep0.replay.json', '/compare');
    await page.waitForSelector('#results-table td.ci');
    // comparison.json has hierarchical − flat; the panel shows A − B = flat − hierarchical
    expect(await page.locator('#results-table tr[data-metric=slaMet] td.ci').innerText()).toBe('[+10.0 pt, +20.0 pt]');
    expect(await page.locator('#results-table tr[data-metric="resolutionHours.mean"] td.ci').innerText()).toBe('');
  });

  it('warns when the two runs differ in horizon, warm-up or sampling', async () => {
    const other = readFileSync(new URL(`../../results/${HIER}`, import.meta.url), 'utf8').replace('"warmupHours":24', '"warmupHours":0').replace('"caseFraction":0.2', '"caseFraction":0.5');
    await open('#/runs', '/runs');
    await page.setInputFiles('#file', [
      { name: 'flat.replay.json', mimeType: 'application/json', buffer: readFileSync(new URL(`../../results/${FLAT}`, import.meta.url)) },
      { name: 'other.replay.json', mimeType: 'application/json', buffer: Buffer.from(other) },
    ]);
    await page.waitForFunction(() => window.gridgovReady?.route === '/compare');
    const warning = await page.locator('#compare-warning').innerText();
    expect(warning).toContain('different warm-ups');
    expect(warning).toContain('different sampling');
    expect(warning).not.toContain('different horizons');
  });

  it('draws the district outlines a territory built from real boundaries carries, in the grids\' km', async () => {
    const raw = sample(FLAT);
    const xs: number[] = raw.territory.grids.x;
    const ys: number[] = raw.territory.grids.y;
    const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
    raw.territory.outlines = { districts: [{ name: raw.territory.districts.name[0], rings: [[[x0 - 0.3, y0 - 0.3], [x1 + 0.3, y0 - 0.3], [x1 + 0.3, y1 + 0.3], [x0 - 0.3, y1 + 0.3]]] }] };
    await open('#/runs', '/runs');
    await page.setInputFiles('#file', { name: 'outlined.replay.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(raw)) });
    await page.waitForFunction(() => window.gridgovReady?.route === '/view');
    const drawn = await page.evaluate(() => {
      const map = window.gridgovViewer!.panes[0]!.map;
      const c = map.canvas;
      const ctx = c.getContext('2d')!;
      const dpr = c.width / map.width;
      // the ring's bottom edge, half-way along: a dark outline pixel
      const [x, y] = [map.sx((map.geo.minX + map.geo.maxX) / 2), map.sy(map.outlines.districtRings[0]!.rings[0]![0]![1])];
      const px = ctx.getImageData(Math.round(x * dpr), Math.round(y * dpr), 1, 1).data;
      return { rings: map.outlines.districtRings.length, px: Array.from(px) };
    });
    expect(drawn.rings).toBe(1);
    expect(drawn.px[0]).toBeLessThan(60);
  });

  it('playground: two policies side by side on the same seed stream into compare mode, survive leaving the page, and equal the Node runs', async () => {
    await open('#/playground', '/playground');
    // a bad value is named next to its field and nothing runs
    await page.fill('#pg-days', 'abc');
    await page.click('#pg-run');
    expect(await page.locator('#pg-days-error').innerText()).toBe('expected a whole number from 1 to 90');
    expect(await page.evaluate(() => window.gridgovPlayground!.running)).toBe(false);
    await page.fill('#pg-days', '4'); // warm-up 1 day: with none, Little's-law relErr is rounding noise that differs in the last bits between V8s
    await page.selectOption('#pg-policy', 'flat');
    await page.selectOption('#pg-policy-b', 'hierarchical');
    await page.fill('#pg-seed', '3');
    await page.fill('#pg-sample', '0.5');
    await page.click('#pg-run');
    expect(await page.locator('#pg-days-error').innerText()).toBe('');
    await page.waitForFunction(() => window.gridgovPlayground!.chunks.every((n) => n > 0));
    expect(await page.locator('canvas.map').count()).toBe(2);
    // leave mid-run: no viewer animates off screen, the run goes on
    await open('#/runs', '/runs');
    expect(await page.evaluate(() => window.gridgovViewer)).toBeNull();
    await page.waitForFunction(() => window.gridgovPlayground!.running === false, undefined, { timeout: 90_000 });
    await open('#/playground', '/playground');
    const { request, summaries, replayTexts, error } = (await page.evaluate(() => window.gridgovPlayground))!;
    expect(error).toBeNull();
    expect(request).toMatchObject({ scenario: 'default', seed: 3, policy: 'flat', policyB: 'hierarchical', sample: 0.5 });
    expect(await page.locator('canvas.map').count()).toBe(2);
    expect(await page.locator('#pg-status').innerText()).toMatch(/^done: /);
    expect(await page.locator('#results-table tr[data-metric="resolutionHours.mean"] td[data-run=diff]').count()).toBe(1);
    await page.evaluate(() => window.gridgovViewer!.clock.seek(60));
    expect(await counter('created', 0)).toBe(await counter('created', 1));
    await page.screenshot({ path: `${ARTIFACTS}/playground-compare.png` });

    const raw = JSON.parse(readFileSync(new URL('../../scenarios/default.json', import.meta.url), 'utf8'));
    const scenario = resolveScenario(raw, `${request!.scenario}.json`, request!.sets);
    const parts: string[] = [];
    const sink = new ReplayFileSink({ write: (t) => parts.push(t) });
    const writer = new ReplayWriter({ ...scenario, seed: 3, policy: { ...scenario.policy, name: 'flat' } }, sink, { caseFraction: 0.5 });
    const node = await simulate(scenario, { seed: 3, policyName: 'flat', observers: [writer] });
    sink.close(node.summary);
    expect(summaries[0]).toBe(stableJson(node.summary));
    expect(replayTexts[0]).toBe(parts.join(''));
    expect(JSON.parse(summaries[1]!).policy).toBe('hierarchical');
  });

  it('playground: cancel stops the workers', async () => {
    await page.fill('#pg-days', '30');
    await page.selectOption('#pg-policy-b', 'hierarchical');
    await page.click('#pg-run');
    await page.waitForFunction(() => window.gridgovPlayground!.chunks.every((n) => n > 0));
    expect(await page.evaluate(() => window.gridgovPlayground!.liveWorkers())).toBe(2);
    await page.click('#pg-cancel');
    await page.waitForFunction(() => window.gridgovPlayground!.running === false);
    expect(await page.evaluate(() => window.gridgovPlayground!.liveWorkers())).toBe(0);
    expect(await page.evaluate(() => window.gridgovPlayground!.cancelled)).toBe(true);
    expect(await page.locator('#pg-status').innerText()).toMatch(/^cancelled/);
  });

  it('a malformed or wrong-version file shows a clear message; no console errors anywhere', async () => {
    await open('#/runs', '/runs');
    await page.setInputFiles('#file', { name: 'broken.replay.json', mimeType: 'application/json', buffer: Buffer.from('{"format": "gridgov-replay", "version": 2}') });
    await page.waitForFunction(() => window.gridgovReady?.route === '/view');
    expect(await page.locator('#error').innerText()).toContain('broken.replay.json: version: replay version 2 is not supported: this viewer reads version 1');
    await page.screenshot({ path: `${ARTIFACTS}/malformed.png` });
    await open('#/runs', '/runs');
    await page.setInputFiles('#file', { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('hello') });
    await page.waitForFunction(() => window.gridgovReady?.route === '/view' && window.gridgovReady.error !== null);
    expect(await page.locator('#error').innerText()).toMatch(/notes\.txt: not valid JSON/);
    await open('#/view?src=missing.replay.json', '/view');
    expect(await page.locator('#error').innerText()).toContain('missing.replay.json: could not be fetched (HTTP 404)');
    // The 404 just asked for is the only resource error expected.
    expect(consoleErrors.filter((e) => !/status of 404/.test(e))).toEqual([]);
    expect(consoleErrors.length).toBeLessThanOrEqual(1);
  });
});
