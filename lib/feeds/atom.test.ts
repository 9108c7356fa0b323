import { parseAtomFeed } from 'feedsmith';
import { describe, expect, it } from 'vitest';
import type { FeedContact } from '../data/feeds';
import { renderAtomFeed, uuidUrn } from './atom';
import { contactEntry, contactEntryTitle, contactsFeed, pairFeedPath } from './contact-feed';

/** The feed as a feed reader reads it: feedsmith's parser, which would throw on a document that is not Atom. */
function read(xml: string) {
  return parseAtomFeed(xml);
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

  it('is Atom 1.0 with the required feed elements', () => {
    expect(xml.startsWith('<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">')).toBe(
      true,
    );
    const feed = read(xml);
    expect(feed.id).toBe(uuidUrn('feed:pair:OFFICIAL:x:y'));
    expect(feed.title).toEqual({ value: 'Counterpart: Lloyd Austin – Sergei Shoigu', type: 'text' });
    expect(feed.subtitle?.value).toBe('Contacts between these officials, newest first, with sources.');
    expect(feed.links).toEqual([
      {
        rel: 'self',
        type: 'application/atom+xml',
        href: 'https://c.example/feeds/pairs/officials/lloyd-austin/sergei-shoigu',
      },
      { rel: 'alternate', type: 'text/html', href: 'https://c.example/pairs/officials/lloyd-austin/sergei-shoigu' },
    ]);
    expect(feed.authors).toEqual([{ name: 'Counterpart', uri: 'https://c.example/' }]);
    expect(feed.generator?.text).toBe('Counterpart');
  });

  it('is as new as its newest change', () => {
    expect(read(xml).updated).toBe('2025-05-31T10:00:00.000Z');
  });

  it('gives every entry its id, title, dates, links, categories and summary, hostile text kept as text', () => {
    const entries = read(xml).entries!;
    expect(entries.map((e) => e.id)).toEqual([uuidUrn('contact:cm0call0513'), uuidUrn('contact:older')]);
    expect(entries[0]).toMatchObject({
      title: { value: 'Call held: Lloyd Austin – Sergei Shoigu, 13 May 2022', type: 'text' },
      updated: '2025-05-31T10:00:00.000Z',
      published: '2025-05-30T08:00:00.000Z',
      summary: { value: 'Austin urged an immediate <ceasefire> & "lines" of communication', type: 'text' },
      categories: [
        { term: 'CALL', label: 'Call' },
        { term: 'HELD', label: 'held' },
      ],
    });
    expect(entries[0].links).toEqual([
      { rel: 'alternate', type: 'text/html', href: 'https://c.example/pairs/officials/lloyd-austin/sergei-shoigu' },
      { rel: 'related', href: 'https://example.org/readout?a=1&b=2', title: 'Axios' },
      { rel: 'related', href: 'https://tass.ru/x', title: 'Шойгу и Остин' },
    ]);
    expect(entries[1].updated).toBe('2024-01-01T00:00:00.000Z');
    expect(xml).toContain('href="https://example.org/readout?a=1&amp;b=2"');
  });

  it('drops the characters XML cannot hold instead of writing an unreadable feed', () => {
    const entry = contactEntry({ ...call, summary: 'bell\u0007 and \u0000null' }, { origin: '' });
    const feed = read(
      renderAtomFeed({
        id: 'x',
        title: 'T\u000b',
        updated: new Date(0),
        links: [],
        author: { name: 'x' },
        entries: [entry],
      }),
    );
    expect(feed.title?.value).toBe('T');
    expect(feed.entries![0].summary?.value).toBe('bell and null');
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
    const feed = read(empty);
    expect(feed.updated).toBe('2030-01-01T00:00:00.000Z');
    expect(feed.entries ?? []).toEqual([]);
  });

  it('refuses a date that is not an instant rather than write an invalid feed', () => {
    expect(() =>
      renderAtomFeed({ id: 'x', title: 'x', updated: 'yesterday', links: [], author: { name: 'x' }, entries: [] }),
    ).toThrow(RangeError);
  });
});
