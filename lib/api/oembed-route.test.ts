/**
 * GET /api/oembed as an oEmbed consumer meets it: the JSON of a rich embed for a pair page of this
 * site (live or as of a day), sized within maxwidth × maxheight; a 404 JSON error for any other
 * address; 400 for a missing url, a bad size or asOf; 501 for format=xml.
 */
import { describe, expect, it } from 'vitest';
import { GET } from '@/app/api/oembed/route';
import { CACHE_TAGS_HEADER } from '../cache/tags.mjs';
import { addDays } from 'date-fns';
import { toIsoDate, todayUtc, parseIsoDate } from '../gaps/dates';
import { setupTestDatabase } from '../testing/database';
import { makeContact, makeOfficial } from '../testing/factories';

setupTestDatabase();

const ORIGIN = 'http://counterpart.test';

async function get(query: string) {
  const response = await GET(new Request(`${ORIGIN}/api/oembed?${query}`), undefined);
  return { status: response.status, body: await response.json(), headers: response.headers };
}

const oembed = (url: string, extra = '') => get(`url=${encodeURIComponent(url)}${extra}`);

async function pair() {
  const actor = { userId: null, via: 'cli' as const };
  const make = (name: string, country: string) => makeOfficial({ name, country }, actor);
  const a = await make('Orla Embed', 'IE');
  const b = await make('Pavel Frame', 'RU');
  await makeContact(
    {
      date: '2022-05-13',
      participants: [a.slug, b.slug],
    },
    actor,
  );
  return { a, b, page: `${ORIGIN}/pairs/officials/${a.slug}/${b.slug}` };
}

describe('GET /api/oembed', () => {
  it('answers a pair page with a rich oEmbed whose html frames the embed', async () => {
    const { a, b, page } = await pair();
    const { status, body, headers } = await oembed(page, '&format=json');
    expect(status).toBe(200);
    expect(body).toEqual({
      type: 'rich',
      version: '1.0',
      title: 'Orla Embed – Pavel Frame',
      provider_name: 'Counterpart',
      provider_url: `${ORIGIN}/`,
      cache_age: 3600,
      width: 600,
      height: 400,
      html: expect.any(String),
    });
    expect(body.html).toMatch(
      new RegExp(`^<iframe src="${ORIGIN}/embed/pairs/officials/${a.slug}/${b.slug}" width="600" height="400" `),
    );
    expect(headers.get('access-control-allow-origin')).toBe('*');
    expect(headers.get(CACHE_TAGS_HEADER)).toBe(`pair:official:${[a.slug, b.slug].sort().join(':')}`);
  });

  it('keeps within maxwidth and maxheight, and carries asOf into the frame and the title', async () => {
    const { page } = await pair();
    const small = await oembed(page, '&maxwidth=320&maxheight=1000');
    expect(small.body).toMatchObject({ width: 320, height: 400 });
    expect(small.body.html).toContain('width="320" height="400"');
    const short = await oembed(page, '&maxheight=250');
    expect(short.body).toMatchObject({ width: 600, height: 250 });
    const past = await oembed(`${page}?asOf=2022-06-01`);
    expect(past.status).toBe(200);
    expect(past.body.title).toBe('Orla Embed – Pavel Frame, as of 2022-06-01');
    expect(past.body.html).toContain('?asOf=2022-06-01"');
    // The embed's own address works as well as the page's.
    const embed = await oembed(page.replace('/pairs/', '/embed/pairs/'));
    expect(embed.status).toBe(200);
  });

  it('answers 404 in JSON for an address that is not a pair page of this site', async () => {
    const { a, b } = await pair();
    for (const url of [
      `${ORIGIN}/officials/${a.slug}`,
      `https://elsewhere.example/pairs/officials/${a.slug}/${b.slug}`,
      `${ORIGIN}/pairs/officials/${a.slug}/no-such-official`,
      `${ORIGIN}/pairs/planets/x/y`,
      'not a url at all',
    ]) {
      const { status, body } = await oembed(url);
      expect(status, url).toBe(404);
      expect(body.error, url).toMatchObject({ code: 'NOT_FOUND', message: expect.any(String) });
    }
  });

  it('answers 400 for a missing url, a bad size or a bad asOf, and 501 for XML', async () => {
    const { page } = await pair();
    const missing = await get('maxwidth=300');
    expect(missing.status).toBe(400);
    expect(missing.body.error).toMatchObject({ code: 'INVALID', fields: { url: [expect.any(String)] } });
    for (const size of ['maxwidth=0', 'maxwidth=wide', 'maxheight=-5', 'maxheight=1.5']) {
      const { status, body } = await oembed(page, `&${size}`);
      expect(status, size).toBe(400);
      expect(Object.keys(body.error.fields), size).toEqual([size.split('=')[0]]);
    }
    const tomorrow = toIsoDate(addDays(parseIsoDate(todayUtc()), 1));
    for (const asOf of [tomorrow, '2022-02-30', 'last-week']) {
      const { status, body } = await oembed(`${page}?asOf=${asOf}`);
      expect(status, asOf).toBe(400);
      expect(body.error.code, asOf).toBe('INVALID');
    }
    const xml = await oembed(page, '&format=xml');
    expect(xml.status).toBe(501);
    expect(xml.body.error).toMatchObject({ code: 'NOT_IMPLEMENTED', message: expect.stringMatching(/json/) });
  });
});
