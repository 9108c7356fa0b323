import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { expect, test } from '@playwright/test';
import { screenshot } from './screenshots';

/*
 * With PostgreSQL unreachable, the app answers at once with 503 and a short
 * explanation (a page, or the API's JSON error) instead of hanging. A second
 * server of the same build is started on a port of its own, pointed at a
 * database address where nothing listens.
 */

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

let child: ChildProcess | undefined;
let origin = '';

test.beforeAll(async () => {
  test.setTimeout(90_000);
  const port = await freePort();
  // A port just found free, and closed again: nothing listens there, so every connection is refused.
  const unreachable = await freePort();
  origin = `http://127.0.0.1:${port}`;
  child = spawn(process.execPath, ['scripts/server.mjs', '--port', String(port), '--hostname', '127.0.0.1'], {
    env: {
      ...process.env,
      DATABASE_URL: `postgresql://postgres@127.0.0.1:${unreachable}/counterpart`,
      BETTER_AUTH_SECRET: process.env.BETTER_AUTH_SECRET || 'a-secret-for-this-test-only-0123456789',
      NEXT_TELEMETRY_DISABLED: '1',
    },
    stdio: 'ignore',
  });
  // Ready when it serves a static file, which needs no database.
  await expect
    .poll(
      async () => {
        try {
          return (await fetch(`${origin}/robots.txt`)).status;
        } catch {
          return 0;
        }
      },
      { timeout: 60_000, intervals: [250] },
    )
    .toBe(200);
});

test.afterAll(async () => {
  if (child && child.exitCode === null) {
    const exited = new Promise((resolve) => child!.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
});

/** A GET that must be answered within `ms`, with how long it took. */
async function timedGet(path: string, ms = 4_000) {
  const started = Date.now();
  const response = await fetch(`${origin}${path}`, { signal: AbortSignal.timeout(ms) });
  return { response, elapsed: Date.now() - started };
}

test('pages answer 503 at once with a short explanation', async ({ browser }) => {
  for (const path of ['/', '/pairs/officials/lloyd-austin/sergei-shoigu', '/officials/sergei-shoigu', '/search?q=x']) {
    const { response, elapsed } = await timedGet(path);
    expect(response.status, path).toBe(503);
    expect(response.headers.get('retry-after'), path).toBe('5');
    expect(response.headers.get('content-security-policy'), path).toContain("default-src 'self'");
    expect(await response.text(), path).toContain('The database is not answering');
    expect(elapsed, `${path} answered in ${elapsed} ms`).toBeLessThan(3_000);
  }
  const page = await browser.newPage();
  await page.goto(`${origin}/`);
  await expect(page.getByRole('heading', { level: 1, name: 'Counterpart is not answering right now' })).toBeVisible();
  await expect(page.getByText(/The database is not answering\. Try again in a moment/)).toBeVisible();
  await expect(page.getByRole('link', { name: 'Try again' })).toBeVisible();
  await screenshot(page, 'database-unavailable');
  await page.emulateMedia({ colorScheme: 'dark' });
  await screenshot(page, 'database-unavailable-dark');
  await page.close();
});

test('the API answers 503 UNAVAILABLE in its JSON error shape', async () => {
  for (const path of ['/api/v1/officials', '/api/v1/contacts/export?format=csv', '/api/v1/gaps?a=x&b=y']) {
    const { response, elapsed } = await timedGet(path);
    expect(response.status, path).toBe(503);
    expect(response.headers.get('content-type'), path).toMatch(/^application\/json/);
    expect(await response.json(), path).toEqual({
      error: {
        code: 'UNAVAILABLE',
        message: 'The database is not answering; try again in a moment.',
        requestId: response.headers.get('x-request-id'),
      },
    });
    expect(elapsed, `${path} answered in ${elapsed} ms`).toBeLessThan(3_000);
  }
});

test('static files are still served', async () => {
  const chunk = readdirSync(`${process.env.NEXT_DIST_DIR || '.next'}/static/chunks`).find((f) => f.endsWith('.js'));
  const paths = ['/robots.txt', '/favicon.ico', '/icon.svg', '/manifest.webmanifest', `/_next/static/chunks/${chunk}`];
  for (const path of paths) expect((await timedGet(path)).response.status, path).toBe(200);
});

test('the health endpoint says the database is unreachable, at once', async () => {
  const { response, elapsed } = await timedGet('/api/health');
  expect(response.status).toBe(503);
  expect(response.headers.get('cache-control')).toBe('no-store');
  expect(await response.json()).toMatchObject({
    status: 'unavailable',
    database: { reachable: false, latencyMs: null },
    migrations: null,
    statistics: null,
  });
  expect(elapsed, `answered in ${elapsed} ms`).toBeLessThan(4_000);
});
