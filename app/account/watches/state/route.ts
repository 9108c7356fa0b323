import { getCurrentUser } from '@/lib/auth/session';
import { findWatchOfPair } from '@/lib/data/watches';
import { getPairSummaryOf } from '@/lib/data/watch-pair-summary';
import { levelFromSegment } from '@/lib/pairs';

/*
 * The signed-in user's watch of one pair, for the pair page's "Watch this silence" control. The pair
 * page is cached for everyone, so it carries no user's state: the control asks here from the browser.
 * Never cached (it reads the session), and the response cache keeps no /account address.
 */

const PRIVATE = { 'Cache-Control': 'private, no-store' };

export async function GET(request: Request) {
  const params = new URL(request.url).searchParams;
  const level = levelFromSegment(params.get('level') ?? '');
  const [a, b] = [params.get('a') ?? '', params.get('b') ?? ''];
  if (level === null || a === '' || b === '') {
    return Response.json(
      { error: { code: 'INVALID', message: 'Name the pair: level, a and b.' } },
      { status: 400, headers: PRIVATE },
    );
  }
  const user = await getCurrentUser();
  const summary = await getPairSummaryOf(level, a, b);
  if (summary === null) {
    return Response.json(
      { error: { code: 'NOT_FOUND', message: 'There is no such pair.' } },
      { status: 404, headers: PRIVATE },
    );
  }
  if (user === null) return Response.json({ signedIn: false, ...summary }, { headers: PRIVATE });
  const { watch } = await findWatchOfPair(user.id, level, a, b);
  return Response.json({ signedIn: true, ...summary, watch }, { headers: PRIVATE });
}
