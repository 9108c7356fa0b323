import { randomBytes } from 'node:crypto';
import { test as base, expect, type APIRequestContext, type APIResponse } from '@playwright/test';
import { openApiDocument, type HttpMethod } from '../lib/api/openapi';
import { schemaErrors } from '../lib/api/openapi-validate';
import { disconnectDb, getDb } from '../lib/db';
import { bearer, type AccountName } from './auth';

/*
 * Fixtures for the write API's specs. Each test makes its own officials, in
 * countries the demo data does not use, and when the test ends they are
 * deleted with every contact they took part in, so that the specs reading the
 * demo data (counts, feeds, the dashboard) see it unchanged whatever order the
 * specs run in, and every spec passes alone.
 */

export type Official = { id: string; slug: string; version: number; name: string; country: string };
export type ContactBody = Record<string, unknown>;
export type Created = {
  id: string;
  version: number;
  date: string;
  endedSilence: { days: number; since: string; sinceContactId: string; between: { slug: string }[] } | null;
  endedSilences: unknown[];
  resolvedExpected: string[];
  possibleDuplicates: { id: string }[];
  href: string;
};

/** Two countries no demo official belongs to. */
export const COUNTRY_A = 'NO';
export const COUNTRY_B = 'FI';

/** A unique tag for names and office keys: letters and digits. */
export function uniqueTag(): string {
  return randomBytes(4).toString('hex').toUpperCase();
}

/** Asserts a JSON error answer with its status and code, and returns the error. */
export async function expectError(response: APIResponse, status: number, code: string) {
  expect(response.status(), await response.text()).toBe(status);
  expect(response.headers()['content-type']).toMatch(/^application\/json/);
  const body = await response.json();
  expect(body.error).toMatchObject({ code, message: expect.any(String) });
  return body.error as { code: string; message: string; fields?: Record<string, string[]> } & Record<string, unknown>;
}

/**
 * Asserts that the answer is one the OpenAPI document lists for the operation,
 * with a body of the documented shape, and returns the body.
 */
export async function expectDocumented(response: APIResponse, method: HttpMethod, path: string) {
  const operation = openApiDocument.paths[path]?.[method];
  expect(operation, `${method} ${path} is documented`).toBeDefined();
  const status = String(response.status());
  const documented = operation!.responses[status];
  expect(documented, `${method} ${path} answered ${status}: ${await response.text()}`).toBeDefined();
  const media = documented.content?.['application/json'];
  expect(media, `${method} ${path} ${status} is JSON`).toBeDefined();
  const body = await response.json();
  expect(schemaErrors(body, media!.schema), `${method} ${path} ${status} fits the document`).toEqual([]);
  return body;
}

/** A valid contact between two officials, with what the test changes. */
export function contactBody(a: Official, b: Official, more: ContactBody = {}): ContactBody {
  return {
    date: '2022-05-13',
    type: 'CALL',
    status: 'HELD',
    participants: [a.slug, b.slug],
    sources: [{ url: 'https://example.org/readout', publisher: 'Example Wire' }],
    ...more,
  };
}

/**
 * Deletes officials a test made, with every contact they take part in. The
 * contacts go through the API first (with the version they are at), so that
 * the server forgets the cached pages that showed them; then the database of
 * the tests loses what the API only marks deleted, the officials (positions,
 * spellings and photos with them) and any office left without a holder by it.
 * The API deletes no official with contacts, by design, hence the database.
 * Fails, rather than skipping, if anything is left.
 */
export async function removeOfficials(request: APIRequestContext, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  for (const id of ids) {
    const response = await request.get(`/api/v1/contacts?official=${id}&pageSize=500`);
    if (response.status() === 404) continue;
    expect(response.status(), await response.text()).toBe(200);
    for (const contact of (await response.json()).items as { id: string; version: number }[]) {
      const deleted = await request.delete(`/api/v1/contacts/${contact.id}?version=${contact.version}`, {
        headers: bearer('admin'),
      });
      expect([200, 404], await deleted.text()).toContain(deleted.status());
    }
  }
  const db = getDb();
  const offices = await db.position.findMany({
    where: { officialId: { in: ids } },
    select: { officeKey: true },
    distinct: ['officeKey'],
  });
  await db.$transaction([
    db.contact.deleteMany({ where: { participants: { some: { officialId: { in: ids } } } } }),
    db.official.deleteMany({ where: { id: { in: ids } } }),
    db.office.deleteMany({ where: { key: { in: offices.map((o) => o.officeKey) }, positions: { none: {} } } }),
  ]);
  expect(await db.official.count({ where: { id: { in: ids } } }), 'officials left after the clean-up').toBe(0);
}

/**
 * For a spec on Playwright's own `test`: makes officials through the API (as the admin) and remembers them, so
 * that `removeAll` in the spec's afterEach deletes each, with every contact of theirs, when its test ends.
 */
export function officialMaker() {
  const made: Official[] = [];
  return {
    async create(request: APIRequestContext, body: Record<string, unknown>): Promise<Official> {
      const response = await request.post('/api/v1/officials', { headers: bearer('admin'), data: body });
      expect(response.status(), await response.text()).toBe(201);
      const official = (await response.json()) as Official;
      made.push(official);
      return official;
    },
    async removeAll(request: APIRequestContext): Promise<void> {
      await removeOfficials(
        request,
        made.splice(0).map((o) => o.id),
      );
    },
  };
}

/** removeOfficials, by slug; a slug that matches nothing (never made) is ignored. */
export async function removeOfficialsBySlug(request: APIRequestContext, slugs: string[]): Promise<void> {
  const found = await getDb().official.findMany({ where: { slug: { in: slugs } }, select: { id: true } });
  await removeOfficials(
    request,
    found.map((o) => o.id),
  );
}

export type WriteApi = {
  request: APIRequestContext;
  /** Marks an official made some other way (a form, a bare request) for deletion when the test ends. */
  adopt(official: { id: string }): void;
  /** A new official (made by the admin), by default of COUNTRY_A. */
  official(more?: Record<string, unknown>): Promise<Official>;
  /** Two new officials, of COUNTRY_A and COUNTRY_B. */
  pair(): Promise<[Official, Official]>;
  /** Logs a contact as the account (researcher unless said) and returns POST's answer. */
  contact(a: Official, b: Official, more?: ContactBody, as?: AccountName): Promise<Created>;
  /** A contact as GET shows it. */
  getContact(id: string): Promise<Record<string, unknown> & { version: number; verification: string }>;
  /** An official as GET shows it. */
  getOfficial(slug: string): Promise<Official & Record<string, unknown>>;
};

export const test = base.extend<{ api: WriteApi }, { testDatabase: void }>({
  // The test database's client closes when the worker ends, so the worker can exit.
  testDatabase: [
    async ({}, provide) => {
      await provide();
      await disconnectDb();
    },
    { scope: 'worker', auto: true },
  ],
  api: async ({ request }, provide) => {
    const officials: { id: string }[] = [];
    const api: WriteApi = {
      request,
      adopt(official) {
        officials.push(official);
      },
      async official(more = {}) {
        const response = await request.post('/api/v1/officials', {
          headers: bearer('admin'),
          data: { name: `Apitest ${uniqueTag()}`, country: COUNTRY_A, ...more },
        });
        expect(response.status(), await response.text()).toBe(201);
        const official = (await response.json()) as Official;
        officials.push(official);
        return official;
      },
      async pair() {
        return [await api.official(), await api.official({ country: COUNTRY_B })];
      },
      async contact(a, b, more = {}, as = 'researcher') {
        const response = await request.post('/api/v1/contacts', {
          headers: bearer(as),
          data: contactBody(a, b, more),
        });
        expect(response.status(), await response.text()).toBe(201);
        return (await response.json()) as Created;
      },
      async getContact(id) {
        const response = await request.get(`/api/v1/contacts/${id}`);
        expect(response.status(), await response.text()).toBe(200);
        return response.json();
      },
      async getOfficial(slug) {
        const response = await request.get(`/api/v1/officials/${slug}`);
        expect(response.status(), await response.text()).toBe(200);
        return response.json();
      },
    };
    await provide(api);
    // Whatever the test made, through the fixture or adopted, goes: officials and every contact of theirs.
    await removeOfficials(
      request,
      officials.map((o) => o.id),
    );
  },
});

export { expect };
