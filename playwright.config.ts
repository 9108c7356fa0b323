import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { defineConfig, devices } from '@playwright/test';
import { serverLogFile } from './scripts/lib/server-log';
import { serverNodeArgs } from './scripts/lib/server-heap';

// A system Chromium (Debian's, or CHROMIUM_PATH) when there is one; Playwright's own
// browser otherwise, for those who can `npx playwright install chromium`.
const systemChromium = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find(
  (candidate) => candidate && existsSync(candidate),
);

const launchOptions = systemChromium
  ? {
      executablePath: systemChromium,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    }
  : {};

const port = Number(process.env.PORT ?? 3100);
const baseURL = `http://127.0.0.1:${port}`;

if (!process.env.DATABASE_URL) {
  throw new Error('Run the end-to-end tests with `npm run test:e2e`, which provides a throw-away database.');
}

// Everything the server prints goes to this file, which scripts/test.ts searches for secrets after the run
// (and e2e/logs.spec.ts reads): JSON lines, at debug level so that every kind of line is there.
const serverLog = serverLogFile();
mkdirSync(path.dirname(serverLog), { recursive: true });
const quotedLog = `'${serverLog.replaceAll("'", "'\\''")}'`;

export default defineConfig({
  testDir: 'e2e',
  outputDir: `${process.env.TEST_RESULTS_DIR || 'test-results'}/playwright`,
  fullyParallel: false,
  workers: 1,
  forbidOnly: true,
  retries: 0,
  timeout: 30_000,
  reporter: [['list'], ['json']],
  use: {
    baseURL,
    // A fixed locale and zone, whatever the runner's: what the browser formats itself follows
    // en-GB (a date field's part order does not: that is the browser build's), and the browser
    // is deliberately not in UTC, west of it, where a date read as UTC midnight but shown in
    // local time would fall on the day before.
    locale: 'en-GB',
    timezoneId: 'America/New_York',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    { name: 'setup', testMatch: /auth\.setup\.ts/, use: { ...devices['Desktop Chrome'], launchOptions } },
    {
      name: 'chromium',
      dependencies: ['setup'],
      testIgnore: /\.changes-demo\.spec\.ts/,
      use: {
        ...devices['Desktop Chrome'],
        launchOptions,
      },
    },
    // Specs that must change the demo data itself (Shoigu's tenure, say) run after
    // every spec that reads it, and put it back.
    {
      name: 'changes-demo',
      dependencies: ['chromium'],
      testMatch: /\.changes-demo\.spec\.ts/,
      use: { ...devices['Desktop Chrome'], launchOptions },
    },
  ],
  webServer: {
    command: `node ${serverNodeArgs().join(' ')} scripts/server.mjs --port ${port} --hostname 127.0.0.1 > ${quotedLog} 2>&1`,
    url: baseURL,
    reuseExistingServer: false,
    timeout: 60_000,
    env: {
      DATABASE_URL: process.env.DATABASE_URL,
      BETTER_AUTH_SECRET: process.env.BETTER_AUTH_SECRET ?? '',
      NEXT_TELEMETRY_DISABLED: '1',
      LOG_LEVEL: process.env.LOG_LEVEL || 'debug',
    },
  },
});
