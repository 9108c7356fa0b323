/**
 * The contacts import format: a contract other tools write to (documented in the README, offered as a
 * template at /imports/template.csv). Header names are exact, their order free. Every source of contacts
 * (a CSV file, PLOVER JSON Lines, the Office of the Historian records) is turned into rows of these
 * columns, so one importer checks and writes them all.
 */

/** Columns every file must have. */
export const REQUIRED_COLUMNS = [
  'external_id',
  'date',
  'type',
  'status',
  'participant_a',
  'country_a',
  'participant_b',
  'country_b',
  'source_url',
] as const;

/** Columns a file may have. */
export const OPTIONAL_COLUMNS = [
  'date_precision',
  'initiator',
  'duration_minutes',
  'location',
  'summary',
  'topics',
  'source_publisher',
  'source_title',
  'source_published_at',
  'source_quote',
] as const;

/** Participants past the second: participant_c/country_c … participant_z/country_z. */
export const EXTRA_PARTICIPANT = /^(participant|country)_([c-z])$/;

/** The header a contacts CSV must have, and may have. */
export const CONTACT_CSV = {
  required: REQUIRED_COLUMNS,
  allowed: (column: string) =>
    (OPTIONAL_COLUMNS as readonly string[]).includes(column) || EXTRA_PARTICIPANT.test(column),
};

/** The letters of the participant columns, in order. */
export const PARTICIPANT_LETTERS = 'abcdefghijklmnopqrstuvwxyz'.split('');

/**
 * One row of an import, whatever the file it came from: its line (1 is the header of a CSV; for other
 * formats, the line or record number the report should name) and its cells by column name. Missing
 * optional columns are absent or ''.
 *
 * A participant cell left empty with its country set means "officials of that country, not named": the
 * contact counts for the country pair only (see `contact.unnamed_countries`).
 */
export type ImportRow = {
  line: number;
  cells: Record<string, string>;
  /** What the reader could not make a row of (a line of bad JSON, say): reported, and the row skipped. */
  problems?: RowProblem[];
  /**
   * Every source of the contact with its claims, from a format that carries them (PLOVER's `cite_info`):
   * used instead of the single source of the `source_*` columns. A claimed initiator is a slug.
   */
  sources?: RowSource[];
};

/** A source as a row carries it when it has more than the CSV columns (several, with claims). */
export type RowSource = {
  url: string;
  publisher?: string;
  title?: string;
  publishedAt?: string;
  side?: string;
  quote?: string;
  archiveUrl?: string;
  claims?: { date?: string; initiator?: string; durationMinutes?: number };
};

/** One problem with a row: the line, the column, and what to fix. */
export type RowProblem = { line: number; column: string; message: string };

/** A position an imported official held: the office (e.g. `US:SECSTATE`), its title and its dates. */
export type OfficialPositionRecord = {
  officeKey: string;
  title: string;
  organisation?: string;
  startDate: string;
  endDate?: string;
};

/**
 * One official to import (from the officials CSV, or a dataset's mapping such as the Office of the
 * Historian's). Matched to an existing official by Wikidata id, then slug, then name in the country;
 * otherwise created. `line` is what a report names.
 */
export type OfficialRecord = {
  line: number;
  slug?: string;
  name: string;
  country: string;
  otherSpellings: string[];
  wikidataId?: string;
  bio?: string;
  positions: OfficialPositionRecord[];
};
