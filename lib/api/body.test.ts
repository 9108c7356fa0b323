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

  it('keeps markup and injections: they are text, stored as sent and shown inert', async () => {
    const body = { summary: "'; DROP TABLE contact; -- <script>alert(1)</script> 😀" };
    expect(await readJsonObject(post(JSON.stringify(body)))).toEqual(body);
  });

  it('refuses half a character (a lone surrogate), which has no UTF-8 form, naming the field', async () => {
    // The audit log's JSON column refused it with an error, a 500 the soak's fuzzer found.
    const error = await readJsonObject(post('{"name":"x","bio":"\\udfff"}')).catch((e) => e);
    expect(error).toMatchObject({ status: 400, fields: { bio: [expect.stringContaining('unpaired surrogate')] } });
  });
});
