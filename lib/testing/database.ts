import pg from 'pg';
import { afterAll, beforeEach, inject } from 'vitest';
import { disconnectDb } from '../db';

let owner: Promise<pg.Client> | undefined;

/** Every table of the schema but Prisma's migration history, quoted: read from the database, never stale. */
let schemaTables: Promise<string[]> | undefined;

/**
 * Empties tables as their owner: the data layer connects as the app's role, which
 * may not TRUNCATE (nor restart the owner's sequences). The whole schema by default.
 */
export async function emptyTables(tables?: readonly string[], restartIdentity = true): Promise<void> {
  owner ??= (async () => {
    const client = new pg.Client({ connectionString: inject('ownerDatabaseUrl') });
    await client.connect();
    return client;
  })();
  const client = await owner;
  schemaTables ??= client
    .query<{ name: string }>(
      `SELECT format('%I', tablename) AS name FROM pg_tables
        WHERE schemaname = current_schema() AND tablename <> '_prisma_migrations' ORDER BY tablename`,
    )
    .then(({ rows }) => rows.map((row) => row.name));
  const list = tables ?? (await schemaTables);
  await client.query(`TRUNCATE ${list.join(', ')}${restartIdentity ? ' RESTART IDENTITY' : ''} CASCADE`);
}

/**
 * Points the data layer at the test run's throw-away database and empties it
 * before each test, so every test starts from nothing and can run alone.
 */
export function setupTestDatabase() {
  process.env.DATABASE_URL = inject('databaseUrl');
  beforeEach(async () => {
    await emptyTables();
  });
  afterAll(async () => {
    await disconnectDb();
    const client = owner;
    owner = undefined;
    schemaTables = undefined;
    await (await client)?.end();
  });
}
