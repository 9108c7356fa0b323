import { seedDemo } from '../../prisma/seed/demo';
import { SEED_ACTOR } from '../../lib/data/actor';
import { disconnectDb, getDb } from '../../lib/db';
import { loadOoh } from '../../lib/import/ooh/load';
import type { DatabaseHandle } from './database';

/**
 * Loads the demo data into `url` (idempotent) and reports what it added: the founding story (the US and
 * Russian defense chiefs in 2022) and the Office of the Historian's 150 years of US diplomatic travel.
 */
export async function seedInto(
  url: string,
  log: (line: string) => void,
  options: { historian?: boolean } = {},
): Promise<void> {
  process.env.DATABASE_URL = url;
  try {
    const added = await seedDemo();
    log(
      `Demo data: added ${added.officials} officials, ${added.contacts} contacts, ${added.other} events and channels.`,
    );
    if (options.historian === false) return;
    const started = performance.now();
    const historian = await loadOoh(SEED_ACTOR);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    log(
      `Office of the Historian records: added ${historian.officials.created} officials and ` +
        `${historian.contacts.created} contacts in ${seconds} s (${historian.rejected.length} records name no foreign country: see \`npm run cli -- import ooh\`).`,
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
