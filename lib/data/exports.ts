import 'server-only';
import type { Prisma } from '../generated/prisma/client';
import { getDb } from '../db';
import { EXPORT_BATCH } from '../export/limits';
import type { OfficialExportRow } from '../export/officials';
import type { ContactFilters } from '../validation/filters';
import { CONTACT_ROW_SELECT, contactFilterWhere, toContactRow, type ContactRow } from './contacts';
import { isoFromDb, isoFromDbOrNull } from './dates';

/** How many contacts match a list's filters (their page aside). */
export async function countContactsForExport(filters: ContactFilters): Promise<number> {
  return getDb().contact.count({ where: await contactFilterWhere(filters) });
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
  const where = await contactFilterWhere(filters);
  let after: { date: Date; id: string } | null = null;
  for (;;) {
    // `date <= last` is what lets PostgreSQL start the batch at the last one's place in the date index; the
    // OR alone made it walk from the newest contact every time, so that a 1,000,000-contact export took 14 min.
    const keyset: Prisma.ContactWhereInput = after
      ? {
          date: { lte: after.date },
          OR: [{ date: { lt: after.date } }, { id: { lt: after.id } }],
        }
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

/** How many officials an officials export holds (merged ones are addresses of another, not officials). */
export async function countOfficialsForExport(countries: string[] = []): Promise<number> {
  return getDb().official.count({
    where: { mergedIntoId: null, ...(countries.length > 0 ? { country: { in: countries } } : {}) },
  });
}

/**
 * Every official (of these countries, when given) with spellings and positions, by slug, in batches read
 * one after another by keyset: an export of any size holds one batch in memory.
 */
export async function* officialBatchesForExport(
  countries: string[] = [],
  batchSize = EXPORT_BATCH,
): AsyncGenerator<OfficialExportRow[]> {
  let after: string | null = null;
  for (;;) {
    const keyset: Prisma.OfficialWhereInput = after === null ? {} : { slug: { gt: after } };
    const rows = await getDb().official.findMany({
      where: { mergedIntoId: null, ...(countries.length > 0 ? { country: { in: countries } } : {}), ...keyset },
      orderBy: { slug: 'asc' },
      take: batchSize,
      select: {
        slug: true,
        name: true,
        country: true,
        wikidataId: true,
        bio: true,
        aliases: { select: { name: true }, orderBy: { name: 'asc' } },
        positions: {
          orderBy: [{ startDate: 'asc' }, { id: 'asc' }],
          select: { officeKey: true, title: true, organisation: true, startDate: true, endDate: true },
        },
      },
    });
    if (rows.length > 0) {
      yield rows.map((o) => ({
        ...o,
        aliases: o.aliases.map((a) => a.name),
        positions: o.positions.map((p) => ({
          ...p,
          startDate: isoFromDb(p.startDate),
          endDate: isoFromDbOrNull(p.endDate),
        })),
      }));
    }
    if (rows.length < batchSize) return;
    after = rows[rows.length - 1].slug;
  }
}
