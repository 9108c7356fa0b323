import type { APIRequestContext, APIResponse } from '@playwright/test';
import { openApiDocument, operationsOf, type HttpMethod } from '../lib/api/openapi';
import type { Permission } from '../lib/auth/permissions';
import {
  COUNTRY_A,
  contactBody,
  expect,
  expectDocumented,
  expectError,
  test,
  uniqueTag,
  type Official,
  type WriteApi,
} from './api-fixtures';
import { account, bearer, type AccountName } from './auth';

/*
 * The permission matrix of the write API: every mutating endpoint × every
 * role, the expected outcome written out by hand in each row (`allowed`), never
 * read from the permission table under test (`can`). A refusal must be 401 (no account) or 403 (a role
 * that may not) and leave the data as it was; an allowance must do what it says.
 * Each row gets fresh officials and a contact logged by researcher2, who is
 * not in the matrix: the data layer refuses a verification by whoever logged
 * the contact, which is a rule of its own (see api-write.spec.ts), not a role.
 */

type Actor = 'anonymous' | Extract<AccountName, 'viewer' | 'researcher' | 'admin'>;
const ACTORS: Actor[] = ['anonymous', 'viewer', 'researcher', 'admin'];
const RESEARCHERS: Actor[] = ['researcher', 'admin'];
const ADMINS: Actor[] = ['admin'];
const SIGNED_IN: Actor[] = ['viewer', 'researcher', 'admin'];

/** A watch's owner: the actor, or for a request with no account, the admin (whose watch it must not touch). */
type Owner = Exclude<Actor, 'anonymous'>;

type World = { a: Official; b: Official; contactId: string; name: string; owner: Owner; watchId?: string };

type Endpoint = {
  name: string;
  method: HttpMethod;
  /** The path as the OpenAPI document names it. */
  path: string;
  permission: Permission;
  /** Who may, by hand from DESIGN.md; everyone else is refused. */
  allowed: Actor[];
  success: number;
  /** Before `target` is read: what the request acts on, when the world does not hold it yet. */
  setup?(request: APIRequestContext, world: World): Promise<void>;
  send(request: APIRequestContext, world: World, headers: Record<string, string>): Promise<APIResponse>;
  /** What the endpoint would change, read through the API. */
  target(api: WriteApi, world: World): Promise<unknown>;
  /** After an allowed request: the change is there. */
  expectChanged(api: WriteApi, world: World): Promise<void>;
};

const ENDPOINTS: Endpoint[] = [
  {
    name: 'log a contact',
    method: 'post',
    path: '/api/v1/contacts',
    permission: 'contact:create',
    allowed: RESEARCHERS,
    success: 201,
    send: (request, { a, b }, headers) =>
      request.post('/api/v1/contacts', { headers, data: contactBody(a, b, { date: '2022-06-01' }) }),
    target: async (api, { a }) => (await api.request.get(`/api/v1/contacts?official=${a.id}`)).json(),
    async expectChanged(api, { a }) {
      const { items } = await (await api.request.get(`/api/v1/contacts?official=${a.id}`)).json();
      expect(items.map((c: { date: string }) => c.date)).toEqual(['2022-06-01', '2022-05-13']);
    },
  },
  {
    name: 'edit a contact',
    method: 'patch',
    path: '/api/v1/contacts/{id}',
    permission: 'contact:update',
    allowed: RESEARCHERS,
    success: 200,
    send: (request, { contactId }, headers) =>
      request.patch(`/api/v1/contacts/${contactId}`, { headers, data: { version: 1, summary: 'Edited.' } }),
    target: (api, { contactId }) => api.getContact(contactId),
    async expectChanged(api, { contactId }) {
      expect(await api.getContact(contactId)).toMatchObject({ version: 2, summary: 'Edited.' });
    },
  },
  {
    name: 'verify a contact',
    method: 'patch',
    path: '/api/v1/contacts/{id}',
    permission: 'contact:verify',
    allowed: RESEARCHERS,
    success: 200,
    send: (request, { contactId }, headers) =>
      request.patch(`/api/v1/contacts/${contactId}`, { headers, data: { version: 1, verification: 'VERIFIED' } }),
    target: (api, { contactId }) => api.getContact(contactId),
    async expectChanged(api, { contactId }) {
      expect(await api.getContact(contactId)).toMatchObject({ version: 2, verification: 'VERIFIED' });
    },
  },
  {
    name: 'delete a contact',
    method: 'delete',
    path: '/api/v1/contacts/{id}',
    permission: 'contact:delete',
    allowed: ADMINS,
    success: 200,
    send: (request, { contactId }, headers) => request.delete(`/api/v1/contacts/${contactId}?version=1`, { headers }),
    target: (api, { contactId }) => api.getContact(contactId),
    async expectChanged(api, { contactId }) {
      expect((await api.request.get(`/api/v1/contacts/${contactId}`)).status()).toBe(404);
    },
  },
  {
    name: 'add an official',
    method: 'post',
    path: '/api/v1/officials',
    permission: 'official:create',
    allowed: ADMINS,
    success: 201,
    send: (request, { name }, headers) =>
      request.post('/api/v1/officials', { headers, data: { name, country: COUNTRY_A } }),
    target: async (api, { name }) => (await api.request.get(`/api/v1/officials?q=${encodeURIComponent(name)}`)).json(),
    async expectChanged(api, { name }) {
      const found = await (await api.request.get(`/api/v1/officials?q=${encodeURIComponent(name)}`)).json();
      expect(found.items.map((o: { name: string }) => o.name)).toEqual([name]);
    },
  },
  {
    name: 'edit an official',
    method: 'patch',
    path: '/api/v1/officials/{idOrSlug}',
    permission: 'official:update',
    allowed: ADMINS,
    success: 200,
    send: (request, { a }, headers) =>
      request.patch(`/api/v1/officials/${a.slug}`, { headers, data: { version: 1, bio: 'Edited.' } }),
    target: (api, { a }) => api.getOfficial(a.slug),
    async expectChanged(api, { a }) {
      expect(await api.getOfficial(a.slug)).toMatchObject({ version: 2, bio: 'Edited.' });
    },
  },
  {
    name: 'watch a silence',
    method: 'post',
    path: '/api/v1/watches',
    permission: 'account:update',
    allowed: SIGNED_IN,
    success: 201,
    send: (request, { a, b }, headers) =>
      request.post('/api/v1/watches', {
        headers,
        data: { level: 'officials', a: a.slug, b: b.slug, thresholdDays: 30 },
      }),
    target: (api, world) => watchesOfPair(api.request, world),
    async expectChanged(api, world) {
      const watches = await watchesOfPair(api.request, world);
      expect(watches.map((w) => w.threshold.days)).toEqual([30]);
      world.watchId = watches[0].id;
    },
  },
  {
    name: 'change a watch’s threshold',
    method: 'patch',
    path: '/api/v1/watches/{id}',
    permission: 'account:update',
    allowed: SIGNED_IN,
    success: 200,
    setup: ownWatch,
    send: (request, { watchId }, headers) =>
      request.patch(`/api/v1/watches/${watchId}`, { headers, data: { thresholdMultiple: 2 } }),
    target: (api, world) => watchesOfPair(api.request, world),
    async expectChanged(api, world) {
      const watches = await watchesOfPair(api.request, world);
      expect(watches.map((w) => [w.threshold.days, w.threshold.multiple])).toEqual([[null, 2]]);
    },
  },
  {
    name: 'stop watching',
    method: 'delete',
    path: '/api/v1/watches/{id}',
    permission: 'account:update',
    allowed: SIGNED_IN,
    success: 200,
    setup: ownWatch,
    send: (request, { watchId }, headers) => request.delete(`/api/v1/watches/${watchId}`, { headers }),
    target: (api, world) => watchesOfPair(api.request, world),
    async expectChanged(api, world) {
      expect(await watchesOfPair(api.request, world)).toEqual([]);
      world.watchId = undefined;
    },
  },
];

type WatchJson = { id: string; pair: { href: string }; threshold: { days: number | null; multiple: number | null } };

/** The owner's watches of the world's pair, read with the owner's token. */
async function watchesOfPair(request: APIRequestContext, { a, b, owner }: World): Promise<WatchJson[]> {
  const response = await request.get('/api/v1/watches', { headers: bearer(owner) });
  expect(response.status(), await response.text()).toBe(200);
  const { items } = (await response.json()) as { items: WatchJson[] };
  return items.filter((w) => w.pair.href.includes(a.slug) && w.pair.href.includes(b.slug));
}

/** A watch of the world's pair by its owner, for the request to act on. */
async function ownWatch(request: APIRequestContext, world: World): Promise<void> {
  const response = await request.post('/api/v1/watches', {
    headers: bearer(world.owner),
    data: { level: 'officials', a: world.a.slug, b: world.b.slug, thresholdDays: 10 },
  });
  expect(response.status(), await response.text()).toBe(201);
  world.watchId = ((await response.json()) as { id: string }).id;
}

function headersOf(actor: Actor): Record<string, string> {
  return actor === 'anonymous' ? {} : bearer(actor);
}

async function contactsTotal(request: APIRequestContext): Promise<number> {
  return (await (await request.get('/api/v1/contacts?pageSize=1')).json()).total;
}

test('the matrix covers every write the OpenAPI document lists, with the permission it names', () => {
  // Parsing a readout is a POST that writes nothing: public, like the reads (lib/api/openapi.test.ts checks it).
  const writes = operationsOf(openApiDocument).filter(
    ({ method, path }) => method !== 'get' && path !== '/api/v1/readouts/parse',
  );
  expect(new Set(ENDPOINTS.map((e) => `${e.method} ${e.path}`))).toEqual(
    new Set(writes.map(({ method, path }) => `${method} ${path}`)),
  );
  for (const { method, path, operation } of writes) {
    const rows = ENDPOINTS.filter((e) => e.method === method && e.path === path);
    expect(
      rows.map((e) => e.permission),
      `${method} ${path}`,
    ).toContain(operation['x-permission']);
  }
});

test('each account of the matrix has the role its name says', () => {
  for (const actor of ACTORS.filter((a) => a !== 'anonymous')) {
    expect(account(actor as AccountName).role, actor).toBe(actor.toUpperCase());
  }
});

for (const endpoint of ENDPOINTS) {
  test.describe(`${endpoint.name} (${endpoint.method.toUpperCase()} ${endpoint.path}, ${endpoint.permission})`, () => {
    for (const actor of ACTORS) {
      const allowed = endpoint.allowed.includes(actor);
      test(`${actor}: ${allowed ? 'allowed' : 'refused'}`, async ({ api, request }) => {
        const [a, b] = await api.pair();
        const { id: contactId } = await api.contact(a, b, { date: '2022-05-13' }, 'researcher2');
        const owner: Owner = actor === 'anonymous' ? 'admin' : actor;
        const world: World = { a, b, contactId, name: `Apitest Matrix ${uniqueTag()}`, owner };
        await endpoint.setup?.(request, world);
        try {
          const before = await endpoint.target(api, world);
          const totalBefore = await contactsTotal(request);

          const response = await endpoint.send(request, world, headersOf(actor));
          await expectDocumented(response, endpoint.method, endpoint.path);

          if (allowed) {
            expect(response.status(), await response.text()).toBe(endpoint.success);
            // An official this request made goes with the test's own.
            if (endpoint.path === '/api/v1/officials') api.adopt(await response.json());
            await endpoint.expectChanged(api, world);
            return;
          }
          if (actor === 'anonymous') await expectError(response, 401, 'UNAUTHENTICATED');
          else await expectError(response, 403, 'FORBIDDEN');
          expect(await endpoint.target(api, world)).toEqual(before);
          expect(await contactsTotal(request)).toBe(totalBefore);
        } finally {
          // The accounts are shared with other specs: a watch this test made goes with it.
          if (world.watchId) await request.delete(`/api/v1/watches/${world.watchId}`, { headers: bearer(owner) });
        }
      });
    }
  });
}
