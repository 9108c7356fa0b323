import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { AppError } from '../errors';
import { log } from '../log';
import { ZContactFilters } from '../validation/filters';
import {
  errorResponse,
  invalidInput,
  jsonError,
  parseQuery,
  rejectUnknownParams,
  requestOrigin,
  withErrors,
} from './respond';

const request = (url = 'http://localhost/api/v1/contacts?from=x', headers: HeadersInit = {}) =>
  new Request(url, { headers });
const FILTER_KEYS = Object.keys(ZContactFilters.shape);

describe('jsonError', () => {
  it('answers with the status of the code and the one error shape', async () => {
    const response = jsonError(new AppError('NOT_FOUND', 'No official “x”', { a: ['No official “x”'] }));
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(await response.json()).toEqual({
      error: { code: 'NOT_FOUND', message: 'No official “x”', fields: { a: ['No official “x”'] } },
    });
  });

  it('leaves out fields when there are none', async () => {
    const body = await jsonError(new AppError('INVALID', 'Bad', {})).json();
    expect(body).toEqual({ error: { code: 'INVALID', message: 'Bad' } });
  });
});

describe('invalidInput', () => {
  it('names the one bad parameter in the message and gives its messages per field', () => {
    const result = ZContactFilters.safeParse({ from: '2022-13-01' });
    expect(result.success).toBe(false);
    const error = invalidInput(result.error!);
    expect(error.status).toBe(400);
    expect(error.message).toBe('Invalid parameter “from”: Enter a real date as YYYY-MM-DD');
    expect(error.fields).toEqual({ from: ['Enter a real date as YYYY-MM-DD'] });
  });

  it('lists every bad parameter, nested paths under their parameter', () => {
    const result = ZContactFilters.safeParse({ page: '0', country: ['US', 'ZZ'] });
    const error = invalidInput(result.error!);
    expect(error.message).toBe('Invalid parameters: country, page');
    expect(error.fields).toEqual({
      country: ['Use a two-letter ISO country code, e.g. US or RU'],
      page: ['Pages start at 1'],
    });
  });

  it('falls back to the form-level message', () => {
    const result = z
      .object({ x: z.number() })
      .refine(() => false, 'Never')
      .safeParse({ x: 1 });
    expect(invalidInput(result.error!).message).toBe('Never');
  });
});

describe('parseQuery', () => {
  it('parses repeated and comma-separated parameters as lists', () => {
    const params = new URLSearchParams('type=CALL&type=MEETING&country=us,ru&page=2');
    const filters = parseQuery(ZContactFilters, params, FILTER_KEYS);
    expect(filters).toMatchObject({ type: ['CALL', 'MEETING'], country: ['US', 'RU'], page: 2, pageSize: 50 });
  });

  it('refuses unknown parameters, naming them', () => {
    expect(() => rejectUnknownParams(new URLSearchParams('contry=RU&q=x&zz=1'), FILTER_KEYS)).toThrowError(
      expect.objectContaining({ code: 'INVALID', message: 'Unknown parameters: contry, zz' }),
    );
    expect(() => parseQuery(ZContactFilters, new URLSearchParams('contry=RU'), FILTER_KEYS)).toThrowError(
      expect.objectContaining({
        message: 'Unknown parameter: contry',
        fields: { contry: [expect.stringContaining('Not a parameter of this endpoint')] },
      }),
    );
  });

  it('says so when an endpoint takes no parameters at all', () => {
    expect(() => rejectUnknownParams(new URLSearchParams('x=1'), [])).toThrowError(
      expect.objectContaining({ fields: { x: ['This endpoint takes no query parameters'] } }),
    );
  });

  it('throws a 400 naming the field on a bad value', () => {
    expect(() => parseQuery(ZContactFilters, new URLSearchParams('page=0'), FILTER_KEYS)).toThrowError(
      expect.objectContaining({ code: 'INVALID', fields: { page: ['Pages start at 1'] } }),
    );
  });
});

describe('withErrors', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('passes a good answer through', async () => {
    const handler = withErrors(async () => Response.json({ ok: true }));
    expect(await (await handler(request(), undefined)).json()).toEqual({ ok: true });
  });

  it('turns an AppError into its status', async () => {
    const handler = withErrors(async () => {
      throw new AppError('NOT_FOUND', 'No official “x”');
    });
    const response = await handler(request(), undefined);
    expect(response.status).toBe(404);
    expect((await response.json()).error.code).toBe('NOT_FOUND');
  });

  it('turns a ZodError into a 400 with fields', async () => {
    const handler = withErrors(async () => {
      ZContactFilters.parse({ page: '0' });
      return new Response();
    });
    const response = await handler(request(), undefined);
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: {
        code: 'INVALID',
        message: 'Invalid parameter “page”: Pages start at 1',
        fields: { page: ['Pages start at 1'] },
      },
    });
  });

  it('logs an unexpected error with the request and answers 500 JSON without the stack', async () => {
    const logged = vi.spyOn(log, 'error').mockImplementation(() => {});
    const thrown = new Error('connection refused at secret-host:5432');
    const handler = withErrors(async () => {
      throw thrown;
    });
    const response = await handler(
      request('http://localhost/api/v1/gaps?a=x&b=y', { 'x-request-id': 'req-500' }),
      undefined,
    );
    expect(response.status).toBe(500);
    const text = await response.text();
    expect(JSON.parse(text)).toEqual({
      error: {
        code: 'INTERNAL',
        message: 'Something went wrong on the server. The error has been logged.',
        requestId: 'req-500',
      },
    });
    expect(text).not.toContain('secret-host');
    // With its stack (the err field), under the request's id, and without the query string.
    expect(logged).toHaveBeenCalledWith(
      { reqId: 'req-500', method: 'GET', route: '/api/v1/gaps', err: thrown },
      'The API request failed',
    );
  });

  it('carries the request id into expected errors too', async () => {
    const response = errorResponse(
      new AppError('NOT_FOUND', 'No official “x”'),
      request(undefined, { 'x-request-id': 'r-4' }),
    );
    expect(await response.json()).toEqual({
      error: { code: 'NOT_FOUND', message: 'No official “x”', requestId: 'r-4' },
    });
    const direct = jsonError(new AppError('INVALID', 'Bad'), request(undefined, { 'x-request-id': 'r-5' }));
    expect((await direct.json()).error.requestId).toBe('r-5');
  });

  it('errorResponse handles non-Error throws too', async () => {
    vi.spyOn(log, 'error').mockImplementation(() => {});
    expect(errorResponse('boom', request()).status).toBe(500);
  });
});

describe('requestOrigin', () => {
  it('uses the request URL by default', () => {
    expect(requestOrigin(request('http://127.0.0.1:3100/feeds/contacts.xml'))).toBe('http://127.0.0.1:3100');
  });

  it('follows the Host header and a proxy’s forwarded host and protocol', () => {
    expect(requestOrigin(request('http://localhost/x', { host: 'counterpart.example:8080' }))).toBe(
      'http://counterpart.example:8080',
    );
    const proxied = request('http://localhost/x', {
      host: 'internal:3000',
      'x-forwarded-host': 'counterpart.example, proxy.local',
      'x-forwarded-proto': 'https',
    });
    expect(requestOrigin(proxied)).toBe('https://counterpart.example');
  });

  it('ignores a host or protocol that is not one', () => {
    const odd = request('http://localhost:3000/x', { 'x-forwarded-host': 'evil"><x', 'x-forwarded-proto': 'https' });
    expect(requestOrigin(odd)).toBe('http://localhost:3000');
    const proto = request('http://localhost:3000/x', { 'x-forwarded-proto': 'javascript' });
    expect(requestOrigin(proto)).toBe('http://localhost:3000');
  });
});
