import { readJsonObject, rejectUnknownFields } from '@/lib/api/body';
import { methodNotAllowed } from '@/lib/api/method-not-allowed';
import { jsonResponse, withErrors } from '@/lib/api/respond';
import { watchApiActor, watchJson } from '@/lib/api/watches';
import { deleteWatch, getWatch, updateWatch } from '@/lib/data/watches';
import { ZWatchThreshold } from '@/lib/validation/watch';
import { requestWatchRun } from '@/lib/watches/scheduler';

export const dynamic = 'force-dynamic';

type Context = { params: Promise<{ id: string }> };

/** One of the token owner's watches; another user's is 404, like one that does not exist. */
export const GET = withErrors(async (request, { params }: Context) => {
  const actor = await watchApiActor(request);
  return jsonResponse(watchJson(await getWatch(actor.userId, (await params).id)));
});

/** Changes a watch's threshold: `thresholdDays` or `thresholdMultiple`. */
export const PATCH = withErrors(async (request, { params }: Context) => {
  const actor = await watchApiActor(request);
  const body = await readJsonObject(request);
  rejectUnknownFields(body, ['thresholdDays', 'thresholdMultiple'], 'a watch’s threshold');
  const watch = await updateWatch(actor.userId, (await params).id, ZWatchThreshold.parse(body), actor);
  requestWatchRun();
  return jsonResponse(watchJson(watch));
});

/** Stops watching; the watch's events go with it. */
export const DELETE = withErrors(async (request, { params }: Context) => {
  const actor = await watchApiActor(request);
  const deleted = await deleteWatch(actor.userId, (await params).id, actor);
  return jsonResponse({ id: deleted.id, deleted: true });
});

const notAllowed = methodNotAllowed('GET', 'PATCH', 'DELETE');
export { notAllowed as POST, notAllowed as PUT };
