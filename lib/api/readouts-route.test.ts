/**
 * POST /api/v1/readouts/parse as a client meets it: a readout gives its
 * proposal, each field with its phrase and confidence, and the answer fits the
 * OpenAPI document; nothing recognisable gives an empty proposal and a
 * message; bad bodies are 400s that say what is wrong; nothing is written.
 */
import { describe, expect, it } from 'vitest';
import { POST, GET } from '@/app/api/v1/readouts/parse/route';
import { getDb } from '../db';
import { FIXTURE_OFFICIALS } from '../readouts/fixtures/officials';
import { setupTestDatabase } from '../testing/database';
import { READOUT_MAX_CHARS } from '../validation/readout';
import { openApiDocument } from './openapi';
import { schemaErrors } from './openapi-validate';
import { makeOfficial } from '../testing/factories';

setupTestDatabase();

async function post(body: unknown, contentType = 'application/json') {
  const response = await POST(
    new Request('http://localhost/api/v1/readouts/parse', {
      method: 'POST',
      headers: { 'content-type': contentType },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    }),
    undefined,
  );
  return { status: response.status, body: await response.json() };
}

const documented = (status: string) =>
  openApiDocument.paths['/api/v1/readouts/parse'].post!.responses[status].content!['application/json'].schema;
const fits = (body: unknown, status: string) =>
  schemaErrors(body, documented(status), openApiDocument.components.schemas);

async function officials(...slugs: string[]) {
  for (const official of FIXTURE_OFFICIALS.filter((o) => slugs.includes(o.slug))) {
    const { name, country, otherNames, positions } = official;
    await makeOfficial({ name, country, otherNames, positions });
  }
}

const READOUT =
  'Secretary of Defense Lloyd J. Austin III spoke with Russian Minister of Defense Sergei Shoigu on Friday. ' +
  'The call, at the request of the Russian side, lasted about an hour.';

describe('POST /api/v1/readouts/parse', () => {
  it('proposes the contact with the phrase and confidence of each field, in the documented shape', async () => {
    await officials('lloyd-austin', 'sergei-shoigu');
    const contactsBefore = await getDb().contact.count();
    const { status, body } = await post({
      text: READOUT,
      url: 'https://www.defense.gov/News/Releases/Release/Article/1/',
      publishedAt: '2022-05-16',
    });
    expect(status).toBe(200);
    expect(fits(body, '200')).toEqual([]);
    expect(body.empty).toBe(false);
    const { proposal } = body;
    expect(proposal.date).toMatchObject({
      value: { date: '2022-05-13', precision: 'DAY' },
      evidence: { text: 'on Friday' },
    });
    expect(proposal.participants.map((p: { value: { slug: string } }) => p.value.slug)).toEqual([
      'lloyd-austin',
      'sergei-shoigu',
    ]);
    expect(proposal.participants[1].evidence.text).toBe('Russian Minister of Defense Sergei Shoigu');
    expect(proposal.type).toMatchObject({ value: 'CALL', evidence: { text: 'spoke with' } });
    expect(proposal.status.value).toBe('HELD');
    expect(proposal.initiator).toMatchObject({
      value: { name: 'Sergei Shoigu' },
      evidence: { text: 'at the request of the Russian side' },
    });
    expect(proposal.durationMinutes).toMatchObject({ value: 60, evidence: { text: 'about an hour' } });
    expect(proposal.source.publisher.value).toBe('US Department of Defense');
    expect(proposal.source.publishedAt.value).toBe('2022-05-16');
    for (const field of [proposal.date, proposal.type, proposal.durationMinutes, ...proposal.participants]) {
      expect(READOUT.slice(field.evidence.start, field.evidence.end)).toBe(field.evidence.text);
      expect(field.confidence).toBeGreaterThan(0);
      expect(field.confidence).toBeLessThanOrEqual(1);
    }
    // It writes nothing.
    expect(await getDb().contact.count()).toBe(contactsBefore);
  });

  it('answers a text with nothing recognisable with an empty proposal and a message, not an error', async () => {
    const { status, body } = await post({ text: 'Lorem ipsum dolor sit amet.' });
    expect(status).toBe(200);
    expect(fits(body, '200')).toEqual([]);
    expect(body.empty).toBe(true);
    expect(body.message).toMatch(/Nothing in this text was recognised/);
    expect(body.proposal.participants).toEqual([]);
    expect(body.proposal.date).toBeNull();
  });

  it.each([
    ['not JSON', '{"text": ', 'application/json', /not valid JSON/, undefined],
    [
      'not sent as JSON',
      'text=hello',
      'application/x-www-form-urlencoded',
      /Content-Type: application\/json/,
      undefined,
    ],
    ['an array', [], 'application/json', /must be a JSON object/, undefined],
    ['no text', {}, 'application/json', /text/, 'text'],
    ['an empty text', { text: '   ' }, 'application/json', /Paste the text/, 'text'],
    ['a text too long', { text: 'a'.repeat(READOUT_MAX_CHARS + 1) }, 'application/json', /under 20,000/, 'text'],
    ['a text that is not a string', { text: 42 }, 'application/json', /text/, 'text'],
    ['a URL that is not http(s)', { text: 'x', url: 'javascript:alert(1)' }, 'application/json', /https:\/\//, 'url'],
    ['a URL that is no URL', { text: 'x', url: 'defense.gov' }, 'application/json', /https:\/\//, 'url'],
    [
      'a date that is no date',
      { text: 'x', publishedAt: '2022-02-30' },
      'application/json',
      /real date/,
      'publishedAt',
    ],
    [
      'a date in another form',
      { text: 'x', publishedAt: '13 May 2022' },
      'application/json',
      /YYYY-MM-DD/,
      'publishedAt',
    ],
    ['an unknown field', { text: 'x', source: 'y' }, 'application/json', /source/, undefined],
  ])('refuses %s with a 400 that says what is wrong', async (_name, body, type, message, field) => {
    const response = await post(body, type);
    expect(response.status).toBe(400);
    expect(fits(response.body, '400')).toEqual([]);
    expect(response.body.error.code).toBe('INVALID');
    expect(JSON.stringify(response.body.error)).toMatch(message);
    if (field) expect(Object.keys(response.body.error.fields ?? {})).toContain(field);
  });

  it('answers GET with a 405 that names POST', async () => {
    const response = GET(new Request('http://localhost/api/v1/readouts/parse'));
    expect(response.status).toBe(405);
    expect(response.headers.get('Allow')).toBe('POST');
  });
});
