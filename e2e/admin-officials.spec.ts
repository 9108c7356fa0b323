import { randomBytes } from 'node:crypto';
import { expect, test, type APIRequestContext, type Locator, type Page } from '@playwright/test';
import { disconnectDb } from '../lib/db';
import { expectDocumented, removeOfficialsBySlug } from './api-fixtures';
import { bearer, storageState } from './auth';
import { expectAccessible } from './axe';
import { screenshot } from './screenshots';

/*
 * The admin's official profiles and tenures, in the browser. Every official
 * here is a fixture of a country the demo data does not use (NO, FI), with a
 * unique name and office key; what a test makes, it deletes.
 */

test.use({ storageState: storageState('admin') });

type Official = { id: string; slug: string; version: number; name: string; country: string };

const tag = () => randomBytes(3).toString('hex').toUpperCase();

/** A tiny but real PNG (1×1, grey). */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4nGNoAAAAggCB3bqsmgAAAABJRU5ErkJggg==',
  'base64',
);

const made: Official[] = [];

async function createOfficial(request: APIRequestContext, body: Record<string, unknown>): Promise<Official> {
  const response = await request.post('/api/v1/officials', { headers: bearer('admin'), data: body });
  expect(response.status(), await response.text()).toBe(201);
  const official = (await response.json()) as Official;
  made.push(official);
  return official;
}

// Whatever a test made goes when it ends, contacts first, whether or not the page
// would still offer to delete it; the clean-up fails rather than skip an official.
test.afterEach(async ({ request }) => {
  await removeOfficialsBySlug(
    request,
    made.splice(0).map((o) => o.slug),
  );
});

test.afterAll(async () => {
  await disconnectDb();
});

function position(page: Page, n: number): Locator {
  return page.getByRole('group', { name: new RegExp(`^Position ${n}\\b`) });
}

/** Presses Tab until the locator has the focus. */
async function tabTo(page: Page, target: Locator, limit = 80) {
  for (let i = 0; i < limit; i += 1) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error('Tab never reached the element');
}

async function fillPosition(
  row: Locator,
  p: { officeKey: string; title: string; organisation?: string; startDate: string; endDate?: string },
) {
  await row.getByLabel('Office key').fill(p.officeKey);
  await row.getByLabel('Title').fill(p.title);
  if (p.organisation) await row.getByLabel(/^Organisation/).fill(p.organisation);
  await row.getByLabel('Start date').fill(p.startDate);
  if (p.endDate) await row.getByLabel(/^End date/).fill(p.endDate);
}

test('an admin adds an official with spellings, an uploaded photo and a position, by keyboard where it counts', async ({
  page,
}) => {
  // Many steps, each waiting for its condition: beside a benchmark it took 33 s, past the default 30.
  test.setTimeout(90_000);
  const t = tag();
  const name = `Ingrid Haldorsen ${t}`;
  const officeKey = `NO:DEFMIN_${t}`;

  await page.goto('/admin/officials');
  await expect(page).toHaveTitle('Officials · Admin · Counterpart');
  await page.getByRole('link', { name: 'New official' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'New official' })).toBeVisible();
  await expectAccessible(page);

  await page.getByLabel('Name', { exact: true }).fill(name);
  await page.getByLabel('Country').fill('no');
  await page.getByLabel(/^Other spellings/).fill(`Ингрид Хальдорсен ${t}\nI. Haldorsen ${t}`);
  await page.getByLabel(/^Short bio/).fill('Norwegian minister of defence (a test fixture).');
  await page.getByLabel(/^Links/).fill('https://www.regjeringen.no/en/dep/fd/');
  await page.getByLabel('Upload a file').check();
  await page.getByLabel('Image file').setInputFiles({ name: 'portrait.png', mimeType: 'image/png', buffer: PNG });

  // The positions editor works from the keyboard: add a row, land in it; remove it, land back on "Add".
  const add = page.getByRole('button', { name: 'Add a position' });
  await tabTo(page, add);
  await page.keyboard.press('Enter');
  await expect(position(page, 1).getByLabel('Office key')).toBeFocused();
  await page.keyboard.type(officeKey);
  await add.focus();
  await page.keyboard.press('Enter');
  await expect(position(page, 2).getByLabel('Office key')).toBeFocused();
  await tabTo(page, position(page, 2).getByRole('button', { name: 'Remove position 2' }));
  await page.keyboard.press('Enter');
  await expect(position(page, 2)).toHaveCount(0);
  await expect(position(page, 1).getByLabel('Office key')).toBeFocused();
  await fillPosition(position(page, 1), {
    officeKey,
    title: 'Minister of Defence',
    organisation: 'Ministry of Defence',
    startDate: '2024-04-08',
  });
  await screenshot(page, 'admin-official-new');
  await page.getByRole('button', { name: 'Add official' }).click();

  await expect(page.getByRole('heading', { name: `${name} added` })).toBeFocused();
  await page.getByRole('link', { name: `Edit ${name}` }).click();
  await expect(page).toHaveURL(/\/admin\/officials\/ingrid-haldorsen-/);
  const slug = new URL(page.url()).pathname.split('/').pop()!;
  made.push({ id: '', slug, version: 1, name, country: 'NO' });
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  await expect(page.getByLabel(/^Other spellings/)).toHaveValue(`I. Haldorsen ${t}\nИнгрид Хальдорсен ${t}`);
  await expect(position(page, 1).getByLabel('Office key')).toHaveValue(officeKey);
  await expect(page.getByRole('img', { name: `Current photo of ${name}` })).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, 'admin-official-edit');

  // The admin list finds it by another spelling, with its photo, office and contacts.
  await page.goto(`/admin/officials?q=${encodeURIComponent(`хальдорсен ${t}`)}`);
  const list = page.getByRole('list', { name: 'Officials' });
  await expect(list.getByRole('listitem')).toHaveCount(1);
  await expect(list.getByRole('link', { name })).toBeVisible();
  await expect(list.getByRole('img', { name: `Photo of ${name}` })).toBeVisible();
  await expect(list).toContainText('Minister of Defence');
  await expect(list).toContainText('0 contacts');
  await expectAccessible(page);
  await screenshot(page, 'admin-officials-list');

  // The public page shows the photo with alt text; the photo is served as what its bytes are.
  await page.goto(`/officials/${slug}`);
  const portrait = page.getByRole('img', { name: `Portrait of ${name}` });
  await expect(portrait).toBeVisible();
  expect(await portrait.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(1);
  const src = (await portrait.getAttribute('src'))!;
  const photo = await page.request.get(src);
  expect(photo.status()).toBe(200);
  expect(photo.headers()['content-type']).toBe('image/png');
  expect(photo.headers()['x-content-type-options']).toBe('nosniff');
  expect(Buffer.from(await photo.body()).equals(PNG)).toBe(true);
  const etag = photo.headers()['etag'];
  expect(etag).toMatch(/^"[0-9a-f]{32}"$/);
  expect((await page.request.get(src, { headers: { 'If-None-Match': etag } })).status()).toBe(304);
  expect(
    (await page.request.get(src, { headers: { 'If-Modified-Since': photo.headers()['last-modified'] } })).status(),
  ).toBe(304);

  // Its position links to the office's page, with the timeline of holders.
  await page.getByRole('link', { name: officeKey }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Minister of Defence' })).toBeVisible();
  await expect(page.getByRole('table', { name: `Holders of ${officeKey}` })).toContainText(name);
  await expect(page.getByText(`Held by ${name} since 8 Apr 2024`)).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, 'office-page');
});

test('a tenure overlapping another holder’s is refused next to its field, naming the holder; nothing typed is lost', async ({
  page,
  request,
}) => {
  const t = tag();
  const officeKey = `FI:PM_${t}`;
  const holder = await createOfficial(request, {
    name: `Petteri Orpo ${t}`,
    country: 'FI',
    positions: [{ title: 'Prime Minister', officeKey, startDate: '2023-06-20' }],
  });
  const name = `Sanna Marin ${t}`;

  // The API refuses it the same way: a 400 naming the field and the holder, as documented.
  const viaApi = await request.post('/api/v1/officials', {
    headers: bearer('admin'),
    data: {
      name: `Api Overlap ${t}`,
      country: 'FI',
      positions: [{ title: 'Prime Minister', officeKey, startDate: '2024-01-01' }],
    },
  });
  const refused = await expectDocumented(viaApi, 'post', '/api/v1/officials');
  expect(viaApi.status()).toBe(400);
  expect(refused.error.fields).toEqual({
    'positions.0.startDate': [
      `${officeKey} is held by ${holder.name} from 20 Jun 2023 with no end; end that tenure first or start after it`,
    ],
  });

  await page.goto('/admin/officials/new');
  await page.getByLabel('Name', { exact: true }).fill(name);
  await page.getByLabel('Country').fill('FI');
  await page.getByRole('button', { name: 'Add a position' }).click();
  await fillPosition(position(page, 1), { officeKey, title: 'Prime Minister', startDate: '2023-12-01' });
  await page.getByRole('button', { name: 'Add official' }).click();

  const message = `${officeKey} is held by ${holder.name} from 20 Jun 2023 with no end; end that tenure first or start after it`;
  await expect(page.getByRole('region', { name: 'There is a problem with one field.' })).toBeFocused();
  const start = position(page, 1).getByLabel('Start date');
  await expect(start).toHaveAttribute('aria-invalid', 'true');
  await expect(start).toHaveAccessibleDescription(new RegExp(message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  await expect(page.getByLabel('Name', { exact: true })).toHaveValue(name);
  await expect(start).toHaveValue('2023-12-01');
  await expectAccessible(page);
  await screenshot(page, 'admin-official-overlap');

  // An end before the start is refused too, on the end date.
  await start.fill('2019-12-10');
  await position(page, 1)
    .getByLabel(/^End date/)
    .fill('2019-01-01');
  await page.getByRole('button', { name: 'Add official' }).click();
  await expect(position(page, 1).getByLabel(/^End date/)).toHaveAccessibleDescription(
    /A tenure cannot end before it starts/,
  );

  // Before the holder's tenure it fits; the successor may start the day it ends.
  await position(page, 1)
    .getByLabel(/^End date/)
    .fill('2023-06-20');
  await page.getByRole('button', { name: 'Add official' }).click();
  await expect(page.getByRole('heading', { name: `${name} added` })).toBeFocused();
  const created = (await (await request.get(`/api/v1/officials?q=${encodeURIComponent(name)}`)).json()).items[0];
  made.push(created);

  // The office's timeline shows both holders, in order.
  await page.goto(`/offices/${officeKey}`);
  const rows = page.getByRole('table', { name: `Holders of ${officeKey}` }).getByRole('row');
  await expect(rows.nth(1)).toContainText(name);
  await expect(rows.nth(1)).toContainText('10 Dec 2019');
  await expect(rows.nth(2)).toContainText(holder.name);
  await expect(rows.nth(2)).toContainText('present');
});

test('a photo that is not an image, or is over 2 MB, is refused with a message; the rest is kept', async ({
  page,
  request,
}) => {
  const official = await createOfficial(request, { name: `Jonas Store ${tag()}`, country: 'NO' });
  await page.goto(`/admin/officials/${official.slug}`);
  await page.getByLabel(/^Short bio/).fill('Kept across refusals.');
  await page.getByLabel('Upload a file').check();
  await page.getByLabel('Image file').setInputFiles({
    name: 'portrait.png',
    mimeType: 'image/png',
    buffer: Buffer.from('This is a text file with a .png name.\n'),
  });
  await page.getByRole('button', { name: 'Save changes' }).click();
  const photoError = page.getByText(
    'This file is not a JPEG, PNG, WebP or GIF image (judged by its contents, not its name).',
  );
  await expect(photoError.first()).toBeVisible();
  await expect(page.getByRole('group', { name: 'Photo', exact: true })).toHaveAccessibleDescription(
    /not a JPEG, PNG, WebP or GIF/,
  );
  await expect(page.getByLabel(/^Short bio/)).toHaveValue('Kept across refusals.');
  await screenshot(page, 'admin-official-bad-photo');

  const big = Buffer.concat([PNG, Buffer.alloc(2 * 1024 * 1024 + 100_000)]);
  await page.getByLabel('Image file').setInputFiles({ name: 'big.png', mimeType: 'image/png', buffer: big });
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(
    page.getByText('The photo is 2.1 MB; the limit is 2 MB. Make it smaller and try again.').first(),
  ).toBeVisible();

  const saved = await (await request.get(`/api/v1/officials/${official.slug}`)).json();
  expect(saved.version).toBe(1);
  expect(saved.bio).toBeNull();
});

test('two admins edit at once: the second sees the conflict with the current values, keeps what they typed, and can save over', async ({
  page,
  browser,
  request,
}) => {
  const official = await createOfficial(request, {
    name: `Antti Hakkanen ${tag()}`,
    country: 'FI',
    bio: 'As first written.',
  });
  const other = await browser.newContext({ storageState: storageState('admin') });
  const first = await other.newPage();
  await first.goto(`/admin/officials/${official.slug}`);
  await page.goto(`/admin/officials/${official.slug}`);

  await first.getByLabel(/^Short bio/).fill('Saved first, by the other admin.');
  await first.getByRole('button', { name: 'Save changes' }).click();
  await expect(first.getByRole('status').filter({ hasText: `Saved: version 2 of ${official.name}.` })).toBeVisible();
  await other.close();

  await page.getByLabel(/^Short bio/).fill('Typed second, by me.');
  await page.getByRole('button', { name: 'Save changes' }).click();
  const conflict = page.getByRole('region', { name: 'Someone else saved this official while you were editing it' });
  await expect(conflict).toBeFocused();
  await expect(conflict).toContainText('your version 1, now 2');
  const bioRow = conflict.getByRole('row', { name: /Short bio/ });
  await expect(bioRow).toContainText('As first written.');
  await expect(bioRow).toContainText('Saved first, by the other admin.');
  await expect(bioRow).toContainText('Typed second, by me.');
  await expect(page.getByLabel(/^Short bio/)).toHaveValue('Typed second, by me.');
  await expectAccessible(page);
  await screenshot(page, 'admin-official-conflict');

  await conflict.getByRole('button', { name: 'Save my version over theirs' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved: version 3' })).toBeVisible();
  const saved = await (await request.get(`/api/v1/officials/${official.slug}`)).json();
  expect(saved).toMatchObject({ version: 3, bio: 'Typed second, by me.' });
});

test('an official without contacts can be deleted; one with contacts must be merged instead', async ({
  page,
  request,
}) => {
  const t = tag();
  const lone = await createOfficial(request, { name: `Bjorn Arild Gram ${t}`, country: 'NO' });
  const a = await createOfficial(request, { name: `Tore Sandvik ${t}`, country: 'NO' });
  const b = await createOfficial(request, { name: `Jussi Niinisto ${t}`, country: 'FI' });
  const contact = await request.post('/api/v1/contacts', {
    headers: bearer('admin'),
    data: {
      date: '2024-03-01',
      type: 'CALL',
      status: 'HELD',
      participants: [a.slug, b.slug],
      sources: [{ url: 'https://example.org/readout' }],
    },
  });
  expect(contact.status()).toBe(201);

  await page.goto(`/admin/officials/${a.slug}`);
  await expect(page.getByText(`${a.name} takes part in 1 contact`)).toBeVisible();
  await expect(page.getByRole('link', { name: 'merge it' })).toHaveAttribute('href', '/admin/merge');
  await expect(page.getByRole('button', { name: `Delete ${a.name}` })).toHaveCount(0);

  await page.goto(`/admin/officials/${lone.slug}`);
  await page.getByRole('button', { name: `Delete ${lone.name}` }).click();
  await expect(page.getByRole('button', { name: 'Yes, delete' })).toBeFocused();
  await page.getByRole('button', { name: 'Yes, delete' }).click();
  await expect(page.getByRole('heading', { name: `${lone.name} deleted` })).toBeFocused();
  await expect(page.getByRole('status').filter({ hasText: 'The audit log keeps a full copy' })).toBeVisible();
  expect((await request.get(`/api/v1/officials/${lone.slug}`)).status()).toBe(404);
});

test('the officials list, the offices and the forms look finished on a phone and in dark mode', async ({ page }) => {
  test.setTimeout(180_000);
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const [path, name] of [
      ['/admin/officials', 'admin-officials'],
      ['/admin/offices', 'admin-offices'],
      ['/admin/officials/new', 'admin-official-new-form'],
      ['/admin/officials/sergei-shoigu', 'admin-official-shoigu'],
      ['/offices/RU:MINDEF', 'office-ru-mindef'],
      ['/officials/sergei-shoigu', 'official-shoigu'],
    ]) {
      for (const width of [1280, 360]) {
        await page.setViewportSize({ width, height: 900 });
        await page.goto(path);
        await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect(overflow, `${path} at ${width}px`).toBeLessThanOrEqual(0);
        await screenshot(page, `${name}-${width}-${scheme}`);
      }
      await expectAccessible(page);
    }
  }
  await page.goto('/admin/offices');
  await expect(page).toHaveTitle('Offices · Admin · Counterpart');
  const mindef = page.getByRole('table', { name: 'Holders of RU:MINDEF' });
  await expect(mindef).toContainText('Sergei Shoigu');
  await expect(mindef).toContainText('12 May 2024');
});

test('a researcher cannot open the officials admin', async ({ browser }) => {
  const researcher = await browser.newContext({ storageState: storageState('researcher') });
  const page = await researcher.newPage();
  for (const path of ['/admin/officials', '/admin/officials/new', '/admin/officials/sergei-shoigu', '/admin/offices']) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(403);
  }
  await researcher.close();
});
