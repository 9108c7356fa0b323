import { createHash } from 'node:crypto';
import { generateAtomFeed, type AtomFeed as Atom } from 'feedsmith';
import { dropNonXml } from '../xml';

/** The media type of an Atom feed. */
export const ATOM_CONTENT_TYPE = 'application/atom+xml; charset=utf-8';

export type AtomLink = { href: string; rel?: string; type?: string; title?: string };
export type AtomCategory = { term: string; label?: string };

export type AtomEntry = {
  /** A permanent, unique IRI: see `uuidUrn`. */
  id: string;
  title: string;
  updated: string | Date;
  published?: string | Date;
  links: AtomLink[];
  summary?: string;
  categories?: AtomCategory[];
};

export type AtomFeed = {
  id: string;
  title: string;
  subtitle?: string;
  updated: string | Date;
  links: AtomLink[];
  author: { name: string; uri?: string };
  entries: AtomEntry[];
};

/** An instant, checked: Atom's date constructs require one, and an invalid date would be written as "Invalid Date". */
function instant(value: string | Date): Date {
  const date = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) throw new RangeError(`Not an instant: ${String(value)}`);
  return date;
}

// A fixed namespace for Counterpart's name-based UUIDs; never change it, or every feed id changes.
const NAMESPACE = Buffer.from('5b0b8f4e1c3a4d2e9f6a7c8d9e0f1a2b', 'hex');

/**
 * A name-based (version 5) UUID URN: the same name gives the same id on any
 * host, so feed and entry ids stay permanent whichever address serves them.
 */
export function uuidUrn(name: string): string {
  const hash = createHash('sha1').update(NAMESPACE).update(name, 'utf8').digest();
  hash[6] = (hash[6] & 0x0f) | 0x50;
  hash[8] = (hash[8] & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `urn:uuid:${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

// feedsmith escapes markup but passes on the characters XML 1.0 forbids, one of which makes the whole feed unreadable.
const text = (value: string): Atom.Text => ({ value: dropNonXml(value), type: 'text' });
const clean = (value: string | undefined) => (value === undefined ? undefined : dropNonXml(value));
const link = (l: AtomLink) => ({ href: clean(l.href)!, rel: l.rel, type: l.type, title: clean(l.title) });

/** An Atom 1.0 document (RFC 4287), serialised by feedsmith. Callers pass plain strings; every text is escaped. */
export function renderAtomFeed(feed: AtomFeed): string {
  return generateAtomFeed({
    id: feed.id,
    title: text(feed.title),
    subtitle: feed.subtitle === undefined ? undefined : text(feed.subtitle),
    updated: instant(feed.updated),
    links: feed.links.map(link),
    authors: [{ name: dropNonXml(feed.author.name), uri: feed.author.uri }],
    generator: { text: 'Counterpart' },
    entries: feed.entries.map((entry) => ({
      id: entry.id,
      title: text(entry.title),
      updated: instant(entry.updated),
      published: entry.published === undefined ? undefined : instant(entry.published),
      links: entry.links.map(link),
      categories: entry.categories?.map((c) => ({ term: dropNonXml(c.term), label: clean(c.label) })),
      summary: entry.summary === undefined ? undefined : text(entry.summary),
    })),
  });
}
