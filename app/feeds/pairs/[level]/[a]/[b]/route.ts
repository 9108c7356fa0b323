import { requestOrigin, withErrors } from '@/lib/api/respond';
import { CACHE_TAGS_HEADER, pairTag } from '@/lib/cache/tags.mjs';
import { listFeedContacts } from '@/lib/data/feeds';
import { resolvePair } from '@/lib/data/pairs';
import { AppError } from '@/lib/errors';
import { ATOM_CONTENT_TYPE } from '@/lib/feeds/atom';
import { contactsFeed, pairFeedPath } from '@/lib/feeds/contact-feed';
import { LEVEL_LABEL, levelFromSegment } from '@/lib/pairs';

export const dynamic = 'force-dynamic';

const FEED_SIZE = 50;

type Context = { params: Promise<{ level: string; a: string; b: string }> };

/** One pair's contacts (officials, offices or countries, as on its page), newest first, as an Atom feed. */
export const GET = withErrors(async (request, { params }: Context) => {
  const { level: segment, a: refA, b: refB } = await params;
  const level = levelFromSegment(segment);
  const pair = level && (await resolvePair(level, refA, refB));
  if (!level || !pair) throw new AppError('NOT_FOUND', `No pair of ${segment} “${refA}” and “${refB}”`);
  const xml = contactsFeed({
    name: `pair:${pair.pair.level}:${pair.pair.a}:${pair.pair.b}`,
    title: `Counterpart: ${pair.a.label} – ${pair.b.label}`,
    subtitle: `Contacts between these ${LEVEL_LABEL[level]}, newest first, with sources.`,
    origin: requestOrigin(request),
    selfPath: pairFeedPath(pair.canonical),
    pagePath: pair.canonical,
    entryPagePath: pair.canonical,
    contacts: await listFeedContacts({ pair: pair.pair, limit: FEED_SIZE }),
    now: new Date(),
  });
  // A merged official's old slug: the cache must know the pair it stands for.
  const tags = pairTag(level, pair.a.ref, pair.b.ref);
  return new Response(xml, { headers: { 'Content-Type': ATOM_CONTENT_TYPE, [CACHE_TAGS_HEADER]: tags } });
});
