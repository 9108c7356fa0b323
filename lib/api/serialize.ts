import type { ContactRow } from '../data/contacts';
import type { getOfficialBySlug, searchOfficials } from '../data/officials';
import type { PairSide } from '../data/pairs';
import type { CurrentSilence, Gap, GapClosure, GapMarker, GapSeries, IsoDate, SilenceRank } from '../gaps/types';
import type { ContactFilters } from '../validation/filters';
import { cursorOf, type Cursor } from '../paging';
import { pairQueryToString, type PairQuery } from '../validation/pair-query';
import type {
  Contact as ContactShape,
  GapSeries as GapSeriesShape,
  Official as OfficialShape,
  OfficialSummary as OfficialSummaryShape,
} from './schemas/responses';

/*
 * What the API says, built once here from what lib/data returns, so that the
 * API, the exports and the OpenAPI examples cannot drift apart. Nothing is
 * recomputed: gap numbers are copied from the series the engine produced.
 */

type OfficialSearchItem = Awaited<ReturnType<typeof searchOfficials>>['items'][number];
type OfficialProfile = NonNullable<Awaited<ReturnType<typeof getOfficialBySlug>>>;

/** An official in a search result. */
export function officialSummaryJson(official: OfficialSearchItem): OfficialSummaryShape {
  return {
    id: official.id,
    version: official.version,
    slug: official.slug,
    name: official.name,
    country: official.country,
    otherNames: official.aliases,
    matchedName: official.matchedName,
    wikidataId: official.wikidataId,
    positions: official.positions.map((p) => ({
      title: p.title,
      officeKey: p.officeKey,
      startDate: p.startDate,
      endDate: p.endDate,
    })),
    href: `/officials/${official.slug}`,
  };
}
export type OfficialSummaryJson = ReturnType<typeof officialSummaryJson>;

/** An official's profile with every position held. */
export function officialProfileJson(official: OfficialProfile): OfficialShape {
  return {
    id: official.id,
    version: official.version,
    slug: official.slug,
    name: official.name,
    country: official.country,
    otherNames: official.aliases,
    wikidataId: official.wikidataId,
    bio: official.bio,
    photo: official.photoSrc,
    links: official.links,
    positions: official.positions.map((p) => ({
      title: p.title,
      officeKey: p.officeKey,
      organisation: p.organisation,
      startDate: p.startDate,
      endDate: p.endDate,
    })),
    href: `/officials/${official.slug}`,
  };
}
export type OfficialProfileJson = ReturnType<typeof officialProfileJson>;

/** The filters of a contact list that are set, paging aside, as the API echoes them. */
export function activeFilters(filters: ContactFilters): Partial<Omit<ContactFilters, 'page' | 'pageSize'>> {
  return Object.fromEntries(
    Object.entries(filters).filter(([key, value]) => key !== 'page' && key !== 'pageSize' && value !== undefined),
  );
}

/** A source's own fields, before what it claims: where it was published and what it says. */
export function sourceFieldsJson(source: ContactRow['sources'][number]) {
  return {
    url: source.url,
    publisher: source.publisher,
    title: source.title,
    publishedAt: source.publishedAt,
    side: source.side,
    quote: source.quote,
    archiveUrl: source.archiveUrl,
  };
}

/** A contact with its participants (and the position each held that day) and its sources with their claims. */
export function contactJson(contact: ContactRow): ContactShape {
  return {
    id: contact.id,
    version: contact.version,
    date: contact.date,
    datePrecision: contact.datePrecision,
    time: contact.time,
    timeZone: contact.timeZone,
    type: contact.type,
    status: contact.status,
    participants: contact.participants.map((p) => ({
      id: p.id,
      slug: p.slug,
      name: p.name,
      country: p.country,
      officeKey: p.officeKey,
      positionTitle: p.positionTitle,
    })),
    unnamedCountries: contact.unnamedCountries,
    initiator: contact.initiator && { slug: contact.initiator.slug, name: contact.initiator.name },
    durationMinutes: contact.durationMinutes,
    location: contact.location,
    summary: contact.summary,
    topics: contact.topics,
    verification: contact.verification,
    channel: contact.channel && { slug: contact.channel.slug, name: contact.channel.name },
    resolvedById: contact.resolvedById,
    sources: contact.sources.map((s) => {
      const claims = {
        ...(s.claimedDate !== null && { date: s.claimedDate }),
        ...(s.claimedInitiator !== null && {
          initiator: { slug: s.claimedInitiator.slug, name: s.claimedInitiator.name },
        }),
        ...(s.claimedDurationMinutes !== null && { durationMinutes: s.claimedDurationMinutes }),
      };
      return { ...sourceFieldsJson(s), claims: Object.keys(claims).length > 0 ? claims : null };
    }),
  };
}
export type ContactJson = ReturnType<typeof contactJson>;

function markerJson(marker: GapMarker) {
  return { contactId: marker.contactId, date: marker.date, status: marker.status, type: marker.type };
}

/** Where a silence stands among the gaps before it. */
function rankJson(rank: SilenceRank) {
  return { longerThan: rank.longerThan, of: rank.of };
}

/**
 * What a gap and the current silence both state: the length in days, its
 * possible range, whether a date is approximate or disputed, and the sought or
 * refused contacts inside.
 */
function lengthJson(span: Pick<Gap, 'days' | 'minDays' | 'maxDays' | 'approximate' | 'disputed' | 'markers'>) {
  return {
    days: span.days,
    minDays: span.minDays,
    maxDays: span.maxDays,
    approximate: span.approximate,
    disputed: span.disputed,
    markers: span.markers.map(markerJson),
  };
}

/**
 * Why the last silence of an official pair ended without a contact: one of the
 * two left office that day. The official is named from the pair's sides.
 */
function closedByJson(closure: GapClosure, sides: PairSide[]) {
  const who = sides.find((side) => side.key === closure.officialId);
  return {
    officialId: closure.officialId,
    official: who ? { ref: who.ref, label: who.label } : null,
    on: closure.on,
    rank: rankJson(closure.rank),
  };
}

function gapJson(gap: Gap, sides: PairSide[]) {
  return {
    from: gap.from,
    to: gap.to,
    fromContactId: gap.fromContactId,
    toContactId: gap.toContactId,
    closedBy: gap.closedBy && closedByJson(gap.closedBy, sides),
    ...lengthJson(gap),
  };
}
export type GapJson = ReturnType<typeof gapJson>;

function currentSilenceJson(silence: CurrentSilence) {
  return {
    since: silence.since,
    sinceContactId: silence.sinceContactId,
    ...lengthJson(silence),
    rank: rankJson(silence.rank),
  };
}

function sideJson(side: PairSide) {
  return {
    key: side.key,
    ref: side.ref,
    label: side.label,
    detail: side.detail,
    country: side.country,
    href: side.href,
  };
}

/** What gapSeriesJson reads: a series with the labels of its sides, as getPairOverview returns it. */
export type PairSeries = { series: GapSeries; a: PairSide; b: PairSide; canonical: string };

/**
 * How an answer of `/api/v1/gaps` that holds part of a series places it: the
 * most gaps it holds, how many the whole series has, and the address of the
 * next older page (null on the oldest). `newest`: the latest page, the one
 * whose flat `markers` list also holds the running silence's. `closedSilence`:
 * the whole series' silence closed on a departure, which may be on another page.
 */
export type GapPageInfo = {
  limit: number;
  total: number;
  older: string | null;
  newest: boolean;
  closedSilence: Gap | null;
};

/**
 * The address of a gaps page: the pair by its sides' refs (in the reader's
 * order), the limit if one was asked for, and the cursor with its `~` readable.
 */
export function gapsPageUrl(pair: PairQuery, limit: number | undefined, before: Cursor): string {
  const params = new URLSearchParams(pairQueryToString(pair));
  if (limit !== undefined) params.set('limit', String(limit));
  params.set('before', cursorOf(before));
  return `/api/v1/gaps?${params.toString().replaceAll('%7E', '~')}`;
}

/**
 * A pair's gap series as `/api/v1/gaps` answers it. `today` is the UTC date
 * the current silence was counted to, stated so the numbers can be checked.
 * An official pair one of whom left office has no current silence: its last
 * gap (also given as `closedSilence`) has `closedBy` set and no `toContactId`.
 *
 * With `page`, `series.gaps` is one page of the series (lib/gaps/series-page.ts)
 * and every other number is the whole series'; the answer says so in `page`,
 * and its flat `markers` are the page's: those inside its gaps, the running
 * silence's on the newest page, and those before the first held contact on the
 * page with the first gap, so that every marker is on exactly one page.
 */
export function gapSeriesJson(
  { series, a, b, canonical }: PairSeries,
  today: IsoDate,
  page?: GapPageInfo,
): GapSeriesShape {
  const silence = series.currentSilence;
  const sides = [a, b];
  const last = series.gaps.at(-1);
  const markers = [
    ...series.leadingMarkers,
    ...series.gaps.flatMap((gap) => gap.markers),
    ...(page && !page.newest ? [] : (silence?.markers ?? [])),
  ].map(markerJson);
  // A page's last gap may not be the series' last: the closed silence is the whole series' own.
  const closed = page ? page.closedSilence : last?.closedBy ? last : null;
  return {
    level: series.pair.level,
    pair: { a: sideJson(a), b: sideJson(b), href: canonical },
    heldCount: series.heldCount,
    firstContact: series.firstContact && { id: series.firstContact.id, date: series.firstContact.date },
    lastContact: series.lastContact && { id: series.lastContact.id, date: series.lastContact.date },
    gaps: series.gaps.map((gap) => gapJson(gap, sides)),
    longestGap: series.longestGap && gapJson(series.longestGap, sides),
    medianGapDays: series.medianGapDays,
    meanGapDays: series.meanGapDays,
    currentSilenceDays: silence?.days ?? null,
    currentSilence: silence && currentSilenceJson(silence),
    currentSilenceRank: silence && rankJson(silence.rank),
    closedSilence: closed ? gapJson(closed, sides) : null,
    markers,
    today,
    ...(page && {
      page: { limit: page.limit, total: page.total, returned: series.gaps.length, older: page.older },
    }),
  };
}
export type GapSeriesJson = ReturnType<typeof gapSeriesJson>;
