import { describe, expect, it } from 'vitest';
import { AppError } from '../errors';
import { readJsonObject } from './body';

const post = (body: string) =>
  new Request('http://localhost/api/v1/contacts', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
  });

describe('readJsonObject', () => {
  it('refuses a NUL anywhere in the body with a 400 naming the field (PostgreSQL text cannot hold it)', async () => {
    // The fuzzer's payload: a contact whose source title carries \u0000 reached the database and was a 500.
    const error = await readJsonObject(post('{"summary":"fine","sources":[{"title":"a\\u0000b"}]}')).catch((e) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ status: 400, fields: { 'sources.0.title': [expect.stringContaining('NUL')] } });
    expect(error.message).toContain('sources.0.title');
  });

  it('keeps lone surrogates, markup and injections: they are text, stored as sent and shown inert', async () => {
    const body = { summary: "'; DROP TABLE contact; -- <script>alert(1)</script> \uD800" };
    expect(await readJsonObject(post(JSON.stringify(body)))).toEqual(body);
  });
});
