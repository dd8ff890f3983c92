import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { BrowserContext, Page } from 'playwright-core';
import { simulate } from '../../sim/run/simulateRun.ts';
import { stableJson } from '../../sim/run/stableJson.ts';
import { resolveScenario } from '../../sim/scenario/load.ts';
import { buildSite, launchChromium, serveStatic } from '../helpers/browser.ts';
import { minimalScenario } from '../helpers/scenarios.ts';

let server: Server;
let context: BrowserContext;
let page: Page;
const consoleErrors: string[] = [];

beforeAll(async () => {
  const site = buildSite();
  const served = await serveStatic(site);
  server = served.server;
  context = await launchChromium();
  page = await context.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => consoleErrors.push(String(e)));
  await page.goto(served.url);
  await page.waitForFunction(() => typeof window.gridgovRun === 'function');
});

afterAll(async () => {
  await context?.close();
  server?.close();
});

async function inBrowser(raw: unknown, seed: number, policy: string): Promise<string> {
  return page.evaluate(([r, s, p]) => window.gridgovRun(r, { seed: s as number, policy: p as string }), [raw, seed, policy] as const);
}

async function inNode(raw: unknown, seed: number, policy: string): Promise<string> {
  const scenario = resolveScenario(raw, 'scenario');
  return stableJson((await simulate(scenario, { seed, policyName: policy })).summary);
}

describe('Node and headless Chromium (Web Worker, Vite build) give identical summary.json', () => {
  it('on a small district under each policy', async () => {
    const raw = minimalScenario();
    for (const policy of ['hierarchical', 'flat', 'whistle']) {
      const b = await inBrowser(raw, 5, policy);
      const n = await inNode(raw, 5, policy);
      expect(JSON.parse(b).cases.created).toBeGreaterThan(50);
      expect(b).toBe(n);
    }
  });

  it('on the default district (shortened to 20 days)', async () => {
    const raw = JSON.parse(readFileSync(new URL('../../scenarios/default.json', import.meta.url), 'utf8'));
    raw.horizonDays = 20;
    raw.warmupDays = 5;
    const b = await inBrowser(raw, 2, 'flat');
    expect(b).toBe(await inNode(raw, 2, 'flat'));
  });

  it('reports bad input from the worker as a clear message, and logs no console errors', async () => {
    const err = await page.evaluate(() => window.gridgovRun({ name: 'x' }).then(() => 'no error', (e: Error) => e.message));
    expect(err).toContain('scenario: horizonDays: expected number');
    expect(consoleErrors).toEqual([]);
  });
});
