import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';
import { resultsMiddleware } from './viz/server/resultsServer.ts';
import { samplesPlugin } from './viz/server/samplesPlugin.ts';

const here = fileURLToPath(new URL('.', import.meta.url));

/** `npm run viz` serves results/ read-only, with a listing at /api/runs. */
function resultsFolder(): Plugin {
  const handler = resultsMiddleware(fileURLToPath(new URL('./results', import.meta.url)));
  return {
    name: 'gridgov-results',
    configureServer: (server) => void server.middlewares.use(handler),
    // Tells the page that this server has the listing (a static copy has not, and never asks).
    transformIndexHtml: { order: 'pre', handler: (html, ctx) => (ctx.server ? html.replace('<head>', '<head>\n    <meta name="gridgov-results" content="api/runs" />') : html) },
  };
}

// One config: the viewer (Vite, rooted at viz/, built to dist/) and the test runner (Vitest,
// rooted at the project). Each page of the viewer is one build input.
export default defineConfig({
  root: 'viz',
  base: './',
  build: {
    outDir: '../dist',
    emptyOutDir: true,
    rolldownOptions: {
      input: {
        main: `${here}viz/index.html`,
        sweep: `${here}viz/sweep.html`,
      },
    },
  },
  worker: { format: 'es' },
  plugins: [resultsFolder(), samplesPlugin(fileURLToPath(new URL('./results/samples', import.meta.url)))],
  test: {
    root: here,
    include: ['test/**/*.test.ts'],
    environment: 'node',
    pool: 'forks',
    testTimeout: 120_000,
    hookTimeout: 180_000,
  },
});
