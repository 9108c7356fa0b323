/**
 * Counterpart's migrations, applied inside a restore's own transaction. `prisma migrate deploy`
 * (scripts/lib/prisma.ts) is the way everywhere else, but it runs each migration in a transaction of
 * its own, in another process: a restore that migrates its target must be able to undo all of it if
 * a row fails to load. So this does what it does, in the caller's transaction: runs each
 * migration.sql as one script, and records it in `_prisma_migrations` as Prisma does (the file's
 * SHA-256 as checksum, one applied step), holding the advisory lock Prisma takes for migrating, so
 * that `prisma migrate deploy` and `status` see the same history as if they had applied it.
 */
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { ClientBase } from 'pg';
import { ROOT } from '../run';

export type Migration = { name: string; sql: string; checksum: string };

/** The key Prisma's schema engine locks (`pg_advisory_lock(72707369)`) while it migrates. */
export const PRISMA_MIGRATE_LOCK = 72_707_369;

const MIGRATIONS_DIR = path.join(ROOT, 'prisma', 'migrations');

/** This Counterpart's migrations, in the order Prisma applies them (by folder name). */
export function codeMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && fs.existsSync(path.join(dir, entry.name, 'migration.sql')))
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const bytes = fs.readFileSync(path.join(dir, name, 'migration.sql'));
      return { name, sql: bytes.toString('utf8'), checksum: createHash('sha256').update(bytes).digest('hex') };
    });
}

/**
 * The migrations a database has applied, by name (the order they apply in), and those that failed half-way (which
 * `prisma migrate deploy` refuses to go past); null when it has no migration history at all.
 */
export async function appliedMigrations(client: ClientBase): Promise<{ applied: string[]; failed: string[] } | null> {
  const { rows: exists } = await client.query<{ exists: boolean }>(
    `SELECT to_regclass('_prisma_migrations') IS NOT NULL AS exists`,
  );
  if (!exists[0].exists) return null;
  const { rows } = await client.query<{ name: string; finished: boolean; rolledBack: boolean }>(
    `SELECT migration_name AS name, finished_at IS NOT NULL AS finished, rolled_back_at IS NOT NULL AS "rolledBack"
     FROM _prisma_migrations ORDER BY migration_name`,
  );
  return {
    applied: rows.filter((row) => row.finished && !row.rolledBack).map((row) => row.name),
    failed: rows.filter((row) => !row.finished && !row.rolledBack).map((row) => row.name),
  };
}

/** Applies one migration and records it, in the caller's open transaction. */
export async function applyMigration(client: ClientBase, migration: Migration): Promise<void> {
  await client.query(`
    CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
      "id" VARCHAR(36) PRIMARY KEY NOT NULL,
      "checksum" VARCHAR(64) NOT NULL,
      "finished_at" TIMESTAMPTZ,
      "migration_name" VARCHAR(255) NOT NULL,
      "logs" TEXT,
      "rolled_back_at" TIMESTAMPTZ,
      "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
      "applied_steps_count" INTEGER NOT NULL DEFAULT 0
    )`);
  const startedAt = new Date();
  // No parameters: the simple protocol runs the file's statements one after another, as Prisma does.
  await client.query(migration.sql);
  await client.query(
    `INSERT INTO _prisma_migrations (id, checksum, finished_at, migration_name, started_at, applied_steps_count)
     VALUES ($1, $2, clock_timestamp(), $3, $4, 1)`,
    [randomUUID(), migration.checksum, migration.name, startedAt],
  );
}
