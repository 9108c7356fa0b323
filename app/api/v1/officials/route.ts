import { readJsonObject, rejectUnknownFields } from '@/lib/api/body';
import { officialProfileJson, officialSummaryJson } from '@/lib/api/serialize';
import { jsonResponse, parseQuery, withErrors } from '@/lib/api/respond';
import { requireApiActor } from '@/lib/auth/api';
import { createOfficial, findOfficialRef, searchOfficials } from '@/lib/data/officials';
import { ZOfficialInput } from '@/lib/validation/official';
import { ZOfficialSearch } from '@/lib/validation/official-search';
import { methodNotAllowed } from '@/lib/api/method-not-allowed';

export const dynamic = 'force-dynamic';

/** Officials whose name or any other spelling matches `q`, optionally in some countries. */
export const GET = withErrors(async (request) => {
  const query = parseQuery(ZOfficialSearch, new URL(request.url).searchParams, Object.keys(ZOfficialSearch.shape));
  const { items, total } = await searchOfficials(query);
  return jsonResponse({ items: items.map(officialSummaryJson), page: query.page, pageSize: query.pageSize, total });
});

/** Adds an official with other spellings and positions (admin token). */
export const POST = withErrors(async (request) => {
  const actor = await requireApiActor(request, 'official:create');
  const body = await readJsonObject(request);
  rejectUnknownFields(body, Object.keys(ZOfficialInput.shape), 'an official');
  const input = ZOfficialInput.parse(body);
  const created = await createOfficial(input, actor);
  const official = await findOfficialRef(created.id);
  return jsonResponse(officialProfileJson(official!), {
    status: 201,
    headers: { Location: `/api/v1/officials/${created.slug}` },
  });
});

const notAllowed = methodNotAllowed('GET', 'POST');
export { notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
