// Test projects: `unit` (unit and integration on real SQLite files) and `e2e` (server host in Debian's Chromium).
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts'],
          exclude: ['test/e2e/**', 'test/install/**'],
          environment: 'node',
          testTimeout: 30_000,
          // Hooks seed databases; on a loaded 2-core machine the 10 s default is too tight.
          hookTimeout: 60_000,
          pool: 'forks',
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'install',
          include: ['test/install/**/*.test.ts'],
          environment: 'node',
          testTimeout: 15 * 60_000,
        },
      },
    ],
  },
});
