import { readFileSync } from 'node:fs';
import { expect, request as requestContext, test, type APIResponse } from '@playwright/test';
import { disconnectDb } from '../lib/db';
import { findSecrets, isRequestLine, parseLog, serverLogFile, type LogLine } from '../scripts/lib/server-log';
import { account, bearer } from './auth';
import { createOwnAccount, removeOwnAccounts, type OwnAccount } from './own-accounts';

/*
 * The server's log, as whoever runs the service reads it: one JSON line per request, found by the id
 * the failed request's answer quotes, and never a password, token or cookie, whatever the requests
 * carried. (scripts/test.ts searches the whole run's log for every secret once the run is over.)
 */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const made: OwnAccount[] = [];

test.afterAll(async () => {
  await removeOwnAccounts(made);
  await disconnectDb();
});

function logText(): string {
  return readFileSync(serverLogFile(), 'utf8');
}

/** The line of the request with this id, once the server has written it. */
async function requestLine(reqId: string): Promise<LogLine> {
  let line: LogLine | undefined;
  await expect
    .poll(() => (line = parseLog(logText()).lines.find((l) => l.reqId === reqId && isRequestLine(l))), {
      message: `the log line of request ${reqId}`,
    })
    .toBeDefined();
  return line!;
}

/** The id a response was given, checked against the one its JSON error quotes. */
async function idOfFailure(response: APIResponse): Promise<string> {
  const id = response.headers()['x-request-id'];
  expect(id, 'X-Request-Id').toBeTruthy();
  expect((await response.json()).error.requestId, 'error.requestId').toBe(id);
  return id;
}

test('a failed API request quotes its id, and the log has its line under that id with its status', async ({
  request,
}) => {
  // A token in the query string, where a careless client might put it: the log keeps the path only.
  const { token } = account('researcher');
  const invalid = await request.get(`/api/v1/officials?access_token=${token}`);
  expect(invalid.status()).toBe(400);
  const invalidId = await idOfFailure(invalid);
  expect(invalidId).toMatch(UUID);
  expect(await requestLine(invalidId)).toEqual({
    level: 'warn',
    time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
    pid: expect.any(Number),
    reqId: invalidId,
    method: 'GET',
    route: '/api/v1/officials',
    status: 400,
    durationMs: expect.any(Number),
    msg: expect.stringMatching(/^GET \/api\/v1\/officials 400 [\d.]+ms$/),
  });

  const unknown = await request.post('/api/v1/no-such-endpoint', { headers: bearer('researcher'), data: {} });
  expect(unknown.status()).toBe(404);
  const unknownId = await idOfFailure(unknown);
  expect(await requestLine(unknownId)).toMatchObject({
    method: 'POST',
    route: '/api/v1/no-such-endpoint',
    status: 404,
  });

  const refused = await request.post('/api/v1/contacts', { headers: { Authorization: 'Bearer cp_not-a-real-token' } });
  expect(refused.status()).toBe(401);
  expect(await requestLine(await idOfFailure(refused))).toMatchObject({ status: 401, level: 'warn' });

  expect(findSecrets(logText(), [{ label: 'the API token', value: token }])).toEqual([]);
});

test('a request id the client sends is kept when it is a short safe token, and replaced otherwise', async ({
  request,
}) => {
  const kept = await request.get('/api/v1/no-such-endpoint', { headers: { 'X-Request-Id': 'trace.4711:client-a' } });
  expect(await idOfFailure(kept)).toBe('trace.4711:client-a');
  expect(await requestLine('trace.4711:client-a')).toMatchObject({ status: 404 });

  for (const unsafe of ['two words', '<script>alert(1)</script>', 'x'.repeat(129)]) {
    const replaced = await request.get('/api/v1/no-such-endpoint', { headers: { 'X-Request-Id': unsafe } });
    expect(await idOfFailure(replaced), unsafe).toMatch(UUID);
  }

  // Pages get one too, on success.
  const page = await request.get('/methodology');
  expect(page.headers()['x-request-id']).toMatch(UUID);
});

test('signing in, a wrong password and a session leave no password, cookie or session in the log', async ({
  baseURL,
}) => {
  const person = await createOwnAccount('log-reader');
  made.push(person);
  const client = await requestContext.newContext({ baseURL, extraHTTPHeaders: { Origin: new URL(baseURL!).origin } });
  const wrongPassword = `not-${person.password}`;

  const wrong = await client.post('/api/auth/sign-in/email', {
    data: { email: person.email, password: wrongPassword },
  });
  expect(wrong.status()).toBe(401);
  const signedIn = await client.post('/api/auth/sign-in/email', {
    data: { email: person.email, password: person.password },
  });
  expect(signedIn.status()).toBe(200);
  const cookies = (await client.storageState()).cookies;
  const session = cookies.find((cookie) => cookie.name.endsWith('better-auth.session_token'));
  expect(session, 'the session cookie').toBeDefined();
  const account = await client.get('/account');
  expect(account.status()).toBe(200);
  await client.dispose();

  for (const response of [wrong, signedIn, account]) await requestLine(response.headers()['x-request-id']);
  const secrets = [
    { label: 'the password', value: person.password },
    { label: 'the wrong password', value: wrongPassword },
    { label: 'the session cookie', value: session!.value },
    { label: 'the session token', value: decodeURIComponent(session!.value).split('.')[0] },
  ];
  expect(findSecrets(logText(), secrets)).toEqual([]);
});
