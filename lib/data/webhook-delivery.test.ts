import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { subDays } from 'date-fns';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getDb } from '../db';
import { AppError } from '../errors';
import { parseIsoDate, todayUtc, toIsoDate } from '../gaps/dates';
import { setupTestDatabase } from '../testing/database';
import { CLI_ACTOR, makePairWithHistory, makeUser } from '../testing/factories';
import { ZWatchInput, ZWebhookInput } from '../validation/watch';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, verifySignature } from '../watches/signature';
import { deliverDueWebhooks, nextAttemptAt, retryBaseMs, runWatchJob } from './watch-job';
import { setWebhook, setWebhookPrivateAllowed } from './watch-settings';
import { createWatch } from './watches';

setupTestDatabase();

const now = new Date();
const daysAgo = (n: number) => toIsoDate(subDays(parseIsoDate(todayUtc(now)), n));

type Received = { headers: http.IncomingHttpHeaders; body: string };

/** A real HTTP receiver on 127.0.0.1 answering each request with the next status of `statuses` (then 200). */
async function receiver(statuses: number[] = []) {
  const received: Received[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      res.writeHead(statuses.shift() ?? 200).end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  servers.push(server);
  return { url: `http://127.0.0.1:${port}/hooks/counterpart`, received };
}

const servers: http.Server[] = [];
const allowance = process.env.WEBHOOK_ALLOW_PRIVATE;
beforeEach(() => {
  delete process.env.WEBHOOK_ALLOW_PRIVATE;
});
afterEach(async () => {
  process.env.WEBHOOK_ALLOW_PRIVATE = allowance;
  if (allowance === undefined) delete process.env.WEBHOOK_ALLOW_PRIVATE;
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

/** A user watching a pair whose silence (40 days) is past the watch's threshold (30 days). */
async function userWatchingACrossedSilence() {
  const { austin, shoigu } = await makePairWithHistory([daysAgo(40)]);
  const { user, actor } = await makeUser({ email: 'ana@example.org', name: 'Ana', role: 'VIEWER' });
  await createWatch(
    user.id,
    ZWatchInput.parse({ level: 'officials', a: austin.slug, b: shoigu.slug, thresholdDays: 30 }),
    actor,
  );
  // A pair's sides are in the order of their keys (official ids).
  const [x, y] = austin.id < shoigu.id ? [austin, shoigu] : [shoigu, austin];
  return { user, actor, title: `${x.name} – ${y.name}`, href: `/pairs/officials/${x.slug}/${y.slug}` };
}

const attempts = () =>
  getDb().webhookAttempt.findMany({
    orderBy: { attempt: 'asc' },
    select: { attempt: true, ok: true, responseStatus: true, error: true },
  });

describe('webhook deliveries', () => {
  it('POSTs each event once, as JSON signed with the secret over the timestamp and body', async () => {
    const { user, actor, title, href } = await userWatchingACrossedSilence();
    const hook = await receiver();
    await setWebhookPrivateAllowed(user.id, true, CLI_ACTOR);
    const saved = await setWebhook(user.id, ZWebhookInput.parse({ url: hook.url }), actor);
    expect(saved.secret).toMatch(/^whsec_/);

    await runWatchJob({ now });
    await runWatchJob({ now });
    expect(hook.received).toHaveLength(1);
    const [{ headers, body }] = hook.received;
    const signature = String(headers[SIGNATURE_HEADER.toLowerCase()]);
    const timestamp = String(headers[TIMESTAMP_HEADER.toLowerCase()]);
    expect(verifySignature(saved.secret, timestamp, body, signature)).toBe(true);
    expect(verifySignature('another secret', timestamp, body, signature)).toBe(false);
    expect(verifySignature(saved.secret, timestamp, body.replace('40', '41'), signature)).toBe(false);
    expect(headers['content-type']).toBe('application/json');
    expect(JSON.parse(body)).toMatchObject({
      type: 'silence.crossed',
      pair: { level: 'OFFICIAL', title, url: expect.stringMatching(new RegExp(`${href}$`)) },
      silence: { since: daysAgo(40), days: 40, thresholdDays: 30, endedOn: null },
    });
    expect(await attempts()).toEqual([{ attempt: 1, ok: true, responseStatus: 200, error: null }]);
  });

  it('retries a failed delivery after an exponential back-off, logging every attempt', async () => {
    const { user, actor } = await userWatchingACrossedSilence();
    const hook = await receiver([500, 503]);
    await setWebhookPrivateAllowed(user.id, true, CLI_ACTOR);
    await setWebhook(
      user.id,
      ZWebhookInput.parse({ url: hook.url, secret: 'a secret of our own, long enough' }),
      actor,
    );

    await runWatchJob({ now });
    const delivery = () =>
      getDb().webhookDelivery.findFirstOrThrow({ select: { state: true, attempts: true, nextAttemptAt: true } });
    expect(await delivery()).toEqual({ state: 'PENDING', attempts: 1, nextAttemptAt: nextAttemptAt(now, 1) });
    // Not before its time.
    expect(await deliverDueWebhooks({ now: new Date(nextAttemptAt(now, 1).getTime() - 1) })).toBe(0);
    expect(hook.received).toHaveLength(1);

    const second = nextAttemptAt(now, 1);
    expect(await deliverDueWebhooks({ now: second })).toBe(1);
    // The second wait is twice the first.
    expect(await delivery()).toEqual({ state: 'PENDING', attempts: 2, nextAttemptAt: nextAttemptAt(second, 2) });
    expect(nextAttemptAt(second, 2).getTime() - second.getTime()).toBe(2 * retryBaseMs());

    expect(await deliverDueWebhooks({ now: nextAttemptAt(second, 2) })).toBe(1);
    expect((await delivery()).state).toBe('DELIVERED');
    expect(hook.received).toHaveLength(3);
    expect(await attempts()).toEqual([
      { attempt: 1, ok: false, responseStatus: 500, error: 'The receiver answered HTTP 500' },
      { attempt: 2, ok: false, responseStatus: 503, error: 'The receiver answered HTTP 503' },
      { attempt: 3, ok: true, responseStatus: 200, error: null },
    ]);
  });

  it('refuses private, loopback and link-local targets when saved, with a clear message', async () => {
    const { user, actor } = await userWatchingACrossedSilence();
    for (const [url, kind] of [
      ['http://127.0.0.1:8080/hook', 'a loopback address'],
      ['http://localhost:8080/hook', 'a loopback address'],
      ['https://10.1.2.3/hook', 'a private address'],
      ['http://192.168.1.20/hook', 'a private address'],
      ['http://169.254.169.254/latest/meta-data', 'a link-local address'],
      ['http://[::1]:9000/hook', 'a loopback address'],
      ['http://[::ffff:127.0.0.1]/hook', 'a loopback address'],
    ]) {
      const error = await setWebhook(user.id, ZWebhookInput.parse({ url }), actor).catch((e: unknown) => e);
      expect(error, url).toBeInstanceOf(AppError);
      expect((error as AppError).fields?.url?.[0], url).toContain(`is ${kind}: webhooks may not reach private`);
    }
    expect(await getDb().watchWebhook.count()).toBe(0);
    expect(ZWebhookInput.safeParse({ url: 'ftp://example.org/hook' }).error?.issues[0].message).toBe(
      'Enter a full web address starting with https://',
    );
  });

  it('lets an admin allow private targets for one user, and checks again at delivery', async () => {
    const { user, actor } = await userWatchingACrossedSilence();
    const hook = await receiver();
    await setWebhookPrivateAllowed(user.id, true, CLI_ACTOR);
    await setWebhook(user.id, ZWebhookInput.parse({ url: hook.url }), actor);
    // The allowance is withdrawn after the address was saved: the delivery is refused on connecting.
    await setWebhookPrivateAllowed(user.id, false, CLI_ACTOR);
    await runWatchJob({ now });
    expect(hook.received).toHaveLength(0);
    const [attempt] = await attempts();
    expect(attempt).toMatchObject({ attempt: 1, ok: false, responseStatus: null });
    expect(attempt.error).toContain('127.0.0.1 is a loopback address');
  });

  it('lets the operator allow private targets for everyone (WEBHOOK_ALLOW_PRIVATE=1)', async () => {
    const { user, actor } = await userWatchingACrossedSilence();
    const hook = await receiver();
    process.env.WEBHOOK_ALLOW_PRIVATE = '1';
    await setWebhook(user.id, ZWebhookInput.parse({ url: hook.url }), actor);
    await runWatchJob({ now });
    expect(hook.received).toHaveLength(1);
  });
});
