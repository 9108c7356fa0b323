import type { Page } from '@playwright/test';
import { storageState } from './auth';
import { expectAccessible } from './axe';
import { hydrated } from './hydration';
import { expect, test, uniqueTag, type WriteApi } from './api-fixtures';
import { screenshot } from './screenshots';
import {
  adminRecordPage,
  chartLabel,
  expectChartWithout,
  expectFitsAndShoot,
  nordicPairs,
  officialPair,
} from './admin-records';

/*
 * Context events, from the admin page to the pair charts. Each test makes its
 * own officials (Norway, Finland, Sweden) and contacts, deleted when it ends,
 * and deletes the events it makes: none concerns the US, Russia or everyone,
 * so the demo pair pages other specs read stay as they were.
 */

test.use({ storageState: storageState('admin') });

const events = adminRecordPage({
  path: '/admin/events',
  noun: 'event',
  listName: 'Context events',
  lateField: 'Date',
});
const { editForm } = events;

const OFFICE = (country: string, tag: string) => `${country}:EVT${tag}`;

/** Officials of NO, FI and SE holding offices, and contacts NO–FI and FI–SE on 10 Jan and 13 May 2022. */
const fixturePairs = (api: WriteApi) =>
  nordicPairs(api, (country, tag) => ({
    name: `Eventtest ${country} ${tag}`,
    positions: [{ title: 'Minister', officeKey: OFFICE(country, tag), startDate: '2020-01-01' }],
  }));

function createEvent(page: Page, fields: { date: string; title: string; countries: string }) {
  return events.create(page, fields.title, { Date: fields.date, Title: fields.title, Countries: fields.countries });
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

  await expectChartWithout(page, officialPair(fi, se), title);
  await expect(page.getByText(title)).toHaveCount(0);

  // An edited title is what the chart shows on the next load.
  await events.open(page, title);
  const edited = `Nordic accord ${tag}`;
  await page.getByLabel('Title').fill(edited);
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(editForm(page).getByRole('status')).toContainText('Saved. This is version 2 of the event.');
  await page.goto(officialPair(no, fi));
  await expect(chartLabel(page, edited)).toBeVisible();
  await expect(chartLabel(page, title)).toHaveCount(0);

  // Deleted, it is gone from the chart and the list.
  await events.remove(page, edited);
  await page.getByRole('link', { name: 'Back to all context events' }).click();
  await expect(page.getByRole('link', { name: edited })).toHaveCount(0);
  await expectChartWithout(page, officialPair(no, fi), edited);
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
  await events.open(page, title);
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
  await events.remove(page, `Third edit ${tag}`);
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
    await expectFitsAndShoot(page, `admin-events-phone-${scheme}`);
    await events.open(page, title);
    await expectFitsAndShoot(page, `admin-event-edit-phone-${scheme}`);
  }
  await page.setViewportSize({ width: 1280, height: 800 });
  await events.remove(page, title);
});
