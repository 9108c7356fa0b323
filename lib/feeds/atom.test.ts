import { describe, expect, it } from 'vitest';
import type { FeedContact } from '../data/feeds';
import { escapeXml, renderAtomFeed, uuidUrn } from './atom';
import { contactEntry, contactEntryTitle, contactsFeed, pairFeedPath } from './contact-feed';

/**
 * A small well-formedness check: tags balance and nest, attributes are quoted,
 * and every `&` starts an entity. Enough to catch a serialiser that forgets to escape.
 */
function assertWellFormed(xml: string) {
  const body = xml.replace(/^<\?xml [^?]*\?>\s*/, '');
  const stack: string[] = [];
  let i = 0;
  while (i < body.length) {
    const lt = body.indexOf('<', i);
    const text = body.slice(i, lt === -1 ? body.length : lt);
    expect(text).not.toMatch(/&(?!(amp|lt|gt|quot|apos);)/);
    expect(text).not.toContain('>');
    if (lt === -1) break;
    const gt = body.indexOf('>', lt);
    const tag = body.slice(lt + 1, gt);
    expect(tag).not.toContain('<');
    const name = tag.replace(/^\//, '').split(/[\s/]/)[0];
    if (tag.startsWith('/')) expect(stack.pop()).toBe(name);
    else if (!tag.endsWith('/')) stack.push(name);
    for (const [, value] of tag.matchAll(/=("[^"]*"|'[^']*'|[^\s/>]+)/g)) expect(value).toMatch(/^".*"$/);
    i = gt + 1;
  }
  expect(stack).toEqual([]);
}

const call: FeedContact = {
  id: 'cm0call0513',
  date: '2022-05-13',
  datePrecision: 'DAY',
  type: 'CALL',
  status: 'HELD',
  summary: 'Austin urged an immediate <ceasefire> & "lines" of communication',
  createdAt: '2025-05-30T08:00:00.000Z',
  updatedAt: '2025-05-31T10:00:00.000Z',
  participants: [
    { slug: 'lloyd-austin', name: 'Lloyd Austin', country: 'US' },
    { slug: 'sergei-shoigu', name: 'Sergei Shoigu', country: 'RU' },
  ],
  sources: [
    { url: 'https://example.org/readout?a=1&b=2', publisher: 'Axios', title: null },
    { url: 'https://tass.ru/x', publisher: null, title: 'Шойгу и Остин' },
  ],
};

describe('escapeXml', () => {
  it('escapes the five markup characters', () => {
    expect(escapeXml(`<a href="x">Tom & 'Jerry'</a>`)).toBe(
      '&lt;a href=&quot;x&quot;&gt;Tom &amp; &apos;Jerry&apos;&lt;/a&gt;',
    );
  });

  it('drops what XML 1.0 cannot hold, keeps the rest of Unicode', () => {
    expect(escapeXml('a\u0000b\u0007c\u000bd\uffffe\ud800f')).toBe('abcdef');
    expect(escapeXml('tab\there\nШойгу 😀')).toBe('tab\there\nШойгу 😀');
  });
});

describe('uuidUrn', () => {
  it('gives a version 5 UUID, the same for the same name on any host', () => {
    const id = uuidUrn('contact:cm0call0513');
    expect(id).toMatch(/^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(uuidUrn('contact:cm0call0513')).toBe(id);
    expect(uuidUrn('contact:cm0call0514')).not.toBe(id);
  });
});

describe('contactEntryTitle', () => {
  it('says what, who and when', () => {
    expect(contactEntryTitle(call)).toBe('Call held: Lloyd Austin – Sergei Shoigu, 13 May 2022');
  });

  it('groups participants by country and dates by precision', () => {
    const meeting: FeedContact = {
      ...call,
      type: 'MEETING',
      status: 'REFUSED',
      datePrecision: 'MONTH',
      date: '2022-03-01',
      participants: [
        { slug: 'a', name: 'A', country: 'US' },
        { slug: 'b', name: 'B', country: 'US' },
        { slug: 'c', name: 'C', country: 'RU' },
      ],
    };
    expect(contactEntryTitle(meeting)).toBe('Meeting refused: A, B – C, March 2022');
  });
});

describe('contactEntry', () => {
  it('links the pair page, the sources, and dates the entry by its last change', () => {
    const entry = contactEntry(call, { origin: 'https://c.example' });
    expect(entry.id).toBe(uuidUrn('contact:cm0call0513'));
    expect(entry.updated).toBe(call.updatedAt);
    expect(entry.published).toBe(call.createdAt);
    expect(entry.links).toEqual([
      { rel: 'alternate', type: 'text/html', href: 'https://c.example/pairs/officials/lloyd-austin/sergei-shoigu' },
      { rel: 'related', href: 'https://example.org/readout?a=1&b=2', title: 'Axios' },
      { rel: 'related', href: 'https://tass.ru/x', title: 'Шойгу и Остин' },
    ]);
  });

  it('falls back to the title when there is no summary', () => {
    expect(contactEntry({ ...call, summary: null }, { origin: '' }).summary).toBe(contactEntryTitle(call));
  });
});

describe('contactsFeed', () => {
  const xml = contactsFeed({
    name: 'pair:OFFICIAL:x:y',
    title: 'Counterpart: Lloyd Austin – Sergei Shoigu',
    subtitle: 'Contacts between these officials, newest first, with sources.',
    origin: 'https://c.example',
    selfPath: pairFeedPath('/pairs/officials/lloyd-austin/sergei-shoigu'),
    pagePath: '/pairs/officials/lloyd-austin/sergei-shoigu',
    contacts: [call, { ...call, id: 'older', updatedAt: '2024-01-01T00:00:00.000Z' }],
    now: new Date('2030-01-01T00:00:00Z'),
  });

  it('is well-formed Atom 1.0 with the required feed elements', () => {
    assertWellFormed(xml);
    expect(xml.startsWith('<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">')).toBe(
      true,
    );
    expect(xml).toContain(`<id>${uuidUrn('feed:pair:OFFICIAL:x:y')}</id>`);
    expect(xml).toContain('<title type="text">Counterpart: Lloyd Austin – Sergei Shoigu</title>');
    expect(xml).toContain(
      '<link rel="self" type="application/atom+xml" href="https://c.example/feeds/pairs/officials/lloyd-austin/sergei-shoigu"/>',
    );
    expect(xml).toContain('<author><name>Counterpart</name><uri>https://c.example/</uri></author>');
  });

  it('is as new as its newest change', () => {
    expect(xml).toMatch(/<generator>Counterpart<\/generator>/);
    expect(xml.match(/<updated>([^<]+)<\/updated>/)![1]).toBe('2025-05-31T10:00:00.000Z');
  });

  it('gives every entry an id, title, updated, link and summary, text escaped', () => {
    const entries = xml.split('<entry>').slice(1);
    expect(entries).toHaveLength(2);
    for (const entry of entries) {
      for (const element of ['<id>', '<title type="text">', '<updated>', '<link rel="alternate"', '<summary']) {
        expect(entry).toContain(element);
      }
    }
    expect(xml).toContain(
      '<summary type="text">Austin urged an immediate &lt;ceasefire&gt; &amp; &quot;lines&quot; of communication</summary>',
    );
    expect(xml).toContain('href="https://example.org/readout?a=1&amp;b=2"');
  });

  it('dates an empty feed now', () => {
    const empty = contactsFeed({
      name: 'contacts',
      title: 'Empty',
      subtitle: 'Nothing yet',
      origin: 'http://localhost:3000',
      selfPath: '/feeds/contacts.xml',
      pagePath: '/',
      contacts: [],
      now: new Date('2030-01-01T00:00:00Z'),
    });
    assertWellFormed(empty);
    expect(empty).toContain('<updated>2030-01-01T00:00:00.000Z</updated>');
    expect(empty).not.toContain('<entry>');
  });

  it('refuses a date that is not an instant rather than write an invalid feed', () => {
    expect(() =>
      renderAtomFeed({ id: 'x', title: 'x', updated: 'yesterday', links: [], author: { name: 'x' }, entries: [] }),
    ).toThrow(RangeError);
  });
});
