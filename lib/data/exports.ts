import 'server-only';
import type { Prisma } from '../generated/prisma/client';
import { getDb } from '../db';
import { EXPORT_BATCH } from '../export/limits';
import type { ContactFilters } from '../validation/filters';
import { CONTACT_ROW_SELECT, contactFilterWhere, toContactRow, type ContactRow } from './contacts';

/** How many contacts match a list's filters (their page aside). */
export async function countContactsForExport(filters: ContactFilters): Promise<number> {
  return getDb().contact.count({ where: contactFilterWhere(filters) });
}

/**
 * Every contact matching the filters (their page and page size ignored),
 * newest first, in batches of EXPORT_BATCH read one after another by keyset
 * (date, id): each batch is read only when the previous one has been written,
 * so an export of any size holds one batch in memory, and a contact logged
 * meanwhile neither repeats nor pushes another out.
 */
export async function* contactBatchesForExport(
  filters: ContactFilters,
  batchSize = EXPORT_BATCH,
): AsyncGenerator<ContactRow[]> {
  const where = contactFilterWhere(filters);
  let after: { date: Date; id: string } | null = null;
  for (;;) {
    const keyset: Prisma.ContactWhereInput = after
      ? { OR: [{ date: { lt: after.date } }, { date: after.date, id: { lt: after.id } }] }
      : {};
    const rows = await getDb().contact.findMany({
      where: { AND: [where, keyset] },
      orderBy: [{ date: 'desc' }, { id: 'desc' }],
      take: batchSize,
      select: CONTACT_ROW_SELECT,
    });
    if (rows.length > 0) yield rows.map(toContactRow);
    if (rows.length < batchSize) return;
    const last = rows[rows.length - 1];
    after = { date: last.date, id: last.id };
  }
}
