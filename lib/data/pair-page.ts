import 'server-only';
import { cache } from 'react';
import { Prisma } from '../generated/prisma/client';
import { getDb } from '../db';
import { todayUtc } from '../gaps/dates';
import type { GapSeries, IsoDate, PairKey, PairLevel } from '../gaps/types';
import type { Cursor } from '../paging';
import { pairPath } from '../pairs';
import { getPairSummary } from '../stats/lists';
import { chartBarGaps, gapsEndedBy, innerPairs, markersAfter, pairFacts, pairTimelinePage } from '../stats/pair-reads';
import { MAX_CHART_BARS } from '../stats/limits';
import { pairId } from '../gaps/engine';
import { asOfSql, querySeries } from '../gaps/sql';
import { closeOnDeparture, getPairSeries } from './gaps';
import { listContactsByIds } from './contacts';
import { isoFromDb, isoFromDbOrNull } from './dates';
import { listChannels, listContextEvents } from './events';
import { resolvePair, type PairSide } from './pairs';

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
 * How many of the latest gaps a pair page describes contact by contact (what
 * ended each, the markers in it): older ones keep their numbers and dates.
 */
export const DETAILED_GAPS = 60;

/** The contacts the page's words and chart name: the last held one, and those of the latest gaps. */
function namedContactIds(series: GapSeries): string[] {
  const recent = series.gaps.slice(-DETAILED_GAPS);
  return [
    ...(series.lastContact ? [series.lastContact.id] : []),
    ...recent.flatMap((gap) => [...(gap.toContactId ? [gap.toContactId] : []), ...gap.markers.map((m) => m.contactId)]),
    ...(series.currentSilence?.markers.map((m) => m.contactId) ?? []),
    ...series.leadingMarkers.slice(-DETAILED_GAPS).map((m) => m.contactId),
  ];
}

/**
 * Everything the pair page shows above its timeline, read once per request
 * (the page and its metadata share it): the pair's series and side labels,
 * facts about all its contacts, the contacts its words name, the context
 * events and channels of the two countries, and the tenures of the sides.
 * Bounded whatever the pair's size: nothing here loads every contact. Null
 * when the pair does not exist.
 */
export const getPairPage = cache(async (level: PairLevel, refA: string, refB: string, asOf: IsoDate | null = null) => {
  // A permalink is the pair as it stood on its day: silences count to that day.
  const today = asOf ?? todayUtc();
  const overview = await loadOverview(level, refA, refB, today, asOf);
  if (overview === null) return null;
  const countries = [overview.a.country, overview.b.country];
  const db = getDb();
  const [contacts, facts, events, channels, positions, [a, b], inner, dataVersion] = await Promise.all([
    listContactsByIds(namedContactIds(overview.series)),
    pairFacts(db, overview.pair, asOf ?? undefined),
    listContextEvents(countries),
    listChannels(countries),
    listSidePositions(level, [overview.a.key, overview.b.key]),
    nameSides(level, [overview.a, overview.b]),
    // The finer pairs are counted from today's statistics: a permalink leaves them out.
    asOf === null ? listInnerPairs(level, overview.pair, overview.a.key) : Promise.resolve([]),
    getPairDataVersion(overview.pair, today, asOf === null),
  ]);
  const shown = <T>(items: T[], dateOf: (item: T) => IsoDate) =>
    asOf === null ? items : items.filter((item) => dateOf(item) <= asOf);
  return {
    ...overview,
    a,
    b,
    today,
    asOf,
    dataVersion,
    contacts,
    facts,
    events: shown(events, (e) => e.date),
    channels: shown(channels, (c) => c.establishedOn),
    positions,
    inner,
  };
});

/** How many hex digits of the content hash a citation carries: enough to tell versions apart, short to quote. */
const DATA_VERSION_LENGTH = 12;

/**
 * The data version a citation carries: a SHA-256 of what the pair's figures are counted from as of
 * `asOf` — each of its contacts dated by then and logged by the end of that day, with its date,
 * the earliest and latest day it may stand for (precision and the sources' claimed dates), status and
 * type — cut to 12 hex digits. The same record always gives the same version, on any server and after a
 * statistics rebuild (pair_stat's own counter restarts then, and moves with writes that change no figure).
 * For today the pair's rows alone answer it; a past day also reads when each contact was logged.
 */
export async function getPairDataVersion(pair: PairKey, asOf: IsoDate, isToday = false): Promise<string> {
  const logged = isToday
    ? Prisma.empty
    : Prisma.sql` AND EXISTS (SELECT 1 FROM contact c WHERE c.id = pc.contact_id${asOfSql(asOf)})`;
  const [row] = await getDb().$queryRaw<{ hash: string }[]>`
    SELECT encode(sha256(convert_to(coalesce(string_agg(
             pc.contact_id || ':' || to_char(pc.date, 'YYYY-MM-DD') || ':' || to_char(pc.earliest, 'YYYY-MM-DD') || ':' ||
             to_char(pc.latest, 'YYYY-MM-DD') || ':' || pc.status || ':' || pc.type,
             ',' ORDER BY pc.contact_id COLLATE "C"), ''), 'UTF8')), 'hex') AS hash
    FROM pair_contact pc
    WHERE pc.level = ${pair.level}::"PairLevel" AND pc.a = ${pair.a} AND pc.b = ${pair.b}
      AND pc.date <= ${asOf}::date${logged}`;
  return row.hash.slice(0, DATA_VERSION_LENGTH);
}

/** Past this many gaps, a pair page reads its numbers from the statistics and draws its chart in PostgreSQL. */
export const LARGE_PAIR_GAPS = 1000;

/**
 * The pair with its series. Up to LARGE_PAIR_GAPS gaps, the whole series;
 * past it, the summary from `pair_stat` with only the latest DETAILED_GAPS
 * gaps (their markers too) and the chart's bars aggregated by PostgreSQL, so a
 * 20,000-contact pair costs about what a 1,000-contact one does.
 */
async function loadOverview(level: PairLevel, refA: string, refB: string, today: IsoDate, asOf: IsoDate | null) {
  const resolved = await resolvePair(level, refA, refB);
  if (resolved === null) return null;
  const db = getDb();
  const id = pairId(resolved.pair);
  // As of a past day the kept statistics (today's) do not apply: the series is computed from the contacts.
  if (asOf !== null) return { ...resolved, id, series: await querySeries(db, resolved.pair, today, asOf), bars: null };
  const [stat] = await db.$queryRaw<{ gaps: number }[]>`
    SELECT gap_count AS gaps FROM pair_stat
    WHERE level = ${resolved.pair.level}::"PairLevel" AND a = ${resolved.pair.a} AND b = ${resolved.pair.b}`;
  const gapCount = stat?.gaps ?? 0;
  if (gapCount <= LARGE_PAIR_GAPS) {
    return { ...resolved, id, series: await getPairSeries(resolved.pair, today), bars: null };
  }
  const summary = (await getPairSummary(db, resolved.pair, today, DETAILED_GAPS))!;
  const perBar = Math.ceil(gapCount / MAX_CHART_BARS);
  const [gaps, silenceMarkers, bars] = await Promise.all([
    gapsEndedBy(
      db,
      resolved.pair,
      summary.gaps.flatMap((gap) => (gap.toContactId ? [gap.toContactId] : [])),
    ),
    summary.lastContact ? markersAfter(db, resolved.pair, summary.lastContact.date) : Promise.resolve([]),
    chartBarGaps(db, resolved.pair, perBar),
  ]);
  const series: GapSeries = {
    ...summary,
    gaps,
    currentSilence: summary.currentSilence && { ...summary.currentSilence, markers: silenceMarkers },
  };
  if (summary.currentSilence === null && summary.lastContact !== null) {
    const closing = await closeOnDeparture(series, summary.lastContact, silenceMarkers, today);
    if (closing !== null) series.gaps.push(closing);
  }
  return { ...resolved, id, series, bars: { gaps: bars, perBar } };
}

/** A finer pair inside this one (officials within an office pair…), with its contacts. */
export type InnerPair = { href: string; text: string; contacts: number; last: IsoDate };

/** The officials (and, in a country pair, the offices) whose contacts make up an office or country pair. */
async function listInnerPairs(level: PairLevel, pair: PairKey, firstKey: string) {
  const targets: ('OFFICIAL' | 'OFFICE')[] =
    level === 'COUNTRY' ? ['OFFICE', 'OFFICIAL'] : level === 'OFFICE' ? ['OFFICIAL'] : [];
  const db = getDb();
  return Promise.all(
    targets.map(async (target) => {
      const rows = await innerPairs(db, pair, target);
      // Rows come as (side a, side b) of the sorted key; the page may show the sides the other way round.
      const swapped = firstKey !== pair.a;
      const keys = rows.flatMap((row) => [row.x, row.y]);
      const labels = new Map<string, { ref: string; text: string }>();
      if (target === 'OFFICIAL') {
        const officials = await db.official.findMany({
          where: { id: { in: keys } },
          select: { id: true, slug: true, name: true },
        });
        for (const o of officials) labels.set(o.id, { ref: o.slug, text: o.name });
      } else {
        const offices = await db.office.findMany({
          where: { key: { in: keys } },
          select: { key: true, country: true, title: true },
        });
        for (const o of offices) labels.set(o.key, { ref: o.key, text: `${o.country} ${o.title}` });
      }
      const pairs: InnerPair[] = rows.flatMap((row) => {
        const [x, y] = swapped ? [labels.get(row.y), labels.get(row.x)] : [labels.get(row.x), labels.get(row.y)];
        if (!x || !y) return [];
        return [
          {
            href: pairPath(target, x.ref, y.ref),
            text: `${x.text} – ${y.text}`,
            contacts: row.contacts,
            last: row.last,
          },
        ];
      });
      return { target, pairs };
    }),
  );
}

/**
 * One page of the pair's timeline, the latest first (keyset pagination on
 * date and id): its contacts with their sources, and the links around it.
 */
export const getPairTimeline = cache(
  async (pair: PairKey, cursor: Cursor | null, size: number, asOf: IsoDate | null = null) => {
    const db = getDb();
    const page = await pairTimelinePage(db, pair, cursor, size, asOf ?? undefined);
    // As of a day, the kept gaps (today's) may span contacts logged later: the page's own series has them.
    const [items, gaps] = await Promise.all([
      listContactsByIds(page.ids),
      asOf === null ? gapsEndedBy(db, pair, page.ids) : Promise.resolve([]),
    ]);
    return { ...page, items, gaps };
  },
);

/** What getPairPage returns for an existing pair. */
export type PairPageData = NonNullable<Awaited<ReturnType<typeof getPairPage>>>;
