import 'server-only';
import { getDb } from '../db';
import type { PairKey } from '../gaps/types';
import { isoFromDb } from './dates';

/**
 * A pair's contacts on its `limit` latest dates (ties included), from the pair's own rows by their
 * (level, a, b, date) index. Asked of the contacts table, "both sides took part" had PostgreSQL walk every
 * contact by date until it found enough: at 1,000,000 contacts, 1–4 s for a quiet pair. The pair's rows
 * are also the pair as every page counts it: at the country level they include the contacts that name a
 * country without its officials.
 */
async function latestPairContactIds(pair: PairKey, limit: number): Promise<string[]> {
  const rows = await getDb().$queryRaw<{ id: string }[]>`
    SELECT contact_id AS id FROM pair_contact
    WHERE level = ${pair.level}::"PairLevel" AND a = ${pair.a} AND b = ${pair.b}
      AND date >= coalesce((SELECT date FROM pair_contact
                            WHERE level = ${pair.level}::"PairLevel" AND a = ${pair.a} AND b = ${pair.b}
                            ORDER BY date DESC OFFSET ${limit - 1} LIMIT 1), '-infinity'::date)`;
  return rows.map((row) => row.id);
}

/**
 * The newest contacts (by the date they happened), all of them or one pair's,
 * with when each was recorded and last changed: what an Atom entry needs.
 */
export async function listFeedContacts(options: { pair?: PairKey; limit: number }) {
  const { pair, limit } = options;
  const ofPair = pair ? { id: { in: await latestPairContactIds(pair, limit) } } : {};
  const contacts = await getDb().contact.findMany({
    where: { deletedAt: null, ...ofPair },
    orderBy: [{ date: 'desc' }, { createdAt: 'desc' }, { id: 'desc' }],
    take: limit,
    select: {
      id: true,
      date: true,
      datePrecision: true,
      type: true,
      status: true,
      summary: true,
      createdAt: true,
      updatedAt: true,
      participants: {
        orderBy: { country: 'desc' },
        select: { country: true, official: { select: { slug: true, name: true } } },
      },
      sources: { orderBy: { createdAt: 'asc' }, select: { url: true, publisher: true, title: true } },
    },
  });
  return contacts.map((c) => ({
    ...c,
    date: isoFromDb(c.date),
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
    participants: c.participants.map((p) => ({ slug: p.official.slug, name: p.official.name, country: p.country })),
  }));
}

/** A contact as a feed entry shows it. */
export type FeedContact = Awaited<ReturnType<typeof listFeedContacts>>[number];
