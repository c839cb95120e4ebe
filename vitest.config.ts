import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

/**
 * Two projects: `server` (unit, service and route tests on a real database — PGlite by default,
 * PostgreSQL when ANXIN_TEST_DRIVER=postgres) and `e2e` (browser journeys in Chromium).
 * scripts/test.mjs runs them in the order the README describes.
 */
export default defineConfig({
  test: {
    // One worker per core: vitest's default leaves a core to itself, which on two cores is half the
    // machine, idle. The pool is shared by the projects, so these are set here, not per project.
    maxWorkers: availableParallelism(),
    // A worker keeps its module cache from one file to the next (loading the server's modules again
    // for each file cost more than the tests). No file mocks a module or changes process-wide state,
    // and each file opens its own database and app.
    isolate: false,
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
          // Loads the demo insurer once (the real `anxin serve --demo` on an empty data directory);
          // each file's server starts on a copy of it.
          globalSetup: ['./support/global-setup.ts'],
          // A journey drives a dozen pages against the demo insurer on the embedded database; the
          // limit catches a hang, it is not a speed target (those live in bench/).
          testTimeout: 120_000,
          hookTimeout: 180_000,
          // Each file starts its own server (its own data directory and port) and browser, so files
          // run side by side like the server's.
          pool: 'forks',
        },
      },
    ],
  },
});
