/**
 * `npm run cli -- rebuild`: recomputes the per-pair tables from the contacts,
 * from scratch, in one transaction. Writes that arrive meanwhile wait for it
 * (it locks both tables against writes; readers go on reading the old rows)
 * and then apply their own changes on top, so nothing is lost. Used by the bench's data generator, and after any change
 * made to the contact tables by hand.
 */
import type { PrismaClient } from '../generated/prisma/client';
import { ALL, publishInvalidation } from '../cache/invalidate';
import { insertAllPairRowsSql, upsertStatsSql } from './sql';

export async function rebuildPairStats(db: PrismaClient): Promise<{ pairs: number; pairContacts: number }> {
  return db.$transaction(
    async (tx) => {
      // DELETE, not TRUNCATE: the app's database role may not truncate.
      await tx.$executeRaw`LOCK TABLE pair_contact, pair_stat IN EXCLUSIVE MODE`;
      await tx.$executeRaw`DELETE FROM pair_contact`;
      await tx.$executeRaw`DELETE FROM pair_stat`;
      const pairContacts = await tx.$executeRaw(insertAllPairRowsSql());
      const pairs = await tx.$executeRaw(upsertStatsSql({ all: true }));
      // Running servers drop every cached page when this commits: anything may have changed beneath them.
      await publishInvalidation(tx, [ALL]);
      return { pairs, pairContacts };
    },
    { timeout: 60 * 60 * 1000, maxWait: 60 * 1000 },
  );
}
