import 'server-only';
import { AppError } from '../errors';
import { EXPORT_MAX_CONTACTS } from '../export/limits';
import { formatNumber } from '../format';
import type { ContactFilters } from '../validation/filters';
import { listContacts, type ContactRow } from './contacts';

const BATCH = 1_000;

/**
 * Every contact matching the filters (their page and page size ignored),
 * newest first, read in batches. Refuses, before reading them, more than
 * EXPORT_MAX_CONTACTS: a file that silently stopped short would mislead.
 */
export async function listContactsForExport(filters: ContactFilters): Promise<{ items: ContactRow[]; total: number }> {
  const first = await listContacts({ ...filters, page: 1, pageSize: BATCH });
  if (first.total > EXPORT_MAX_CONTACTS) {
    throw new AppError(
      'INVALID',
      `These filters match ${formatNumber(first.total)} contacts; an export holds at most ` +
        `${formatNumber(EXPORT_MAX_CONTACTS)}. Narrow them, e.g. with from and to.`,
    );
  }
  // A contact logged while the batches are read can shift a row into the next page: keep it once.
  const byId = new Map(first.items.map((c) => [c.id, c]));
  for (let page = 2; (page - 1) * BATCH < first.total; page += 1) {
    for (const c of (await listContacts({ ...filters, page, pageSize: BATCH })).items) byId.set(c.id, c);
  }
  const items = [...byId.values()];
  return { items, total: items.length };
}
