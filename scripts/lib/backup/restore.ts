/**
 * `npm run cli -- restore FILE`: the file is read through once and checked whole (its structure,
 * every table's row count and SHA-256) before the database is touched; then, in ONE transaction,
 * the target is brought to the backup's schema, its rows loaded with COPY, its sequences set, and
 * the schema migrated on to this Counterpart's. Anything failing on the way rolls all of it back:
 * the database is then exactly as it was.
 *
 * The target's schema, by the migrations it has applied:
 * - the backup's: the rows load as they are;
 * - fewer (none, in a new database): the missing migrations are applied first;
 * - more (Counterpart was upgraded since the backup): its tables are dropped and built again at the
 *   backup's level, keeping the privileges granted on them.
 * After the load, the migrations the backup predates run over its rows, as they would have run over
 * the original database.
 */
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { once } from 'node:events';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import pg, { escapeIdentifier } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { ALL, CACHE_CHANNEL } from '../../../lib/cache/tags.mjs';
import { messageOf } from './backup';
import { listTables } from './catalog';
import {
  BackupError,
  BackupReader,
  copyStatement,
  SESSION_SETTINGS,
  setvalStatement,
  type Header,
  type TableSpec,
  type TableSummary,
  type Trailer,
} from './format';
import { refreshSearchKeys } from '../search-keys';
import { appliedMigrations, applyMigration, codeMigrations, PRISMA_MIGRATE_LOCK, type Migration } from './migrations';

type Log = (line: string) => void;

export type VerifiedBackup = { file: string; header: Header; trailer: Trailer };
export type RestoreResult = {
  tables: TableSummary[];
  /** Migrations applied after the rows were loaded: those the backup predates. */
  migratedAfter: string[];
};

const PROGRESS_EVERY_MS = 5_000;
/** How long the restore waits for the app's open transactions to end before it takes the tables. */
const LOCK_WAIT = '60s';

/** Reads the whole file and checks it; throws a BackupError saying what is wrong. Changes nothing. */
export async function verifyBackupFile(file: string): Promise<VerifiedBackup> {
  const reader = new BackupReader(file);
  await readThrough(file, reader);
  return { file, ...reader.end() };
}

/**
 * Restores `file` into the database at `url` (as a user who owns its tables). A database holding
 * data is refused unless `replace`, which empties every table first, in the same transaction.
 */
export async function restoreDatabase(opts: {
  url: string;
  file: string;
  replace?: boolean;
  log?: Log;
  /** The result of verifyBackupFile on this file, when the caller has already checked it. */
  verified?: VerifiedBackup;
}): Promise<RestoreResult> {
  const { url, file } = opts;
  const log = opts.log ?? (() => {});
  const { header, trailer } = opts.verified ?? (await verifyBackupFile(file));
  const code = codeMigrations();
  const backupLevel = checkBackupLevel(file, header.migrations, code);

  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  client.on('error', () => {});
  try {
    await client.connect().catch((error: unknown) => {
      throw new BackupError(`Cannot reach the database: ${messageOf(error)}.`, { cause: error });
    });
    for (const setting of SESSION_SETTINGS) await client.query(setting);
    await client.query('BEGIN');
    try {
      const migratedAfter = await restoreInTransaction(client, {
        file,
        header,
        trailer,
        code,
        backupLevel,
        log,
        replace: opts.replace === true,
      });
      await client.query('COMMIT');
      // A backup made before the names' search keys, or by older rules, gets today's keys.
      await refreshSearchKeys(url);
      // Fresh planner statistics for the loaded rows; autovacuum would get there too, later.
      await client
        .query(`ANALYZE ${header.tables.map((table) => escapeIdentifier(table.name)).join(', ')}`)
        .catch(() => {});
      return { tables: trailer.tables, migratedAfter };
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw error;
    }
  } catch (error) {
    if (error instanceof BackupError) throw error;
    // PostgreSQL's detail names the row: "Key (id)=(c1) is duplicated."
    const detail = (error as { detail?: unknown }).detail;
    const why = `${messageOf(error)}${typeof detail === 'string' ? ` (${detail.replace(/\.$/, '')})` : ''}`;
    throw new BackupError(`The restore failed, and the database is as it was: ${why}.`, { cause: error });
  } finally {
    await client.end().catch(() => {});
  }
}

/** The backup's migrations must be this Counterpart's first ones; returns how many. */
function checkBackupLevel(file: string, backup: string[], code: Migration[]): number {
  backup.forEach((name, index) => {
    if (code[index]?.name === name) return;
    if (!code.some((migration) => migration.name === name)) {
      throw new BackupError(
        `${file} was made by a newer Counterpart (its schema has the migration ${name}, unknown here): upgrade Counterpart, then restore.`,
      );
    }
    throw new BackupError(
      `${file} has migrations in another order than this Counterpart's (${name}): it cannot be restored here.`,
    );
  });
  return backup.length;
}

async function restoreInTransaction(
  client: pg.Client,
  opts: {
    file: string;
    header: Header;
    trailer: Trailer;
    code: Migration[];
    backupLevel: number;
    replace: boolean;
    log: Log;
  },
): Promise<string[]> {
  const { file, header, trailer, code, backupLevel, log } = opts;
  await client.query(`SET LOCAL lock_timeout = '${LOCK_WAIT}'`);
  // Nobody migrates meanwhile: the app's start runs `prisma migrate deploy`, which takes this lock.
  await client.query('SELECT pg_advisory_xact_lock($1)', [PRISMA_MIGRATE_LOCK]).catch(busy);
  const history = await appliedMigrations(client);
  if (history && history.failed.length > 0) {
    throw new BackupError(
      `The migration ${history.failed[0]} failed in this database: run \`npm run db:status\` and fix that first. Nothing was restored.`,
    );
  }
  const applied = history?.applied ?? [];
  applied.forEach((name, index) => {
    if (code[index]?.name !== name) {
      throw new BackupError(
        `This database was migrated by another Counterpart (its migration ${name} is unknown here): restore with that version. Nothing was restored.`,
      );
    }
  });

  const existing = await listTables(client);
  if (existing.length > 0) {
    // No one reads or writes these tables until the restore commits or rolls back.
    await client.query(`LOCK TABLE ${names(existing)} IN ACCESS EXCLUSIVE MODE`).catch(busy);
    const withData = await tablesWithRows(client, existing);
    if (withData.length > 0 && !opts.replace) {
      throw new BackupError(
        `The database already holds data (rows in ${withData.join(', ')}): add --replace to replace all of it with the backup. Nothing was restored.`,
      );
    }
    if (withData.length > 0) {
      await client.query(`TRUNCATE ${names(existing)}`);
      log(`Emptied the ${existing.length} tables of the database (--replace).`);
    }
  }
  await client.query(`SET LOCAL lock_timeout = 0`);

  let grants: string[] = [];
  if (applied.length > backupLevel) {
    log(
      `The database's schema is newer than the backup's (${applied.length} migrations, the backup ${backupLevel}): building its tables again at the backup's.`,
    );
    grants = await savedGrants(client);
    await dropSchemaObjects(client);
  }
  const startFrom = applied.length > backupLevel ? 0 : applied.length;
  for (const migration of code.slice(startFrom, backupLevel)) {
    log(`Applying migration ${migration.name} (up to the backup's schema)`);
    await applyMigration(client, migration);
  }
  await checkColumns(client, header.tables);

  await withoutIndexes(client, log, () => loadRows(client, file, header, trailer, log));
  for (const sequence of header.sequences) await client.query(setvalStatement(sequence));

  const after = code.slice(backupLevel);
  for (const migration of after) {
    log(`Applying migration ${migration.name} (the backup predates it)`);
    await applyMigration(client, migration);
  }
  for (const grant of grants) await client.query(grant);
  // Every running server drops its cached pages when this commits (lib/cache/tags.mjs).
  await client.query('SELECT pg_notify($1, $2)', [CACHE_CHANNEL, JSON.stringify({ tags: [ALL] })]);
  return after.map((migration) => migration.name);
}

/** The second pass over the file: each table's rows into COPY, checked again on the way. */
async function loadRows(client: pg.Client, file: string, header: Header, trailer: Trailer, log: Log): Promise<void> {
  let copy: ReturnType<typeof copyFrom> | undefined;
  let current = '';
  let failure: unknown;
  let loaded = 0;
  const isTimeToReport = ticker();
  const reader = new BackupReader(file, {
    tableStart(table) {
      current = table.name;
      copy = client.query(copyFrom(copyStatement(table, 'FROM stdin')));
      copy.on('error', (error) => (failure ??= error));
    },
    rows(data) {
      copy!.write(data);
    },
    async tableEnd(summary) {
      const finished = once(copy!, 'finish');
      copy!.end();
      await finished;
      const expected = trailer.tables.find((table) => table.name === summary.name)?.rows;
      if (copy!.rowCount !== expected) {
        throw new BackupError(
          `Table ${summary.name} took ${copy!.rowCount} rows of ${String(expected)}: nothing was restored.`,
        );
      }
      loaded += summary.rows;
      log(`${summary.name}: ${summary.rows.toLocaleString('en-US')} rows`);
      copy = undefined;
    },
  });
  try {
    await readThrough(file, reader, async () => {
      if (failure) throw failure;
      if (copy?.writableNeedDrain) await once(copy, 'drain');
      if (copy && isTimeToReport()) log(`${current}: ${reader.rowsSoFar.toLocaleString('en-US')} rows so far`);
    });
    reader.end();
  } catch (error) {
    throw failure ?? error;
  }
  log(`Loaded ${loaded.toLocaleString('en-US')} rows into ${header.tables.length} tables.`);
}

type Constraint = { table: string; name: string; kind: string; definition: string };

/**
 * Runs `load` with the schema's indexes and keys taken off, and puts them back after, as pg_restore
 * does: building an index once over all the rows, and checking each foreign key with one join, is
 * several times faster than keeping them up row by row. Rebuilding them checks every row as the
 * load would have (a duplicate key or a dangling reference fails the restore), and in this
 * transaction nobody else sees the tables without them.
 */
async function withoutIndexes(client: pg.Client, log: Log, load: () => Promise<void>): Promise<void> {
  const tables = `SELECT oid FROM pg_class WHERE relnamespace = current_schema()::regnamespace AND relkind = 'r' AND relname <> '_prisma_migrations'`;
  const { rows: constraints } = await client.query<Constraint>(`
    SELECT conrelid::regclass::text AS table, conname::text AS name, contype::text AS kind,
           pg_get_constraintdef(oid) AS definition
    FROM pg_constraint WHERE conrelid IN (${tables}) AND contype IN ('f', 'p', 'u', 'x')
    ORDER BY contype = 'f' DESC, conname COLLATE "C"`);
  const { rows: indexes } = await client.query<{ name: string; definition: string }>(`
    SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS definition
    FROM pg_index i
    WHERE i.indrelid IN (${tables})
      AND NOT EXISTS (SELECT FROM pg_constraint c WHERE c.conrelid = i.indrelid AND c.conindid = i.indexrelid)`);
  // Foreign keys first: they depend on the keys they point to.
  for (const constraint of constraints) {
    await client.query(`ALTER TABLE ${constraint.table} DROP CONSTRAINT ${escapeIdentifier(constraint.name)}`);
  }
  for (const index of indexes) await client.query(`DROP INDEX ${index.name}`);

  await load();

  const total = indexes.length + constraints.length;
  log(`Building ${total} indexes and keys, checking every reference`);
  await client.query(`SET LOCAL maintenance_work_mem = '256MB'`);
  const statements = [
    ...indexes.map((index) => index.definition),
    ...[...constraints]
      .reverse()
      .map((c) => `ALTER TABLE ${c.table} ADD CONSTRAINT ${escapeIdentifier(c.name)} ${c.definition}`),
  ];
  const isTimeToReport = ticker();
  for (const [done, statement] of statements.entries()) {
    if (isTimeToReport()) log(`Built ${done} of ${total} indexes and keys`);
    await client.query(statement);
  }
}

/** True at most once per PROGRESS_EVERY_MS: when a long step should say how far it got. */
function ticker(): () => boolean {
  let last = performance.now();
  return () => {
    if (performance.now() - last < PROGRESS_EVERY_MS) return false;
    last = performance.now();
    return true;
  };
}

/** Gunzips the file into the reader; `afterChunk` lets the caller wait for its writes to drain. */
async function readThrough(file: string, reader: BackupReader, afterChunk?: () => Promise<void>): Promise<void> {
  const info = await stat(file).catch(() => undefined);
  if (!info?.isFile()) throw new BackupError(`No file at ${file}: check the path.`);
  if (!(await isGzip(file))) throw new BackupError(`${file} is not a Counterpart backup: it is not a gzip file.`);
  const gunzip = createGunzip();
  // The pipeline may report that it stopped the reading (an AbortError) rather than why: keep the why.
  let cause: unknown;
  gunzip.on('error', (error) => (cause ??= error));
  try {
    await pipeline(createReadStream(file), gunzip, async (source: AsyncIterable<Buffer>) => {
      try {
        for await (const chunk of source) {
          await reader.push(chunk);
          await afterChunk?.();
        }
      } catch (error) {
        cause ??= error;
        throw error;
      }
    });
  } catch (thrown) {
    if (cause instanceof BackupError) throw cause;
    const error = cause ?? thrown;
    const code = (error as { code?: unknown }).code;
    if (code === 'Z_BUF_ERROR' || /unexpected end of file/i.test(messageOf(error))) {
      throw new BackupError(
        `${file} is incomplete: it ends in the middle. Was the backup interrupted, or the file cut short when copied?`,
        { cause: error },
      );
    }
    if (typeof code === 'string' && code.startsWith('Z_')) {
      throw new BackupError(
        `${file} is damaged: its compressed data is corrupt (${messageOf(error)}). Restore another backup.`,
        {
          cause: error,
        },
      );
    }
    throw new BackupError(`Cannot read ${file}: ${messageOf(error)}.`, { cause: error });
  }
}

/** Whether the file begins as gzip does (1f 8b). */
async function isGzip(file: string): Promise<boolean> {
  const handle = await open(file, 'r');
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(2), 0, 2, 0);
    return bytesRead === 2 && buffer[0] === 0x1f && buffer[1] === 0x8b;
  } finally {
    await handle.close();
  }
}

/** Tables that hold at least one row, by name. */
async function tablesWithRows(client: pg.Client, tables: TableSpec[]): Promise<string[]> {
  const checks = tables.map(
    (table) =>
      `SELECT ${pg.escapeLiteral(table.name)} AS name WHERE EXISTS (SELECT FROM ${escapeIdentifier(table.name)})`,
  );
  const { rows } = await client.query<{ name: string }>(checks.join(' UNION ALL '));
  return rows.map((row) => row.name).sort();
}

/** The backup's rows fit the target only if each table has the same columns. */
async function checkColumns(client: pg.Client, tables: TableSpec[]): Promise<void> {
  const target = new Map((await listTables(client)).map((table) => [table.name, new Set(table.columns)]));
  for (const table of tables) {
    const columns = target.get(table.name);
    if (!columns) {
      throw new BackupError(
        `The backup holds a table ${table.name} that Counterpart's migrations do not make (was it made by hand?): drop it from the backed-up database and back up again. Nothing was restored.`,
      );
    }
    const missing = table.columns.filter((column) => !columns.has(column));
    const extra = [...columns].filter((column) => !table.columns.includes(column));
    if (missing.length > 0 || extra.length > 0) {
      const differences = [
        ...missing.map((c) => `no column ${c}`),
        ...extra.map((c) => `a column ${c} the backup lacks`),
      ];
      throw new BackupError(
        `Table ${table.name} of the database differs from the backup's (${differences.join('; ')}), though their migrations match: was it changed by hand? Nothing was restored.`,
      );
    }
  }
}

/**
 * The privileges granted on the schema's tables and sequences to roles other than their owner
 * (an app role given rights by hand), as GRANT statements to run once the tables exist again.
 */
async function savedGrants(client: pg.Client): Promise<string[]> {
  const { rows } = await client.query<{
    name: string;
    kind: string;
    grantee: string;
    privilege: string;
    grantable: boolean;
  }>(`
    SELECT c.relname::text AS name, c.relkind::text AS kind, a.privilege_type AS privilege, a.is_grantable AS grantable,
           CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE quote_ident(pg_get_userbyid(a.grantee)) END AS grantee
    FROM pg_class c, aclexplode(c.relacl) a
    WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'S') AND a.grantee <> c.relowner`);
  return rows.map(
    (grant) =>
      `DO $$ BEGIN IF to_regclass(${pg.escapeLiteral(escapeIdentifier(grant.name))}) IS NOT NULL THEN ` +
      `GRANT ${grant.privilege} ON ${grant.kind === 'S' ? 'SEQUENCE' : 'TABLE'} ${escapeIdentifier(grant.name)} TO ${grant.grantee}` +
      `${grant.grantable ? ' WITH GRANT OPTION' : ''}; END IF; END $$`,
  );
}

/** Drops what Counterpart's migrations create in the schema (tables, their sequences, enum types), to build it again. */
async function dropSchemaObjects(client: pg.Client): Promise<void> {
  const { rows: tables } = await client.query<{ name: string }>(
    `SELECT relname::text AS name FROM pg_class WHERE relnamespace = current_schema()::regnamespace AND relkind IN ('r', 'p')`,
  );
  if (tables.length > 0)
    await client.query(`DROP TABLE ${tables.map((t) => escapeIdentifier(t.name)).join(', ')} CASCADE`);
  const { rows: types } = await client.query<{ name: string }>(
    `SELECT typname::text AS name FROM pg_type WHERE typnamespace = current_schema()::regnamespace AND typtype = 'e'`,
  );
  if (types.length > 0)
    await client.query(`DROP TYPE ${types.map((t) => escapeIdentifier(t.name)).join(', ')} CASCADE`);
}

function names(tables: TableSpec[]): string {
  return tables.map((table) => escapeIdentifier(table.name)).join(', ');
}

/** A lock not granted within LOCK_WAIT: something holds the tables. */
function busy(error: unknown): never {
  if ((error as { code?: unknown }).code === '55P03') {
    throw new BackupError(
      `The database stayed busy for ${LOCK_WAIT} (a long transaction, or a migration, holds its tables): stop the app or try again. Nothing was restored.`,
      { cause: error },
    );
  }
  throw error;
}
