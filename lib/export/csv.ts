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

/** A metadata line: `# key: value`, its value on one line. */
function preambleLine(key: string, value: string | number | null): string {
  return `# ${key}: ${String(value ?? '').replace(/[\r\n]+/g, ' ')}`;
}

/** A CSV file: the `#` metadata lines, the header row, one line per row (written by papaparse). */
export function toCsv<T>(options: {
  title: string;
  meta: [string, string | number | null][];
  columns: CsvColumn<T>[];
  rows: T[];
}): string {
  const { title, meta, columns, rows } = options;
  const lines = [`# ${title}`, ...meta.map(([key, value]) => preambleLine(key, value))];
  lines.push(Papa.unparse([columns.map((c) => c.name)], { newline: NEWLINE }));
  if (rows.length > 0) {
    lines.push(
      Papa.unparse(
        rows.map((row) => columns.map((c) => c.value(row))),
        { quotes: (value: unknown) => typeof value === 'string', escapeFormulae: FORMULA_START, newline: NEWLINE },
      ),
    );
  }
  return lines.join(NEWLINE) + NEWLINE;
}

/** Several values in one cell, separated by "; " (the JSON export keeps them as arrays); none is an empty cell. */
export function joinCell(values: (string | null | undefined)[]): string | null {
  return values.filter((v): v is string => v !== null && v !== undefined && v !== '').join('; ') || null;
}
