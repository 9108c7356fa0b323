import 'server-only';
import { authenticateApiRequest, authorizeApiUser } from '../auth/api';
import type { Actor } from '../data/actor';
import type { WatchView } from '../data/watches';

/**
 * The actor of a watches request: a valid token (401 otherwise) of any role. Watches are the token
 * owner's own; no request reaches another user's.
 */
export async function watchApiActor(request: Request): Promise<Actor & { userId: string }> {
  const actor = authorizeApiUser(await authenticateApiRequest(request), 'account:update');
  return { ...actor, userId: actor.userId! };
}

/** A watch as the API answers it. */
export function watchJson(watch: WatchView) {
  return { ...watch, links: { self: `/api/v1/watches/${watch.id}`, pair: watch.pair.href } };
}
