import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    globalSetup: ['tests/support/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // forks inherit the run's TMPDIR and SALTIRE_CACHE_DIR set by the global setup
    pool: 'forks',
  },
});
