import { loadPairSeries } from '@/lib/api/pairs';
import { jsonResponse, parseQuery, withErrors } from '@/lib/api/respond';
import { gapSeriesJson } from '@/lib/api/serialize';
import { CACHE_TAGS_HEADER, pairTag } from '@/lib/cache/tags.mjs';
import { todayUtc } from '@/lib/gaps/dates';
import { PAIR_QUERY_KEYS, ZPairQuery } from '@/lib/validation/pair-query';

export const dynamic = 'force-dynamic';

/** A pair's gap series: the silences between its held contacts, as the shared gap engine counts them. */
export const GET = withErrors(async (request) => {
  const query = parseQuery(ZPairQuery, new URL(request.url).searchParams, PAIR_QUERY_KEYS);
  const today = todayUtc();
  const overview = await loadPairSeries(query, today);
  // An official named by id or by a merged slug: the cache must know the pair it stands for.
  const tags = pairTag(query.level, overview.a.ref, overview.b.ref);
  return jsonResponse(gapSeriesJson(overview, today), { headers: { [CACHE_TAGS_HEADER]: tags } });
});
