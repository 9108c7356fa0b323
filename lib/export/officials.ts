import { csvHead, csvRows, joinCell, type CsvColumn } from './csv';

/*
 * Officials as a CSV file in the officials import format (lib/import/officials.ts): exporting and importing
 * again changes nothing, and a file exported from one Counterpart loads into another.
 */

/** An official as the export writes it. */
export type OfficialExportRow = {
  slug: string;
  name: string;
  country: string;
  wikidataId: string | null;
  bio: string | null;
  aliases: string[];
  positions: {
    officeKey: string;
    title: string;
    organisation: string | null;
    startDate: string;
    endDate: string | null;
  }[];
};

/** What an officials export says about itself. */
export type OfficialsExportMeta = { exportedAt: string; countries: string[]; total: number };

/** `OFFICE_KEY|Title|start|end`, and `|Organisation` when there is one. */
function positionCell(p: OfficialExportRow['positions'][number]): string {
  const parts = [p.officeKey, p.title, p.startDate, p.endDate ?? ''];
  if (p.organisation) parts.push(p.organisation);
  return parts.join('|');
}

/** The columns of the officials CSV, in the import's names. */
const OFFICIAL_EXPORT_COLUMNS: CsvColumn<OfficialExportRow>[] = [
  { name: 'slug', value: (o) => o.slug },
  { name: 'name', value: (o) => o.name },
  { name: 'country', value: (o) => o.country },
  { name: 'other_spellings', value: (o) => joinCell(o.aliases) },
  { name: 'wikidata_id', value: (o) => o.wikidataId },
  { name: 'bio', value: (o) => o.bio },
  { name: 'positions', value: (o) => joinCell(o.positions.map(positionCell)) },
];

function headOf(meta: OfficialsExportMeta): string {
  return csvHead({
    title: 'Counterpart officials export',
    meta: [
      ['exported_at', meta.exportedAt],
      ['countries', meta.countries.join(' ') || 'all'],
      ['total', meta.total],
      [
        'note',
        'One row per official, by slug; the officials import format. Lists are separated by "; ", ' +
          'each position written OFFICE_KEY|Title|start|end (empty: current)|Organisation (optional).',
      ],
    ],
    columns: OFFICIAL_EXPORT_COLUMNS,
  });
}

/** An officials CSV written piece by piece from batches, so that any number takes the memory of one batch. */
export async function* officialsExportChunks(
  batches: AsyncIterable<OfficialExportRow[]> | Iterable<OfficialExportRow[]>,
  meta: OfficialsExportMeta,
): AsyncGenerator<string> {
  yield headOf(meta);
  for await (const batch of batches) yield csvRows(OFFICIAL_EXPORT_COLUMNS, batch);
}

/** A list of officials as the CSV the export writes. */
export function officialsToCsv(officials: OfficialExportRow[], meta: OfficialsExportMeta): string {
  return headOf(meta) + csvRows(OFFICIAL_EXPORT_COLUMNS, officials);
}
