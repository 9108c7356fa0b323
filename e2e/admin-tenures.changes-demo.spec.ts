import { expect, test, type Locator, type Page } from '@playwright/test';
import { disconnectDb, getDb } from '../lib/db';
import { removeOfficialsBySlug } from './api-fixtures';
import { storageState } from './auth';
import { expectAccessible } from './axe';
import { addParticipant } from './participants';
import { screenshot } from './screenshots';

/*
 * The founding story's change of minister, done by an admin in the browser:
 * Shoigu's tenure at RU:MINDEF ends on 12 May 2024, Belousov's starts on 14
 * May, Austin calls Belousov on 12 July, and the office pair US:SECDEF–RU:MINDEF
 * is one series across both holders. It changes the demo data, so it runs
 * after every other spec (the changes-demo project) and puts it back.
 */

test.use({ storageState: storageState('admin') });
test.describe.configure({ mode: 'serial' });

const BELOUSOV = 'Andrei Belousov';
const made: { contactId?: string; belousov?: string } = {};

function position(page: Page, n: number): Locator {
  return page.getByRole('group', { name: new RegExp(`^Position ${n}\\b`) });
}

async function shoiguEnd(page: Page): Promise<string | null> {
  const shoigu = await (await page.request.get('/api/v1/officials/sergei-shoigu')).json();
  return shoigu.positions.find((p: { officeKey: string }) => p.officeKey === 'RU:MINDEF').endDate;
}

/** Saves Shoigu's RU:MINDEF end date (empty: current) on his admin page. */
async function setShoiguEnd(page: Page, end: string) {
  await page.goto('/admin/officials/sergei-shoigu');
  await position(page, 1)
    .getByLabel(/^End date/)
    .fill(end);
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved: version' })).toBeVisible();
}

// Whatever happened above, the demo data is put back: the call deleted, Belousov gone, Shoigu's end 12 May 2024.
test.afterAll(async ({ browser }) => {
  const context = await browser.newContext({ storageState: storageState('admin') });
  const page = await context.newPage();
  // Belousov goes with every contact he is in (the call to Austin included), by his recorded
  // address or, if the test stopped before reading it, by his name: the demo data has no Belousov.
  const named = await getDb().official.findMany({ where: { name: BELOUSOV }, select: { slug: true } });
  await removeOfficialsBySlug(page.request, [...(made.belousov ? [made.belousov] : []), ...named.map((o) => o.slug)]);
  expect(await getDb().official.count({ where: { name: BELOUSOV } })).toBe(0);
  if ((await shoiguEnd(page)) !== '2024-05-12') await setShoiguEnd(page, '2024-05-12');
  expect(await shoiguEnd(page)).toBe('2024-05-12');
  await context.close();
  await disconnectDb();
});

test('Shoigu hands RU:MINDEF to Belousov, and the office pair US:SECDEF–RU:MINDEF is one series across both', async ({
  page,
  browser,
}) => {
  test.setTimeout(90_000);

  // With Shoigu's tenure open, Belousov cannot take the office: the form names Shoigu.
  await setShoiguEnd(page, '');
  expect(await shoiguEnd(page)).toBeNull();

  const second = await browser.newContext({ storageState: storageState('admin') });
  const form = await second.newPage();
  await form.goto('/admin/officials/new');
  await form.getByLabel('Name', { exact: true }).fill(BELOUSOV);
  await form.getByLabel('Country').fill('RU');
  await form.getByLabel(/^Other spellings/).fill('Андрей Белоусов\nAndrey Belousov');
  await form.getByRole('button', { name: 'Add a position' }).click();
  const row = position(form, 1);
  await row.getByLabel('Office key').fill('RU:MINDEF');
  await row.getByLabel('Title').fill('Minister of Defence');
  await row.getByLabel(/^Organisation/).fill('Ministry of Defence of the Russian Federation');
  await row.getByLabel('Start date').fill('2024-05-14');
  await form.getByRole('button', { name: 'Add official' }).click();
  await expect(row.getByLabel('Start date')).toHaveAccessibleDescription(
    /RU:MINDEF is held by Sergei Shoigu from 6 Nov 2012 with no end; end that tenure first or start after it/,
  );
  await screenshot(form, 'tenure-refused-belousov');

  // The admin ends Shoigu's tenure on 12 May 2024 in another tab, then saves Belousov again: nothing was lost.
  await setShoiguEnd(page, '2024-05-12');
  await expect(page.getByRole('status').filter({ hasText: 'Saved: version' })).toBeVisible();
  expect(await shoiguEnd(page)).toBe('2024-05-12');
  await expect(form.getByLabel('Name', { exact: true })).toHaveValue(BELOUSOV);
  await form.getByRole('button', { name: 'Add official' }).click();
  await expect(form.getByRole('heading', { name: `${BELOUSOV} added` })).toBeFocused();
  await form.getByRole('link', { name: `Edit ${BELOUSOV}` }).click();
  await expect(form.getByRole('heading', { level: 1, name: BELOUSOV })).toBeVisible();
  made.belousov = new URL(form.url()).pathname.split('/').pop()!;
  await second.close();

  // The office's timeline: Shoigu, then Belousov.
  await page.goto('/offices/RU:MINDEF');
  const holders = page.getByRole('table', { name: 'Holders of RU:MINDEF' }).getByRole('row');
  await expect(holders.nth(1)).toContainText('Sergei Shoigu');
  await expect(holders.nth(1)).toContainText('12 May 2024');
  await expect(holders.nth(2)).toContainText(BELOUSOV);
  await expect(holders.nth(2)).toContainText('14 May 2024');
  await expect(holders.nth(2)).toContainText('present');
  await expectAccessible(page);
  await screenshot(page, 'office-ru-mindef-two-holders');

  // Austin calls Belousov on 12 July 2024, logged through the contact form.
  await page.goto('/contacts/new');
  await addParticipant(page, 'Austin', 'Lloyd Austin');
  await addParticipant(page, 'Белоусов', BELOUSOV);
  await page.getByLabel('Date', { exact: true }).fill('2024-07-12');
  await page.getByLabel(/^Summary/).fill('Austin and Belousov discussed the war in Ukraine.');
  await page.getByLabel('URL', { exact: true }).fill('https://www.defense.gov/News/Releases/Release/Article/3836941/');
  await page.getByLabel(/^Publisher/).fill('US Department of Defense');
  await page.getByRole('button', { name: 'Log contact' }).click();
  await expect(page.getByRole('heading', { name: 'Contact logged' })).toBeFocused();
  const edit = await page.getByRole('link', { name: 'Edit this contact' }).getAttribute('href');
  made.contactId = /^\/contacts\/([^/]+)\/edit$/.exec(edit!)![1];

  // One series across both holders: 84 days to the call of 13 May 2022, then 791 to Belousov's.
  await page.goto('/pairs/offices/US:SECDEF/RU:MINDEF');
  const table = page.getByRole('table', { name: /Every silence between held contacts/ });
  const toMay = table.getByRole('row').filter({ hasText: '18 Feb 2022' }).filter({ hasText: '13 May 2022' });
  await expect(toMay).toContainText('84');
  const toJuly = table.getByRole('row').filter({ hasText: '13 May 2022' }).filter({ hasText: '12 Jul 2024' });
  await expect(toJuly).toHaveCount(1);
  await expect(toJuly.getByRole('cell').nth(1)).toHaveText('791');
  await screenshot(page, 'office-pair-across-holders');

  const gaps = await (await page.request.get('/api/v1/gaps?officeA=US:SECDEF&officeB=RU:MINDEF')).json();
  expect(gaps.heldCount).toBe(3);
  expect(gaps.gaps.map((g: { from: string; to: string; days: number }) => [g.from, g.to, g.days])).toEqual([
    ['2022-02-18', '2022-05-13', 84],
    ['2022-05-13', '2024-07-12', 791],
  ]);

  // Put the demo data back, as an admin would: delete the call, then Belousov (no contacts left).
  await page.goto(`/contacts/${made.contactId}/edit`);
  await page.getByRole('button', { name: 'Delete contact' }).click();
  await page.getByRole('button', { name: 'Yes, delete it' }).click();
  await expect(page.getByRole('heading', { name: 'Contact deleted' })).toBeVisible();
  made.contactId = undefined;
  await page.goto(`/admin/officials/${made.belousov}`);
  await page.getByRole('button', { name: `Delete ${BELOUSOV}` }).click();
  await page.getByRole('button', { name: 'Yes, delete' }).click();
  await expect(page.getByRole('heading', { name: `${BELOUSOV} deleted` })).toBeFocused();
  made.belousov = undefined;

  const after = await (await page.request.get('/api/v1/gaps?officeA=US:SECDEF&officeB=RU:MINDEF')).json();
  expect(after.heldCount).toBe(2);
  expect(await shoiguEnd(page)).toBe('2024-05-12');
});
