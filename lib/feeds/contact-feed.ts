import type { FeedContact } from '../data/feeds';
import { formatDate } from '../format';
import { STATUS_LABEL, TYPE_LABEL } from '../labels';
import { pairPath } from '../pairs';
import { renderAtomFeed, uuidUrn, type AtomEntry, type AtomLink } from './atom';

/** Participants by country, names joined within a country and countries set apart by a dash. */
function whoText(contact: FeedContact): string {
  const byCountry = new Map<string, string[]>();
  for (const p of contact.participants) byCountry.set(p.country, [...(byCountry.get(p.country) ?? []), p.name]);
  return [...byCountry.values()].map((names) => names.join(', ')).join(' – ');
}

/** "Call held: Lloyd Austin – Sergei Shoigu, 13 May 2022" */
export function contactEntryTitle(contact: FeedContact): string {
  const what = `${TYPE_LABEL[contact.type]} ${STATUS_LABEL[contact.status]}`;
  return `${what}: ${whoText(contact)}, ${formatDate(contact.date, contact.datePrecision)}`;
}

/** The page of the first two participants from different countries: where the contact is shown in context. */
function officialPairPath(contact: FeedContact): string | null {
  const [first] = contact.participants;
  const other = contact.participants.find((p) => p.country !== first?.country);
  return first && other ? pairPath('OFFICIAL', first.slug, other.slug) : null;
}

/** One contact as an Atom entry; `pagePath` overrides the page it links to (a pair feed's own pair). */
export function contactEntry(contact: FeedContact, options: { origin: string; pagePath?: string }): AtomEntry {
  const page = options.pagePath ?? officialPairPath(contact);
  const sources: AtomLink[] = contact.sources.map((s) => ({
    rel: 'related',
    href: s.url,
    title: s.title ?? s.publisher ?? undefined,
  }));
  const title = contactEntryTitle(contact);
  return {
    id: uuidUrn(`contact:${contact.id}`),
    title,
    updated: contact.updatedAt,
    published: contact.createdAt,
    links: [...(page ? [{ rel: 'alternate', type: 'text/html', href: `${options.origin}${page}` }] : []), ...sources],
    categories: [
      { term: contact.type, label: TYPE_LABEL[contact.type] },
      { term: contact.status, label: STATUS_LABEL[contact.status] },
    ],
    summary: contact.summary ?? title,
  };
}

/**
 * A feed of contacts, newest first. `name` identifies the feed for its
 * permanent id (`contacts`, `pair:OFFICIAL:…`); `now` dates an empty feed.
 */
export function contactsFeed(options: {
  name: string;
  title: string;
  subtitle: string;
  origin: string;
  selfPath: string;
  pagePath: string;
  contacts: FeedContact[];
  entryPagePath?: string;
  now: Date;
}): string {
  const { contacts, origin } = options;
  const updated = contacts.reduce((latest, c) => (c.updatedAt > latest ? c.updatedAt : latest), '');
  return renderAtomFeed({
    id: uuidUrn(`feed:${options.name}`),
    title: options.title,
    subtitle: options.subtitle,
    updated: updated || options.now,
    links: [
      { rel: 'self', type: 'application/atom+xml', href: `${origin}${options.selfPath}` },
      { rel: 'alternate', type: 'text/html', href: `${origin}${options.pagePath}` },
    ],
    author: { name: 'Counterpart', uri: `${origin}/` },
    entries: contacts.map((c) => contactEntry(c, { origin, pagePath: options.entryPagePath })),
  });
}

/** The address of a pair's feed: `/feeds` before its page's path. */
export function pairFeedPath(pagePath: string): string {
  return `/feeds${pagePath}`;
}
