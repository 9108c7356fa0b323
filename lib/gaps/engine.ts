import { daysBetween, periodEnd } from './dates';
import type { LeftOffice } from './office';
import type {
  CurrentSilence,
  Gap,
  GapClosure,
  GapContact,
  GapMarker,
  GapParticipant,
  GapSeries,
  IsoDate,
  PairKey,
  PairLevel,
} from './types';

/** The pair key with its two sides sorted, so A–B and B–A are one pair. */
export function makePairKey(level: PairLevel, x: string, y: string): PairKey {
  return x <= y ? { level, a: x, b: y } : { level, a: y, b: x };
}

/** A string naming a pair uniquely, for maps and cache tags. */
export function pairId(pair: PairKey): string {
  return `${pair.level}~${pair.a}~${pair.b}`;
}

/** The participant that stands for a country's officials met unnamed. */
export function unnamedParticipant(country: string): GapParticipant {
  return { officialId: `unnamed:${country}`, country, officeKey: null, unnamed: true };
}

function sideOf(participant: GapParticipant, level: PairLevel): string | null {
  if (participant.unnamed && level !== 'COUNTRY') return null;
  if (level === 'OFFICIAL') return participant.officialId;
  if (level === 'OFFICE') return participant.officeKey;
  return participant.country;
}

/**
 * The pairs a contact counts for at one level: every two participants from
 * different countries. Participants without a known office form no office pair;
 * officials met unnamed form country pairs with the named participants only.
 */
export function pairKeysOf(participants: GapParticipant[], level: PairLevel): PairKey[] {
  const pairs = new Map<string, PairKey>();
  participants.forEach((first, i) => {
    for (const second of participants.slice(i + 1)) {
      if (first.country === second.country || (first.unnamed && second.unnamed)) continue;
      const x = sideOf(first, level);
      const y = sideOf(second, level);
      if (x === null || y === null) continue;
      const key = makePairKey(level, x, y);
      pairs.set(pairId(key), key);
    }
  });
  return [...pairs.values()];
}

/** The earliest and latest day a contact can have happened on. */
export function contactRange(contact: GapContact): { earliest: IsoDate; latest: IsoDate } {
  const candidates = [contact.date, periodEnd(contact.date, contact.precision), ...contact.claimedDates];
  candidates.sort();
  return { earliest: candidates[0], latest: candidates[candidates.length - 1] };
}

function isDisputed(contact: GapContact): boolean {
  return contact.claimedDates.some((date) => date !== contact.date);
}

function byDateThenId(x: GapContact, y: GapContact): number {
  // Plain code-unit order on ids, as PostgreSQL's "C" collation sorts them in the SQL path.
  if (x.date !== y.date) return x.date < y.date ? -1 : 1;
  return x.id < y.id ? -1 : x.id > y.id ? 1 : 0;
}

/**
 * The gap between two consecutive held contacts. Its range runs from the
 * latest the first can have been to the earliest the second can (never below
 * zero), up to the earliest-first to latest-second span.
 */
export function gapBetween(from: GapContact, to: GapContact, markers: GapMarker[] = []): Gap {
  const fromRange = contactRange(from);
  const toRange = contactRange(to);
  return {
    fromContactId: from.id,
    toContactId: to.id,
    from: from.date,
    to: to.date,
    closedBy: null,
    days: daysBetween(from.date, to.date),
    minDays: Math.max(0, daysBetween(fromRange.latest, toRange.earliest)),
    maxDays: Math.max(0, daysBetween(fromRange.earliest, toRange.latest)),
    approximate: from.precision !== 'DAY' || to.precision !== 'DAY',
    disputed: isDisputed(from) || isDisputed(to),
    markers,
  };
}

function median(sorted: number[]): number | null {
  if (sorted.length === 0) return null;
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Rounds to one decimal place, the precision every surface shows a mean in. */
function roundOne(value: number): number {
  return Math.round(value * 10) / 10;
}

export type SilenceEnd = Pick<Gap, 'approximate' | 'disputed'> & {
  toContactId: string;
  to: IsoDate;
  earliest: IsoDate;
  latest: IsoDate;
};

/** Nobody has left office: the default, and what office and country pairs always get. */
export const NO_ONE_LEFT: LeftOffice = new Map();

/**
 * Whether, and when, a pair's silence since its last held contact closed
 * because one of the two officials left office. Only official pairs close
 * (office and country pairs always run). A side's leaving day counts when it
 * falls on or after the last held contact and on or before today; the earliest
 * such day closes the silence (both sides leaving the same day: side `a`). A
 * leaving day before the last held contact is contradicted by the record — they
 * held a contact after it — so it is passed over, and the silence is never
 * negative. Null: the silence runs.
 */
export function silenceClosure(
  pair: PairKey,
  lastHeld: IsoDate | null,
  leftOffice: LeftOffice,
  today: IsoDate,
): { officialId: string; on: IsoDate } | null {
  if (pair.level !== 'OFFICIAL' || lastHeld === null) return null;
  let closure: { officialId: string; on: IsoDate } | null = null;
  for (const officialId of [pair.a, pair.b]) {
    const on = leftOffice.get(officialId);
    if (on === undefined || on < lastHeld || on > today) continue;
    if (closure === null || on < closure.on) closure = { officialId, on };
  }
  return closure;
}

/** How many of `pastDays` are shorter than `days`, out of how many. */
export function rankAgainst(days: number, pastDays: readonly number[]): { longerThan: number; of: number } {
  return { longerThan: pastDays.filter((d) => d < days).length, of: pastDays.length };
}

/**
 * The silence since the last held contact, closed on the day an official left:
 * the pair's last gap, with no contact at its end. Its range counts from the
 * earliest and latest the last contact can have been to the (exact) leaving day.
 */
export function closedSilence(
  last: SilenceEnd,
  closure: Omit<GapClosure, 'rank'>,
  markers: GapMarker[],
  earlierDays: readonly number[],
): Gap {
  const days = Math.max(0, daysBetween(last.to, closure.on));
  return {
    fromContactId: last.toContactId,
    toContactId: null,
    from: last.to,
    to: closure.on,
    closedBy: { officialId: closure.officialId, on: closure.on, rank: rankAgainst(days, earlierDays) },
    days,
    minDays: Math.max(0, daysBetween(last.latest, closure.on)),
    maxDays: Math.max(0, daysBetween(last.earliest, closure.on)),
    approximate: last.approximate,
    disputed: last.disputed,
    markers,
  };
}

/**
 * The numbers of a series from its gaps: longest, median and mean gap, and the
 * current silence ranked against the past gaps. Both the pure engine and the SQL
 * path end here, so every surface shows the same numbers. When `closure` is set
 * (see `silenceClosure`) the silence since the last contact becomes the series'
 * last gap — counted in the longest, median and mean, ranked against the gaps
 * before it, holding the markers that followed the last contact — and there is
 * no current silence.
 */
export function summarizeSeries(options: {
  pair: PairKey;
  heldCount: number;
  first: { id: string; date: IsoDate } | null;
  last: SilenceEnd | null;
  gaps: Gap[];
  silenceMarkers: GapMarker[];
  leadingMarkers: GapMarker[];
  today: IsoDate;
  closure?: { officialId: string; on: IsoDate } | null;
}): GapSeries {
  const { pair, heldCount, first, last, silenceMarkers, leadingMarkers, today, closure = null } = options;
  const pastDays = options.gaps.map((gap) => gap.days);
  const gaps =
    last !== null && closure !== null
      ? [...options.gaps, closedSilence(last, closure, silenceMarkers, pastDays)]
      : options.gaps;
  const days = gaps.map((gap) => gap.days).sort((x, y) => x - y);
  const longestGap = gaps.reduce<Gap | null>((best, gap) => (best === null || gap.days > best.days ? gap : best), null);

  let currentSilence: CurrentSilence | null = null;
  if (last !== null && closure === null) {
    const silenceDays = Math.max(0, daysBetween(last.to, today));
    currentSilence = {
      since: last.to,
      sinceContactId: last.toContactId,
      days: silenceDays,
      minDays: Math.max(0, daysBetween(last.latest, today)),
      maxDays: Math.max(0, daysBetween(last.earliest, today)),
      approximate: last.approximate,
      disputed: last.disputed,
      markers: silenceMarkers,
      rank: rankAgainst(silenceDays, pastDays),
    };
  }

  return {
    pair,
    heldCount,
    firstContact: first,
    lastContact: last === null ? null : { id: last.toContactId, date: last.to },
    gaps,
    longestGap,
    medianGapDays: median(days),
    meanGapDays: days.length === 0 ? null : roundOne(days.reduce((sum, d) => sum + d, 0) / days.length),
    currentSilence,
    leadingMarkers,
  };
}

/** The index of the first sorted date on or after `date`, or -1; a binary search, as pairs can hold thousands. */
function firstOnOrAfter(sorted: IsoDate[], date: IsoDate): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (sorted[middle] < date) low = middle + 1;
    else high = middle;
  }
  return low === sorted.length ? -1 : low;
}

/** What a marker is made from: a non-held contact's identity, date, status and type. */
export type MarkerSource = Pick<GapContact, 'id' | 'date' | 'status' | 'type'>;

/**
 * Places each non-held contact in the gap it falls in, given the sorted dates of
 * the held contacts. A marker belongs to the gap (from, to]: a request made on
 * the day of the call that answered it sits in the silence that call ended.
 */
export function assignMarkers(heldDates: IsoDate[], others: MarkerSource[]) {
  const leading: GapMarker[] = [];
  const inGap: GapMarker[][] = heldDates.slice(1).map(() => []);
  const afterLast: GapMarker[] = [];
  for (const contact of others) {
    if (contact.status === 'HELD') throw new Error('A held contact is not a marker');
    const marker: GapMarker = { contactId: contact.id, date: contact.date, status: contact.status, type: contact.type };
    const closing = firstOnOrAfter(heldDates, contact.date);
    if (heldDates.length === 0 || closing === 0) leading.push(marker);
    else if (closing === -1) afterLast.push(marker);
    else inGap[closing - 1].push(marker);
  }
  return { leading, inGap, afterLast };
}

/**
 * The full gap series of one pair, from every contact it may concern. At the
 * official level, `leftOffice` gives the day each official who has left office
 * left it (`leftOfficeMap`; officials not in it count as in office), and the
 * silence since the last contact closes on the first of the two departures
 * (`silenceClosure`). Other levels ignore it.
 */
export function computeSeries(
  contacts: GapContact[],
  pair: PairKey,
  today: IsoDate,
  leftOffice: LeftOffice = NO_ONE_LEFT,
): GapSeries {
  const id = pairId(pair);
  const relevant = contacts
    .filter((contact) => pairKeysOf(contact.participants, pair.level).some((key) => pairId(key) === id))
    .sort(byDateThenId);
  const held = relevant.filter((contact) => contact.status === 'HELD');
  const others = relevant.filter((contact) => contact.status !== 'HELD');
  const markers = assignMarkers(
    held.map((contact) => contact.date),
    others,
  );
  const gaps = held.slice(1).map((to, i) => gapBetween(held[i], to, markers.inGap[i]));

  const lastHeld = held.at(-1);
  const last: SilenceEnd | null =
    lastHeld === undefined
      ? null
      : {
          toContactId: lastHeld.id,
          to: lastHeld.date,
          approximate: lastHeld.precision !== 'DAY',
          disputed: isDisputed(lastHeld),
          ...contactRange(lastHeld),
        };

  return summarizeSeries({
    pair,
    heldCount: held.length,
    first: held.length === 0 ? null : { id: held[0].id, date: held[0].date },
    last,
    gaps,
    silenceMarkers: markers.afterLast,
    leadingMarkers: markers.leading,
    today,
    closure: silenceClosure(pair, last?.to ?? null, leftOffice, today),
  });
}

/** Every pair at one level that the contacts form, each with its series (`leftOffice` as in computeSeries). */
export function computeAllSeries(
  contacts: GapContact[],
  level: PairLevel,
  today: IsoDate,
  leftOffice: LeftOffice = NO_ONE_LEFT,
): GapSeries[] {
  const pairs = new Map<string, PairKey>();
  for (const contact of contacts) {
    for (const key of pairKeysOf(contact.participants, level)) pairs.set(pairId(key), key);
  }
  return [...pairs.values()].map((pair) => computeSeries(contacts, pair, today, leftOffice));
}
