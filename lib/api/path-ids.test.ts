/**
 * Ids in the path that no record can have: with a NUL, the database would refuse even to compare them
 * (a 500, found by the fuzzer: `GET /api/v1/officials/a%00a`); they are a plain 404 like any unknown id.
 */
import { describe, expect, it } from 'vitest';
import { GET as getContact } from '@/app/api/v1/contacts/[id]/route';
import { GET as getOfficial } from '@/app/api/v1/officials/[idOrSlug]/route';
import { GET as auth } from '@/app/api/auth/[...all]/route';
import { setupTestDatabase } from '../testing/database';

process.env.BETTER_AUTH_SECRET ??= 'path-ids-test-secret-0123456789abcdef';
process.env.BETTER_AUTH_URL ??= 'http://localhost:3000';

setupTestDatabase();

const get = (path: string) => new Request(`http://localhost${path}`);

describe('odd ids in the path', () => {
  it('answers 404 in JSON for a contact or official id holding a NUL', async () => {
    for (const response of [
      await getContact(get('/api/v1/contacts/a%00b'), { params: Promise.resolve({ id: 'a\u0000b' }) }),
      await getOfficial(get('/api/v1/officials/a%00b'), { params: Promise.resolve({ idOrSlug: 'a\u0000b' }) }),
      await getContact(get('/api/v1/contacts/x'), { params: Promise.resolve({ id: '../'.repeat(5_000) }) }),
    ]) {
      expect(response.status).toBe(404);
      expect(await response.json()).toMatchObject({
        error: { code: 'NOT_FOUND', message: expect.stringMatching(/^No /) },
      });
    }
  });

  it('answers an unknown auth endpoint with a JSON 404, as the rest of the API does', async () => {
    const response = await auth(get('/api/auth/no-such-endpoint'));
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({
      error: { code: 'NOT_FOUND', message: 'No endpoint /api/auth/no-such-endpoint' },
    });
  });
});
