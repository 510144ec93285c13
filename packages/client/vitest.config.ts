import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The soak has its own task (test:soak) that turbo runs after the other suites: its timeouts are real
    // 400 ms deadlines, and a machine busy with Prism and Chromium would stall the event loop past them.
    exclude: ['test/soak.test.ts', '**/node_modules/**'],
    testTimeout: 30_000,
  },
});
