import { officialSummaryJson } from '@/lib/api/serialize';
import { jsonResponse, parseQuery, withErrors } from '@/lib/api/respond';
import { searchOfficials } from '@/lib/data/officials';
import { ZOfficialSearch } from '@/lib/validation/official-search';

export const dynamic = 'force-dynamic';

/** Officials whose name or any other spelling matches `q`, optionally in some countries. */
export const GET = withErrors(async (request) => {
  const query = parseQuery(ZOfficialSearch, new URL(request.url).searchParams, Object.keys(ZOfficialSearch.shape));
  const { items, total } = await searchOfficials(query);
  return jsonResponse({ items: items.map(officialSummaryJson), page: query.page, pageSize: query.pageSize, total });
});
