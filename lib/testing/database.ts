import { afterAll, beforeEach, inject } from 'vitest';
import { disconnectDb, getDb } from '../db';

const TABLES = [
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

/**
 * Points the data layer at the test run's throw-away database and empties it
 * before each test, so every test starts from nothing and can run alone.
 */
export function setupTestDatabase() {
  process.env.DATABASE_URL = inject('databaseUrl');
  beforeEach(async () => {
    await getDb().$executeRawUnsafe(`TRUNCATE ${TABLES.join(', ')} RESTART IDENTITY CASCADE`);
  });
  afterAll(async () => {
    await disconnectDb();
  });
}
