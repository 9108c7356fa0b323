import { requestOrigin, withErrors } from '@/lib/api/respond';
import { userOfFeedToken } from '@/lib/data/watch-settings';
import { listWatchEvents } from '@/lib/data/watches';
import { AppError } from '@/lib/errors';
import { ATOM_CONTENT_TYPE } from '@/lib/feeds/atom';
import { watchFeed } from '@/lib/feeds/watch-feed';

export const dynamic = 'force-dynamic';

const FEED_SIZE = 100;

type Context = { params: Promise<{ token: string }> };

/**
 * A user's private feed of watch events, at an address carrying their feed token. An unknown or
 * revoked token is "not found". Never cached anywhere: the response cache keeps no such address
 * (lib/cache/tags.mjs), and the answer says private, no-store.
 */
export const GET = withErrors(async (request, { params }: Context) => {
  const { token } = await params;
  const user = await userOfFeedToken(token);
  if (user === null) throw new AppError('NOT_FOUND', 'No such feed: the address may have been revoked or replaced.');
  const xml = watchFeed({
    userId: user.id,
    userName: user.name,
    origin: requestOrigin(request),
    selfPath: `/feeds/watches/${token}`,
    events: await listWatchEvents(user.id, { limit: FEED_SIZE }),
    now: new Date(),
  });
  return new Response(xml, {
    headers: {
      'Content-Type': ATOM_CONTENT_TYPE,
      'Cache-Control': 'private, no-store',
      'Referrer-Policy': 'no-referrer',
      'X-Robots-Tag': 'noindex',
    },
  });
});
