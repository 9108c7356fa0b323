import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import Papa from 'papaparse';

/**
 * The two CSV files converted from the Office of the Historian's XML (see prisma/seed/ooh/README.md):
 * their names, their columns, and a streaming reader that knows each record's line.
 */

/** Foreign trips of US Presidents and Secretaries of State, one row per country visited. */
export const OOH_TRAVELS_FILE = 'us-secretary-president-travels.csv';
/** Visits of foreign heads of state and government to the United States. */
export const OOH_VISITS_FILE = 'foreign-leader-visits.csv';
/** Where the files ship in the repository. */
export const OOH_DATA_DIR = fileURLToPath(new URL('../../../prisma/seed/ooh/', import.meta.url));

export const OOH_TRAVEL_COLUMNS = [
  'source_id',
  'start_date',
  'end_date',
  'duration_days',
  'traveler_name',
  'traveler_role',
  'traveler_id',
  'country',
  'country_id',
  'locale',
  'remarks',
  'source_file',
] as const;

export const OOH_VISIT_COLUMNS = [
  'source_id',
  'start_date',
  'end_date',
  'duration_days',
  'visitor',
  'visitor_title',
  'visitor_name',
  'country',
  'country_id',
  'description',
  'source_file',
] as const;

export type OohTravel = Record<(typeof OOH_TRAVEL_COLUMNS)[number], string>;
export type OohVisit = Record<(typeof OOH_VISIT_COLUMNS)[number], string>;

/** One record and its CSV line (the header is line 1), or the line and what is wrong with it. */
export type OohLine<T> = { line: number; record: T; problem?: undefined } | { line: number; problem: string };

/**
 * The records of one OOH file, streamed through papaparse with backpressure. Lines are counted, not guessed:
 * a record starts on the line after the previous one ended, and a quoted line break inside a cell moves
 * the next record down (the shipped files have none, but a later snapshot might).
 */
export async function* readOohCsv<const C extends readonly string[]>(
  file: string,
  columns: C,
): AsyncGenerator<OohLine<Record<C[number], string>>> {
  const input = fs.createReadStream(file, 'utf8');
  // skipEmptyLines would make a blank line shift every line number after it, so blank rows are seen and counted.
  const header: string[] = [];
  const parser = Papa.parse(Papa.NODE_STREAM_INPUT, {
    header: true,
    skipEmptyLines: false,
    transformHeader: (name) => (header.push(name), name),
  });
  input.on('error', (error) => parser.destroy(error));
  input.pipe(parser);

  let line = 2;
  try {
    for await (const row of parser as AsyncIterable<Record<string, string | string[] | undefined>>) {
      if (line === 2) {
        const missing = columns.filter((column) => !header.includes(column));
        if (missing.length > 0) throw new Error(`${file} is not an OOH file: no column ${missing.join(', ')}`);
      }
      const cells = Object.values(row).flat();
      const here = line;
      line += 1 + cells.reduce((breaks, cell) => breaks + (cell?.match(/\r\n|\r|\n/g)?.length ?? 0), 0);
      if (cells.every((cell) => cell === '' || cell === undefined)) continue;
      if ('__parsed_extra' in row || columns.some((column) => typeof row[column] !== 'string')) {
        yield { line: here, problem: `has ${cells.length} cells where the header has ${columns.length}` };
        continue;
      }
      yield { line: here, record: row as Record<C[number], string> };
    }
  } finally {
    // A consumer that stops early must not leave the file open.
    input.destroy();
  }
}
