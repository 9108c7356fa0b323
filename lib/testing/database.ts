import pg from 'pg';
import { afterAll, beforeEach, inject } from 'vitest';
import { disconnectDb } from '../db';

const TABLES = [
  'import_run',
  'pair_stat',
  'pair_gap_length',
  'pair_contact',
  'audit_log',
  'source',
  'participant',
  'contact',
  'position',
  'office',
  'official_alias',
  'official',
  'channel',
  'context_event',
  'watch',
  'api_token',
  'session',
  'account',
  'verification',
  'rate_limit',
  '"user"',
];

let owner: Promise<pg.Client> | undefined;

/**
 * Empties tables as their owner: the data layer connects as the app's role, which
 * may not TRUNCATE (nor restart the owner's sequences). The whole schema by default.
 */
export async function emptyTables(tables: readonly string[] = TABLES, restartIdentity = true): Promise<void> {
  owner ??= (async () => {
    const client = new pg.Client({ connectionString: inject('ownerDatabaseUrl') });
    await client.connect();
    return client;
  })();
  await (await owner).query(`TRUNCATE ${tables.join(', ')}${restartIdentity ? ' RESTART IDENTITY' : ''} CASCADE`);
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
    await (await client)?.end();
  });
}
