import { defineConfig } from 'vitest/config';

// End-to-end: the built renderer in Debian's Chromium against the browser mode. Run after `npm run build`.
export default defineConfig({
  test: {
    environment: 'node',
    include: ['test/e2e/**/*.e2e.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
