import Papa from 'papaparse';

/*
 * The CSV convention of every Counterpart export.
 *
 * The export time, the filters and (for a gap series) the series' own numbers
 * travel inside the file, as `# key: value` lines above the header row. We
 * weighed the alternatives: a metadata row under the header breaks the type of
 * every column; provenance columns repeated on each row vanish from an export
 * that matched nothing (a bare header) and have no room for a series' numbers.
 * `#` lines are what the usual readers skip when asked: papaparse
 * `comments: '#'`, pandas `read_csv(..., comment='#')`, R
 * `read.csv(..., comment.char = '#')`, readr `read_csv(..., comment = '#')`.
 *
 * Those readers take `#` as a comment anywhere outside quotes, so every text
 * cell is quoted: a `#` in a summary stays data. Numbers and booleans are not,
 * so they read as numbers and booleans. A text cell starting with = + - @ is
 * prefixed with ' so that spreadsheets do not run it as a formula.
 * Lines end in CRLF (RFC 4180); the file is UTF-8 without a byte-order mark,
 * which would hide the first `#` from most of those readers.
 */

/** One CSV column: its header and how a row fills it. */
export type CsvColumn<T> = { name: string; value: (row: T) => string | number | boolean | null };

const NEWLINE = '\r\n';
// papaparse's own pattern misses multi-line cells (`.` stops at a newline); the start is all that matters.
const FORMULA_START = /^[=+\-@\t\r]/;

// Every character some reader takes for the end of a line: CR, LF, VT, FF, the file, group and record
// separators, NEL and the Unicode line and paragraph separators (Python's splitlines() knows them all).
const LINE_BREAKS = /[\r\n\v\f\x1c-\x1e\x85\u2028\u2029]+/g;
const CONTROLS = /[\x00-\x08\x0e-\x1b\x1f\x7f]/g;

/**
 * A metadata line: `# key: value`, the value on one line. A value holding a double
 * quote is written as a quoted CSV field (`"Mark ""Mad Dog"" Milley"`), so a reader
 * that does not skip `#` lines never sees an unbalanced quote swallow the rows below,
 * and the value can still be read back exactly. Line breaks inside a value become spaces, and a
 * spreadsheet's formula start just after a comma (where such a reader starts a cell) gets a ', as
 * in the data cells.
 */
export function preambleLine(key: string, value: string | number | null): string {
  const text = String(value ?? '')
    .replace(LINE_BREAKS, ' ')
    .replace(CONTROLS, '')
    .replace(/,(\s*)(?=[=+\-@])/g, ",$1'");
  return `# ${key}: ${text.includes('"') ? `"${text.replaceAll('"', '""')}"` : text}`;
}

/** The start of a CSV file: the `#` metadata lines and the header row. */
export function csvHead<T>(options: {
  title: string;
  meta: [string, string | number | null][];
  columns: CsvColumn<T>[];
}) {
  const { title, meta, columns } = options;
  const lines = [`# ${title}`, ...meta.map(([key, value]) => preambleLine(key, value))];
  lines.push(Papa.unparse([columns.map((c) => c.name)], { newline: NEWLINE }));
  return lines.join(NEWLINE) + NEWLINE;
}

/** Rows of a CSV file, each line ended; written in pieces, they join into one file. */
export function csvRows<T>(columns: CsvColumn<T>[], rows: T[]): string {
  if (rows.length === 0) return '';
  const body = Papa.unparse(
    rows.map((row) => columns.map((c) => c.value(row))),
    { quotes: (value: unknown) => typeof value === 'string', escapeFormulae: FORMULA_START, newline: NEWLINE },
  );
  return body + NEWLINE;
}

/** A CSV file: the `#` metadata lines, the header row, one line per row (written by papaparse). */
export function toCsv<T>(options: {
  title: string;
  meta: [string, string | number | null][];
  columns: CsvColumn<T>[];
  rows: T[];
}): string {
  return csvHead(options) + csvRows(options.columns, options.rows);
}

/** Several values in one cell, separated by "; " (the JSON export keeps them as arrays); none is an empty cell. */
export function joinCell(values: (string | null | undefined)[]): string | null {
  return values.filter((v): v is string => v !== null && v !== undefined && v !== '').join('; ') || null;
}
