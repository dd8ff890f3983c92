import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const here = fileURLToPath(new URL('.', import.meta.url));

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
  test: {
    root: here,
    include: ['test/**/*.test.ts'],
    environment: 'node',
    pool: 'forks',
    testTimeout: 120_000,
    hookTimeout: 180_000,
  },
});
