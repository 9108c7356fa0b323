/**
 * `npm run cli -- backup FILE`: every row of the app's schema, read in one snapshot, into a gzip file
 * (the layout is in ./format.ts). Works the same on the embedded PostgreSQL, which ships no pg_dump,
 * and on any server named by DATABASE_URL whatever its version: it needs nothing but a connection.
 * The app can keep running: the snapshot sees the database as it was at one instant, and writes
 * made meanwhile are simply not in this backup.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { open, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { inLoadOrder, listTables, readSequences } from './catalog';
import {
  BackupError,
  copyStatement,
  ENCODING_LINE,
  END_OF_DATA,
  FORMAT,
  FORMAT_VERSION,
  HEADER_PREFIX,
  SESSION_SETTINGS,
  setvalStatement,
  TRAILER_PREFIX,
  type Header,
  type TableSummary,
} from './format';
import { appliedMigrations } from './migrations';

export type BackupResult = { file: string; bytes: number; tables: TableSummary[] };

type Log = (line: string) => void;

/** A progress line at most this often while one table streams. */
const PROGRESS_EVERY_MS = 5_000;

/**
 * Says what is wrong with writing a backup to `file` before any work is done: a missing folder, a
 * folder in its place, no permission.
 */
export async function checkBackupDestination(file: string): Promise<void> {
  const folder = path.dirname(path.resolve(file));
  const info = await stat(folder).catch(() => undefined);
  if (!info?.isDirectory()) throw new BackupError(`Cannot write ${file}: there is no folder ${folder}.`);
  if ((await stat(file).catch(() => undefined))?.isDirectory()) {
    throw new BackupError(`Cannot write ${file}: it is a folder. Name the backup file.`);
  }
  try {
    fs.accessSync(folder, fs.constants.W_OK);
  } catch (error) {
    throw new BackupError(`Cannot write ${file}: ${FILE_ERRORS[errorCode(error)] ?? messageOf(error)} (${folder}).`);
  }
}

/** What the file system's refusals mean, in words. */
const FILE_ERRORS: Record<string, string> = {
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  EACCES: 'no permission to write there',
  EPERM: 'no permission to write there',
  EROFS: 'the file system is read-only',
  ENOENT: 'the folder cannot hold files',
};

function errorCode(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : '';
}

/**
 * Writes the backup to `FILE.partial`, then renames it: a backup that fails part way (or is
 * interrupted) never leaves a file that looks complete. The file is readable by its owner only: it
 * holds password hashes and session tokens.
 */
export async function backupDatabase(opts: { url: string; file: string; log?: Log }): Promise<BackupResult> {
  const { url, file } = opts;
  const log = opts.log ?? (() => {});
  await checkBackupDestination(file);
  const partial = `${file}.partial`;
  await rm(partial, { force: true });
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  // A server that goes away mid-backup fails the COPY under way; this keeps it from also crashing the process.
  client.on('error', () => {});
  const summaries: TableSummary[] = [];
  try {
    await client.connect().catch((error: unknown) => {
      throw new BackupError(`Cannot reach the database: ${messageOf(error)}.`, { cause: error });
    });
    for (const setting of SESSION_SETTINGS) await client.query(setting);
    // What pg_dump does: one snapshot for every table, and no schema change while it is read.
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY');
    const header = await readHeader(client);
    await pipeline(
      Readable.from(content(client, header, summaries, log)),
      createGzip(),
      fs.createWriteStream(partial, { flags: 'wx', mode: 0o600 }),
    );
    await client.query('COMMIT');
    // On disk before it takes the final name, so a crash cannot leave an empty file under that name.
    await syncPath(partial, 'r+');
    await rename(partial, file);
    await syncPath(path.dirname(path.resolve(file)), 'r').catch(() => {});
  } catch (error) {
    await rm(partial, { force: true });
    throw asBackupError(error, file);
  } finally {
    await client.end().catch(() => {});
  }
  return { file, bytes: (await stat(file)).size, tables: summaries };
}

async function readHeader(client: pg.Client): Promise<Header> {
  const history = await appliedMigrations(client);
  if (history === null || history.applied.length === 0) {
    throw new BackupError(
      'This database has no Counterpart tables (no migration was ever applied): nothing to back up.',
    );
  }
  if (history.failed.length > 0) {
    throw new BackupError(
      `The migration ${history.failed[0]} failed in this database, so its tables are half-changed: run \`npm run db:status\` and fix that first.`,
    );
  }
  const tables = await listTables(client);
  if (tables.length > 0) {
    await client.query(
      `LOCK TABLE ${tables.map((table) => pg.escapeIdentifier(table.name)).join(', ')} IN ACCESS SHARE MODE`,
    );
  }
  const { rows } = await client.query<{ version: string }>("SELECT current_setting('server_version') AS version");
  return {
    format: FORMAT,
    version: FORMAT_VERSION,
    createdAt: new Date().toISOString(),
    server: `PostgreSQL ${rows[0].version}`,
    migrations: history.applied,
    tables: await inLoadOrder(client, tables),
    sequences: await readSequences(client),
  };
}

/** The file's text, streamed table by table straight from COPY. */
async function* content(client: pg.Client, header: Header, summaries: TableSummary[], log: Log) {
  const headerLine = Buffer.from(`${HEADER_PREFIX}${JSON.stringify(header)}`);
  yield Buffer.concat([headerLine, Buffer.from(`\n${ENCODING_LINE}\n`)]);
  for (const table of header.tables) {
    yield Buffer.from(`${copyStatement(table, 'FROM stdin')}\n`);
    const hash = createHash('sha256');
    let rows = 0;
    let lastReport = performance.now();
    const stream = client.query(copyTo(copyStatement(table, 'TO STDOUT')));
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      hash.update(chunk);
      rows += countLines(chunk);
      yield chunk;
      if (performance.now() - lastReport > PROGRESS_EVERY_MS) {
        lastReport = performance.now();
        log(`${table.name}: ${rows.toLocaleString('en-US')} rows so far`);
      }
    }
    // Each row is one line; were it not, the restore's count would not match the server's.
    if (rows !== stream.rowCount) {
      throw new BackupError(`Table ${table.name} gave ${stream.rowCount} rows in ${rows} lines: the backup stopped.`);
    }
    summaries.push({ name: table.name, rows, sha256: hash.digest('hex') });
    log(`${table.name}: ${rows.toLocaleString('en-US')} rows`);
    yield Buffer.from(`${END_OF_DATA}\n`);
  }
  const sequences = header.sequences.map((sequence) => `${setvalStatement(sequence)}\n`).join('');
  const trailer = { tables: summaries, headerSha256: createHash('sha256').update(headerLine).digest('hex') };
  yield Buffer.from(`${sequences}${TRAILER_PREFIX}${JSON.stringify(trailer)}\n`);
}

function countLines(chunk: Buffer): number {
  let count = 0;
  for (let at = chunk.indexOf(0x0a); at >= 0; at = chunk.indexOf(0x0a, at + 1)) count += 1;
  return count;
}

/** fsync: of the file's data, or of a folder's entries (which not every OS can open: the caller ignores that). */
async function syncPath(target: string, flags: 'r' | 'r+'): Promise<void> {
  const handle = await open(target, flags);
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

function asBackupError(error: unknown, file: string): BackupError {
  if (error instanceof BackupError) return error;
  const code = errorCode(error);
  if (/^E[A-Z]+$/.test(code) && (error as { syscall?: unknown }).syscall) {
    const reason = FILE_ERRORS[code] ?? messageOf(error);
    return new BackupError(`Cannot write ${file}: ${reason}. No backup was written.`, { cause: error });
  }
  return new BackupError(`The backup failed: ${messageOf(error)}. No backup was written.`, { cause: error });
}

export function messageOf(error: unknown): string {
  if (error instanceof AggregateError && !error.message) return messageOf(error.errors[0]);
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/\s+/g, ' ').trim().replace(/\.$/, '');
}
