import { z } from 'zod';
import { CONTACT_STATUSES, CONTACT_TYPES } from './contact';
import { emptyToUndefined, zCountry, zIsoDate } from './common';
import { isStorableText, NUL_MESSAGE } from './text';

/** Reads a value that may arrive once or repeated (`?type=CALL&type=MEETING`) as a list. */
const many = <T extends z.ZodType>(item: T) =>
  z.preprocess((value) => {
    if (value === undefined || value === null || value === '') return undefined;
    const list = Array.isArray(value) ? value : String(value).split(',');
    return list.map((v) => String(v).trim()).filter((v) => v !== '');
  }, z.array(item).optional());

/**
 * The filters of a contact list, as they stand in a page's URL, the API's query
 * string and an export's header: one schema, so a permalink means the same everywhere.
 */
export const ZContactFilters = z
  .object({
    q: z.preprocess(emptyToUndefined, z.string().trim().max(200).refine(isStorableText, NUL_MESSAGE).optional()),
    official: z.preprocess(emptyToUndefined, z.string().trim().max(200).refine(isStorableText, NUL_MESSAGE).optional()),
    country: many(zCountry),
    type: many(z.enum(CONTACT_TYPES, { error: `Use one of ${CONTACT_TYPES.join(', ')}` })),
    status: many(z.enum(CONTACT_STATUSES, { error: `Use one of ${CONTACT_STATUSES.join(', ')}` })),
    from: z.preprocess(emptyToUndefined, zIsoDate.optional()),
    to: z.preprocess(emptyToUndefined, zIsoDate.optional()),
    page: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1, 'Pages start at 1').max(10_000).default(1)),
    pageSize: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(500).default(50)),
  })
  .refine((f) => f.from === undefined || f.to === undefined || f.from <= f.to, {
    path: ['to'],
    message: 'The end of the date range is before its start',
  });
export type ContactFilters = z.infer<typeof ZContactFilters>;

/** URLSearchParams as a plain object, repeated keys as arrays, for the schemas above. */
export function searchParamsToObject(params: URLSearchParams | Record<string, string | string[] | undefined>) {
  if (!(params instanceof URLSearchParams)) return params;
  const result: Record<string, string | string[]> = {};
  for (const key of new Set(params.keys())) {
    const values = params.getAll(key);
    result[key] = values.length === 1 ? values[0] : values;
  }
  return result;
}

/** The filters that are set, as a query string for links and exports ("" when none). */
export function filtersToQuery(filters: Partial<ContactFilters>, omit: (keyof ContactFilters)[] = []): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) {
    if (omit.includes(key as keyof ContactFilters) || value === undefined) continue;
    if (key === 'page' && value === 1) continue;
    if (key === 'pageSize' && value === 50) continue;
    for (const v of Array.isArray(value) ? value : [value]) params.append(key, String(v));
  }
  const query = params.toString();
  return query ? `?${query}` : '';
}
