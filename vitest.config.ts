import os from 'node:os';
import path from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    globalSetup: ['tests/support/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // the CLI's result cache goes to a folder of this run, never the user's
    env: { SALTIRE_CACHE_DIR: path.join(os.tmpdir(), `saltire-test-cache-${process.pid}`) },
  },
});
