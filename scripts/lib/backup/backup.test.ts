/**
 * Backup and restore on real PostgreSQL (the test run's server: the embedded one, or DATABASE_URL's):
 * every table comes back row for row in a new database, and a damaged file or a database holding
 * data is refused without a change.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { disconnectDb } from '../../../lib/db';
import { emptyTables, setupTestDatabase } from '../../../lib/testing/database';
import { expectStatsToMatchEngine } from '../../../lib/testing/stats-check';
import { openDatabase, type DatabaseHandle } from '../database';
import { migrateDeploy } from '../prisma';
import { backupDatabase } from './backup';
import { BackupError, HEADER_PREFIX, TRAILER_PREFIX, type Header, type Trailer } from './format';
import { applyMigration, codeMigrations } from './migrations';
import { restoreDatabase } from './restore';
import { databaseDigest, seedEveryTable, TRICKY, withClient } from './test-data';

setupTestDatabase();

/** A fixed "today" after every date in the data. */
const TODAY = '2026-06-30';
const SLOW = { timeout: 300_000 };

const folder = mkdtempSync(path.join(tmpdir(), 'counterpart-backup-'));
const opened: DatabaseHandle[] = [];

/** A new, empty database on the test run's server: nothing migrated. */
async function newDatabase(): Promise<DatabaseHandle> {
  const database = await openDatabase({
    mode: 'throwaway',
    env: { DATABASE_URL: inject('ownerDatabaseUrl') },
    log: () => {},
  });
  opened.push(database);
  return database;
}

// The harness leaves this table alone; the seed writes a row with a fixed key.
beforeEach(() => emptyTables(['sign_in_throttle']));

afterAll(async () => {
  for (const database of opened) await database.stop();
});

async function backUp(name: string) {
  const file = path.join(folder, name);
  const result = await backupDatabase({ url: inject('ownerDatabaseUrl'), file });
  return { file, result };
}

/** The stats check reads through the data layer: pointed at `url` for `fn`, then back. */
async function withDataLayerOn(url: string, fn: () => Promise<void>) {
  const own = process.env.DATABASE_URL;
  await disconnectDb();
  process.env.DATABASE_URL = url;
  try {
    await fn();
  } finally {
    await disconnectDb();
    process.env.DATABASE_URL = own;
  }
}

async function restoreError(file: string, url = inject('ownerDatabaseUrl')): Promise<string> {
  const error = await restoreDatabase({ url, file, replace: true }).then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(BackupError);
  return (error as BackupError).message;
}

/**
 * A backup rewritten as a faulty program might have written it: `edit` changes its lines, and the
 * checksums are made to match again, so that only the restore's own checks can catch the fault.
 */
function rewrite(text: Buffer, edit: (lines: string[]) => void): Buffer {
  const lines = text.toString('utf8').split('\n');
  lines.pop();
  edit(lines);
  const header = lines[0];
  const trailer = JSON.parse(lines.at(-1)!.slice(TRAILER_PREFIX.length)) as Trailer;
  trailer.headerSha256 = createHash('sha256').update(header).digest('hex');
  for (const table of trailer.tables) {
    const start = lines.findIndex((line) => line.startsWith(`COPY "${table.name}" (`)) + 1;
    const rows = lines.slice(start, lines.indexOf('\\.', start));
    table.rows = rows.length;
    table.sha256 = createHash('sha256')
      .update(rows.map((row) => `${row}\n`).join(''))
      .digest('hex');
  }
  lines[lines.length - 1] = `${TRAILER_PREFIX}${JSON.stringify(trailer)}`;
  return gzipSync(`${lines.join('\n')}\n`);
}

describe('backup and restore', () => {
  it('gives every table back row for row in a new database, hard values and all', SLOW, async () => {
    await seedEveryTable(inject('ownerDatabaseUrl'));
    const source = await databaseDigest(inject('ownerDatabaseUrl'));
    // Every table holds rows, or "row for row" would prove nothing about it; a new table needs rows here too.
    const empty = Object.entries(source.tables).filter(([, table]) => table.rows === 0);
    expect(empty.map(([name]) => name)).toEqual([]);

    const { file, result } = await backUp('all.gz');
    expect(result.tables.map((table) => table.name).sort()).toEqual(Object.keys(source.tables).sort());
    // The file is the owner's alone: it holds password hashes.
    expect(execFileSync('stat', ['-c', '%a', file], { encoding: 'utf8' }).trim()).toBe('600');
    expect(existsSync(`${file}.partial`)).toBe(false);

    const target = await newDatabase();
    await restoreDatabase({ url: target.ownerUrl, file });
    const restored = await databaseDigest(target.ownerUrl);
    expect(restored.tables).toEqual(source.tables);
    expect(restored.sequences).toEqual(source.sequences);
    // The new database was migrated inside the restore: the same schema, and a history Prisma accepts.
    expect(restored.schema).toEqual(source.schema);
    expect(restored.migrations).toEqual(source.migrations);
    expect(await migrateDeploy(target.ownerUrl)).toBeNull();

    await withClient(target.ownerUrl, async (client) => {
      const { rows } = await client.query<{ bio: string; links: (string | null)[]; bytes: Buffer }>(
        `SELECT o.bio, o.links, p.bytes FROM official o JOIN official_photo p ON p.official_id = o.id`,
      );
      expect(rows).toEqual([
        {
          bio: TRICKY,
          links: ['', null, 'a,b', '{x}', '"q"', 'back\\slash', '\\N', 'NULL'],
          bytes: Buffer.from(Array.from({ length: 256 }, (_, i) => i)),
        },
      ]);
      const markers = await client.query<{ bio: string }>(
        `SELECT bio FROM official WHERE bio LIKE '\\\\%' ORDER BY bio`,
      );
      expect(markers.rows.map((row) => row.bio)).toEqual(['\\.\n\\.', '\\N']);
      const numbers = await client.query(
        `SELECT (SELECT last_request::text FROM rate_limit) AS big, (SELECT threshold_multiple FROM watch) AS float`,
      );
      expect(numbers.rows[0]).toEqual({ big: '9007199254740993', float: 0.30000000000000004 });
      // The audit log's ids go on from where they were, not from 1.
      const next = await client.query<{ id: string }>(
        `INSERT INTO audit_log (via, action, entity_type, entity_id) VALUES ('cli', 'after', 'x', 'y') RETURNING id`,
      );
      const { rows: max } = await client.query<{ max: string }>(
        `SELECT max(id)::text AS max FROM audit_log WHERE action <> 'after'`,
      );
      expect(BigInt(next.rows[0].id)).toBeGreaterThan(BigInt(max[0].max));
    });
    // The statistics came as data: they still agree with the gap engine over the restored contacts.
    await withDataLayerOn(target.url, async () => {
      expect(await expectStatsToMatchEngine(TODAY)).toBeGreaterThan(0);
    });
  });

  it('refuses a database that holds data unless told to replace it, then replaces all of it', SLOW, async () => {
    await seedEveryTable(inject('ownerDatabaseUrl'));
    const atBackup = await databaseDigest(inject('ownerDatabaseUrl'));
    const { file } = await backUp('replace.gz');
    await withClient(inject('ownerDatabaseUrl'), (client) =>
      client.query(`UPDATE official SET name = 'Changed after the backup' WHERE id = (SELECT min(id) FROM official)`),
    );
    const changed = await databaseDigest(inject('ownerDatabaseUrl'));

    const refused = await restoreDatabase({ url: inject('ownerDatabaseUrl'), file }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(BackupError);
    expect((refused as Error).message).toMatch(
      /^The database already holds data \(rows in account, api_token, audit_log, channel, contact, .*\): add --replace to replace all of it with the backup\. Nothing was restored\.$/,
    );
    expect(await databaseDigest(inject('ownerDatabaseUrl'))).toEqual(changed);

    await restoreDatabase({ url: inject('ownerDatabaseUrl'), file, replace: true });
    expect(await databaseDigest(inject('ownerDatabaseUrl'))).toEqual(atBackup);
  });

  it('refuses a damaged, cut or foreign file, saying what is wrong, and changes nothing', SLOW, async () => {
    await seedEveryTable(inject('ownerDatabaseUrl'));
    const { file } = await backUp('good.gz');
    const before = await databaseDigest(inject('ownerDatabaseUrl'));
    const bytes = readFileSync(file);
    const text = gunzipSync(bytes);
    const write = (name: string, content: Buffer | string) => {
      const target = path.join(folder, name);
      writeFileSync(target, content);
      return target;
    };

    const cut = write('cut.gz', bytes.subarray(0, Math.floor(bytes.length / 2)));
    expect(await restoreError(cut)).toBe(
      `${cut} is incomplete: it ends in the middle. Was the backup interrupted, or the file cut short when copied?`,
    );
    // Cut at a line's end and compressed again: whole as gzip, but without its last line.
    const lastLine = text.lastIndexOf('\n', text.length - 2);
    const shortened = write('shortened.gz', gzipSync(text.subarray(0, lastLine + 1)));
    expect(await restoreError(shortened)).toBe(
      `${shortened} is incomplete: it ends before its last line. Was the backup interrupted, or the file cut short when copied?`,
    );
    // One character of one contact changed: its table's checksum no longer matches.
    const at = text.indexOf('line one');
    const tampered = Buffer.from(text);
    tampered[at] = tampered[at] === 0x41 ? 0x42 : 0x41;
    const tamperedFile = write('tampered.gz', gzipSync(tampered));
    expect(await restoreError(tamperedFile)).toMatch(
      new RegExp(
        `^${tamperedFile} is damaged: the rows of table \\w+ do not match their checksum\\. Restore another backup\\.$`,
      ),
    );
    // A byte flipped in the compressed stream: gzip's own check catches it.
    const flipped = Buffer.from(bytes);
    flipped[Math.floor(flipped.length / 2)] ^= 0xff;
    expect(await restoreError(write('flipped.gz', flipped))).toMatch(/ is (damaged|incomplete): /);

    const csv = write('contacts.csv', 'external_id,date\nk1,2022-01-01\n');
    expect(await restoreError(csv)).toBe(`${csv} is not a Counterpart backup: it is not a gzip file.`);
    const otherGzip = write('other.gz', gzipSync('hello\n'));
    expect(await restoreError(otherGzip)).toBe(
      `${otherGzip} is not a Counterpart backup: it does not begin with a backup header.`,
    );
    const extra = write('extra.gz', gzipSync(Buffer.concat([text, Buffer.from('DELETE FROM contact;\n')])));
    expect(await restoreError(extra)).toBe(`${extra} is damaged: it goes on after its end. Restore another backup.`);
    const missing = path.join(folder, 'missing.gz');
    expect(await restoreError(missing)).toBe(`No file at ${missing}: check the path.`);

    expect(await databaseDigest(inject('ownerDatabaseUrl'))).toEqual(before);
  });

  it(
    'rolls everything back when a row fails to load part way, and refuses a backup newer than itself',
    SLOW,
    async () => {
      await seedEveryTable(inject('ownerDatabaseUrl'));
      const { file } = await backUp('whole.gz');
      await withClient(inject('ownerDatabaseUrl'), (client) => client.query(`DELETE FROM watch`));
      const before = await databaseDigest(inject('ownerDatabaseUrl'));
      const text = gunzipSync(readFileSync(file));

      // The same contact twice: the file checks out, but its primary key fails once the rows are in,
      // after the tables were emptied (--replace), the indexes dropped and most tables loaded.
      const duplicated = path.join(folder, 'duplicated.gz');
      writeFileSync(
        duplicated,
        rewrite(text, (lines) => {
          const first = lines.findIndex((line) => line.startsWith('COPY "contact" (')) + 1;
          lines.splice(first, 0, lines[first]);
        }),
      );
      const logged: string[] = [];
      const failed = await restoreDatabase({
        url: inject('ownerDatabaseUrl'),
        file: duplicated,
        replace: true,
        log: (line) => logged.push(line),
      }).catch((error: unknown) => error);
      expect(logged).toContainEqual(expect.stringMatching(/^Emptied the \d+ tables of the database \(--replace\)\.$/));
      expect(logged).toContainEqual(expect.stringMatching(/^Loaded [\d,]+ rows into \d+ tables\.$/));
      expect((failed as Error).message).toMatch(
        /^The restore failed, and the database is as it was: could not create unique index "contact_\w+" \(Key \(\w+\)=\(.*\) is duplicated\)\.$/,
      );
      expect(await databaseDigest(inject('ownerDatabaseUrl'))).toEqual(before);

      const future = path.join(folder, 'future.gz');
      writeFileSync(
        future,
        rewrite(text, (lines) => {
          const header = JSON.parse(lines[0].slice(HEADER_PREFIX.length)) as Header;
          header.migrations.push('29991231000000_from_the_future');
          lines[0] = `${HEADER_PREFIX}${JSON.stringify(header)}`;
        }),
      );
      expect(await restoreError(future)).toBe(
        `${future} was made by a newer Counterpart (its schema has the migration 29991231000000_from_the_future, unknown here): upgrade Counterpart, then restore.`,
      );
      expect(await databaseDigest(inject('ownerDatabaseUrl'))).toEqual(before);
    },
  );

  it('leaves no file behind when a backup fails part way, and keeps the previous one', SLOW, async () => {
    await seedEveryTable(inject('ownerDatabaseUrl'));
    const file = path.join(folder, 'kept.gz');
    writeFileSync(file, 'the previous backup');
    const failing = backupDatabase({
      url: inject('ownerDatabaseUrl'),
      file,
      log: (line) => {
        // Half-way through the tables, as a full disk or a lost connection would stop it.
        if (line.startsWith('contact:')) throw new Error('stopped half-way');
      },
    });
    await expect(failing).rejects.toThrow('The backup failed: stopped half-way. No backup was written.');
    expect(readFileSync(file, 'utf8')).toBe('the previous backup');
    expect(existsSync(`${file}.partial`)).toBe(false);

    await expect(
      backupDatabase({ url: inject('ownerDatabaseUrl'), file: path.join(folder, 'no/such/folder.gz') }),
    ).rejects.toThrow(
      `Cannot write ${path.join(folder, 'no/such/folder.gz')}: there is no folder ${path.join(folder, 'no/such')}.`,
    );
  });

  it(
    'restores a backup made before the latest migration into a database that has it, keeping granted rights',
    SLOW,
    async () => {
      const code = codeMigrations();
      const older = await newDatabase();
      await withClient(older.ownerUrl, async (client) => {
        await client.query('BEGIN');
        for (const migration of code.slice(0, -1)) await applyMigration(client, migration);
        await client.query('COMMIT');
        await client.query(`INSERT INTO office VALUES ('US:SECDEF', 'US', 'Secretary of Defense', NULL)`);
        await client.query(
          `INSERT INTO official (id, slug, name, name_search, country, bio, updated_at)
           VALUES ('o1', 'lloyd-austin', 'Lloyd Austin', 'lloyd austin', 'US', $1, now())`,
          [TRICKY],
        );
      });
      const file = path.join(folder, 'older.gz');
      await backupDatabase({ url: older.ownerUrl, file });

      // The test database is at the latest migration, with data, and a role has been granted rights by hand.
      const latest = await databaseDigest(inject('ownerDatabaseUrl'));
      await seedEveryTable(inject('ownerDatabaseUrl'));
      const role = 'counterpart_backup_test_reader';
      await withClient(inject('ownerDatabaseUrl'), async (client) => {
        await client.query(`DO $$ BEGIN CREATE ROLE ${role}; EXCEPTION WHEN duplicate_object THEN NULL; END $$`);
        await client.query(`GRANT SELECT ON official TO ${role}`);
      });
      try {
        const logged: string[] = [];
        const result = await restoreDatabase({
          url: inject('ownerDatabaseUrl'),
          file,
          replace: true,
          log: (line) => logged.push(line),
        });
        expect(result.migratedAfter).toEqual([code.at(-1)!.name]);
        expect(logged).toContain(
          `The database's schema is newer than the backup's (${code.length} migrations, the backup ${code.length - 1}): building its tables again at the backup's.`,
        );
        const restored = await databaseDigest(inject('ownerDatabaseUrl'));
        expect(restored.schema).toEqual(latest.schema);
        expect(restored.migrations).toEqual(latest.migrations);
        expect(restored.tables.official.rows).toBe(1);
        expect(restored.tables.contact.rows).toBe(0);
        await withClient(inject('ownerDatabaseUrl'), async (client) => {
          // The backup had no search keys: the restore computed them.
          expect((await client.query('SELECT search_key FROM official')).rows).toEqual([{ search_key: 'loid austin' }]);
        });
        expect(await migrateDeploy(inject('ownerDatabaseUrl'))).toBeNull();
        await withClient(inject('ownerDatabaseUrl'), async (client) => {
          const { rows } = await client.query(
            `SELECT bio, has_table_privilege('${role}', 'official', 'SELECT') AS granted FROM official`,
          );
          expect(rows).toEqual([{ bio: TRICKY, granted: true }]);
        });
      } finally {
        await withClient(inject('ownerDatabaseUrl'), async (client) => {
          await client.query(`REVOKE ALL ON official FROM ${role}`);
          await client.query(`DROP ROLE ${role}`);
        });
        // The data layer's connections knew the tables that were dropped.
        await disconnectDb();
      }
    },
  );
});
