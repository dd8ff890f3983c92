import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';
import { resultsMiddleware } from './viz/server/resultsServer.ts';

const here = fileURLToPath(new URL('.', import.meta.url));

/** `npm run viz` (and `vite preview`) serve results/ read-only, with a listing at /api/runs. */
function resultsFolder(): Plugin {
  const handler = resultsMiddleware(fileURLToPath(new URL('./results', import.meta.url)));
  return {
    name: 'gridgov-results',
    configureServer: (server) => void server.middlewares.use(handler),
    configurePreviewServer: (server) => void server.middlewares.use(handler),
  };
}

// One config: the viewer (Vite, rooted at viz/, built to dist/) and the test runner (Vitest,
// rooted at the project).
export default defineConfig({
  root: 'viz',
  base: './',
  build: { outDir: '../dist', emptyOutDir: true },
  worker: { format: 'es' },
  plugins: [resultsFolder()],
  test: {
    root: here,
    include: ['test/**/*.test.ts'],
    environment: 'node',
    pool: 'forks',
    testTimeout: 120_000,
    hookTimeout: 180_000,
  },
});
