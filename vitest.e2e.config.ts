import { defineConfig } from 'vitest/config';

/** End-to-end tests: the real renderer in Debian's Chromium against `casecoder web`. Serial: 2 cores. */
export default defineConfig({
  test: {
    name: 'e2e',
    include: ['tests/e2e/**/*.test.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
    globalSetup: ['tests/e2e/global-setup.ts'],
  },
});
