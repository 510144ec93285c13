import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The docs test launches Chromium; give browser start-up room on slow machines.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
