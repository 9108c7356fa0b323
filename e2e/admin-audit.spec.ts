import { readFile } from 'node:fs/promises';
import Papa from 'papaparse';
import { account, bearer, storageState, type AccountName } from './auth';
import { expectAccessible } from './axe';
import { expect, test, uniqueTag, type WriteApi } from './api-fixtures';
import { screenshot } from './screenshots';

/*
 * The audit log viewer: filters that narrow the list and live in the URL,
 * changes told in words, the CSV export of the current filters, and the
 * refusal of anyone but an admin. Each test changes a fixture official of
 * Sweden of its own; nothing in the demo data changes.
 */

test.use({ storageState: storageState('admin') });

/** A Swedish fixture official, created and then edited through the API: two audit entries. */
async function editedOfficial(api: WriteApi) {
  const tag = uniqueTag();
  const official = await api.official({ name: `Audittest ${tag}`, country: 'SE' });
  const response = await api.request.patch(`/api/v1/officials/${official.slug}`, {
    headers: bearer('admin'),
    data: { version: official.version, bio: `Minister, edited ${tag}.`, otherNames: [`Audit Spelling ${tag}`] },
  });
  expect(response.status(), await response.text()).toBe(200);
  return { tag, official };
}

test('filters narrow the list and live in the URL; each change reads in words', async ({ page, api }) => {
  const { tag, official } = await editedOfficial(api);
  const admin = account('admin');

  await page.goto('/admin/audit');
  await expect(page.getByRole('heading', { name: 'Audit log', level: 1 })).toBeVisible();
  const filters = page.getByRole('form', { name: 'Filters' });
  await filters.getByLabel('Entity type').selectOption('official');
  await filters.getByLabel('Entity id').fill(official.id);
  await filters.getByRole('button', { name: 'Apply filters' }).click();
  await expect(page).toHaveURL(new RegExp(`entityType=official&entityId=${official.id}`));

  const entries = page.locator('li[id^="entry-"]');
  await expect(entries).toHaveCount(2);
  const update = entries.first();
  await expect(update).toContainText(`${admin.name} (${admin.email})`);
  await expect(update).toContainText('via API');
  await expect(update.getByRole('link', { name: official.name })).toHaveAttribute(
    'href',
    `/officials/${official.slug}`,
  );
  const changes = update.getByRole('list', { name: 'Changes' });
  await expect(changes).toContainText(`Bio: (none) → ‘Minister, edited ${tag}.’`);
  await expect(changes.getByRole('listitem').filter({ hasText: 'Other spellings' })).toContainText(
    `added Audit Spelling ${tag}`,
  );
  await expect(entries.nth(1)).toContainText(`Name: ‘Audittest ${tag}’`);
  await expect(entries.nth(1)).toContainText('Country: SE');
  const madeOn = (await entries.nth(1).locator('time').getAttribute('datetime'))?.slice(0, 10);
  expect(madeOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  await expect(update.locator('time')).toHaveText(/^\d{1,2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2} UTC$/);

  // One more filter, from the URL alone: the action.
  await filters.getByLabel('Action').selectOption('update');
  await filters.getByRole('button', { name: 'Apply filters' }).click();
  await expect(page).toHaveURL(/action=update/);
  await expect(entries).toHaveCount(1);
  await expect(filters.getByLabel('Entity id')).toHaveValue(official.id);

  // By user and date: the admin's entries from the day the official was made (as its entry
  // says, in UTC; the edit may fall on the next day) include both; none before 2001.
  await page.goto(
    `/admin/audit?user=${encodeURIComponent(await adminId(page))}&from=${madeOn!}&entityId=${official.id}`,
  );
  await expect(entries).toHaveCount(2);
  await page.goto(`/admin/audit?to=2000-12-31&entityId=${official.id}`);
  await expect(page.getByText('No entry matches these filters.')).toBeVisible();

  await page.goto(`/admin/audit?entityType=official&entityId=${official.id}`);
  await expectAccessible(page);
  await screenshot(page, 'admin-audit');
  await page.setViewportSize({ width: 360, height: 800 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await screenshot(page, 'admin-audit-360');
});

/** The admin's user id, as the user filter lists it. */
async function adminId(page: import('@playwright/test').Page): Promise<string> {
  const { email } = account('admin');
  const option = page.getByLabel('User', { exact: true }).locator('option', { hasText: `(${email})` });
  const value = await option.getAttribute('value');
  expect(value).toBeTruthy();
  return value!;
}

test('refused filters say why, next to the field, and list nothing', async ({ page }) => {
  await page.goto('/admin/audit?from=2022-13-40&to=2022-01-01&action=drop%20table');
  await expect(page.getByRole('alert').filter({ hasText: 'filters' })).toContainText('Some filters could not be used');
  await expect(page.getByLabel('From', { exact: true })).toHaveAttribute('aria-invalid', 'true');
  // Each message sits under its field and is read out with it.
  await expect(page.getByLabel('From', { exact: true })).toHaveAccessibleDescription(/Enter a real date as YYYY-MM-DD/);
  await expect(page.getByLabel('Action', { exact: true })).toHaveAccessibleDescription(
    /Choose an action from the list/,
  );
  await expect(page.getByRole('link', { name: 'Download these entries as CSV' })).toHaveCount(0);
});

test('the CSV export downloads the filtered entries with the changes in words and both snapshots', async ({
  page,
  api,
}) => {
  const { tag, official } = await editedOfficial(api);
  await page.goto(`/admin/audit?entityType=official&entityId=${official.id}`);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Download these entries as CSV' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^counterpart-audit-official-\d{8}\.csv$/);
  const csv = await readFile((await download.path())!, 'utf8');
  const lines = csv.split('\r\n');
  expect(lines[0]).toBe('# Counterpart audit log export');
  expect(lines[1]).toMatch(/^# exported_at: \d{4}-\d{2}-\d{2}T/);
  expect(lines[2]).toBe(`# filters: entityType=official&entityId=${official.id}`);
  const { data } = Papa.parse<Record<string, string>>(csv, { header: true, comments: '#', skipEmptyLines: true });
  expect(data.map((row) => [row.action, row.entity_type, row.entity_id, row.via])).toEqual([
    ['update', 'official', official.id, 'API'],
    ['create', 'official', official.id, 'API'],
  ]);
  expect(data[0].email).toBe(account('admin').email);
  expect(data[0].changes).toContain(`Bio: (none) → ‘Minister, edited ${tag}.’`);
  expect(JSON.parse(data[0].after).bio).toBe(`Minister, edited ${tag}.`);
  expect(JSON.parse(data[0].before).bio).toBeNull();
});

for (const name of ['viewer', 'researcher'] as AccountName[]) {
  test(`a ${name} gets 403 from the audit log and its export`, async ({ browser }) => {
    const context = await browser.newContext({ storageState: storageState(name) });
    const page = await context.newPage();
    expect((await page.goto('/admin/audit'))?.status()).toBe(403);
    const response = await page.request.get('/admin/audit/export');
    expect(response.status()).toBe(403);
    expect((await response.json()).error.code).toBe('FORBIDDEN');
    await context.close();
  });
}

test('a visitor is sent to sign in, and the export answers 401', async ({ browser }) => {
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  await page.goto('/admin/audit?action=merge');
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fadmin%2Faudit%3Faction%3Dmerge/);
  const response = await page.request.get('/admin/audit/export');
  expect(response.status()).toBe(401);
  expect((await response.json()).error.code).toBe('UNAUTHENTICATED');
  await context.close();
});
