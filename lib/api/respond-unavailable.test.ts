import { afterEach, describe, expect, it, vi } from 'vitest';
import { log } from '../log';
import { errorResponse } from './respond';

const request = new Request('http://localhost/api/v1/contacts');

describe('errorResponse while the database is down or slow', () => {
  afterEach(() => vi.restoreAllMocks());

  it('answers 503 UNAVAILABLE with Retry-After when PostgreSQL cannot be reached', async () => {
    vi.spyOn(log, 'warn').mockImplementation(() => {});
    const refused = Object.assign(new Error("Can't reach database server at 127.0.0.1:1"), { code: 'P1001' });
    const response = errorResponse(refused, request);
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('5');
    expect(await response.json()).toEqual({
      error: { code: 'UNAVAILABLE', message: 'The database is not answering; try again in a moment.' },
    });
  });

  it('answers 503 when a statement ran past statement_timeout', async () => {
    vi.spyOn(log, 'warn').mockImplementation(() => {});
    // The shape Prisma gives through the pg driver adapter.
    const timedOut = Object.assign(new Error('Raw query failed. Code: `57014`.'), {
      code: 'P2010',
      meta: { driverAdapterError: { name: 'DriverAdapterError', cause: { kind: 'postgres', code: '57014' } } },
    });
    const response = errorResponse(timedOut, request);
    expect(response.status).toBe(503);
    expect((await response.json()).error.message).toMatch(/took too long/);
  });

  it('still answers 500 for anything else', () => {
    vi.spyOn(log, 'error').mockImplementation(() => {});
    expect(errorResponse(new Error('bug'), request).status).toBe(500);
  });
});
