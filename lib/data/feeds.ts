import 'server-only';
import { getDb } from '../db';
import type { PairKey } from '../gaps/types';
import { isoFromDb } from './dates';

const PARTICIPANT_COLUMN = { OFFICIAL: 'officialId', OFFICE: 'officeKey', COUNTRY: 'country' } as const;

/**
 * The newest contacts (by the date they happened), all of them or one pair's,
 * with when each was recorded and last changed: what an Atom entry needs.
 */
export async function listFeedContacts(options: { pair?: PairKey; limit: number }) {
  const { pair, limit } = options;
  const ofPair = (p: PairKey) => {
    const side = (value: string) => ({ participants: { some: { [PARTICIPANT_COLUMN[p.level]]: value } } });
    return { AND: [side(p.a), side(p.b)] };
  };
  const contacts = await getDb().contact.findMany({
    where: { deletedAt: null, ...(pair && ofPair(pair)) },
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
