import { describe, expect, it } from 'vitest';
import { PUT as putContacts } from '@/app/api/v1/contacts/route';
import { DELETE as deletePing } from '@/app/api/v1/ping/route';
import { GET as unknownApi } from '@/app/api/[...path]/route';

/*
 * What the fuzzer found over HTTP: a method a route does not take (PUT /api/v1/contacts) was Next.js's
 * empty 405, and an address under /api outside /api/v1 (/api/v1/../x, as a client resolves it) the HTML
 * not-found page. Both are JSON errors now, as every other error of the API.
 */
describe('methods and addresses the API does not have', () => {
  it('answers a method a route does not take with a JSON 405 naming those it does', async () => {
    const response = putContacts(new Request('http://localhost/api/v1/contacts', { method: 'PUT', body: '{}' }));
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, POST');
    expect(await response.json()).toEqual({
      error: { code: 'METHOD_NOT_ALLOWED', message: 'PUT is not a method of /api/v1/contacts: use GET or POST' },
    });
    const ping = deletePing(new Request('http://localhost/api/v1/ping', { method: 'DELETE' }));
    expect([ping.status, ping.headers.get('allow')]).toEqual([405, 'GET']);
  });

  it('answers an unknown address under /api with a JSON 404', async () => {
    const response = unknownApi(new Request('http://localhost/api/contacts'));
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({
      error: { code: 'NOT_FOUND', message: expect.stringContaining('/api/contacts') },
    });
  });
});
