import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { expect, test, type APIRequestContext } from '@playwright/test';
import { disconnectDb, getDb } from '../lib/db';
import { createOwnAccount, removeOwnAccounts, type OwnAccount } from './own-accounts';
import { freePort } from '../scripts/lib/free-port';

/*
 * Behind a proxy named in TRUSTED_PROXIES, the address the proxy forwards is
 * the client's, and thirty failed sign-ins from one such address lock that
 * address (over any accounts) but no other. A second server, on the same
 * build and database, plays the app behind a proxy on 127.0.0.1.
 */

let server: ChildProcess | undefined;
let base = '';
const made: OwnAccount[] = [];
const tag = randomBytes(4).toString('hex');

test.beforeAll(async () => {
  test.setTimeout(90_000);
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  server = spawn(process.execPath, ['scripts/server.mjs', '--port', String(port), '--hostname', '127.0.0.1'], {
    env: { ...process.env, TRUSTED_PROXIES: '127.0.0.1, ::1' },
    stdio: 'ignore',
  });
  await expect
    .poll(
      () =>
        fetch(`${base}/api/auth/ok`).then(
          (r) => r.status,
          () => 0,
        ),
      { timeout: 60_000 },
    )
    .toBe(200);
});

test.afterAll(async () => {
  server?.kill('SIGTERM');
  await removeOwnAccounts(made);
  await getDb().signInThrottle.deleteMany({ where: { key: { contains: tag } } });
  await disconnectDb();
});

function signIn(request: APIRequestContext, forwardedFor: string, email: string, password: string) {
  return request.post(`${base}/api/auth/sign-in/email`, {
    headers: { 'X-Forwarded-For': forwardedFor, Origin: base },
    data: { email, password },
  });
}

test('thirty failures from one forwarded address lock that address, over every account, and no other', async ({
  request,
}) => {
  test.setTimeout(90_000);
  const account = await createOwnAccount('proxied');
  made.push(account);
  // A documentation address of this run's own; what the client wrote further left is not believed.
  const n = Number.parseInt(tag.slice(0, 4), 16) % 250;
  const client = `192.0.2.${n + 1}`;
  const neighbour = `198.51.100.${n + 1}`;

  for (let i = 0; i < 30; i += 1) {
    const response = await signIn(request, `203.0.113.${i + 1}, ${client}`, `nobody-${tag}-${i}@own.e2e.test`, 'x');
    expect(response.status()).toBe(401);
  }
  const locked = await signIn(request, client, account.email, account.password);
  expect(locked.status()).toBe(429);
  expect(Number(locked.headers()['retry-after'])).toBeGreaterThanOrEqual(1);

  // Another client behind the same proxy signs in to the same account at once.
  expect((await signIn(request, neighbour, account.email, account.password)).status()).toBe(200);
  await getDb().signInThrottle.deleteMany({ where: { key: { in: [`address:${client}`, `address:${neighbour}`] } } });
});
