import { seedDemo } from '../../prisma/seed/demo';
import { disconnectDb, getDb } from '../../lib/db';
import type { DatabaseHandle } from './database';

/** Loads the demo data into `url` (idempotent) and reports what it added. */
export async function seedInto(url: string, log: (line: string) => void): Promise<void> {
  process.env.DATABASE_URL = url;
  try {
    const added = await seedDemo();
    log(
      `Demo data: added ${added.officials} officials, ${added.contacts} contacts, ${added.other} events and channels.`,
    );
  } finally {
    await disconnectDb();
  }
}

/**
 * Demo data goes into the embedded database on first run (when it holds no
 * officials). A database named by DATABASE_URL may be a real one, so it gets
 * demo data only when asked with SEED_DEMO=1.
 */
export async function seedIfWanted(database: DatabaseHandle, log: (line: string) => void): Promise<void> {
  const asked = process.env.SEED_DEMO === '1';
  if (!asked && !database.embedded) return;
  process.env.DATABASE_URL = database.url;
  const isEmpty = (await getDb().official.count()) === 0;
  await disconnectDb();
  if (asked || isEmpty) await seedInto(database.url, log);
}
