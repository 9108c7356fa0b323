import { truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { disconnectDb } from '../lib/db';
import { COUNTRY_A, COUNTRY_B, removeOfficials, uniqueTag, type Official } from './api-fixtures';
import { bearer, storageState } from './auth';
import { expectAccessible } from './axe';
import { screenshot } from './screenshots';

/*
 * Importing contacts from the import page: a dry run that names every problem by row and column, the
 * import, the same file again (nothing changes), the last report on a later visit, the size limit, who
 * may, and the progress bar of a long dry run. Each test makes its own officials (unique names, in
 * countries the demo data does not use) and removes them with their contacts afterwards.
 */

const HEADER = 'external_id,date,type,status,participant_a,country_a,participant_b,country_b,source_url,summary';

const madeHere: string[] = [];

async function createOfficial(request: APIRequestContext, name: string, country: string): Promise<Official> {
  const response = await request.post('/api/v1/officials', { headers: bearer('admin'), data: { name, country } });
  expect(response.status(), await response.text()).toBe(201);
  const official = (await response.json()) as Official;
  madeHere.push(official.id);
  return official;
}

test.afterEach(async ({ request }) => {
  await removeOfficials(request, madeHere.splice(0));
});

test.afterAll(async () => {
  await disconnectDb();
});

async function choose(page: Page, name: string, csv: string) {
  await page.getByLabel('CSV file of contacts').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(csv) });
}

test.describe('as a researcher', () => {
  test.use({ storageState: storageState('researcher') });

  test('dry-runs a file with bad rows, then imports the fixed file once', async ({ page, request }) => {
    const tag = uniqueTag();
    const a = await createOfficial(request, `Ingrid Holm ${tag}`, COUNTRY_A);
    const b = await createOfficial(request, `Aino Lahti ${tag}`, COUNTRY_B);
    const good = [
      `imp-${tag}-1,2021-03-04,CALL,HELD,${a.name},${COUNTRY_A},${b.name},${COUNTRY_B},https://example.org/${tag}/1,"<script>alert(1)</script> and =HYPERLINK(""x"")"`,
      `imp-${tag}-2,2021-06-01,meeting,held,${a.slug},${COUNTRY_A},aino lahti ${tag.toLowerCase()},${COUNTRY_B},https://example.org/${tag}/2,Second`,
    ];
    const bad = [
      `imp-${tag}-3,2021-02-30,CALL,HELD,${a.name},${COUNTRY_A},${b.name},${COUNTRY_B},https://example.org/${tag}/3,`,
      `imp-${tag}-4,2021-05-01,CALL,HELD,Nobody ${tag},${COUNTRY_A},${b.name},${COUNTRY_B},,`,
    ];

    await page.goto('/imports');
    await expect(page.getByRole('heading', { name: 'Import contacts', level: 1 })).toBeVisible();
    const template = await request.get('/imports/template.csv');
    expect(template.headers()['content-type']).toMatch(/^text\/csv/);
    expect((await template.text()).split('\n')[0]).toMatch(/^external_id,date,type,status,participant_a,country_a/);

    await choose(page, 'calls.csv', [HEADER, ...good, ...bad].join('\n'));
    await page.getByRole('button', { name: 'Dry run: check, write nothing' }).click();
    const report = page.getByRole('region', { name: /Dry run of calls\.csv/ });
    await expect(report).toBeVisible();
    const problems = report.getByRole('table', { name: /Problems/ });
    await expect(problems.getByRole('row')).toHaveCount(1 + 3);
    await expect(problems.getByRole('row').nth(1)).toContainText('4date');
    await expect(problems.getByRole('row').nth(1)).toContainText('Enter a real date as YYYY-MM-DD');
    await expect(problems.getByRole('row').nth(2)).toContainText(`No official “Nobody ${tag}”`);
    await expect(problems.getByRole('row').nth(3)).toContainText('source_url');
    await expectAccessible(page);
    await screenshot(page, 'import-dry-run');

    // The real import of the same file writes nothing: it is all or nothing.
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await expect(page.getByRole('region', { name: /calls\.csv was not imported/ })).toBeVisible();
    expect((await (await request.get(`/api/v1/contacts?official=${a.slug}`)).json()).total).toBe(0);

    await choose(page, 'calls-fixed.csv', [HEADER, ...good].join('\n'));
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    const done = page.getByRole('region', { name: /Imported calls-fixed\.csv/ });
    await expect(done).toBeVisible();
    await expect(done.getByText('created', { exact: true }).locator('..')).toContainText('2');

    const listed = await (await request.get(`/api/v1/contacts?official=${a.slug}`)).json();
    expect(listed.total).toBe(2);
    // Markup and formulas are kept as the text they are, and shown as text.
    await page.goto(`/officials/${a.slug}`);
    await expect(page.getByText('<script>alert(1)</script> and =HYPERLINK("x")')).toBeVisible();

    // The same file again changes nothing, and says so; the page shows it on the next visit too.
    await page.goto('/imports');
    await choose(page, 'calls-fixed.csv', [HEADER, ...good].join('\n'));
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await expect(
      page.getByRole('region', { name: /calls-fixed\.csv was imported before: nothing changed/ }),
    ).toBeVisible();
    await page.reload();
    await expect(page.getByText('Your last import')).toBeVisible();
    await expect(page.getByRole('region', { name: /calls-fixed\.csv was imported before/ })).toBeVisible();
    await screenshot(page, 'import-last-report');
  });

  test('shows rows, rows per second and time left while a long file is checked', async ({ page, request }) => {
    const tag = uniqueTag();
    const a = await createOfficial(request, `Ingrid Holm ${tag}`, COUNTRY_A);
    const b = await createOfficial(request, `Aino Lahti ${tag}`, COUNTRY_B);
    const rows = Array.from(
      { length: 60_000 },
      (_, i) =>
        `long-${tag}-${i},2001-01-01,CALL,HELD,${a.slug},${COUNTRY_A},${b.slug},${COUNTRY_B},https://example.org/${tag}/${i},Row ${i}`,
    );
    await page.goto('/imports');
    await choose(page, 'long.csv', [HEADER, ...rows].join('\n'));
    await page.getByRole('button', { name: 'Dry run: check, write nothing' }).click();
    // The bar moves while the server reads the file: rows done and their rate, before the report.
    // The first rows arrive once the upload is read: seconds on a busy machine.
    await expect(page.getByTestId('import-progress')).toContainText(/[1-9][\d,]* rows\s+[\d,]+ rows\/s/, {
      timeout: 30_000,
    });
    await expect(page.getByRole('progressbar', { name: 'Dry run progress' })).toBeVisible();
    await expect(page.getByRole('region', { name: /Dry run of long\.csv/ })).toBeVisible({ timeout: 120_000 });
    await expect(page.getByTestId('import-progress')).toHaveCount(0);
  });

  test('refuses a file over the size limit before reading it, and may not create officials', async ({ page }) => {
    const big = path.join(tmpdir(), `counterpart-too-big-${uniqueTag()}.csv`);
    writeFileSync(big, '');
    truncateSync(big, 100 * 1024 * 1024 + 1);
    await page.goto('/imports');
    await page.getByLabel('CSV file of contacts').setInputFiles(big);
    await expect(page.getByText(/the page takes files up to 100 MB/)).toBeVisible();
    await expect(page.getByRole('checkbox', { name: /Create officials/ })).toBeDisabled();
  });
});

test('a viewer may not open the import page, and the API refuses imports without the right', async ({
  browser,
  request,
}) => {
  const viewer = await browser.newContext({ storageState: storageState('viewer') });
  const page = await viewer.newPage();
  const response = await page.goto('/imports');
  expect(response?.status()).toBe(403);
  await viewer.close();

  const query = `kind=contacts&id=${crypto.randomUUID()}&fileName=x.csv`;
  const asViewer = await request.post(`/api/imports?${query}`, { headers: bearer('viewer'), data: `${HEADER}\n` });
  expect(asViewer.status()).toBe(403);
  const officials = await request.post(`/api/imports?${query}&createOfficials=true`, {
    headers: bearer('researcher'),
    data: `${HEADER}\n`,
  });
  expect(officials.status()).toBe(403);
  expect((await officials.json()).error.message).toMatch(/Only admins may create officials/);
  // A researcher's token imports: here an empty file, which is no header at all.
  const empty = await request.post(`/api/imports?kind=contacts&id=${crypto.randomUUID()}&fileName=x.csv`, {
    headers: bearer('researcher'),
    data: 'not,a,header\n',
  });
  expect(empty.status()).toBe(400);
  expect((await empty.json()).error.message).toMatch(/not a header/);
});
