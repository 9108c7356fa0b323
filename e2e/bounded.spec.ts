import Papa from 'papaparse';
import { COUNTRY_A, COUNTRY_B, expect, test } from './api-fixtures';
import path from 'node:path';
import type { Page } from '@playwright/test';

/*
 * No anonymous request renders or loads a whole history at once: the pair
 * timeline and the dashboard's list of pairs come in pages, and a contact
 * export is streamed in batches, however long the record.
 */

/** A screenshot of the viewport around a part of the page (a whole long timeline is too tall to look at). */
async function viewAround(page: Page, part: ReturnType<Page['getByRole']>, name: string) {
  await part.scrollIntoViewIfNeeded();
  const dir = path.join(process.env.TEST_RESULTS_DIR || 'test-results', 'screenshots');
  await page.screenshot({ path: path.join(dir, `${name}.png`) });
}

const DAY = 86_400_000;
/** The i-th date of a long record: one contact a week from 4 January 2010. */
const weekly = (i: number) => new Date(Date.UTC(2010, 0, 4) + i * 7 * DAY).toISOString().slice(0, 10);
const longDate = (iso: string) =>
  new Date(`${iso}T00:00:00Z`).toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  });

test('a long pair timeline comes in pages of 150, latest first, with links to older and newer contacts', async ({
  api,
  page,
}) => {
  test.setTimeout(240_000);
  const [a, b] = await api.pair();
  const count = 160;
  for (let i = 0; i < count; i += 1)
    await api.contact(a, b, { date: weekly(i), summary: `Weekly call number ${i + 1}` });

  const timeline = page.getByRole('region', { name: 'Every contact, with its sources' });
  const entries = timeline.locator('li[id^="contact-"]');
  await page.goto(`/pairs/officials/${a.slug}/${b.slug}`);
  await expect(timeline.getByText(`Contacts 11–160 of 160, the latest.`)).toBeVisible();
  await expect(entries).toHaveCount(150);
  await expect(timeline.getByText('Weekly call number 160', { exact: true })).toBeVisible();
  await expect(timeline.getByText('Weekly call number 10', { exact: true })).toHaveCount(0);
  await expect(timeline.getByText(/and counting since the last held contact/)).toBeVisible();
  const pages = page.getByRole('navigation', { name: 'Timeline pages' });
  await expect(pages.getByText('The first recorded contact')).toHaveCount(0);
  await viewAround(page, pages, 'pair-timeline-latest');

  await pages.getByRole('link', { name: '← Older contacts (10)' }).click();
  await expect(page).toHaveURL(/\?before=\d{4}-\d{2}-\d{2}~/);
  await expect(timeline.getByText('Contacts 1–10 of 160.')).toBeVisible();
  await expect(entries).toHaveCount(10);
  await expect(entries.first()).toContainText(longDate(weekly(0)));
  await expect(entries.last()).toContainText('Weekly call number 10');
  // The running silence belongs to the latest page only.
  await expect(timeline.getByText(/and counting since the last held contact/)).toHaveCount(0);
  await expect(pages.getByText('The first recorded contact')).toBeVisible();
  await viewAround(page, pages, 'pair-timeline-oldest');
  await page.setViewportSize({ width: 380, height: 800 });
  await viewAround(page, pages, 'pair-timeline-oldest-phone');
  await page.setViewportSize({ width: 1280, height: 720 });

  await pages.getByRole('link', { name: 'Newer contacts (150) →' }).click();
  await expect(timeline.getByText(`Contacts 11–160 of 160, the latest.`)).toBeVisible();
  expect(new URL(page.url()).search).toBe('');

  // The old way to ask for everything now shows the latest page, like any unknown value.
  for (const query of ['?timeline=all', '?before=all', '?before=2999-01-01~zzz']) {
    await page.goto(`/pairs/officials/${a.slug}/${b.slug}${query}`);
    await expect(entries).toHaveCount(150);
  }
});

test('the dashboard lists pairs 25 at a time, with links to the next and previous pages', async ({ api, page }) => {
  test.setTimeout(120_000);
  // One meeting of six officials of one country and five of another forms 30 pairs.
  const sideA = [];
  const sideB = [];
  for (let i = 0; i < 6; i += 1) sideA.push(await api.official({ country: COUNTRY_A }));
  for (let i = 0; i < 5; i += 1) sideB.push(await api.official({ country: COUNTRY_B }));
  await api.contact(sideA[0], sideB[0], {
    type: 'MEETING',
    participants: [...sideA, ...sideB].map((o) => o.slug),
  });

  const list = page.getByRole('region', { name: /Running silences between officials/ });
  const rows = list.getByRole('list').first().getByRole('listitem');
  const pager = page.getByRole('navigation', { name: 'Pages of pairs' });
  await page.goto(`/?level=officials&country=${COUNTRY_A}`);
  await expect(rows).toHaveCount(25);
  await expect(pager.getByText('Pairs 1–25 of 30')).toBeVisible();
  await expect(pager.getByRole('link', { name: '← Longer silences' })).toHaveCount(0);
  await viewAround(page, pager, 'dashboard-pairs-page-1');

  await pager.getByRole('link', { name: 'Shorter silences →' }).click();
  await expect(page).toHaveURL(/[?&]page=2/);
  await expect(pager.getByText('Pairs 26–30 of 30')).toBeVisible();
  await expect(rows).toHaveCount(5);
  await expect(pager.getByRole('link', { name: 'Shorter silences →' })).toHaveCount(0);
  await viewAround(page, pager, 'dashboard-pairs-page-2');
  await page.emulateMedia({ colorScheme: 'dark' });
  await viewAround(page, pager, 'dashboard-pairs-page-2-dark');
  await page.emulateMedia({ colorScheme: 'light' });

  await pager.getByRole('link', { name: '← Longer silences' }).click();
  await expect(pager.getByText('Pairs 1–25 of 30')).toBeVisible();

  // Past the end shows the last page; the old ?all=1 shows the first, not every pair.
  await page.goto(`/?level=officials&country=${COUNTRY_A}&page=99`);
  await expect(pager.getByText('Pairs 26–30 of 30')).toBeVisible();
  await page.goto(`/?level=officials&country=${COUNTRY_A}&all=1`);
  await expect(rows).toHaveCount(25);
});

test('a contact export streams every matching contact, newest first, stamped with its filters', async ({ api }) => {
  test.setTimeout(120_000);
  const [a, b] = await api.pair();
  const count = 40;
  for (let i = 0; i < count; i += 1) await api.contact(a, b, { date: weekly(i) });

  const csvResponse = await api.request.get(`/api/v1/contacts/export?format=csv&official=${a.slug}`);
  expect(csvResponse.status()).toBe(200);
  expect(csvResponse.headers()['content-type']).toBe('text/csv; charset=utf-8');
  const csv = await csvResponse.text();
  expect(csv).toMatch(/^# Counterpart contacts export\r\n# exported_at: \d{4}-\d{2}-\d{2}T/);
  expect(csv).toContain(`# filters: official=${a.slug}\r\n# total: ${count}\r\n`);
  const rows = Papa.parse<Record<string, string>>(csv, { header: true, comments: '#', skipEmptyLines: true }).data;
  const dates = rows.map((row) => row.date);
  expect(dates).toEqual(Array.from({ length: count }, (_, i) => weekly(count - 1 - i)));

  const json = await (await api.request.get(`/api/v1/contacts/export?format=json&official=${a.slug}`)).json();
  expect(json.meta).toMatchObject({ kind: 'contacts', total: count, filters: { official: a.slug } });
  expect(json.items.map((c: { date: string }) => c.date)).toEqual(dates);
});
