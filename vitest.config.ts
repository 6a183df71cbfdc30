import { defineConfig } from 'vitest/config';

// Three kinds of tests (see docs/ARCHITECTURE.md §Tests):
//   unit  — `*.test.ts` beside the code, no database;
//   int   — `*.int.test.ts` on a fresh embedded PGlite per file (cloned from a migrated template);
//   int-pg — the same files again on the real PostgreSQL named by TEST_DATABASE_URL.
//   e2e   — browser journeys in web/e2e, headless Chromium against the built app.
const pgUrl = process.env.TEST_DATABASE_URL;
const inCi = process.env.CI === 'true' || process.env.CI === '1';
if (!pgUrl) {
  if (inCi) throw new Error('CI=true but TEST_DATABASE_URL is not set: the PostgreSQL integration run is required in CI');
  console.warn('\n⚠  SKIPPED: integration tests on PostgreSQL (set TEST_DATABASE_URL=postgres://127.0.0.1:5432/test to run them)\n');
}

const intProject = (name: string, env: Record<string, string>) => ({
  test: {
    name,
    include: ['server/**/*.int.test.ts'],
    globalSetup: ['server/test/support/global-setup.ts'],
    env,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});

export default defineConfig({
  test: {
    reporters: ['default'],
    projects: [
      {
        test: {
          name: 'unit',
          include: ['kernel/src/**/*.test.ts', 'server/src/**/*.test.ts', 'scripts/**/*.test.ts', 'bench/**/*.test.ts'],
          exclude: ['**/*.int.test.ts', '**/node_modules/**'],
        },
      },
      intProject('int', { OPEN06_TEST_DB: 'pglite' }),
      ...(pgUrl ? [intProject('int-pg', { OPEN06_TEST_DB: 'postgres', TEST_DATABASE_URL: pgUrl })] : []),
      {
        test: {
          name: 'e2e',
          include: ['web/e2e/**/*.e2e.test.ts'],
          globalSetup: ['server/test/support/global-setup.ts'],
          env: { OPEN06_TEST_DB: 'pglite' },
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
