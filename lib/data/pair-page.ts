import 'server-only';
import { cache } from 'react';
import { getDb } from '../db';
import { todayUtc } from '../gaps/dates';
import type { PairLevel } from '../gaps/types';
import { listPairContacts } from './contacts';
import { isoFromDb, isoFromDbOrNull } from './dates';
import { listChannels, listContextEvents } from './events';
import { getPairOverview, type PairSide } from './pairs';

/** A side with the short name pages use: "Lloyd Austin", "US Secretary of Defense", "United States". */
export type NamedSide = PairSide & { name: string; title: string | null };

/** Names the sides; offices by their country code and title, read from the office itself. */
async function nameSides(level: PairLevel, sides: [PairSide, PairSide]): Promise<[NamedSide, NamedSide]> {
  const titles = new Map<string, string>();
  if (level === 'OFFICE') {
    const offices = await getDb().office.findMany({
      where: { key: { in: sides.map((side) => side.key) } },
      select: { key: true, title: true },
    });
    for (const office of offices) titles.set(office.key, office.title);
  }
  const named = (side: PairSide): NamedSide => {
    const title = titles.get(side.key) ?? null;
    return { ...side, name: title ? `${side.country} ${title}` : side.label, title };
  };
  return [named(sides[0]), named(sides[1])];
}

/** One tenure in an office, with its holder: who the sides of a pair were, and when. */
export type SidePosition = {
  officialId: string;
  officialSlug: string;
  officialName: string;
  officeKey: string;
  title: string;
  startDate: string;
  endDate: string | null;
};

/** The tenures of the officials (official pair) or of the holders of the offices (office pair). */
async function listSidePositions(level: PairLevel, keys: string[]): Promise<SidePosition[]> {
  if (level === 'COUNTRY') return [];
  const positions = await getDb().position.findMany({
    where: level === 'OFFICIAL' ? { officialId: { in: keys } } : { officeKey: { in: keys } },
    orderBy: [{ startDate: 'desc' }, { id: 'asc' }],
    select: {
      officeKey: true,
      title: true,
      startDate: true,
      endDate: true,
      official: { select: { id: true, slug: true, name: true } },
    },
  });
  return positions.map((p) => ({
    officialId: p.official.id,
    officialSlug: p.official.slug,
    officialName: p.official.name,
    officeKey: p.officeKey,
    title: p.title,
    startDate: isoFromDb(p.startDate),
    endDate: isoFromDbOrNull(p.endDate),
  }));
}

/**
 * Everything the pair page shows, read once per request (the page and its
 * metadata share it): the pair's series and side labels, every contact with
 * its sources, the context events and channels of the two countries, and the
 * tenures of the sides. Null when the pair does not exist.
 */
export const getPairPage = cache(async (level: PairLevel, refA: string, refB: string) => {
  const today = todayUtc();
  const overview = await getPairOverview(level, refA, refB, today);
  if (overview === null) return null;
  const countries = [overview.a.country, overview.b.country];
  const [contacts, events, channels, positions, [a, b]] = await Promise.all([
    listPairContacts(overview.pair),
    listContextEvents(countries),
    listChannels(countries),
    listSidePositions(level, [overview.a.key, overview.b.key]),
    nameSides(level, [overview.a, overview.b]),
  ]);
  return { ...overview, a, b, today, contacts, events, channels, positions };
});

/** What getPairPage returns for an existing pair. */
export type PairPageData = NonNullable<Awaited<ReturnType<typeof getPairPage>>>;
