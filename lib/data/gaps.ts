import 'server-only';
import { getDb } from '../db';
import { todayUtc } from '../gaps/dates';
import { makePairKey } from '../gaps/engine';
import { queryAllSeries, querySeries, type SeriesScope } from '../gaps/sql';
import type { GapContact, GapSeries, PairKey, PairLevel } from '../gaps/types';
import { isoFromDb } from './dates';

/** The gap series of one pair, as every page, the API and exports show it. */
export async function getPairSeries(pair: PairKey, today = todayUtc()): Promise<GapSeries> {
  return querySeries(getDb(), pair, today);
}

/** Every pair at a level that has at least one contact, sorted. */
export async function listPairKeys(level: PairLevel): Promise<PairKey[]> {
  const column = { OFFICIAL: 'official_id', OFFICE: 'office_key', COUNTRY: 'country' }[level];
  const rows = await getDb().$queryRawUnsafe<{ x: string; y: string }[]>(
    // `column` comes from the fixed map above, never from input.
    `SELECT DISTINCT p.${column} AS x, q.${column} AS y
       FROM participant p
       JOIN participant q ON q.contact_id = p.contact_id AND p.country < q.country
       JOIN contact c ON c.id = p.contact_id AND c.deleted_at IS NULL
      WHERE p.${column} IS NOT NULL AND q.${column} IS NOT NULL`,
  );
  const keys = new Map<string, PairKey>();
  for (const row of rows) {
    const key = makePairKey(level, row.x, row.y);
    keys.set(`${key.a}~${key.b}`, key);
  }
  return [...keys.values()].sort((p, q) => (p.a + p.b < q.a + q.b ? -1 : 1));
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
