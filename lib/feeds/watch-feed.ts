import { renderAtomFeed, uuidUrn, type AtomEntry } from './atom';

/** What the private watch feed needs of each event (lib/data/watches WatchEventView). */
export type WatchFeedEvent = {
  id: string;
  kind: 'CROSSED' | 'ENDED';
  pair: { title: string; href: string };
  silenceSince: string;
  days: number;
  thresholdDays: number;
  endedOn: string | null;
  occurredAt: string;
  text: string;
};

/** A user's private Atom feed of watch events, newest first: one entry per crossing and per ending. */
export function watchFeed(options: {
  userId: string;
  userName: string;
  origin: string;
  selfPath: string;
  events: WatchFeedEvent[];
  now: Date;
}): string {
  const { origin, events } = options;
  const entries = events.map((event): AtomEntry => ({
    id: uuidUrn(`watch-event:${event.id}`),
    title:
      event.kind === 'CROSSED'
        ? `${event.pair.title}: ${event.days} days without a contact`
        : `${event.pair.title}: a ${event.days}-day silence ended`,
    updated: event.occurredAt,
    published: event.occurredAt,
    links: [{ rel: 'alternate', type: 'text/html', href: `${origin}${event.pair.href}` }],
    categories: [{ term: event.kind === 'CROSSED' ? 'crossed' : 'ended' }],
    summary: `${event.text}. The silence ran from ${event.silenceSince}; your threshold: ${event.thresholdDays} days.`,
  }));
  return renderAtomFeed({
    id: uuidUrn(`watch-feed:${options.userId}`),
    title: `Counterpart: silences watched by ${options.userName}`,
    subtitle: 'When a watched silence passes its threshold, and when it ends.',
    updated: events[0]?.occurredAt ?? options.now,
    links: [
      { rel: 'self', type: 'application/atom+xml', href: `${origin}${options.selfPath}` },
      { rel: 'alternate', type: 'text/html', href: `${origin}/account/watches` },
    ],
    author: { name: 'Counterpart' },
    entries,
  });
}
