/**
 * Reads an import file as CSV rows, streamed: the file never sits whole in memory. What is wrong with the
 * file as a whole (not UTF-8, not text, no header, missing or unknown columns) is one `ImportFileError`
 * with one message saying what to fix; what is wrong with a row is the importer's to report.
 */
import { Transform, type Readable } from 'node:stream';
import Papa from 'papaparse';
import type { ImportRow } from './contract';

/** A file the importer cannot read at all: the message says what to fix. */
export class ImportFileError extends Error {}

/** Checks the bytes are UTF-8 text (not a spreadsheet's binary file) and passes them on as strings. */
function utf8Text(): Transform {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let first = true;
  return new Transform({
    decodeStrings: true,
    transform(chunk: Buffer, _encoding, done) {
      if (first && (chunk.subarray(0, 4).toString('latin1') === 'PK\u0003\u0004' || chunk.includes(0))) {
        return done(
          new ImportFileError(
            'This is not a CSV file (it looks like a spreadsheet or other binary file): save it as “CSV UTF-8”.',
          ),
        );
      }
      first = false;
      try {
        done(null, decoder.decode(chunk, { stream: true }));
      } catch {
        done(new ImportFileError('The file is not UTF-8 text: save it as “CSV UTF-8” and try again.'));
      }
    },
    flush(done) {
      try {
        done(null, decoder.decode());
      } catch {
        done(new ImportFileError('The file is not UTF-8 text: it ends in the middle of a character.'));
      }
    },
  });
}

export type CsvShape = {
  /** Columns that must be in the header. */
  required: readonly string[];
  /** Whether a column may be in the header besides the required ones. */
  allowed: (column: string) => boolean;
};

/**
 * The rows of a CSV stream, as cells by column name. Rows are numbered as a spreadsheet numbers them: the
 * header is row 1, the first record row 2 (a cell spanning several lines is still one row). A row with
 * more or fewer cells than the header gets the cell `__cells` naming the count, for the importer to report.
 */
export async function* csvRows(input: Readable, shape: CsvShape): AsyncGenerator<ImportRow> {
  const parser = Papa.parse(Papa.NODE_STREAM_INPUT, { header: false, skipEmptyLines: 'greedy' });
  const text = utf8Text();
  // A failure on either side ends the loop below with that error.
  input.on('error', (error) => parser.destroy(error));
  text.on('error', (error) => parser.destroy(error));
  input.pipe(text).pipe(parser);

  let header: string[] | null = null;
  let line = 1;
  for await (const cells of parser as AsyncIterable<string[]>) {
    if (header === null) {
      header = checkHeader(cells, shape);
      continue;
    }
    line += 1;
    const row: Record<string, string> = {};
    header.forEach((column, i) => {
      row[column] = cells[i] ?? '';
    });
    if (cells.length !== header.length) row.__cells = String(cells.length);
    yield { line, cells: row };
  }
  if (header === null) throw new ImportFileError('The file is empty: the first line must name the columns.');
}

function checkHeader(cells: string[], shape: CsvShape): string[] {
  // A byte-order mark from a spreadsheet's "CSV UTF-8" is not part of the first name.
  const header = cells.map((cell, i) => (i === 0 ? cell.replace(/^\uFEFF/, '') : cell).trim());
  const missing = shape.required.filter((column) => !header.includes(column));
  if (missing.length === shape.required.length) {
    throw new ImportFileError(
      `The first line is not a header: it must name the columns (${shape.required.join(', ')}, …); download the template to see one.`,
    );
  }
  if (missing.length > 0) {
    throw new ImportFileError(
      `The header lacks the column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}: add ${missing.length > 1 ? 'them' : 'it'} (see the template).`,
    );
  }
  const unknown = header.filter((column) => !shape.allowed(column) && !shape.required.includes(column));
  if (unknown.length > 0) {
    throw new ImportFileError(
      `Unknown column${unknown.length > 1 ? 's' : ''} ${unknown.map((c) => `“${c}”`).join(', ')} in the header: check the spelling against the template.`,
    );
  }
  const twice = header.find((column, i) => header.indexOf(column) !== i);
  if (twice !== undefined) throw new ImportFileError(`The header names the column “${twice}” twice: keep one.`);
  return header;
}
