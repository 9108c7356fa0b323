import { readJsonObject, rejectUnknownFields } from '@/lib/api/body';
import { methodNotAllowed } from '@/lib/api/method-not-allowed';
import { jsonResponse, parseQuery, withErrors } from '@/lib/api/respond';
import { watchApiActor, watchJson } from '@/lib/api/watches';
import { createWatch, listWatches } from '@/lib/data/watches';
import { WATCH_INPUT_FIELDS, ZWatchInput } from '@/lib/validation/watch';
import { requestWatchRun } from '@/lib/watches/scheduler';
import { z } from 'zod';

export const dynamic = 'force-dynamic';

/** The token owner's watches, those past their threshold first. */
export const GET = withErrors(async (request) => {
  const actor = await watchApiActor(request);
  parseQuery(z.object({}), new URL(request.url).searchParams, []);
  const watches = await listWatches(actor.userId);
  return jsonResponse({ items: watches.map(watchJson), total: watches.length });
});

/** Watches a pair for the token's owner. */
export const POST = withErrors(async (request) => {
  const actor = await watchApiActor(request);
  const body = await readJsonObject(request);
  rejectUnknownFields(body, WATCH_INPUT_FIELDS, 'a watch');
  const watch = await createWatch(actor.userId, ZWatchInput.parse(body), actor);
  requestWatchRun();
  const href = `/api/v1/watches/${watch.id}`;
  return jsonResponse(watchJson(watch), { status: 201, headers: { Location: href } });
});

const notAllowed = methodNotAllowed('GET', 'POST');
export { notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
