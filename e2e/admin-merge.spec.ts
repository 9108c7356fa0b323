import type { Page } from '@playwright/test';
import { storageState } from './auth';
import { expectAccessible } from './axe';
import { expect, test, uniqueTag, type Official, type WriteApi } from './api-fixtures';
import { screenshot } from './screenshots';

/*
 * Merging duplicate officials, in the browser, and undoing it from the audit
 * log. The officials are fixtures of Norway and Finland with unique names;
 * their contacts are deleted when the test ends, so the demo data other
 * specs read is untouched.
 */

test.use({ storageState: storageState('admin') });

/**
 * One Norwegian minister entered twice ("kept" with a tenure, "duplicate"
 * with a spelling of its own), each with calls to the same Finnish
 * counterpart, and one call in which both take part.
 */
async function duplicates(api: WriteApi) {
  const tag = uniqueTag();
  const counterpart = await api.official({ name: `Mergetest Finn ${tag}`, country: 'FI' });
  const kept = await api.official({
    name: `Mergetest Kept ${tag}`,
    country: 'NO',
    positions: [{ title: 'Minister of Defence', officeKey: `NO:MRG${tag}`, startDate: '2020-01-01' }],
  });
  const duplicate = await api.official({
    name: `Mergetest Dup ${tag}`,
    country: 'NO',
    otherNames: [`Dupspelling ${tag}`],
  });
  const contacts = [
    await api.contact(kept, counterpart, { date: '2022-01-10' }),
    await api.contact(duplicate, counterpart, { date: '2022-03-01' }),
    await api.contact(duplicate, counterpart, {
      date: '2022-04-01',
      participants: [duplicate.slug, kept.slug, counterpart.slug],
    }),
    await api.contact(duplicate, counterpart, { date: '2022-05-13' }),
  ];
  const ids = contacts.map((c) => c.id);
  return {
    tag,
    counterpart,
    kept,
    duplicate,
    contactIds: [...ids].sort(),
    keptIds: [ids[0], ids[2]].sort(),
    duplicateIds: ids.slice(1).sort(),
  };
}

async function contactIdsOf(api: WriteApi, official: Official): Promise<string[]> {
  const response = await api.request.get(`/api/v1/contacts?official=${official.id}&pageSize=100`);
  expect(response.status()).toBe(200);
  const { items } = (await response.json()) as { items: { id: string }[] };
  return items.map((c) => c.id).sort();
}

async function gaps(api: WriteApi, a: Official, b: Official) {
  const response = await api.request.get(`/api/v1/gaps?a=${a.slug}&b=${b.slug}`);
  expect(response.status(), await response.text()).toBe(200);
  return (await response.json()) as { heldCount: number; gaps: { from: string; to: string; days: number }[] };
}

/** Picks an official in one of the merge page's type-ahead fields by typing a spelling. */
async function pick(page: Page, label: string, typed: string, name: string) {
  const box = page.getByRole('combobox', { name: label });
  await box.fill(typed);
  await page.getByRole('option', { name: new RegExp(name) }).click();
  await expect(box).toHaveValue(name);
}

test('merging two duplicates keeps every contact, redirects the old address and makes one series; undo puts it back', async ({
  page,
  api,
}) => {
  const { tag, counterpart, kept, duplicate, contactIds, keptIds, duplicateIds } = await duplicates(api);

  // Before: two pairs with the Finnish counterpart, two series.
  expect(await contactIdsOf(api, duplicate)).toEqual(duplicateIds);
  expect((await gaps(api, kept, counterpart)).heldCount).toBe(2);
  expect((await gaps(api, duplicate, counterpart)).heldCount).toBe(3);

  await page.goto('/admin/merge');
  await expect(page.getByRole('heading', { name: 'Merge two officials' })).toBeVisible();
  // Found by its other spelling.
  await pick(page, 'Duplicate', `Dupspelling ${tag}`, duplicate.name);
  await pick(page, 'Official to keep', `mergetest kept ${tag}`, kept.name);
  await page.getByRole('button', { name: 'Preview the merge' }).click();
  await expect(page).toHaveURL(new RegExp(`duplicate=${duplicate.slug}&keep=${kept.slug}`));

  // The preview: both side by side, and exactly what will happen.
  await expect(page.getByRole('region', { name: duplicate.name })).toContainText(`Dupspelling ${tag}`);
  await expect(page.getByRole('region', { name: kept.name })).toContainText('Minister of Defence');
  const effects = page.getByRole('region', { name: 'What will happen' });
  await expect(effects).toContainText(
    `3 contacts, 0 positions and 2 spellings move to ${kept.name}; ${duplicate.name}’s address will redirect.`,
  );
  await expect(effects).toContainText(`1 contact list both; each will list ${kept.name} once.`);
  await expectAccessible(page);
  await screenshot(page, 'admin-merge-preview');
  await page.setViewportSize({ width: 360, height: 800 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await screenshot(page, 'admin-merge-preview-360');
  await page.setViewportSize({ width: 1280, height: 800 });

  // A confirm step, then the merge.
  await page.getByRole('button', { name: `Merge ${duplicate.name} into ${kept.name}…` }).click();
  await page.getByRole('button', { name: 'Yes, merge them' }).click();
  await expect(page.getByRole('heading', { name: `Merged into ${kept.name}` })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Merged.' })).toContainText(
    `Merged. 3 contacts, 0 positions and 2 spellings moved to ${kept.name}`,
  );
  // The preview no longer describes what is to come: it gives way to the outcome.
  await expect(page.getByRole('region', { name: 'What will happen' })).toHaveCount(0);
  await screenshot(page, 'admin-merge-done');

  // Every contact is still there, now the kept official's.
  expect(await contactIdsOf(api, kept)).toEqual(contactIds);

  // The old address redirects, permanently.
  const old = await api.request.get(`/officials/${duplicate.slug}`, { maxRedirects: 0 });
  expect(old.status()).toBe(308);
  expect(old.headers().location).toContain(`/officials/${kept.slug}`);
  await page.goto(`/officials/${duplicate.slug}`);
  await expect(page).toHaveURL(new RegExp(`/officials/${kept.slug}$`));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(kept.name);
  await expect(page.getByText(`Also written Dupspelling ${tag}, Mergetest Dup ${tag}`)).toBeVisible();

  // Any spelling of the duplicate finds the official kept.
  const found = await (await api.request.get(`/api/v1/officials?q=${encodeURIComponent(`Dupspelling ${tag}`)}`)).json();
  expect(found.items.map((o: Official) => o.slug)).toEqual([kept.slug]);

  // One series with the counterpart: every held contact, the gaps between them.
  const series = await gaps(api, kept, counterpart);
  expect(series.heldCount).toBe(4);
  expect(series.gaps.map((g) => g.days)).toEqual([50, 31, 42]);
  await page.goto(`/pairs/officials/${duplicate.slug}/${counterpart.slug}`);
  await expect(page).toHaveURL(new RegExp(`/pairs/officials/${kept.slug}/${counterpart.slug}$`));
  await expect(page.locator('dt', { hasText: 'Held contacts' }).locator('+ dd')).toContainText('4');

  // Undo from the audit log.
  await page.goto(`/admin/audit?entityType=official&entityId=${kept.id}&action=merge`);
  const entry = page.getByRole('listitem').filter({ hasText: `Merged ${duplicate.name} into ${kept.name}` });
  await expect(entry).toContainText('Contacts moved: 3 (1 shared by both)');
  await entry.getByRole('button', { name: 'Undo merge…' }).click();
  await entry.getByRole('button', { name: 'Yes, undo the merge' }).click();
  await expect(entry.getByRole('status')).toContainText(`Merge undone: ${duplicate.name} is their own official again`);
  await screenshot(page, 'admin-audit-merge-undone');

  expect(await contactIdsOf(api, duplicate)).toEqual(duplicateIds);
  expect(await contactIdsOf(api, kept)).toEqual(keptIds);
  const back = await api.request.get(`/officials/${duplicate.slug}`, { maxRedirects: 0 });
  expect(back.status()).toBe(200);
  expect((await gaps(api, duplicate, counterpart)).heldCount).toBe(3);
  expect((await gaps(api, kept, counterpart)).heldCount).toBe(2);
  const again = await (await api.request.get(`/api/v1/officials?q=${encodeURIComponent(`Dupspelling ${tag}`)}`)).json();
  expect(again.items.map((o: Official) => o.slug)).toEqual([duplicate.slug]);

  // The log now has the undo, and the merge says it was undone.
  await page.goto(`/admin/audit?entityType=official&entityId=${kept.id}`);
  await expect(page.getByRole('listitem').filter({ hasText: 'Undid the merge of' }).first()).toBeVisible();
  await expect(page.getByText(/^Undone on /)).toBeVisible();
});

test('the merge page refuses officials of two countries, and names what is missing', async ({ page, api }) => {
  const tag = uniqueTag();
  const norwegian = await api.official({ name: `Mergetest Norse ${tag}`, country: 'NO' });
  const finn = await api.official({ name: `Mergetest Finnish ${tag}`, country: 'FI' });
  await page.goto(`/admin/merge?duplicate=${norwegian.slug}&keep=${finn.slug}`);
  await expect(page.getByRole('alert').filter({ hasText: 'countries' })).toContainText('are of different countries');
  await expect(page.getByRole('button', { name: /^Merge / })).toHaveCount(0);

  await page.goto('/admin/merge?duplicate=&keep=');
  await expect(page.getByText('Choose the duplicate: type a name, then pick from the list.')).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Duplicate' })).toHaveAttribute('aria-invalid', 'true');
});

test('a researcher cannot reach the merge page', async ({ browser }) => {
  const context = await browser.newContext({ storageState: storageState('researcher') });
  const response = await (await context.newPage()).goto('/admin/merge');
  expect(response?.status()).toBe(403);
  await context.close();
});
