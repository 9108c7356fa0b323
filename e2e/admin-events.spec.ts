import type { Page } from '@playwright/test';
import { storageState } from './auth';
import { expectAccessible } from './axe';
import { hydrated } from './hydration';
import { expect, test, uniqueTag, type Official, type WriteApi } from './api-fixtures';
import { screenshot } from './screenshots';

/*
 * Context events, from the admin page to the pair charts. Each test makes its
 * own officials (Norway, Finland, Sweden) and contacts, deleted when it ends,
 * and deletes the events it makes: none concerns the US, Russia or everyone,
 * so the demo pair pages other specs read stay as they were.
 */

test.use({ storageState: storageState('admin') });

/** The edit pages of the events each test made: whatever a failing test left is deleted after it. */
const made: string[] = [];

test.afterEach(async ({ page }) => {
  for (const href of made.splice(0)) {
    // Gone already when the test deleted it itself; otherwise its Delete button must be there.
    const response = await page.goto(href);
    if (response?.status() === 404) continue;
    await page.getByRole('button', { name: 'Delete…' }).click();
    await page.getByRole('button', { name: 'Yes, delete this event' }).click();
    await expect(page.getByRole('heading', { name: 'Event deleted' })).toBeVisible();
  }
});

const OFFICE = (country: string, tag: string) => `${country}:EVT${tag}`;

/** Officials of NO, FI and SE holding offices, and contacts NO–FI and FI–SE on 10 Jan and 13 May 2022. */
async function fixturePairs(api: WriteApi) {
  const tag = uniqueTag();
  const official = (country: string) =>
    api.official({
      name: `Eventtest ${country} ${tag}`,
      country,
      positions: [{ title: 'Minister', officeKey: OFFICE(country, tag), startDate: '2020-01-01' }],
    });
  const [no, fi, se] = [await official('NO'), await official('FI'), await official('SE')];
  for (const date of ['2022-01-10', '2022-05-13']) {
    await api.contact(no, fi, { date });
    await api.contact(fi, se, { date });
  }
  return { tag, no, fi, se };
}

const officialPair = (a: Official, b: Official) => `/pairs/officials/${a.slug}/${b.slug}`;

/** The labels of the chart's reference lines. */
function chartLabel(page: Page, text: string) {
  return page.getByTestId('gap-chart').locator('svg text', { hasText: text });
}

const editForm = (page: Page) => page.getByRole('form', { name: 'Edit event' });

async function createEvent(page: Page, fields: { date: string; title: string; countries: string }) {
  await page.goto('/admin/events');
  const form = page.getByRole('form', { name: 'New event' });
  await hydrated(form.getByLabel('Date'));
  await form.getByLabel('Date').fill(fields.date);
  await form.getByLabel('Title').fill(fields.title);
  await form.getByLabel('Countries').fill(fields.countries);
  await form.getByRole('button', { name: 'Add event' }).click();
  await expect(form.getByRole('status')).toContainText(`Event “${fields.title}” created`);
  made.push((await form.getByRole('status').getByRole('link', { name: 'Edit it' }).getAttribute('href'))!);
}

async function openEvent(page: Page, title: string) {
  await page.goto('/admin/events');
  await page.getByRole('list', { name: 'Context events' }).getByRole('link', { name: title, exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Edit event' })).toBeVisible();
  await hydrated(page.getByLabel('Date'));
}

async function deleteEvent(page: Page, title: string) {
  await openEvent(page, title);
  await page.getByRole('button', { name: 'Delete…' }).click();
  await page.getByRole('button', { name: 'Yes, delete this event' }).click();
  await expect(page.getByRole('heading', { name: 'Event deleted' })).toBeVisible();
}

test('an event about Norway is drawn on the Norway–Finland charts at every level, and not on Finland–Sweden', async ({
  page,
  api,
}) => {
  const { tag, no, fi, se } = await fixturePairs(api);
  const title = `Nordic summit ${tag}`;
  await createEvent(page, { date: '2022-03-15', title, countries: 'no' });

  // Listed on the admin page with its date, countries and a link to edit it.
  const item = page.getByRole('list', { name: 'Context events' }).getByRole('listitem').filter({ hasText: title });
  await expect(item).toContainText('15 Mar 2022');
  await expect(item).toContainText('Concerns Norway (NO)');

  for (const path of [
    officialPair(no, fi),
    `/pairs/offices/${OFFICE('NO', tag)}/${OFFICE('FI', tag)}`,
    '/pairs/countries/NO/FI',
  ]) {
    await page.goto(path);
    await expect(chartLabel(page, title), path).toBeVisible();
    const timeline = page.getByRole('region', { name: 'Every contact, with its sources' });
    await expect(timeline.getByText(title), path).toBeVisible();
  }

  await page.goto(officialPair(fi, se));
  await expect(page.getByTestId('gap-chart').locator('svg.recharts-surface')).toBeVisible();
  await expect(chartLabel(page, title)).toHaveCount(0);
  await expect(page.getByText(title)).toHaveCount(0);

  // An edited title is what the chart shows on the next load.
  await openEvent(page, title);
  const edited = `Nordic accord ${tag}`;
  await page.getByLabel('Title').fill(edited);
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(editForm(page).getByRole('status')).toContainText('Saved. This is version 2 of the event.');
  await page.goto(officialPair(no, fi));
  await expect(chartLabel(page, edited)).toBeVisible();
  await expect(chartLabel(page, title)).toHaveCount(0);

  // Deleted, it is gone from the chart and the list.
  await deleteEvent(page, edited);
  await page.getByRole('link', { name: 'Back to all context events' }).click();
  await expect(page.getByRole('link', { name: edited })).toHaveCount(0);
  await page.goto(officialPair(no, fi));
  await expect(page.getByTestId('gap-chart').locator('svg.recharts-surface')).toBeVisible();
  await expect(chartLabel(page, edited)).toHaveCount(0);
});

test('a bad country code and a missing title are refused next to their fields, keeping what was typed', async ({
  page,
}) => {
  await page.goto('/admin/events');
  const form = page.getByRole('form', { name: 'New event' });
  await hydrated(form.getByLabel('Date'));
  await form.getByLabel('Date').fill('2022-03-15');
  await form.getByLabel('Countries').fill('NO, XX');
  await form.getByLabel('Link').fill('https://example.org/summit');
  await form.getByRole('button', { name: 'Add event' }).click();

  await expect(form.getByRole('alert')).toContainText('There are 2 problems to fix.');
  await expect(form.getByLabel('Countries')).toHaveAttribute('aria-invalid', 'true');
  await expect(form.getByLabel('Countries')).toHaveAccessibleDescription(
    /“XX” is not a two-letter ISO country code; use codes such as NO, FI or US/,
  );
  await expect(form.getByLabel('Title')).toHaveAccessibleDescription(/Enter a title, e\.g\. Russia invades Ukraine/);
  await expect(form.getByLabel('Countries')).toHaveValue('NO, XX');
  await expect(form.getByLabel('Link')).toHaveValue('https://example.org/summit');
  await expect(form.getByLabel('Date')).toHaveValue('2022-03-15');
  await expectAccessible(page);
  await screenshot(page, 'admin-events-errors');
});

test('two admins edit the same event: the second sees the conflict and keeps what they typed', async ({
  page,
  context,
}) => {
  const tag = uniqueTag();
  const title = `Conflict summit ${tag}`;
  await createEvent(page, { date: '2022-03-15', title, countries: 'NO FI' });
  await openEvent(page, title);
  const other = await context.newPage();
  await other.goto(page.url());
  await hydrated(other.getByLabel('Date'));

  await page.getByLabel('Title').fill(`First edit ${tag}`);
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(editForm(page).getByRole('status')).toContainText('version 2');

  await other.getByLabel('Title').fill(`Second edit ${tag}`);
  await other.getByLabel('Countries').fill('NO');
  await other.getByRole('button', { name: 'Save changes' }).click();
  const conflict = other.getByRole('region', { name: 'Someone else changed this event while you were editing it' });
  await expect(conflict).toContainText(
    'Someone else changed this event since you opened it (you started from version 1; it is now version 2).',
  );
  const titleRow = conflict.getByRole('row', { name: /^Title/ });
  await expect(titleRow).toContainText(`First edit ${tag}`);
  await expect(titleRow).toContainText(`Second edit ${tag}`);
  await expect(other.getByLabel('Title')).toHaveValue(`Second edit ${tag}`);
  await expect(other.getByLabel('Countries')).toHaveValue('NO');
  await expectAccessible(other);
  await screenshot(other, 'admin-events-conflict');

  // Saving mine over theirs, knowingly, goes through on their version.
  await other.getByRole('button', { name: 'Save mine over theirs' }).click();
  await expect(editForm(other).getByRole('status')).toContainText('Saved. This is version 3 of the event.');
  await page.reload();
  await expect(page.getByLabel('Title')).toHaveValue(`Second edit ${tag}`);

  // A delete from a page that has not seen the latest save is refused too, and says why.
  await page.getByLabel('Title').fill(`Third edit ${tag}`);
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(editForm(page).getByRole('status')).toContainText('version 4');
  await other.getByRole('button', { name: 'Delete…' }).click();
  await other.getByRole('button', { name: 'Yes, delete this event' }).click();
  await expect(other.getByRole('region', { name: 'Delete this event' }).getByRole('alert')).toContainText(
    'It was not deleted.',
  );
  await other.close();
  await deleteEvent(page, `Third edit ${tag}`);
});

test('the events pages look finished on a desktop and a phone, light and dark', async ({ page, api }) => {
  // Several accessibility scans and screenshots: on a busy machine this takes longer than the default 30 s.
  test.setTimeout(120_000);
  const { tag, no, fi } = await fixturePairs(api);
  const title = `Layout summit ${tag}`;
  await createEvent(page, { date: '2022-03-15', title, countries: 'NO' });
  await expectAccessible(page);
  await screenshot(page, 'admin-events-desktop');
  await page.goto(officialPair(no, fi));
  await expect(chartLabel(page, title)).toBeVisible();
  await screenshot(page, 'admin-events-pair-chart');

  await page.setViewportSize({ width: 360, height: 780 });
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto('/admin/events');
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await expectAccessible(page);
    await screenshot(page, `admin-events-phone-${scheme}`);
    await openEvent(page, title);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await expectAccessible(page);
    await screenshot(page, `admin-event-edit-phone-${scheme}`);
  }
  await page.setViewportSize({ width: 1280, height: 800 });
  await deleteEvent(page, title);
});
