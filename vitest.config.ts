import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/helpers/global-postgres.ts'],
    // Every test file runs with node:crypto narrowed to Electron's BoringSSL set (see the file).
    setupFiles: ['test/helpers/electron-crypto.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Two cores: database-heavy files in parallel beyond that only contend.
    maxWorkers: 2,
    reporters: ['default', './test/helpers/summary-reporter.ts'],
  },
});
