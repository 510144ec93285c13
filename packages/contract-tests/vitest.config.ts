import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['./test/global-setup.ts'],
    reporters: ['default', './src/coverage-reporter.ts'],
    // Each call is a local HTTP round trip to Prism; the budget covers a slow CI machine, not a slow API.
    testTimeout: 20_000,
    hookTimeout: 40_000,
  },
});
