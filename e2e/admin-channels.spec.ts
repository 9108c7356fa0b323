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
 * Channels, from the admin page to the pair charts and the contact form. Each
 * test makes its own officials (Norway, Finland, Sweden) and contacts, deleted
 * when it ends, and deletes the channels it makes: none connects the US and
 * Russia, so the demo pair pages other specs read stay as they were.
 */

test.use({ storageState: storageState('admin') });

const channels = adminRecordPage({
  path: '/admin/channels',
  noun: 'channel',
  listName: 'Channels',
  lateField: 'Established on',
});
const { editForm } = channels;

/** Officials of NO, FI and SE, and contacts NO–FI and FI–SE on 10 Jan and 13 May 2022. */
const fixturePairs = (api: WriteApi) => nordicPairs(api, (country, tag) => ({ name: `Channeltest ${country} ${tag}` }));

function createChannel(page: Page, fields: { name: string; countries: string; establishedOn: string }) {
  return channels.create(page, fields.name, {
    Name: fields.name,
    Countries: fields.countries,
    'Established on': fields.establishedOn,
  });
}

test('a Norway–Finland channel is shaded and labelled on their chart, not on Finland–Sweden; renamed, closed, deleted', async ({
  page,
  api,
}) => {
  const { tag, no, fi, se } = await fixturePairs(api);
  const name = `Barents line ${tag}`;
  await createChannel(page, { name, countries: 'fi, no', establishedOn: '2022-03-01' });
  const item = page.getByRole('list', { name: 'Channels' }).getByRole('listitem').filter({ hasText: name });
  await expect(item).toContainText('1 Mar 2022');
  await expect(item).toContainText('Connects Finland (FI), Norway (NO) · open · 0 contacts');
  await expect(item).toContainText(`barents-line-${tag.toLowerCase()}`);

  await page.goto(officialPair(no, fi));
  await expect(chartLabel(page, `${name} set up`)).toBeVisible();
  await expect(page.getByRole('list', { name: /^Standing channels between/ })).toContainText(
    `${name}: open since 1 Mar 2022`,
  );
  await expect(page.getByTestId('gap-chart').locator('.recharts-reference-area')).toHaveCount(1);
  await expectChartWithout(page, officialPair(fi, se), name);
  await expect(page.getByText(name)).toHaveCount(0);

  // Renamed and closed: the label follows, the slug stays, the closing is drawn.
  await channels.open(page, name);
  const renamed = `Arctic line ${tag}`;
  await page.getByLabel('Name').fill(renamed);
  await page.getByLabel('Closed on').fill('2022-04-20');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(editForm(page).getByRole('status')).toContainText(
    `its short name stays barents-line-${tag.toLowerCase()}`,
  );
  await page.goto(officialPair(no, fi));
  await expect(chartLabel(page, `${renamed} set up`)).toBeVisible();
  await expect(chartLabel(page, `${renamed} closed`)).toBeVisible();
  await expect(chartLabel(page, name)).toHaveCount(0);
  await expect(page.getByRole('list', { name: /^Standing channels between/ })).toContainText(
    `${renamed}: open from 1 Mar 2022 to 20 Apr 2022`,
  );

  await channels.remove(page, renamed);
  await expectChartWithout(page, officialPair(no, fi), renamed);
  await expect(page.getByText(renamed)).toHaveCount(0);
});

test('a channel that closes before it opens, or connects one country, is refused next to the field', async ({
  page,
}) => {
  await page.goto('/admin/channels');
  const form = page.getByRole('form', { name: 'New channel' });
  await hydrated(form.getByLabel('Established on'));
  await form.getByLabel('Name').fill(`Short line ${uniqueTag()}`);
  await form.getByLabel('Countries').fill('NO no');
  await form.getByLabel('Established on').fill('2022-03-01');
  await form.getByLabel('Closed on').fill('2022-02-01');
  await form.getByRole('button', { name: 'Add channel' }).click();

  await expect(form.getByRole('alert')).toContainText('There are 2 problems to fix.');
  await expect(form.getByLabel('Closed on')).toHaveAttribute('aria-invalid', 'true');
  await expect(form.getByLabel('Closed on')).toHaveAccessibleDescription(
    /A channel cannot close before it was established/,
  );
  await expect(form.getByLabel('Countries')).toHaveAccessibleDescription(/A channel connects at least two countries/);
  await expect(form.getByLabel('Closed on')).toHaveValue('2022-02-01');
  await expect(form.getByLabel('Countries')).toHaveValue('NO no');
  await expectAccessible(page);
  await screenshot(page, 'admin-channels-errors');
});

test('two admins edit the same channel: the second sees the conflict and keeps what they typed', async ({
  page,
  context,
}) => {
  const tag = uniqueTag();
  const name = `Conflict line ${tag}`;
  await createChannel(page, { name, countries: 'NO FI', establishedOn: '2022-03-01' });
  await channels.open(page, name);
  const other = await context.newPage();
  await other.goto(page.url());
  await hydrated(other.getByLabel('Established on'));

  await page.getByLabel('Established on').fill('2022-03-02');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(editForm(page).getByRole('status')).toContainText('version 2');

  await other.getByLabel('Name').fill(`Mine ${tag}`);
  await other.getByRole('button', { name: 'Save changes' }).click();
  const conflict = other.getByRole('region', { name: 'Someone else changed this channel while you were editing it' });
  await expect(conflict).toContainText('(you started from version 1; it is now version 2)');
  await expect(conflict.getByRole('row', { name: /^Established on/ })).toContainText('2 Mar 2022');
  await expect(conflict.getByRole('row', { name: /^Name/ })).toContainText(`Mine ${tag}`);
  await expect(other.getByLabel('Name')).toHaveValue(`Mine ${tag}`);
  await screenshot(other, 'admin-channels-conflict');

  // Taking their version loads it into the form; saving then builds on it.
  await other.getByRole('button', { name: 'Take their version' }).click();
  await expect(other.getByLabel('Name')).toHaveValue(name);
  await expect(other.getByLabel('Established on')).toHaveValue('2022-03-02');
  await other.getByLabel('Name').fill(`Mine ${tag}`);
  await other.getByRole('button', { name: 'Save changes' }).click();
  await expect(editForm(other).getByRole('status')).toContainText('version 3');
  await other.close();
  await channels.remove(page, `Mine ${tag}`);
});

test('deleting a channel in use says what happens to its contacts, and they keep everything but the channel', async ({
  page,
  api,
}) => {
  const { tag, no, fi } = await fixturePairs(api);
  const name = `Hotline ${tag}`;
  await createChannel(page, { name, countries: 'NO FI', establishedOn: '2022-01-01' });
  const slug = `hotline-${tag.toLowerCase()}`;
  const hotline = await api.contact(no, fi, { date: '2022-06-01', type: 'HOTLINE', channel: slug });

  // The contact form offers the channels between the participants' countries.
  await page.goto(`/contacts/${hotline.id}/edit`);
  const channel = page.getByRole('combobox', { name: 'Channel (optional)' });
  await expect(channel).toHaveValue(slug);
  await expect(channel.locator('option', { hasText: name })).toHaveText(`${name} (since 1 Jan 2022)`);
  await expect(channel.locator('option', { hasText: 'deconfliction' })).toHaveCount(0);

  await channels.open(page, name);
  const deleting = page.getByRole('region', { name: 'Delete this channel' });
  await expect(deleting).toContainText('1 contact went over this channel. It stays, with everything but the channel');
  await page.getByRole('button', { name: 'Delete…' }).click();
  await page.getByRole('button', { name: 'Yes, delete this channel' }).click();
  await expect(page.getByRole('region', { name: 'Channel deleted' })).toContainText(
    'The contact that went over it keeps everything but the channel; the audit log keeps a copy',
  );

  const kept = await api.getContact(hotline.id);
  expect(kept).toMatchObject({ type: 'HOTLINE', date: '2022-06-01', channel: null, version: 2 });
});

test('the channels pages look finished on a desktop and a phone, light and dark', async ({ page, api }) => {
  // Several accessibility scans and screenshots: on a busy machine this takes longer than the default 30 s.
  test.setTimeout(120_000);
  const { tag, no, fi } = await fixturePairs(api);
  const name = `Layout line ${tag}`;
  await createChannel(page, { name, countries: 'NO FI', establishedOn: '2022-03-01' });
  await expectAccessible(page);
  await screenshot(page, 'admin-channels-desktop');
  await page.goto(officialPair(no, fi));
  await expect(chartLabel(page, `${name} set up`)).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, 'admin-channels-pair-chart');

  await page.setViewportSize({ width: 360, height: 780 });
  await page.goto(officialPair(no, fi));
  await expect(page.getByTestId('gap-chart').locator('svg.recharts-surface')).toBeVisible();
  await screenshot(page, 'admin-channels-pair-chart-phone');
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto('/admin/channels');
    await expectFitsAndShoot(page, `admin-channels-phone-${scheme}`);
    await channels.open(page, name);
    await expectFitsAndShoot(page, `admin-channel-edit-phone-${scheme}`);
  }
  await page.setViewportSize({ width: 1280, height: 800 });
  await channels.remove(page, name);
});
