import { methodNotAllowed } from '@/lib/api/method-not-allowed';
import { jsonResponse, parseQuery, withErrors } from '@/lib/api/respond';
import { watchApiActor } from '@/lib/api/watches';
import { listWatchEvents } from '@/lib/data/watches';
import { z } from 'zod';

export const dynamic = 'force-dynamic';

const ZEventsQuery = z.object({
  limit: z.coerce
    .number({ error: 'Enter a whole number from 1 to 500' })
    .int('Enter a whole number from 1 to 500')
    .min(1, 'Enter a whole number from 1 to 500')
    .max(500, 'Enter a whole number from 1 to 500')
    .default(50),
  watch: z.string().trim().min(1).max(200).optional(),
});

/** The token owner's watch events (crossed, ended), newest first. */
export const GET = withErrors(async (request) => {
  const actor = await watchApiActor(request);
  const query = parseQuery(ZEventsQuery, new URL(request.url).searchParams, ['limit', 'watch']);
  const items = await listWatchEvents(actor.userId, { limit: query.limit, watchId: query.watch });
  return jsonResponse({ items });
});

const notAllowed = methodNotAllowed('GET');
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
