import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { BrowserContext, Page } from 'playwright-core';
import { ReplayFileSink } from '../../sim/replay/fileSink.ts';
import { ReplayWriter } from '../../sim/replay/writer.ts';
import { simulate } from '../../sim/run/simulateRun.ts';
import { stableJson } from '../../sim/run/stableJson.ts';
import { resolveScenario } from '../../sim/scenario/load.ts';
import { buildSite, launchChromium, serveStatic } from '../helpers/browser.ts';

// One build of the static site, served by a plain static server (no run listing), one browser.
const ARTIFACTS = 'test-artifacts/replay';
let server: Server;
let context: BrowserContext;
let page: Page;
let url = '';
const consoleErrors: string[] = [];

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  const served = await serveStatic(buildSite());
  server = served.server;
  url = served.url;
  context = await launchChromium();
  page = await context.newPage();
  await page.setViewportSize({ width: 1280, height: 900 });
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

describe('the replay viewer in headless Chromium (static build)', () => {
  it('lists the bundled samples, says there is no run listing, and plays a sample: canvas drawn, counters advance', async () => {
    await page.goto(url);
    await page.waitForFunction(() => window.gridgovReady?.route === '/');
    expect(await page.locator('#results-runs').innerText()).toContain('No run listing here');
    expect(await page.locator('table[data-group=samples] a.run-link').allInnerTexts()).toEqual(['default-3d-flat', 'default-3d-hierarchical']);
    await page.screenshot({ path: `${ARTIFACTS}/runs.png`, fullPage: true });
    await page.click('table[data-group=samples] a.run-link >> nth=0');
    await page.waitForFunction(() => window.gridgovReady?.route === '/view');
    expect(await page.evaluate(() => window.gridgovReady!.error)).toBeNull();
    expect(await counter('created')).toBe(0);
    expect(await inkedPixels(0)).toBeGreaterThan(10_000);
    await page.selectOption('#speed', '24');
    await page.click('#play');
    await page.waitForFunction(() => window.gridgovViewer!.clock.t > 20, undefined, { timeout: 10_000 });
    await page.click('#play'); // pause
    const t = await clockT();
    expect(await counter('created')).toBeGreaterThan(100);
    expect(await counter('closed')).toBeGreaterThan(10);
    expect(await counter('marks')).toBeGreaterThan(10);
    expect(await page.locator('table.tiers tr[data-tier=grid] td.flow').getAttribute('data-value')).not.toBe('0');
    expect(await page.locator('#clock').innerText()).toMatch(/^day \d \(\w{3}\) \d\d:\d\d$/);
    expect(await page.locator('#chart-backlog path.series').count()).toBe(6);
    expect(await page.locator('#chart-handling rect.bin').count()).toBeGreaterThan(10);
    expect(await page.locator('#chart-utilization rect.cell').count()).toBeGreaterThan(10);
    // Step to the next event: time moves a little, forward.
    await page.click('#next-event');
    const t2 = await clockT();
    expect(t2).toBeGreaterThan(t);
    expect(t2 - t).toBeLessThan(1);
    // Click a case mark: its whole path is listed.
    const at = await page.evaluate(() => {
      const p = window.gridgovViewer!.panes[0]!;
      const c = p.cursor.active.find((k) => p.map.markPosition(k) !== null)!;
      return p.map.markPosition(c)!;
    });
    const box = (await page.locator('canvas.map').boundingBox())!;
    await page.mouse.click(box.x + at[0], box.y + at[1]);
    expect(await page.locator('#details h3').innerText()).toMatch(/^case \d+$/);
    expect(await page.locator('#case-path li').count()).toBeGreaterThan(1);
    await page.screenshot({ path: `${ARTIFACTS}/view-case.png`, fullPage: true });
    // Click a grid: its details, and its own row in the utilization chart.
    const g = await page.evaluate(() => window.gridgovViewer!.panes[0]!.map.gridPosition(0));
    await page.mouse.click(box.x + g[0], box.y + g[1] + 3);
    expect(await page.locator('#details h3').innerText()).toMatch(/^grid /);
    expect(await page.locator('#details').innerText()).toContain('Beidou code');
    expect(await page.locator('#chart-utilization text.row').first().textContent()).toMatch(/^grid /);
    await page.selectOption('#metric', 'load');
    await page.screenshot({ path: `${ARTIFACTS}/view-grid-load.png`, fullPage: true });
  });

  it('compare mode shows both runs on one clock, with their difference charted', async () => {
    await open('#/', '/');
    await page.check('table[data-group=samples] input[name=cmp-a] >> nth=0');
    await page.check('table[data-group=samples] input[name=cmp-b] >> nth=1');
    await page.click('#compare');
    await page.waitForFunction(() => window.gridgovReady?.route === '/compare');
    expect(await page.locator('canvas.map').count()).toBe(2);
    await page.evaluate(() => window.gridgovViewer!.clock.seek(48));
    expect(await inkedPixels(0)).toBeGreaterThan(10_000);
    expect(await inkedPixels(1)).toBeGreaterThan(10_000);
    // Same seed: the same issues under both policies (common random numbers); different closures.
    expect(await counter('created', 0)).toBe(await counter('created', 1));
    expect(await counter('created', 0)).toBeGreaterThan(500);
    expect(await counter('closed', 0)).not.toBe(await counter('closed', 1));
    expect(await page.locator('h2').allInnerTexts()).toEqual([expect.stringContaining('flat'), expect.stringContaining('hierarchical')]);
    expect((await page.locator('#chart-diff path.series').first().getAttribute('d'))!.length).toBeGreaterThan(100);
    await page.screenshot({ path: `${ARTIFACTS}/compare.png`, fullPage: true });
  });

  it('a playground run finishes in the worker, watched as it runs, and equals the Node run: summary and replay bytes', async () => {
    await open('#/playground', '/playground');
    await page.fill('#pg-days', '4'); // warm-up 1 day: with none, Little's-law relErr is rounding noise that differs in the last bits between V8s
    await page.selectOption('#pg-policy', 'flat');
    await page.fill('#pg-seed', '3');
    await page.fill('#pg-sample', '0.5');
    await page.click('#pg-run');
    await page.waitForFunction(() => window.gridgovPlayground?.running === false && (window.gridgovPlayground.summaryJson !== null || window.gridgovPlayground.error !== null), undefined, { timeout: 90_000 });
    const { request, summaryJson, replayText, error } = (await page.evaluate(() => window.gridgovPlayground))!;
    expect(error).toBeNull();
    expect(request).toMatchObject({ scenario: 'default', seed: 3, policy: 'flat', sample: 0.5 });
    expect(await page.locator('canvas.map').count()).toBe(1);
    expect(await page.locator('#pg-status').innerText()).toMatch(/^done: /);
    await page.screenshot({ path: `${ARTIFACTS}/playground.png`, fullPage: true });

    const raw = JSON.parse(readFileSync(new URL('../../scenarios/default.json', import.meta.url), 'utf8'));
    const scenario = resolveScenario(raw, `${request!.scenario}.json`, request!.sets);
    const parts: string[] = [];
    const sink = new ReplayFileSink({ write: (t) => parts.push(t) });
    const writer = new ReplayWriter({ ...scenario, seed: 3, policy: { ...scenario.policy, name: 'flat' } }, sink, { caseFraction: 0.5 });
    const node = await simulate(scenario, { seed: 3, policyName: 'flat', observers: [writer] });
    sink.close(node.summary);
    expect(summaryJson).toBe(stableJson(node.summary));
    expect(replayText).toBe(parts.join(''));
  });

  it('a malformed or wrong-version file shows a clear message; no console errors anywhere', async () => {
    await open('#/', '/');
    await page.setInputFiles('#file', { name: 'broken.replay.json', mimeType: 'application/json', buffer: Buffer.from('{"format": "gridgov-replay", "version": 2}') });
    await page.waitForFunction(() => window.gridgovReady?.route === '/view');
    expect(await page.locator('#error').innerText()).toContain('broken.replay.json: version: replay version 2 is not supported: this viewer reads version 1');
    await page.screenshot({ path: `${ARTIFACTS}/malformed.png` });
    await open('#/', '/');
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
