import 'server-only';
import { getDb } from '../db';
import { daysBetween, todayUtc } from '../gaps/dates';
import { closedSilence, silenceClosure, unnamedParticipant } from '../gaps/engine';
import { leftOfficeMap } from '../gaps/office';
import { gapWithin, holdsFirstGap, olderCursor, pageOfSeries, type GapPage } from '../gaps/series-page';
import { fetchLeftOffice, queryAllSeries, type SeriesScope } from '../gaps/sql';
import type { Cursor } from '../paging';
import { getPairSummary } from '../stats/lists';
import { closingFigures, gapsEndedBy, gapsThrough, markersAfter, markersUntil } from '../stats/pair-reads';
import { seriesFromStats } from '../stats/series';
import type { Gap, GapContact, GapMarker, GapSeries, IsoDate, PairKey } from '../gaps/types';
import { isoFromDb } from './dates';

/** The gap series of one pair, as every page, the API and exports show it: read from the kept statistics. */
export async function getPairSeries(pair: PairKey, today = todayUtc()): Promise<GapSeries> {
  return seriesFromStats(getDb(), pair, today);
}

/**
 * One page of a pair's gaps (see lib/gaps/series-page.ts): the latest `limit`
 * on or before `before`, with every number of the whole series. A pair with
 * fewer gaps than `limit`, asked for its latest page, is read whole, as
 * getPairSeries reads it; a longer one (or an older page) takes its numbers
 * from `pair_stat` and its gaps from one keyset range of `pair_contact`, so the
 * answer costs the same for 20 gaps and for 250,000.
 */
export async function getPairGapPage(
  pair: PairKey,
  { before, limit }: { before: Cursor | null; limit: number },
  today = todayUtc(),
): Promise<GapPage> {
  const db = getDb();
  const [stat] = await db.$queryRaw<{ gapCount: number }[]>`
    SELECT gap_count AS "gapCount" FROM pair_stat
    WHERE level = ${pair.level}::"PairLevel" AND a = ${pair.a} AND b = ${pair.b}`;
  const summary = stat && (before !== null || stat.gapCount >= limit) ? await getPairSummary(db, pair, today) : null;
  // Short enough to read whole (or no contacts at all): the page is cut from the series in memory.
  if (!summary) return pageOfSeries(await getPairSeries(pair, today), before, limit);
  const last = summary.lastContact;
  const longestId = summary.longestGap?.toContactId ?? null;
  const [silenceMarkers, [longest]] = await Promise.all([
    last ? markersAfter(db, pair, last.date) : Promise.resolve([]),
    longestId ? gapsEndedBy(db, pair, [longestId]) : Promise.resolve([]),
  ]);
  const series: GapSeries = {
    ...summary,
    longestGap: longest ?? summary.longestGap,
    currentSilence: summary.currentSilence && { ...summary.currentSilence, markers: silenceMarkers },
  };
  const closing =
    summary.currentSilence === null && last !== null
      ? await closeOnDeparture(series, last, silenceMarkers, today)
      : null;
  const total = stat.gapCount + (closing ? 1 : 0);
  const closingShown = closing !== null && gapWithin(closing, before);
  const size = limit - (closingShown ? 1 : 0);
  const held = size > 0 ? await gapsThrough(db, pair, before, size) : { gaps: [], more: stat.gapCount > 0 };
  const gaps = closingShown ? [...held.gaps, closing] : held.gaps;
  const older = held.more ? olderCursor(gaps[0]) : null;
  const leading = holdsFirstGap(gaps, older, total)
    ? await markersUntil(db, pair, summary.firstContact?.date ?? null)
    : [];
  return {
    series: { ...series, gaps, leadingMarkers: leading },
    total,
    older,
    newest: before === null,
    closedSilence: closing,
  };
}

/**
 * The silence of an official pair read from its statistics that no longer
 * runs: the silence closed when one of them left office, as the engine makes it
 * (lib/gaps/engine.ts), with the series' longest, median and mean gap counted
 * again with it. Null when neither has left office. The caller adds it as the
 * series' last gap.
 */
export async function closeOnDeparture(
  series: GapSeries,
  last: { id: string; date: IsoDate },
  markers: GapMarker[],
  today: IsoDate,
): Promise<Gap | null> {
  const db = getDb();
  const leftOffice = await fetchLeftOffice(db, { level: series.pair.level, pair: series.pair }, today);
  const closure = silenceClosure(series.pair, last.date, leftOffice, today);
  if (closure === null) return null;
  const days = Math.max(0, daysBetween(last.date, closure.on));
  const figures = await closingFigures(db, series.pair, last.id, days);
  const closing = closedSilence({ toContactId: last.id, to: last.date, ...figures }, closure, markers, []);
  closing.closedBy = { ...closure, rank: { longerThan: figures.shorter, of: figures.gapCount } };
  if (series.longestGap === null || closing.days > series.longestGap.days) series.longestGap = closing;
  series.medianGapDays = figures.median;
  series.meanGapDays = Math.round(((figures.gapSum + days) / (figures.gapCount + 1)) * 10) / 10;
  return closing;
}

/**
 * Every live contact in the shape the pure gap engine reads. For tests and
 * checks on small data: pages use the SQL path, which loads no contacts.
 */
export async function loadGapContacts(): Promise<GapContact[]> {
  const contacts = await getDb().contact.findMany({
    where: { deletedAt: null },
    select: {
      id: true,
      date: true,
      datePrecision: true,
      status: true,
      type: true,
      unnamedCountries: true,
      participants: { select: { officialId: true, country: true, officeKey: true } },
      sources: { where: { claimedDate: { not: null } }, select: { claimedDate: true } },
    },
  });
  return contacts.map((c) => ({
    id: c.id,
    date: isoFromDb(c.date),
    precision: c.datePrecision,
    status: c.status,
    type: c.type,
    claimedDates: c.sources.map((s) => isoFromDb(s.claimedDate as Date)),
    participants: [...c.participants, ...c.unnamedCountries.map(unnamedParticipant)],
  }));
}

/**
 * The day each official who has left office left it (see `leftOfficeOn`), for
 * the pure engine's `computeSeries`. For tests and checks: the SQL path reads
 * only the tenures of the officials it needs.
 */
export async function loadLeftOffice(today = todayUtc()): Promise<Map<string, string>> {
  const positions = await getDb().position.findMany({
    select: { officialId: true, startDate: true, endDate: true },
  });
  return leftOfficeMap(
    positions.map((p) => ({
      officialId: p.officialId,
      startDate: isoFromDb(p.startDate),
      endDate: p.endDate === null ? null : isoFromDb(p.endDate),
    })),
    today,
  );
}

/** The series of every pair in scope, in two or three queries (see queryAllSeries). */
export async function listSeries(scope: SeriesScope, today = todayUtc()): Promise<GapSeries[]> {
  return queryAllSeries(getDb(), scope, today);
}
