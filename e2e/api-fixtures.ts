import { randomBytes } from 'node:crypto';
import { test as base, expect, type APIRequestContext, type APIResponse } from '@playwright/test';
import { openApiDocument, schemaErrors, type HttpMethod } from '../lib/api/openapi';
import { bearer, type AccountName } from './auth';

/*
 * Fixtures for the write API's specs. Each test makes its own officials, in
 * countries the demo data does not use, and every contact of theirs is deleted
 * when the test ends, so that the specs reading the demo data (counts, feeds,
 * the dashboard) see it unchanged whatever order the specs run in.
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

export type WriteApi = {
  request: APIRequestContext;
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

export const test = base.extend<{ api: WriteApi }>({
  api: async ({ request }, provide) => {
    const officials: Official[] = [];
    const api: WriteApi = {
      request,
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
    // Whatever the test logged, through the fixture or not, leaves no contact behind.
    for (const official of officials) {
      const { items } = await (await request.get(`/api/v1/contacts?official=${official.id}&pageSize=500`)).json();
      for (const { id } of items as { id: string }[]) {
        const response = await request.delete(`/api/v1/contacts/${id}`, { headers: bearer('admin') });
        expect([200, 404]).toContain(response.status());
      }
    }
  },
});

export { expect };
