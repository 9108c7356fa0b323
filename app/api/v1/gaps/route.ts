import { z } from 'zod';
import { loadPairGaps } from '@/lib/api/pairs';
import { invalidInput, jsonResponse, rejectUnknownParams, withErrors } from '@/lib/api/respond';
import { gapSeriesJson, gapsPageUrl } from '@/lib/api/serialize';
import { CACHE_TAGS_HEADER, pairTag } from '@/lib/cache/tags.mjs';
import { todayUtc } from '@/lib/gaps/dates';
import { searchParamsToObject } from '@/lib/validation/filters';
import { GAP_PAGE_KEYS, MAX_GAPS_PAGE, ZGapPageQuery } from '@/lib/validation/gap-page';
import { PAIR_QUERY_KEYS, ZPairQuery } from '@/lib/validation/pair-query';
import { methodNotAllowed } from '@/lib/api/method-not-allowed';

export const dynamic = 'force-dynamic';

/**
 * A pair's gap series: the silences between its held contacts, as the shared
 * gap engine counts them. Up to `limit` gaps (MAX_GAPS_PAGE unless told) the
 * whole series; past it, or with `before`, a page of the latest gaps with a
 * `page` object linking to the older one. The numbers are always the whole series'.
 */
export const GET = withErrors(async (request) => {
  const params = new URL(request.url).searchParams;
  rejectUnknownParams(params, [...PAIR_QUERY_KEYS, ...GAP_PAGE_KEYS]);
  // The pair and the paging are checked together, so that one 400 names every bad parameter.
  const raw = searchParamsToObject(params);
  const [pair, paging] = [ZPairQuery.safeParse(raw), ZGapPageQuery.safeParse(raw)];
  if (!pair.success || !paging.success) {
    throw invalidInput(new z.ZodError([...(pair.error?.issues ?? []), ...(paging.error?.issues ?? [])]));
  }
  const query = pair.data;
  const { limit, before } = paging.data;
  const today = todayUtc();
  const overview = await loadPairGaps(query, { before: before ?? null, limit: limit ?? MAX_GAPS_PAGE }, today);
  const { total, older, newest, closedSilence } = overview;
  // A series that fits, asked for without paging, answers as it always has: whole, with no `page`.
  const paged = limit !== undefined || before !== undefined || total > overview.series.gaps.length;
  // The older page names the pair by its own refs (a slug, not an id) and keeps the limit asked for.
  const olderUrl = older && gapsPageUrl({ ...query, a: overview.a.ref, b: overview.b.ref }, limit, older);
  const body = gapSeriesJson(
    overview,
    today,
    paged ? { limit: limit ?? MAX_GAPS_PAGE, total, older: olderUrl, newest, closedSilence } : undefined,
  );
  // An official named by id or by a merged slug: the cache must know the pair it stands for.
  const tags = pairTag(query.level, overview.a.ref, overview.b.ref);
  return jsonResponse(body, { headers: { [CACHE_TAGS_HEADER]: tags } });
});

const notAllowed = methodNotAllowed('GET');
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
