import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { subDays } from 'date-fns';
import { expect, test, type Page } from '@playwright/test';
import { disconnectDb, getDb } from '../lib/db';
import { parseIsoDate, todayUtc, toIsoDate } from '../lib/gaps/dates';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, verifySignature } from '../lib/watches/signature';
import { removeOfficials, uniqueTag, type Official } from './api-fixtures';
import { bearer } from './auth';
import { hydrated } from './hydration';
import { createOwnAccount, removeOwnAccounts, type OwnAccount } from './own-accounts';
import { screenshot } from './screenshots';

/*
 * Watching a silence, through the browser: a user of the spec's own watches a pair from its page with a
 * threshold below its running silence, finds it first on My watches as past its threshold, reads the
 * event in the private feed, and sees it delivered to a webhook receiver this spec runs on 127.0.0.1
 * (an admin's allowance lets this user's webhook reach it). Officials of Luxembourg and Malta, which no
 * other spec uses, made through the API and removed after.
 */

test.describe.configure({ mode: 'serial' });

const TAG = uniqueTag();
/** The silence runs from 40 days before the server's today (the app's clock, lib/gaps/dates todayUtc). */
const SILENCE = 40;
const THRESHOLD = 30;
const daysAgo = (n: number) => toIsoDate(subDays(parseIsoDate(todayUtc()), n));

let owner: OwnAccount;
const officials: Official[] = [];
const received: { headers: http.IncomingHttpHeaders; body: string }[] = [];
let receiver: http.Server;
let hookUrl = '';

test.beforeAll(async ({ request }) => {
  receiver = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      res.writeHead(200).end('thanks');
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks/${TAG}`;

  owner = await createOwnAccount('watcher');
  // What an admin's "Let this user's webhook reach private … addresses" sets.
  await getDb().user.update({ where: { id: owner.id }, data: { webhookPrivateAllowed: true } });

  for (const [name, country] of [
    [`Lukas Watch ${TAG}`, 'LU'],
    [`Maria Watch ${TAG}`, 'MT'],
  ]) {
    const response = await request.post('/api/v1/officials', { headers: bearer('admin'), data: { name, country } });
    expect(response.status(), await response.text()).toBe(201);
    officials.push(await response.json());
  }
  const contact = await request.post('/api/v1/contacts', {
    headers: bearer('admin'),
    data: {
      date: daysAgo(SILENCE),
      type: 'CALL',
      status: 'HELD',
      participants: officials.map((o) => o.slug),
      sources: [{ url: `https://example.org/${TAG}` }],
    },
  });
  expect(contact.status(), await contact.text()).toBe(201);
  // A watch of the country pair far below its threshold, made first: the list must still put the crossed one first.
  const [lu, mt] = ['LU', 'MT'];
  await getDb().watch.create({ data: { userId: owner.id, level: 'COUNTRY', keyA: lu, keyB: mt, thresholdDays: 5000 } });
});

test.afterAll(async ({ request }) => {
  await new Promise((resolve) => receiver.close(resolve));
  await getDb().watch.deleteMany({ where: { userId: owner.id } });
  await removeOfficials(
    request,
    officials.map((o) => o.id),
  );
  await removeOwnAccounts([owner]);
  await disconnectDb();
});

async function signInAsOwner(page: Page) {
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(owner.email);
  await page.getByLabel('Password', { exact: true }).fill(owner.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('button', { name: new RegExp(owner.name) })).toBeVisible();
}

test('a user watches a silence from its pair page, and is told in the list, the feed and the webhook', async ({
  page,
  request,
}) => {
  // One long story through four pages, a receiver and two runs of the job on a busy machine.
  test.setTimeout(180_000);
  await signInAsOwner(page);

  // The webhook first, so that the crossing is delivered when it is found.
  await page.goto('/account/watches');
  await hydrated(page.getByRole('button', { name: 'Save webhook' }));
  await page.getByLabel('Webhook address').fill(hookUrl);
  await page.getByRole('button', { name: 'Save webhook' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Webhook saved' })).toBeVisible();
  const secret = (await page.locator('#webhook-secret-value').textContent())!;
  expect(secret).toMatch(/^whsec_/);

  // Watch the pair from its page.
  const [a, b] = officials;
  await page.goto(`/pairs/officials/${a.slug}/${b.slug}`);
  const watchButton = page.getByRole('button', { name: 'Watch this silence' });
  await hydrated(watchButton);
  await expect(page.getByText(`It has lasted ${SILENCE} days.`)).toBeVisible();
  await watchButton.click();
  await page.getByLabel('Threshold in days').fill(String(THRESHOLD));
  await screenshot(page, 'watches-pair-control');
  await page.getByRole('button', { name: 'Watch', exact: true }).click();
  await expect(page.getByText('You watch this silence')).toBeVisible();
  await expect(page.getByText(`past it by ${SILENCE - THRESHOLD} days`)).toBeVisible();

  // My watches: the crossed one first, past its threshold; the job records its event once.
  await page.goto('/account/watches');
  const items = page.getByRole('list', { name: 'Your watches' }).getByRole('listitem');
  await expect(items).toHaveCount(2);
  await expect(items.first()).toContainText(a.name);
  await expect(items.first()).toContainText(`Past its threshold by ${SILENCE - THRESHOLD} days`);
  await expect(items.first()).toContainText(`Silent for ${SILENCE} days`);
  await expect(items.nth(1)).toContainText('Luxembourg');

  // The dashboard lists the signed-in reader's watches past their threshold, and only those.
  await page.goto('/');
  const past = page.getByRole('region', { name: 'Your watches past their threshold' });
  await expect(past.getByRole('link', { name: new RegExp(a.name) })).toBeVisible();
  await expect(past).toContainText(
    `Silent for ${SILENCE} days · threshold ${THRESHOLD} days, passed by ${SILENCE - THRESHOLD} days`,
  );
  await expect(past).not.toContainText('Luxembourg');
  await page.goto('/account/watches');
  await expect(async () => {
    await page.reload();
    await expect(page.getByRole('region', { name: 'Latest events' }).getByRole('listitem')).toHaveCount(1, {
      timeout: 5_000,
    });
  }).toPass();
  await expect(page.getByRole('region', { name: 'Latest events' })).toContainText(
    `${SILENCE} days of silence, past your threshold of ${THRESHOLD} days`,
  );

  // The webhook got it, signed; the delivery is logged on the page.
  await expect.poll(() => received.length).toBe(1);
  const [delivery] = received;
  expect(
    verifySignature(
      secret,
      String(delivery.headers[TIMESTAMP_HEADER.toLowerCase()]),
      delivery.body,
      String(delivery.headers[SIGNATURE_HEADER.toLowerCase()]),
    ),
  ).toBe(true);
  expect(JSON.parse(delivery.body)).toMatchObject({
    type: 'silence.crossed',
    silence: { since: daysAgo(SILENCE), days: SILENCE, thresholdDays: THRESHOLD },
  });
  await expect(async () => {
    await page.reload();
    await expect(page.getByRole('table', { name: /Webhook deliveries/ })).toContainText('HTTP 200', { timeout: 5_000 });
  }).toPass();
  await screenshot(page, 'watches-my-watches');

  // The private feed: its address is shown once, and it lists the crossing.
  await hydrated(page.getByRole('button', { name: 'Make a feed address' }));
  await page.getByRole('button', { name: 'Make a feed address' }).click();
  const feedUrl = (await page.locator('#feed-url').textContent())!;
  expect(feedUrl).toMatch(/\/feeds\/watches\/cpf_/);
  const feed = await request.get(feedUrl);
  expect(feed.status()).toBe(200);
  const xml = await feed.text();
  expect(xml.match(/<entry>/g)).toHaveLength(1);
  expect(xml).toContain(`${SILENCE} days without a contact</title>`);
  await screenshot(page, 'watches-feed-and-webhook');

  // A contact logged through the API ends the silence: the job runs after the write, and tells once more.
  const ended = await request.post('/api/v1/contacts', {
    headers: bearer('admin'),
    data: {
      date: daysAgo(1),
      type: 'MEETING',
      status: 'HELD',
      participants: officials.map((o) => o.slug),
      sources: [{ url: `https://example.org/${TAG}/ended` }],
    },
  });
  expect(ended.status(), await ended.text()).toBe(201);
  await expect.poll(() => received.length).toBe(2);
  expect(JSON.parse(received[1].body)).toMatchObject({
    type: 'silence.ended',
    silence: { since: daysAgo(SILENCE), days: SILENCE - 1, endedOn: daysAgo(1) },
  });
  const after = await (await request.get(feedUrl)).text();
  expect(after.match(/<entry>/g)).toHaveLength(2);
  expect(after).toContain(`a ${SILENCE - 1}-day silence ended</title>`);

  // Revoked, the address is gone.
  await page.getByRole('button', { name: 'Revoke the feed address' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'revoked' })).toBeVisible();
  expect((await request.get(feedUrl)).status()).toBe(404);
});
