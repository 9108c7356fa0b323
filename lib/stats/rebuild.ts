/**
 * `npm run cli -- rebuild`: recomputes the per-pair tables from the contacts,
 * from scratch, in one transaction. Writes that arrive meanwhile wait for it
 * (it locks both tables against writes; readers go on reading the old rows)
 * and then apply their own changes on top, so nothing is lost. Used by the bench's data generator, and after any change
 * made to the contact tables by hand.
 */
import type { PrismaClient } from '../generated/prisma/client';
import { ALL, publishInvalidation } from '../cache/invalidate';
import { insertAllGapLengthsSql, insertAllPairRowsSql, pairRowsSql, upsertStatsSql, WHOLE_TABLE_SETTINGS } from './sql';

export async function rebuildPairStats(db: PrismaClient): Promise<{ pairs: number; pairContacts: number }> {
  return db.$transaction(
    async (tx) => {
      // DELETE, not TRUNCATE: the app's database role may not truncate.
      await tx.$executeRaw`LOCK TABLE pair_contact, pair_stat, pair_gap_length IN EXCLUSIVE MODE`;
      await tx.$executeRaw`DELETE FROM pair_contact`;
      await tx.$executeRaw`DELETE FROM pair_stat`;
      await tx.$executeRaw`DELETE FROM pair_gap_length`;
      for (const setting of WHOLE_TABLE_SETTINGS) await tx.$executeRawUnsafe(setting);
      // The pair rows are worked out once, then linked into gaps and aggregated.
      await tx.$executeRaw`CREATE TEMP TABLE rebuild_rows ON COMMIT DROP AS ${pairRowsSql({ all: true })}`;
      await tx.$executeRaw`ANALYZE rebuild_rows`;
      const pairContacts = await tx.$executeRaw(insertAllPairRowsSql());
      const pairs = await tx.$executeRaw(upsertStatsSql({ all: true }));
      await tx.$executeRaw(insertAllGapLengthsSql);
      // Running servers drop every cached page when this commits: anything may have changed beneath them.
      await publishInvalidation(tx, [ALL]);
      return { pairs, pairContacts };
    },
    { timeout: 60 * 60 * 1000, maxWait: 60 * 1000 },
  );
}
