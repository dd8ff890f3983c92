import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { buildSite, launchChromium, serveStatic } from '../helpers/browser.ts';
import { gridgov, tempDir, writeJson } from '../helpers/cli.ts';
import { minimalScenario } from '../helpers/scenarios.ts';

// The sweeps page opens a real sensitivity.csv and sensitivity.json (made here by the CLI on a
// tiny district) as a tornado chart with 95% whiskers and the Morris table. Screenshot to
// test-artifacts/ (ignored by git).

const ARTIFACTS = new URL('../../test-artifacts/', import.meta.url).pathname;
let server: Server;
let context: BrowserContext;
let page: Page;
let url: string;
let out: string;
const consoleErrors: string[] = [];

beforeAll(async () => {
  const work = tempDir('gridgov-sensitivity-page-');
  const file = writeJson(work, 'mini.json', minimalScenario({ horizonDays: 5, warmupDays: 1, handoff: { delaysHours: { up: { dist: 'exponential', mean: 2 } } } }));
  out = join(work, 'sens');
  const r = gridgov(['sensitivity', file, '--policies', 'flat,hierarchical', '--vary', 'staff.streetHandler.count=2..4', '--vary', 'handoff.delaysHours.up=1..4', '--reps', '2', '--max-reps', '2', '--trajectories', '2', '--morris-reps', '1', '-w', '1', '-q', '--out', out]);
  expect(r.code).toBe(0);
  const site = buildSite();
  mkdirSync(join(site, 'data'));
  copyFileSync(join(out, 'sensitivity.csv'), join(site, 'data', 'sensitivity.csv'));
  const served = await serveStatic(site);
  server = served.server;
  url = served.url;
  context = await launchChromium();
  page = await context.newPage();
  await page.setViewportSize({ width: 1300, height: 800 });
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

describe('the sweeps page with a sensitivity analysis', () => {
  it('draws sensitivity.csv as a tornado with intervals, sorted by swing, and the Morris table', async () => {
    await page.goto(`${url}sweep.html?src=data/sensitivity.csv`);
    await page.waitForSelector('#tornado rect.bar');
    const bars = await page.$$eval('#tornado rect.bar', (rs) => rs.map((r) => ({ label: r.getAttribute('data-label'), end: r.classList.contains('low') ? 'low' : 'high', mean: Number(r.getAttribute('data-mean')) })));
    const csv = readFileSync(join(out, 'sensitivity.csv'), 'utf8').trimEnd().split('\n').map((l) => l.split(','));
    const head = csv[0]!;
    const oat = csv.filter((r) => r[0] === 'oat');
    expect(bars).toHaveLength(2 * oat.length);
    oat.forEach((row, i) => {
      expect(bars[2 * i]!.label).toBe(row[head.indexOf('label')]);
      expect(bars[2 * i]!.mean).toBeCloseTo(Number(row[head.indexOf('effectLow.mean')]), 6);
      expect(bars[2 * i + 1]!.mean).toBeCloseTo(Number(row[head.indexOf('effectHigh.mean')]), 6);
    });
    expect(await page.$$eval('#tornado line.whisker', (l) => l.length)).toBe(2 * oat.length); // two replications: every effect has an interval
    expect(await page.$$eval('#morris tbody tr', (r) => r.length)).toBe(csv.filter((r) => r[0] === 'morris').length);
    expect(await page.textContent('#status')).toMatch(/sensitivity of 2 parameters — \d+ runs/);
    await page.screenshot({ path: join(ARTIFACTS, 'sweep-page-tornado.png'), fullPage: true });
    expect(consoleErrors).toEqual([]);
  });

  it('opens sensitivity.json from the file picker with the headline in the title', async () => {
    await page.goto(`${url}sweep.html`);
    await page.setInputFiles('#file', join(out, 'sensitivity.json'));
    await page.waitForSelector('#tornado rect.bar');
    const json = JSON.parse(readFileSync(join(out, 'sensitivity.json'), 'utf8'));
    expect(await page.textContent('#tornado svg')).toContain(json.headline);
    expect(await page.$$eval('#tornado rect.bar', (r) => r.length)).toBe(2 * json.oat.rows.length);
    expect(consoleErrors).toEqual([]);
  });
});
