import { defineConfig } from '@playwright/test';
import chromium from './scripts/chromium.json';

// Browser tests drive Debian's Chromium (no browser download is possible here); scripts/e2e.sh starts the
// sandbox and the portal before running them.
export default defineConfig({
  testDir: './e2e-tests',
  timeout: 90_000,
  expect: { timeout: 20_000 },
  retries: 0,
  workers: 1,
  reporter: [['list'], ['json', { outputFile: 'artifacts/e2e/results.json' }]],
  outputDir: 'artifacts/e2e/output',
  use: {
    baseURL: process.env.PORTAL_URL ?? 'http://127.0.0.1:7007',
    viewport: { width: 1440, height: 900 },
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? chromium.executablePath,
      args: chromium.args,
    },
  },
});
