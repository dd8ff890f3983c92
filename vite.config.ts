import { defineConfig } from 'vitest/config';

// One config for the viewer (Vite) and the test runner (Vitest).
export default defineConfig({
  root: '.',
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    pool: 'forks',
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
