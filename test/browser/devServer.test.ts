import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { createServer, type ViteDevServer } from 'vite';
import { launchChromium } from '../helpers/browser.ts';

// `npm run viz`: the Vite dev server with the results/ listing (the committed samples are there).
let vite: ViteDevServer;
let context: BrowserContext;

beforeAll(async () => {
  vite = await createServer({
    configFile: new URL('../../vite.config.ts', import.meta.url).pathname,
    cacheDir: mkdtempSync(join(tmpdir(), 'gridgov-vite-cache-')),
    server: { port: 0, host: '127.0.0.1' },
    logLevel: 'silent',
  });
  await vite.listen();
  context = await launchChromium();
});

afterAll(async () => {
  await context?.close();
  await vite?.close();
});

describe('npm run viz', () => {
  it('lists the replays under results/ and opens one', async () => {
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(`${vite.resolvedUrls!.local[0]!}#/runs`);
    await page.waitForFunction(() => window.gridgovReady?.route === '/runs', undefined, { timeout: 60_000 });
    const listed = await page.locator('table[data-group=results] a.run-link').allInnerTexts();
    expect(listed).toEqual(expect.arrayContaining(['samples/default-3d-flat.replay.json', 'samples/default-3d-hierarchical.replay.json']));
    expect(await page.locator('table[data-group=results]').innerText()).toContain('default · flat · seed 1 · 3 days');
    await page.click('table[data-group=results] a.run-link >> text=samples/default-3d-hierarchical.replay.json');
    await page.waitForFunction(() => window.gridgovReady?.route === '/view', undefined, { timeout: 60_000 });
    expect(await page.evaluate(() => window.gridgovReady!.error)).toBeNull();
    expect(await page.locator('h2.pane-title').innerText()).toContain('hierarchical');
    // the bundled samples are served at their stable path by the dev server too
    await page.evaluate(() => (location.hash = '#/'));
    await page.waitForFunction(() => window.gridgovReady?.route === '/' && window.gridgovViewer !== null, undefined, { timeout: 60_000 });
    expect(await page.locator('h2.pane-title').count()).toBe(2);
    expect(errors).toEqual([]);
  });
});
