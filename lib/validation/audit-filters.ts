import { z } from 'zod';
import { emptyToUndefined, zIsoDate } from './common';

/** "none" in the user filter: changes made without an account (the seed, the command line). */
export const NO_USER = 'none';

const zWord = (what: string) =>
  z.preprocess(
    emptyToUndefined,
    z
      .string()
      .trim()
      .toLowerCase()
      .regex(/^[a-z][a-z_]{0,39}$/, `Choose ${what} from the list`)
      .optional(),
  );

/**
 * The audit log viewer's filters, as they stand in its URL and its export's:
 * who, which entity, which action, which days (UTC, both ends included), and
 * the keyset cursor `before` (entries older than that id).
 */
export const ZAuditFilters = z
  .object({
    user: z.preprocess(emptyToUndefined, z.string().trim().max(100).optional()),
    entityType: zWord('an entity type'),
    entityId: z.preprocess(
      emptyToUndefined,
      z.string().trim().max(200, 'An entity id is shorter than that').optional(),
    ),
    action: zWord('an action'),
    from: z.preprocess(emptyToUndefined, zIsoDate.optional()),
    to: z.preprocess(emptyToUndefined, zIsoDate.optional()),
    before: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .regex(/^[1-9]\d{0,18}$/, 'Not a page of the audit log: start again from the newest entries')
        .optional(),
    ),
    pageSize: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(200).default(50)),
  })
  .refine((f) => f.from === undefined || f.to === undefined || f.from <= f.to, {
    path: ['to'],
    message: 'The end of the date range is before its start',
  });
export type AuditFilters = z.infer<typeof ZAuditFilters>;

/** The filter keys, in the order the form shows them. */
export const AUDIT_FILTER_KEYS = ['user', 'entityType', 'entityId', 'action', 'from', 'to'] as const;

/** The filters that are set as a query string ("" when none); `before` only when asked. */
export function auditFiltersToQuery(filters: Partial<AuditFilters>, options: { before?: string | null } = {}): string {
  const params = new URLSearchParams();
  for (const key of AUDIT_FILTER_KEYS) {
    const value = filters[key];
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  if (filters.pageSize !== undefined && filters.pageSize !== 50) params.set('pageSize', String(filters.pageSize));
  if (options.before) params.set('before', options.before);
  const query = params.toString();
  return query ? `?${query}` : '';
}
