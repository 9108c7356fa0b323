import http from 'node:http';
import { expect, test, type APIRequestContext } from '@playwright/test';
import { disconnectDb } from '../lib/db';
import { createOwnAccount, forgedForwardedFor, removeOwnAccounts, type OwnAccount } from './own-accounts';

/*
 * Sign-in limits that a client cannot get around by making up its address,
 * and that cannot be turned against other accounts. Every test signs in with
 * accounts of its own, so no counter is shared with another spec.
 */

const made: OwnAccount[] = [];

test.afterAll(async () => {
  await removeOwnAccounts(made);
  await disconnectDb();
});

async function own(label: string, options?: Parameters<typeof createOwnAccount>[1]) {
  const account = await createOwnAccount(label, options);
  made.push(account);
  return account;
}

function origin(): string {
  return new URL(test.info().project.use.baseURL!).origin;
}

/** One sign-in through the auth endpoint, with a new made-up X-Forwarded-For each time. */
function signInRequest(request: APIRequestContext, email: string, password: string) {
  return request.post('/api/auth/sign-in/email', {
    headers: { ...forgedForwardedFor(), Origin: origin() },
    data: { email, password },
  });
}

test('a made-up address on every guess still gets five wrong passwords a minute for the account, then 429', async ({
  request,
}) => {
  const target = await own('target');
  const bystander = await own('bystander');

  for (let i = 0; i < 5; i += 1) {
    expect((await signInRequest(request, target.email, `guess number ${i}`)).status()).toBe(401);
  }
  const blocked = await signInRequest(request, target.email, 'guess number 6');
  expect(blocked.status()).toBe(429);
  const retryAfter = Number(blocked.headers()['retry-after']);
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(60);
  expect(blocked.headers()['content-type']).toMatch(/^application\/json/);
  expect(await blocked.json()).toMatchObject({ code: 'TOO_MANY_ATTEMPTS', message: expect.stringMatching(/Wait/) });

  // The right password waits too: otherwise the lock-out would tell which guess was right.
  expect((await signInRequest(request, target.email, target.password)).status()).toBe(429);

  // Another account, from the same client, meanwhile: its wrong password is just wrong, its right one works.
  expect((await signInRequest(request, bystander.email, 'not it')).status()).toBe(401);
  const signedIn = await signInRequest(request, bystander.email, bystander.password);
  expect(signedIn.status()).toBe(200);
  expect((await signedIn.json()).user.email).toBe(bystander.email);
});

test('the sign-in page says when to try again', async ({ page }) => {
  const target = await own('page-target');
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(target.email);
  for (let i = 0; i < 6; i += 1) {
    await page.getByLabel('Password', { exact: true }).fill(`wrong guess ${i}`);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('main').getByRole('alert')).toHaveText(
      i < 5 ? 'That email and password do not match an account.' : /Too many failed sign-ins\. Wait \d+ seconds/,
    );
    await expect(page.getByRole('button', { name: 'Sign in' })).toBeEnabled();
  }
});

test('a disabled account is answered exactly as a wrong password, so the answer does not reveal the password', async ({
  request,
  page,
}) => {
  const disabled = await own('disabled', { disabled: true });
  const active = await own('active');

  const rightButDisabled = await signInRequest(request, disabled.email, disabled.password);
  const wrongForDisabled = await signInRequest(request, disabled.email, 'not the password');
  const wrongForActive = await signInRequest(request, active.email, 'not the password');
  for (const response of [rightButDisabled, wrongForDisabled]) {
    expect(response.status()).toBe(wrongForActive.status());
    expect(await response.json()).toEqual(await wrongForActive.json());
    expect(response.headers()['set-cookie']).toBeUndefined();
  }
  expect(wrongForActive.status()).toBe(401);

  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(disabled.email);
  await page.getByLabel('Password', { exact: true }).fill(disabled.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('main').getByRole('alert')).toHaveText(
    'That email and password do not match an account.',
  );
  await expect(page.getByRole('link', { name: 'Sign in' })).toBeVisible();
});

test('a signed-in user cannot rename themselves through the auth library', async ({ playwright }) => {
  const user = await own('renamer');
  const request = await playwright.request.newContext({ baseURL: origin() });
  expect((await signInRequest(request, user.email, user.password)).status()).toBe(200);
  const session = await (await request.get('/api/auth/get-session')).json();
  expect(session.user.email).toBe(user.email);

  const rename = await request.post('/api/auth/update-user', {
    headers: { Origin: origin() },
    data: { name: 'Someone Else', image: 'https://evil.example/me.png' },
  });
  expect(rename.status()).toBe(404);
  const after = await (await request.get('/api/auth/get-session')).json();
  expect(after.user).toMatchObject({ name: user.name, image: null });
  await request.dispose();
});

test.describe('request bodies over the limit are refused before they are read', () => {
  test('by their declared length, on the auth and the write API', async ({ request }) => {
    const auth = await request.post('/api/auth/sign-in/email', {
      headers: { Origin: origin(), 'Content-Type': 'application/json' },
      data: JSON.stringify({ email: 'a@b.example', password: 'x'.repeat(20 * 1024) }),
    });
    expect(auth.status()).toBe(413);
    expect(auth.headers()['content-type']).toMatch(/^application\/json/);
    expect((await auth.json()).error).toMatchObject({
      code: 'PAYLOAD_TOO_LARGE',
      message: expect.stringMatching(/16 KB/),
    });

    const api = await request.post('/api/v1/contacts', {
      headers: { 'Content-Type': 'application/json', Authorization: 'Bearer not-a-token' },
      data: JSON.stringify({ summary: 'x'.repeat(1024 * 1024 + 10) }),
    });
    expect(api.status()).toBe(413);
    expect((await api.json()).error).toMatchObject({
      code: 'PAYLOAD_TOO_LARGE',
      message: expect.stringMatching(/1 MB/),
    });

    // Under the limit the request reaches the app as before.
    const small = await request.post('/api/v1/contacts', {
      headers: { 'Content-Type': 'application/json', Authorization: 'Bearer not-a-token' },
      data: JSON.stringify({ summary: 'x'.repeat(1000) }),
    });
    expect(small.status()).toBe(401);
  });

  test('by counting the bytes of a chunked body', async () => {
    const target = await own('chunked');
    /** Sends a body in chunks of 1 KB without a Content-Length, and returns the status and body. */
    const sendChunked = (body: string) =>
      new Promise<{ status: number; body: string }>((resolve, reject) => {
        const url = new URL('/api/auth/sign-in/email', origin());
        const req = http.request(url, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Origin: origin(), 'Transfer-Encoding': 'chunked' },
        });
        req.on('response', (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (chunk) => (text += chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
        });
        req.on('error', reject);
        for (let i = 0; i < body.length; i += 1024) req.write(body.slice(i, i + 1024));
        req.end();
      });

    const large = await sendChunked(JSON.stringify({ email: target.email, password: 'y'.repeat(40 * 1024) }));
    expect(large.status).toBe(413);
    expect(JSON.parse(large.body).error.code).toBe('PAYLOAD_TOO_LARGE');

    const fits = await sendChunked(JSON.stringify({ email: target.email, password: target.password }));
    expect(fits.status, fits.body).toBe(200);
    expect(JSON.parse(fits.body).user.email).toBe(target.email);
  });
});
