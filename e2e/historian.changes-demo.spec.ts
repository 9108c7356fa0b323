import { spawnSync } from 'node:child_process';
import { expect, test } from '@playwright/test';
import { bin, ROOT } from '../scripts/lib/run';
import { screenshot } from './screenshots';

/*
 * The Office of the Historian's records, as a newcomer's first `npm start` loads them with the founding
 * story. Loaded here, after every spec that counts the founding story's contacts (this project runs last),
 * by the command a user runs, into the database the server reads; the load empties every server's cache.
 */

// Pages of a pair with 300 gaps, rendered cold on a busy machine: more than the default 30 s each.
test.describe.configure({ timeout: 120_000 });

test.beforeAll(() => {
  test.setTimeout(300_000);
  const run = spawnSync(bin('tsx'), ['--conditions=react-server', 'scripts/cli.ts', 'import', 'ooh'], {
    cwd: ROOT,
    env: process.env,
    encoding: 'utf8',
  });
  expect(run.status, run.stderr).toBe(0);
  // The first load creates them all; a rerun of this file (a retry) finds them all unchanged.
  expect(run.stdout).toMatch(/7,531 records: (7,531 contacts created|0 contacts created, 0 updated, 7,531 unchanged)/);
  expect(run.stdout).toMatch(/4 records not imported \(reasons above\); 0 problems\.$/m);
  expect(run.stdout.match(/^not imported: /gm)).toHaveLength(4);
});

test('US–France by country, each record a meeting with officials of France, unnamed', async ({ page, request }) => {
  await page.goto('/pairs/countries/FR/US');
  await expect(page.getByRole('heading', { level: 1 })).toContainText(/\d+ days without a meeting/);
  await expect(page.getByText(/The last meeting between France and United States was on/)).toBeVisible();
  await expect(page.getByText(/met officials of France/).first()).toBeVisible();
  await screenshot(page, 'ooh-us-france');

  // The API's series counts one held contact per record of France, straight from the CSV files' dates.
  const response = await request.get('/api/v1/gaps?countryA=FR&countryB=US');
  expect(response.status(), await response.text()).toBe(200);
  const series = await response.json();
  expect(series.level).toBe('COUNTRY');
  expect(series.gaps.length).toBeGreaterThan(250);
});

test('the dashboard by country shows decades of real contacts, and a visitor is a real official', async ({ page }) => {
  await page.goto('/?level=countries');
  // Every pair of the records is the US and another country; the first page lists 25 of them.
  await expect(page.getByRole('link', { name: /United States/ }).nth(10)).toBeVisible();
  await screenshot(page, 'ooh-dashboard-countries');
  await page.goto('/officials/charles-de-gaulle');
  await expect(page.getByRole('heading', { name: /Charles de Gaulle/, level: 1 })).toBeVisible();
  await expect(page.getByText(/met officials of United States/).first()).toBeVisible();
  // Nobody was made up for the unnamed side: no French official is "officials of France".
  const french = await (await page.request.get('/api/v1/officials?country=FR&pageSize=100')).json();
  expect(french.items.length).toBeGreaterThan(10);
  expect(french.items.filter((o: { name: string }) => /officials/i.test(o.name))).toEqual([]);
});
