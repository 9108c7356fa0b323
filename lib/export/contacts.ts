import { activeFilters, contactJson } from '../api/serialize';
import type { ContactRow } from '../data/contacts';
import { filtersToQuery, type ContactFilters } from '../validation/filters';
import { csvHead, csvRows, joinCell, type CsvColumn } from './csv';
import { ploverLine } from './plover';

/** What a contact export says about itself: when it was made and which filters chose its rows. */
export type ContactsExportMeta = {
  generator: 'Counterpart';
  kind: 'contacts';
  exportedAt: string;
  /** The filters that are set (paging aside: an export holds every matching contact). */
  filters: Partial<Omit<ContactFilters, 'page' | 'pageSize'>>;
  /** The same filters as a query string for /api/v1/contacts or the search page ("" when none). */
  query: string;
  /** How many contacts matched when the export started (one logged while it is written may be added or not). */
  total: number;
};

/** The metadata of a contact export made at `at`. */
export function contactsExportMeta(options: { filters: ContactFilters; total: number; at: Date }): ContactsExportMeta {
  const { filters, total, at } = options;
  return {
    generator: 'Counterpart',
    kind: 'contacts',
    exportedAt: at.toISOString(),
    filters: activeFilters(filters),
    query: filtersToQuery(filters, ['page', 'pageSize']).replace(/^\?/, ''),
    total,
  };
}

function claimedDates(contact: ContactRow): string[] {
  return [...new Set(contact.sources.flatMap((s) => (s.claimedDate === null ? [] : [s.claimedDate])))].sort();
}

/** The columns of a contact CSV; lists share a cell, "; "-separated, except URLs, which are space-separated. */
const CONTACT_COLUMNS: CsvColumn<ContactRow>[] = [
  { name: 'id', value: (c) => c.id },
  { name: 'date', value: (c) => c.date },
  { name: 'date_precision', value: (c) => c.datePrecision },
  { name: 'time', value: (c) => c.time },
  { name: 'time_zone', value: (c) => c.timeZone },
  { name: 'type', value: (c) => c.type },
  { name: 'status', value: (c) => c.status },
  { name: 'participants', value: (c) => joinCell(c.participants.map((p) => p.name)) },
  { name: 'participant_slugs', value: (c) => joinCell(c.participants.map((p) => p.slug)) },
  { name: 'countries', value: (c) => joinCell(c.participants.map((p) => p.country)) },
  { name: 'office_keys', value: (c) => joinCell(c.participants.map((p) => p.officeKey)) },
  { name: 'positions', value: (c) => joinCell(c.participants.map((p) => p.positionTitle)) },
  { name: 'initiator', value: (c) => c.initiator?.slug ?? null },
  { name: 'duration_minutes', value: (c) => c.durationMinutes },
  { name: 'location', value: (c) => c.location },
  { name: 'channel', value: (c) => c.channel?.slug ?? null },
  { name: 'topics', value: (c) => joinCell(c.topics) },
  { name: 'verification', value: (c) => c.verification },
  // Dates the sources give where they differ from the contact's: the reason a gap can be a range.
  { name: 'date_disputed', value: (c) => claimedDates(c).some((d) => d !== c.date) },
  { name: 'claimed_dates', value: (c) => joinCell(claimedDates(c)) },
  { name: 'summary', value: (c) => c.summary },
  { name: 'source_count', value: (c) => c.sources.length },
  { name: 'source_publishers', value: (c) => joinCell(c.sources.map((s) => s.publisher)) },
  { name: 'source_urls', value: (c) => c.sources.map((s) => s.url).join(' ') || null },
];

function csvHeadOf(meta: ContactsExportMeta): string {
  return csvHead({
    title: 'Counterpart contacts export',
    meta: [
      ['exported_at', meta.exportedAt],
      ['filters', meta.query || 'none'],
      ['total', meta.total],
      ['note', 'One row per contact, newest first. Lists share a cell, separated by "; " (source URLs by a space).'],
    ],
    columns: CONTACT_COLUMNS,
  });
}

/** Indents every line but the first, so a nested JSON value reads as JSON.stringify(…, null, 2) would write it. */
function indented(value: unknown, depth: number): string {
  return JSON.stringify(value, null, 2).replaceAll('\n', `\n${' '.repeat(depth)}`);
}

/**
 * A contact list as CSV, JSON or PLOVER JSON Lines, written piece by piece from batches of rows, so
 * that an export of any size takes the memory of one batch. The pieces joined are exactly the file
 * contactsToCsv, contactsToJson or contactsToPlover would write. JSON Lines has no room for the
 * metadata: each line is one event.
 */
export async function* contactsExportChunks(
  format: 'csv' | 'json' | 'plover',
  batches: AsyncIterable<ContactRow[]> | Iterable<ContactRow[]>,
  meta: ContactsExportMeta,
): AsyncGenerator<string> {
  if (format === 'plover') {
    for await (const batch of batches) if (batch.length > 0) yield batch.map(ploverLine).join('');
    return;
  }
  if (format === 'csv') {
    yield csvHeadOf(meta);
    for await (const batch of batches) yield csvRows(CONTACT_COLUMNS, batch);
    return;
  }
  yield `{\n  "meta": ${indented(meta, 2)},\n  "items": [`;
  let first = true;
  for await (const batch of batches) {
    if (batch.length === 0) continue;
    yield (first ? '' : ',') + batch.map((c) => `\n    ${indented(contactJson(c), 4)}`).join(',');
    first = false;
  }
  yield first ? ']\n}\n' : '\n  ]\n}\n';
}

/** A contact list as CSV, its metadata in `#` lines above the header (see csv.ts for why). */
export function contactsToCsv(contacts: ContactRow[], meta: ContactsExportMeta): string {
  return csvHeadOf(meta) + csvRows(CONTACT_COLUMNS, contacts);
}

/** A contact list as JSON: `{ meta, items }`, each item as /api/v1/contacts gives it. */
export function contactsToJson(contacts: ContactRow[], meta: ContactsExportMeta): string {
  return `${JSON.stringify({ meta, items: contacts.map(contactJson) }, null, 2)}\n`;
}

/** A contact list as PLOVER event data, one JSON object per line (lib/export/plover.ts). */
export function contactsToPlover(contacts: ContactRow[]): string {
  return contacts.map(ploverLine).join('');
}
