import { spawn, type ChildProcess } from 'node:child_process';
import { freePort } from '../scripts/lib/free-port';
import { expect, test } from './api-fixtures';

/*
 * Two app processes on one database, as behind a load balancer: each keeps its own response cache,
 * and a write through one is what the other answers with on its very next request, because the
 * write notifies every process in its transaction and each passes a barrier before a hit.
 */

let server: ChildProcess | undefined;
let other = '';

test.beforeAll(async () => {
  test.setTimeout(90_000);
  const port = await freePort();
  other = `http://127.0.0.1:${port}`;
  server = spawn(process.execPath, ['scripts/server.mjs', '--port', String(port), '--hostname', '127.0.0.1'], {
    env: process.env,
    stdio: 'ignore',
  });
  await expect
    .poll(
      () =>
        fetch(`${other}/api/auth/ok`).then(
          (r) => r.status,
          () => 0,
        ),
      { timeout: 60_000 },
    )
    .toBe(200);
});

test.afterAll(() => {
  server?.kill('SIGTERM');
});

/** A read on the second process: the body and how its cache answered. */
async function readOther(path: string) {
  const response = await fetch(`${other}${path}`);
  expect(response.status, path).toBe(200);
  return { cache: response.headers.get('x-counterpart-cache'), body: await response.json() };
}

test('a contact logged on one process is in the gaps the other answers at once', async ({ api }) => {
  const [a, b] = await api.pair();
  const byId = `/api/v1/gaps?a=${a.id}&b=${b.id}`;
  const bySlug = `/api/v1/gaps?a=${a.slug}&b=${b.slug}`;
  const countries = `/api/v1/gaps?countryA=${a.country}&countryB=${b.country}`;

  // The second process has the empty pair cached, under each of the pair's names.
  for (const path of [byId, bySlug]) {
    await expect.poll(async () => (await readOther(path)).cache).toBe('hit');
    expect((await readOther(path)).body.heldCount).toBe(0);
  }
  await readOther(countries);

  for (const [n, date] of [
    [1, '2024-01-10'],
    [2, '2024-03-01'],
  ] as const) {
    await api.contact(a, b, { date });
    for (const path of [bySlug, byId]) {
      const after = await readOther(path);
      expect(after.body.heldCount, `${path} after contact ${n}`).toBe(n);
      expect(after.body.lastContact.date).toBe(date);
    }
    expect((await readOther(countries)).body.lastContact.date >= date).toBe(true);
  }
  // Fresh again, and kept again.
  expect((await readOther(bySlug)).cache).toBe('hit');
});

test('a signed-in or token-bearing request is never answered from the cache', async ({ api }) => {
  const [a, b] = await api.pair();
  const path = `/api/v1/gaps?a=${a.slug}&b=${b.slug}`;
  await expect.poll(async () => (await readOther(path)).cache).toBe('hit');
  const withToken = await fetch(`${other}${path}`, { headers: { Authorization: 'Bearer not-a-token' } });
  expect(withToken.headers.get('x-counterpart-cache')).toBeNull();
});
