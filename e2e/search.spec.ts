import { readFile } from 'node:fs/promises';
import Papa from 'papaparse';
import { COUNTRY_A, COUNTRY_B, expect, test, uniqueTag, type WriteApi } from './api-fixtures';
import { expectAccessible } from './axe';
import { screenshot } from './screenshots';

/**
 * Two officials of this test's own (a unique name) and five contacts between
 * them, two refused and two in May 2022: the counts below are of these alone,
 * whatever else the database holds. The fixture deletes them all afterwards.
 */
async function searchFixture(api: WriteApi) {
  const name = `Searchtest ${uniqueTag()}`;
  const a = await api.official({ name: `${name} Nordmann`, country: COUNTRY_A });
  const b = await api.official({ name: `${name} Virtanen`, country: COUNTRY_B });
  for (const [date, status] of [
    ['2022-03-24', 'REFUSED'],
    ['2022-04-11', 'HELD'],
    ['2022-05-13', 'HELD'],
    ['2022-05-20', 'HELD'],
    ['2022-06-01', 'REFUSED'],
  ]) {
    await api.contact(a, b, { date, status, initiator: a.slug, summary: `${status} on ${date}.` });
  }
  return { q: encodeURIComponent(name) };
}

test.describe('search and filters', () => {
  for (const spelling of ['Шойгу', 'Shoygu', 'shoigu']) {
    test(`finds Sergei Shoigu by “${spelling}”`, async ({ page }) => {
      await page.goto('/');
      await page.getByRole('searchbox', { name: 'Search officials and contacts' }).fill(spelling);
      await page.keyboard.press('Enter');
      await expect(page).toHaveURL(/\/search\?q=/);
      const officials = page.getByRole('region', { name: /Officials/ });
      await expect(officials.getByRole('link', { name: 'Sergei Shoigu' })).toBeVisible();
      // The contacts with him are listed too.
      await expect(page.getByRole('region', { name: /Contacts/ })).toContainText('13 May 2022');
    });
  }

  test('applies filters, keeps them in a permalink that survives a reload and the back button', async ({
    page,
    api,
  }) => {
    const { q } = await searchFixture(api);
    await page.goto(`/search?q=${q}`);
    await expect(page.getByRole('heading', { name: /Contacts \(5\)/ })).toBeVisible();
    await page.getByRole('checkbox', { name: 'refused' }).check();
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await expect(page).toHaveURL(/status=REFUSED/);
    await expect(page.getByRole('heading', { name: /Contacts \(2\)/ })).toBeVisible();
    await page.reload();
    await expect(page.getByRole('heading', { name: /Contacts \(2\)/ })).toBeVisible();
    await expect(page.getByRole('checkbox', { name: 'refused' })).toBeChecked();
    await page.goBack();
    await expect(page.getByRole('heading', { name: /Contacts \(5\)/ })).toBeVisible();
    await screenshot(page, 'search');
    await expectAccessible(page);
  });

  test('narrows by date range and explains a range that ends before it starts', async ({ page, api }) => {
    const { q } = await searchFixture(api);
    await page.goto(`/search?q=${q}&from=2022-05-01&to=2022-05-31`);
    await expect(page.getByRole('heading', { name: /Contacts \(2\)/ })).toBeVisible();
    await page.goto('/search?from=2022-06-01&to=2022-05-01');
    await expect(page.getByText('The end of the date range is before its start')).toBeVisible();
    await page.goto(`/search?q=${q}&from=2022-06-02`);
    await expect(page.getByText(/No contact matches these filters/)).toBeVisible();
  });
});

test('downloads the filtered list as CSV with the same contacts the page shows', async ({ page, api }) => {
  const { q } = await searchFixture(api);
  await page.goto(`/search?q=${q}&status=REFUSED&country=${COUNTRY_B}`);
  await expect(page.getByRole('heading', { name: /Contacts \(2\)/ })).toBeVisible();
  const shownDates = await page
    .getByRole('region', { name: /Contacts/ })
    .locator('time')
    .allTextContents();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'CSV' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^counterpart-.*\.csv$/);
  const text = await readFile(await download.path(), 'utf8');
  // The filters and the export time are stated inside the file.
  expect(text).toMatch(/^# .*status.*REFUSED/m);
  expect(text).toMatch(/^# .*exported.*\d{4}-\d{2}-\d{2}T/im);
  const rows = Papa.parse<Record<string, string>>(
    text
      .split('\n')
      .filter((line) => !line.startsWith('#'))
      .join('\n'),
    {
      header: true,
      skipEmptyLines: true,
    },
  ).data;
  expect(rows).toHaveLength(2);
  expect(rows.map((r) => r.status)).toEqual(['REFUSED', 'REFUSED']);
  expect(rows.map((r) => r.date)).toEqual(['2022-06-01', '2022-03-24']);
  expect(shownDates).toEqual(['1 Jun 2022', '24 Mar 2022']);
});

test.describe('official page', () => {
  test('shows the profile, other spellings, positions and each counterpart’s silence', async ({ page }) => {
    await page.goto('/officials/sergei-shoigu');
    await expect(page).toHaveTitle(/Sergei Shoigu/);
    await expect(page.getByRole('heading', { level: 1, name: 'Sergei Shoigu' })).toBeVisible();
    await expect(page.getByText(/Also written.*Шойгу/)).toBeVisible();
    await expect(page.getByText('6 Nov 2012 – 12 May 2024')).toBeVisible();
    const counterpart = page.getByRole('link', { name: /Sergei Shoigu — Lloyd Austin/ });
    await expect(counterpart).toHaveAttribute('href', '/pairs/officials/sergei-shoigu/lloyd-austin');
    await screenshot(page, 'official');
    await expectAccessible(page);
  });

  test('answers an unknown official with a 404 page', async ({ page }) => {
    const response = await page.goto('/officials/no-such-person');
    expect(response?.status()).toBe(404);
    await expect(page.getByRole('heading', { name: 'Not found' })).toBeVisible();
  });
});
