import 'server-only';
import { getDb } from '../db';
import { todayUtc } from '../gaps/dates';
import { queryAllSeries, type SeriesScope } from '../gaps/sql';
import { seriesFromStats } from '../stats/series';
import type { GapContact, GapSeries, PairKey } from '../gaps/types';
import { isoFromDb } from './dates';

/** The gap series of one pair, as every page, the API and exports show it: read from the kept statistics. */
export async function getPairSeries(pair: PairKey, today = todayUtc()): Promise<GapSeries> {
  return seriesFromStats(getDb(), pair, today);
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
    participants: c.participants,
  }));
}

/** The series of every pair in scope, in two queries (see queryAllSeries). */
export async function listSeries(scope: SeriesScope, today = todayUtc()): Promise<GapSeries[]> {
  return queryAllSeries(getDb(), scope, today);
}
