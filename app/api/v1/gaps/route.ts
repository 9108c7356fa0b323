import { loadPairSeries } from '@/lib/api/pairs';
import { jsonResponse, parseQuery, withErrors } from '@/lib/api/respond';
import { gapSeriesJson } from '@/lib/api/serialize';
import { todayUtc } from '@/lib/gaps/dates';
import { PAIR_QUERY_KEYS, ZPairQuery } from '@/lib/validation/pair-query';

export const dynamic = 'force-dynamic';

/** A pair's gap series: the silences between its held contacts, as the shared gap engine counts them. */
export const GET = withErrors(async (request) => {
  const query = parseQuery(ZPairQuery, new URL(request.url).searchParams, PAIR_QUERY_KEYS);
  const today = todayUtc();
  return jsonResponse(gapSeriesJson(await loadPairSeries(query, today), today));
});
