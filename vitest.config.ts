import { defineConfig } from 'vitest/config';

/**
 * Two projects: `server` (unit, service and route tests on a real database — PGlite by default,
 * PostgreSQL when ANXIN_TEST_DRIVER=postgres) and `e2e` (browser journeys in Chromium).
 * scripts/test.mjs runs them in the order the README describes.
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'server',
          root: './apps/server',
          include: ['src/**/*.test.ts'],
          globalSetup: ['./src/test/global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          pool: 'forks',
        },
      },
      {
        test: {
          name: 'e2e',
          root: './e2e',
          include: ['**/*.e2e.test.ts'],
          // A journey drives a dozen pages against the demo insurer on the embedded database; the
          // limit catches a hang, it is not a speed target (those live in bench/).
          testTimeout: 120_000,
          hookTimeout: 180_000,
          pool: 'forks',
          fileParallelism: false,
        },
      },
    ],
  },
});
