import { readJsonObject, rejectUnknownFields } from '@/lib/api/body';
import { activeFilters, contactJson } from '@/lib/api/serialize';
import { jsonResponse, parseQuery, withErrors } from '@/lib/api/respond';
import { requireApiActor } from '@/lib/auth/api';
import { findNearbyContacts } from '@/lib/data/contact-edits';
import { createContact, listContacts } from '@/lib/data/contacts';
import { ZContactInput } from '@/lib/validation/contact';
import { ZContactFilters } from '@/lib/validation/filters';
import { methodNotAllowed } from '@/lib/api/method-not-allowed';

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

/**
 * Logs a contact (researcher or admin token). Answers with the silence it
 * ended, and lists contacts of the same officials within a day of it, which
 * may be the same contact logged twice.
 */
export const POST = withErrors(async (request) => {
  const actor = await requireApiActor(request, 'contact:create');
  const body = await readJsonObject(request);
  rejectUnknownFields(body, Object.keys(ZContactInput.in.shape), 'a contact');
  const input = ZContactInput.parse(body);
  const nearby = await findNearbyContacts({ participants: input.participants, date: input.date });
  const created = await createContact(input, actor);
  return jsonResponse(
    {
      ...created,
      possibleDuplicates: nearby.map((c) => ({ id: c.id, date: c.date, type: c.type, status: c.status })),
      href: `/api/v1/contacts/${created.id}`,
    },
    { status: 201, headers: { Location: `/api/v1/contacts/${created.id}` } },
  );
});

const notAllowed = methodNotAllowed('GET', 'POST');
export { notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
