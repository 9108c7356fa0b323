/**
 * The backup file: gzip over a plain-text, data-only SQL script of the kind `pg_dump --data-only`
 * writes, so that `gunzip -c FILE | psql --single-transaction` could load it into a migrated, empty
 * database even without Counterpart. Lines, in order:
 *
 *   -- Counterpart backup {header JSON: format, version, migrations, server, tables and columns, sequences}
 *   SET client_encoding = 'UTF8';
 *   COPY "office" ("key", "country", …) FROM stdin;      for each table, parents before children:
 *   …one row per line, in COPY's text format…
 *   \.
 *   SELECT pg_catalog.setval('"audit_log_id_seq"', 42, true);   for each sequence
 *   -- End of Counterpart backup {trailer JSON: rows and SHA-256 of each table's rows, of the header}
 *
 * The trailer comes last because a table's checksum is known only once it is written (the backup
 * streams, holding no table in memory); a file without it was cut short. COPY's text format escapes
 * newlines and backslashes inside values, so every row is one line and `\.` can only end a table.
 */
import { createHash, type Hash } from 'node:crypto';
import { escapeIdentifier, escapeLiteral } from 'pg';

export const FORMAT = 'counterpart-backup';
/** Bumped when the layout changes in a way an older Counterpart could not read. */
export const FORMAT_VERSION = 1;
export const HEADER_PREFIX = '-- Counterpart backup ';
export const TRAILER_PREFIX = '-- End of Counterpart backup ';
export const ENCODING_LINE = "SET client_encoding = 'UTF8';";
export const END_OF_DATA = '\\.';

export type TableSpec = { name: string; columns: string[] };
export type SequenceSpec = { name: string; lastValue: string; isCalled: boolean };

export type Header = {
  format: typeof FORMAT;
  version: number;
  createdAt: string;
  /** `SHOW server_version` of the database backed up. */
  server: string;
  /** The Counterpart migrations applied to it, oldest first: the schema the rows fit. */
  migrations: string[];
  /** In the file's order, which loads every table after the tables it refers to. */
  tables: TableSpec[];
  sequences: SequenceSpec[];
};

export type TableSummary = { name: string; rows: number; sha256: string };
export type Trailer = { tables: TableSummary[]; headerSha256: string };

/** An expected failure of a backup or a restore: its message is one line saying what is wrong. */
export class BackupError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'BackupError';
  }
}

export function copyStatement(table: TableSpec, direction: 'FROM stdin' | 'TO STDOUT'): string {
  const columns = table.columns.map((column) => escapeIdentifier(column)).join(', ');
  return `COPY ${escapeIdentifier(table.name)} (${columns}) ${direction};`;
}

export function setvalStatement(sequence: SequenceSpec): string {
  // setval takes a bigint; the value is kept as text so that no digit is lost on the way through JSON.
  return `SELECT pg_catalog.setval(${escapeLiteral(escapeIdentifier(sequence.name))}, ${BigInt(sequence.lastValue)}, ${sequence.isCalled});`;
}

/**
 * Session settings for both ends, as pg_dump sets them: values written as text in one fixed form
 * (UTF-8, ISO dates, UTC, floats to the last digit), no timeout cutting a long backup short, and row
 * security off so that a policy hiding rows fails the backup instead of leaving them out.
 */
export const SESSION_SETTINGS = [
  "SET client_encoding = 'UTF8'",
  "SET DateStyle = 'ISO, YMD'",
  "SET IntervalStyle = 'postgres'",
  "SET TimeZone = 'UTC'",
  'SET extra_float_digits = 3',
  'SET statement_timeout = 0',
  'SET lock_timeout = 0',
  'SET idle_in_transaction_session_timeout = 0',
  'SET row_security = off',
];

type Sink = {
  /** A table's section begins; its rows follow through `rows`. */
  tableStart?(table: TableSpec, index: number): void | Promise<void>;
  /** Some whole rows of the current table, each ending in a newline. */
  rows?(data: Buffer): void;
  tableEnd?(summary: TableSummary): void | Promise<void>;
};

const NEWLINE = 0x0a;
const MAX_HEADER_BYTES = 4 * 1024 * 1024;

/**
 * Reads a backup's text (already gunzipped) as it streams in, checking its structure as it goes:
 * each line where it must be, every table's rows counted and hashed, and the trailer's figures
 * matched against them. Feed it chunks with `push` (awaiting each: a sink may wait for its writes
 * to drain), then call `end`. Holds no more than one row beyond the chunk it is given.
 */
export class BackupReader {
  header: Header | undefined;
  trailer: Trailer | undefined;
  readonly summaries: TableSummary[] = [];
  private state: 'header' | 'encoding' | 'copy' | 'rows' | 'setval' | 'trailer' | 'done' = 'header';
  private tableIndex = 0;
  private sequenceIndex = 0;
  private rowCount = 0;
  private hash: Hash | undefined;
  private headerHash = '';
  private pending: Buffer[] = [];
  private pendingBytes = 0;

  constructor(
    private readonly fileName: string,
    private readonly sink: Sink = {},
  ) {}

  /** Rows read so far of the table being read. */
  get rowsSoFar(): number {
    return this.rowCount;
  }

  async push(chunk: Buffer): Promise<void> {
    let start = 0;
    if (this.pendingBytes > 0) {
      // A line began in an earlier chunk: join it only once its end has arrived.
      const newline = chunk.indexOf(NEWLINE);
      if (newline < 0) return this.keep(chunk);
      const line = Buffer.concat([...this.pending, chunk.subarray(0, newline + 1)]);
      this.pending = [];
      this.pendingBytes = 0;
      await this.lines(line, 0, line.length);
      start = newline + 1;
    }
    const lastNewline = chunk.lastIndexOf(NEWLINE);
    if (lastNewline >= start) await this.lines(chunk, start, lastNewline + 1);
    if (lastNewline + 1 < chunk.length) this.keep(chunk.subarray(Math.max(start, lastNewline + 1)));
  }

  /** The input ended: it must have ended just after the trailer. */
  end(): { header: Header; trailer: Trailer } {
    if (this.pendingBytes > 0 || this.state !== 'done') {
      if (this.state === 'header')
        throw this.notABackup(this.pendingBytes === 0 ? 'it is empty' : 'it has no backup header');
      throw new BackupError(
        `${this.fileName} is incomplete: it ends ${this.where()}. Was the backup interrupted, or the file cut short when copied?`,
      );
    }
    return { header: this.header!, trailer: this.trailer! };
  }

  private keep(part: Buffer) {
    // A copy: the chunk's memory may be reused by the stream that handed it over.
    this.pending.push(Buffer.from(part));
    this.pendingBytes += part.length;
    // Any other file may be one endless line: it is not a backup long before it fills the memory.
    if (this.state === 'header' && this.pendingBytes > MAX_HEADER_BYTES)
      throw this.notABackup('it has no backup header');
  }

  /** Whole lines from buffer[from, to), each ending in a newline. */
  private async lines(buffer: Buffer, from: number, to: number): Promise<void> {
    let position = from;
    while (position < to) {
      if (this.state === 'rows') {
        // Rows pass through in one slice, up to the line that ends the table.
        const rowsStart = position;
        let newline = buffer.indexOf(NEWLINE, position);
        while (newline >= 0 && newline < to && !isEndOfData(buffer, position, newline)) {
          this.rowCount += 1;
          position = newline + 1;
          newline = position < to ? buffer.indexOf(NEWLINE, position) : -1;
        }
        if (position > rowsStart) {
          const rows = buffer.subarray(rowsStart, position);
          this.hash!.update(rows);
          this.sink.rows?.(rows);
        }
        if (position >= to) return;
        await this.endTable();
        position = newline + 1;
        continue;
      }
      const newline = buffer.indexOf(NEWLINE, position);
      await this.metaLine(buffer.toString('utf8', position, newline), buffer.subarray(position, newline));
      position = newline + 1;
    }
  }

  private async metaLine(line: string, bytes: Buffer): Promise<void> {
    switch (this.state) {
      case 'header': {
        if (!line.startsWith(HEADER_PREFIX)) throw this.notABackup('it does not begin with a backup header');
        this.headerHash = createHash('sha256').update(bytes).digest('hex');
        this.header = this.parseHeader(line.slice(HEADER_PREFIX.length));
        this.state = 'encoding';
        return;
      }
      case 'encoding':
        this.expectLine(line, ENCODING_LINE);
        return this.nextTable();
      case 'copy': {
        const table = this.header!.tables[this.tableIndex];
        this.expectLine(line, copyStatement(table, 'FROM stdin'));
        this.state = 'rows';
        this.rowCount = 0;
        this.hash = createHash('sha256');
        return this.sink.tableStart?.(table, this.tableIndex);
      }
      case 'setval':
        this.expectLine(line, setvalStatement(this.header!.sequences[this.sequenceIndex]));
        this.sequenceIndex += 1;
        return this.nextSequence();
      case 'trailer':
        if (!line.startsWith(TRAILER_PREFIX)) this.damaged(`where its end should be, it has "${line.slice(0, 60)}"`);
        this.trailer = this.checkTrailer(line.slice(TRAILER_PREFIX.length));
        this.state = 'done';
        return;
      case 'done':
        this.damaged('it goes on after its end');
    }
  }

  private async endTable(): Promise<void> {
    const summary = {
      name: this.header!.tables[this.tableIndex].name,
      rows: this.rowCount,
      sha256: this.hash!.digest('hex'),
    };
    this.summaries.push(summary);
    await this.sink.tableEnd?.(summary);
    this.tableIndex += 1;
    this.nextTable();
  }

  private nextTable() {
    this.state = this.tableIndex < this.header!.tables.length ? 'copy' : 'setval';
    if (this.state === 'setval') this.nextSequence();
  }

  private nextSequence() {
    if (this.sequenceIndex >= this.header!.sequences.length) this.state = 'trailer';
  }

  private parseHeader(json: string): Header {
    let header: Partial<Header>;
    try {
      header = JSON.parse(json) as Partial<Header>;
    } catch {
      this.damaged('its header is not readable');
    }
    if (header.format !== FORMAT) this.damaged('its header names another format');
    if (typeof header.version !== 'number' || header.version > FORMAT_VERSION) {
      throw new BackupError(
        `${this.fileName} was written by a newer Counterpart (backup format ${String(header.version)}; this one reads ${FORMAT_VERSION}): upgrade Counterpart to restore it.`,
      );
    }
    const isNames = (list: unknown) => Array.isArray(list) && list.every((item) => typeof item === 'string');
    const isValid =
      isNames(header.migrations) &&
      Array.isArray(header.tables) &&
      header.tables.every((table) => typeof table?.name === 'string' && isNames(table.columns)) &&
      Array.isArray(header.sequences) &&
      header.sequences.every(
        (sequence) =>
          typeof sequence?.name === 'string' &&
          /^-?\d+$/.test(String(sequence.lastValue)) &&
          typeof sequence.isCalled === 'boolean',
      );
    if (!isValid) this.damaged('its header lacks the list of tables, sequences or migrations');
    return header as Header;
  }

  private checkTrailer(json: string): Trailer {
    let trailer: Partial<Trailer>;
    try {
      trailer = JSON.parse(json) as Partial<Trailer>;
    } catch {
      this.damaged('its last line is not readable');
    }
    if (trailer.headerSha256 !== this.headerHash) this.damaged('its header does not match its checksum');
    const expected = trailer.tables ?? [];
    if (expected.length !== this.summaries.length) this.damaged('its end lists other tables than it holds');
    this.summaries.forEach((actual, index) => {
      const { name, rows, sha256 } = expected[index] ?? {};
      if (name !== actual.name) this.damaged('its end lists other tables than it holds');
      if (rows !== actual.rows) {
        this.damaged(`table ${name} has ${actual.rows} rows where the backup counted ${String(rows)}`);
      }
      if (sha256 !== actual.sha256) this.damaged(`the rows of table ${name} do not match their checksum`);
    });
    return trailer as Trailer;
  }

  private expectLine(line: string, expected: string) {
    if (line !== expected)
      this.damaged(`${this.where()} it has "${line.slice(0, 60)}" instead of "${expected.slice(0, 60)}"`);
  }

  private where(): string {
    const table = this.header?.tables[this.tableIndex]?.name;
    if (this.state === 'header' || this.state === 'encoding') return 'in its header';
    if (this.state === 'copy' || this.state === 'rows') return `in table ${table}`;
    return 'before its last line';
  }

  private notABackup(why: string): BackupError {
    return new BackupError(`${this.fileName} is not a Counterpart backup: ${why}.`);
  }

  private damaged(what: string): never {
    throw new BackupError(`${this.fileName} is damaged: ${what}. Restore another backup.`);
  }
}

/** Whether buffer[start, newline) is the line `\.`. */
function isEndOfData(buffer: Buffer, start: number, newline: number): boolean {
  return newline - start === 2 && buffer[start] === 0x5c && buffer[start + 1] === 0x2e;
}
