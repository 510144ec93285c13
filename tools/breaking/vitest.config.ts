import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The CLI tests spawn real node processes that load tsx.
    testTimeout: 30_000,
  },
});
