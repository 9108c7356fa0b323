import { createHash } from 'node:crypto';
import { escapeXml } from '../xml';

export { escapeXml };

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

/** An instant as RFC 3339, which Atom's date constructs require. */
function rfc3339(value: string | Date): string {
  const date = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) throw new RangeError(`Not an instant: ${String(value)}`);
  return date.toISOString();
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

function attributes(values: Record<string, string | undefined>): string {
  return Object.entries(values)
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([name, value]) => ` ${name}="${escapeXml(value)}"`)
    .join('');
}

function element(name: string, text: string, attrs: Record<string, string | undefined> = {}): string {
  return `<${name}${attributes(attrs)}>${escapeXml(text)}</${name}>`;
}

function link(l: AtomLink): string {
  return `<link${attributes({ rel: l.rel, type: l.type, href: l.href, title: l.title })}/>`;
}

function renderEntry(entry: AtomEntry): string {
  const lines = [
    element('id', entry.id),
    element('title', entry.title, { type: 'text' }),
    element('updated', rfc3339(entry.updated)),
    ...(entry.published === undefined ? [] : [element('published', rfc3339(entry.published))]),
    ...entry.links.map(link),
    ...(entry.categories ?? []).map((c) => `<category${attributes({ term: c.term, label: c.label })}/>`),
    ...(entry.summary === undefined ? [] : [element('summary', entry.summary, { type: 'text' })]),
  ];
  return ['  <entry>', ...lines.map((line) => `    ${line}`), '  </entry>'].join('\n');
}

/** An Atom 1.0 document (RFC 4287). Every text is escaped here; callers pass plain strings. */
export function renderAtomFeed(feed: AtomFeed): string {
  const head = [
    element('id', feed.id),
    element('title', feed.title, { type: 'text' }),
    ...(feed.subtitle === undefined ? [] : [element('subtitle', feed.subtitle, { type: 'text' })]),
    element('updated', rfc3339(feed.updated)),
    ...feed.links.map(link),
    `<author>${element('name', feed.author.name)}${feed.author.uri ? element('uri', feed.author.uri) : ''}</author>`,
    element('generator', 'Counterpart'),
  ];
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    ...head.map((line) => `  ${line}`),
    ...feed.entries.map(renderEntry),
    '</feed>',
    '',
  ].join('\n');
}
