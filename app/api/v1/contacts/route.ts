import { activeFilters, contactJson } from '@/lib/api/serialize';
import { jsonResponse, parseQuery, withErrors } from '@/lib/api/respond';
import { listContacts } from '@/lib/data/contacts';
import { ZContactFilters } from '@/lib/validation/filters';

export const dynamic = 'force-dynamic';

/** One page of the contacts matching the filters, newest first. */
export const GET = withErrors(async (request) => {
  const filters = parseQuery(ZContactFilters, new URL(request.url).searchParams, Object.keys(ZContactFilters.shape));
  const { items, total } = await listContacts(filters);
  return jsonResponse({
    items: items.map(contactJson),
    page: filters.page,
    pageSize: filters.pageSize,
    total,
    filters: activeFilters(filters),
  });
});
