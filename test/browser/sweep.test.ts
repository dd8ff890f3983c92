import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { buildSite, launchChromium, serveStatic } from '../helpers/browser.ts';
import { gridgov, tempDir, writeJson } from '../helpers/cli.ts';
import { minimalScenario } from '../helpers/scenarios.ts';
import { parseCsvRows } from '../../sim/run/csv.ts';

// The sweep page of the built site opens a real sweep-summary.csv and size.json (made here by the
// CLI on a tiny district) and draws the heatmap and the cost frontier. Screenshots go to
// test-artifacts/ (ignored by git).

const ARTIFACTS = new URL('../../test-artifacts/', import.meta.url).pathname;
let server: Server;
let context: BrowserContext;
let page: Page;
let url: string;
let work: string;
const consoleErrors: string[] = [];

beforeAll(async () => {
  work = tempDir('gridgov-sweep-page-');
  const file = writeJson(work, 'mini.json', minimalScenario({ horizonDays: 5, warmupDays: 1 }));
  const sweep = gridgov(['sweep', file, '--set', 'staff.gridWorker.count=1,2', '--set', 'staff.streetHandler.count=1..3', '--reps', '2', '-w', '1', '-q', '--out', join(work, 'sweep')]);
  expect(sweep.code).toBe(0);
  const size = gridgov(['size', file, '--vary', 'staff.gridWorker.count=1..3', '--target', 'utilization.gridWorker<=0.9', '--reps', '2', '-w', '1', '--exhaustive', '-q', '--out', join(work, 'size')]);
  expect(size.code).toBe(0);
  const site = buildSite();
  mkdirSync(join(site, 'data'));
  copyFileSync(join(work, 'sweep', 'sweep-summary.csv'), join(site, 'data', 'sweep-summary.csv'));
  const served = await serveStatic(site);
  server = served.server;
  url = served.url;
  context = await launchChromium();
  page = await context.newPage();
  await page.setViewportSize({ width: 1300, height: 900 });
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => consoleErrors.push(String(e)));
  mkdirSync(ARTIFACTS, { recursive: true });
});

afterAll(async () => {
  await context?.close();
  server?.close();
});

describe('the sweep page', () => {
  it('opens ?src=sweep-summary.csv as a heatmap over two parameters and a cost frontier', async () => {
    await page.goto(`${url}sweep.html?src=data/sweep-summary.csv`);
    await page.waitForSelector('#heatmap .cell');
    const cells = await page.$$eval('#heatmap .cell', (gs) => gs.map((g) => ({ x: g.getAttribute('data-x'), y: g.getAttribute('data-y'), value: Number(g.getAttribute('data-value')), fill: g.querySelector('rect')!.getAttribute('fill') })));
    expect(cells).toHaveLength(6);
    expect(new Set(cells.map((c) => `${c.x}|${c.y}`)).size).toBe(6);
    expect(cells.every((c) => Number.isFinite(c.value) && c.fill !== '#ccc')).toBe(true);
    // the cell of point 0 holds sweep-summary.csv's resolutionHours.p90 mean for that point
    const csv = parseCsvRows(readFileSync(join(work, 'sweep', 'sweep-summary.csv'), 'utf8'));
    const head = csv[0]!;
    const first = csv[1]!;
    const cell = cells.find((c) => c.x === first[1] && c.y === first[2])!;
    expect(cell.value).toBeCloseTo(Number(first[head.indexOf('resolutionHours.p90.mean')]), 6);
    // a fixed colour scale from zero with its legend, intervals written in the cells, the best
    // cell and those not distinguishable from it marked, metric names with units, the site's nav
    const values = cells.map((c) => c.value);
    expect(await page.getAttribute('#heatmap-legend', 'data-domain')).toBe(`0,${Math.max(...values)}`);
    expect(await page.$$eval('#heatmap .cell text.ci', (t) => t.length)).toBe(6);
    expect(await page.$$eval('#heatmap .cell.best', (t) => t.length)).toBe(1);
    const best = Math.min(...values);
    expect(Number(await page.getAttribute('#heatmap .cell.best', 'data-value'))).toBe(best);
    const ci = (m: string, i: number) => [Number(csv[i]![head.indexOf(`${m}.ciLow`)]), Number(csv[i]![head.indexOf(`${m}.ciHigh`)])];
    const rows = csv.slice(1).map((_, i) => ({ mean: Number(csv[i + 1]![head.indexOf('resolutionHours.p90.mean')]), ci: ci('resolutionHours.p90', i + 1) }));
    const bestRow = rows.find((r) => r.mean === best)!;
    const overlapping = rows.filter((r) => r !== bestRow && r.ci[0] <= bestRow.ci[1] && r.ci[1] >= bestRow.ci[0]).length;
    expect(await page.$$eval('#heatmap .cell.tied', (t) => t.length)).toBe(overlapping);
    expect(await page.$eval('#metric', (s: HTMLSelectElement) => s.selectedOptions[0]!.textContent)).toBe('resolution time, 90th percentile (h)');
    expect(await page.$$eval('#nav a', (a) => a.map((x) => x.textContent))).toEqual(['sample', 'runs', 'playground', 'sweeps and sizing']);
    expect(await page.$$eval('#frontier .point', (p) => p.length)).toBe(6);
    expect(await page.$$eval('#frontier .point.pareto', (p) => p.length)).toBeGreaterThan(0);
    expect(await page.textContent('#status')).toContain('sweep of staff.gridWorker.count × staff.streetHandler.count — 6 points, 12 runs');
    // averaging over a parameter: x only, y none
    await page.selectOption('#y', '');
    await page.selectOption('#slices select', '*');
    expect(await page.$$eval('#heatmap .cell', (c) => c.length)).toBe(2);
    await page.selectOption('#y', 'staff.streetHandler.count');
    await page.screenshot({ path: join(ARTIFACTS, 'sweep-page-heatmap.png'), fullPage: true });
    expect(consoleErrors).toEqual([]);
  });

  it('opens a size.json from the file picker and marks the chosen candidate', async () => {
    await page.goto(`${url}sweep.html`);
    await page.setInputFiles('#file', join(work, 'size', 'size.json'));
    await page.waitForSelector('#frontier .point');
    const s = JSON.parse(readFileSync(join(work, 'size', 'size.json'), 'utf8'));
    expect(await page.$$eval('#heatmap .cell', (c) => c.length)).toBe(3);
    expect(await page.$$eval('#frontier .point', (p) => p.length)).toBe(s.candidates.length);
    expect(await page.$$eval('#frontier .point.chosen', (p) => p.length)).toBe(1);
    expect(await page.$$eval('#heatmap .chosen', (p) => p.length)).toBe(1);
    await page.screenshot({ path: join(ARTIFACTS, 'sweep-page-size.png'), fullPage: true });
    expect(consoleErrors).toEqual([]);
  });

  it('takes a dropped file, and says what it expected of a wrong one', async () => {
    const text = readFileSync(join(work, 'size', 'size-candidates.csv'), 'utf8');
    await page.evaluate((t) => {
      const dt = new DataTransfer();
      dt.items.add(new File([t], 'size-candidates.csv', { type: 'text/csv' }));
      document.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    }, text);
    await page.waitForFunction(() => document.getElementById('status')!.textContent!.startsWith('size-candidates.csv: sizing'));
    expect(await page.$$eval('#frontier .point', (p) => p.length)).toBe(3);
    await page.evaluate(() => window.gridgovSweep.load('a,b\n1,2\n', 'wrong.csv'));
    expect(await page.textContent('#status')).toContain('wrong.csv: expected sweep-summary.csv or size-candidates.csv');
    expect(consoleErrors).toEqual([]);
  });
});
