import { Prisma, type PrismaClient } from '../generated/prisma/client';
import { assignMarkers, NO_ONE_LEFT, silenceClosure, summarizeSeries, type MarkerSource } from './engine';
import { leftOfficeMap, type LeftOffice } from './office';
import type { ContactStatus, ContactType, Gap, GapSeries, IsoDate, PairKey, PairLevel } from './types';

/** The participant column that identifies a side of a pair at each level. */
const SIDE_COLUMN: Record<PairLevel, Prisma.Sql> = {
  OFFICIAL: Prisma.raw('official_id'),
  OFFICE: Prisma.raw('office_key'),
  COUNTRY: Prisma.raw('country'),
};

type PairColumns = { a: string; b: string };

export type HeldRow = PairColumns & {
  id: string;
  date: IsoDate;
  earliest: IsoDate;
  latest: IsoDate;
  approximate: boolean;
  disputed: boolean;
  prevId: string | null;
  prevDate: IsoDate | null;
  days: number | null;
  minDays: number | null;
  maxDays: number | null;
  gapApproximate: boolean | null;
  gapDisputed: boolean | null;
};

type OtherRow = PairColumns & { id: string; date: IsoDate; status: ContactStatus; type: ContactType };

/**
 * The last day of a contact's dated period, as `periodEnd` computes it: the date itself, or the end
 * of its month or year. `alias` is the table alias whose `date` and `date_precision` it reads.
 */
export function periodEndSql(alias: string): Prisma.Sql {
  const date = Prisma.raw(`${alias}.date`);
  return Prisma.sql`CASE ${Prisma.raw(`${alias}.date_precision`)}
      WHEN 'DAY' THEN ${date}
      WHEN 'MONTH' THEN (date_trunc('month', ${date}) + interval '1 month - 1 day')::date
      ELSE (date_trunc('year', ${date}) + interval '1 year - 1 day')::date
    END`;
}

/** Which pairs a query covers: one pair, every pair with one side, or every pair of a level. */
export type SeriesScope = { level: PairLevel } & ({ pair: PairKey } | { side: string } | { all: true }) & {
    /** The record as it stood on this day: contacts dated after it, or logged (created) after it, left out. */
    asOf?: IsoDate;
  };

/** The contacts (alias `c`) a permalink of `asOf` shows: dated on or before it and logged by its end (UTC). */
export function asOfSql(asOf: IsoDate | undefined, alias = 'c'): Prisma.Sql {
  if (asOf === undefined) return Prisma.empty;
  const c = Prisma.raw(alias);
  return Prisma.sql` AND ${c}.date <= ${asOf}::date
    AND ${c}.created_at < ((${asOf}::date + 1)::timestamp AT TIME ZONE 'UTC')`;
}

/**
 * The contacts of the pairs in scope, one row per pair and contact: two
 * participants from different countries, the pair's sides sorted in "C"
 * collation as `makePairKey` sorts them in JavaScript.
 */
function pairContactsCte(scope: SeriesScope): Prisma.Sql {
  const column = SIDE_COLUMN[scope.level];
  const filter =
    'pair' in scope
      ? Prisma.sql`p.${column} = ${scope.pair.a} AND q.${column} = ${scope.pair.b}`
      : 'side' in scope
        ? Prisma.sql`(p.${column} = ${scope.side} OR q.${column} = ${scope.side})`
        : Prisma.sql`TRUE`;
  // For one pair p is side a and q side b; otherwise each unordered pair of
  // participants is taken once by ordering their countries.
  const order = 'pair' in scope ? Prisma.sql`q.country <> p.country` : Prisma.sql`q.country > p.country`;
  return Prisma.sql`
    pair_contact AS (
      SELECT DISTINCT
             least(p.${column} COLLATE "C", q.${column} COLLATE "C") AS a,
             greatest(p.${column} COLLATE "C", q.${column} COLLATE "C") AS b,
             c.id, c.date, c.date_precision, c.status, c.type
      FROM participant p
      JOIN participant q ON q.contact_id = p.contact_id AND ${order}
      JOIN contact c ON c.id = p.contact_id
      WHERE ${filter} AND p.${column} IS NOT NULL AND q.${column} IS NOT NULL AND c.deleted_at IS NULL${asOfSql(scope.asOf)}
    )`;
}

/**
 * The held contacts of a pair with the gap before each, computed in PostgreSQL
 * with window functions: the same rules as `gapBetween`, which the tests check
 * row for row.
 */
async function fetchHeldRows(db: PrismaClient, scope: SeriesScope): Promise<HeldRow[]> {
  return db.$queryRaw<HeldRow[]>`
    WITH ${pairContactsCte(scope)},
    -- Materialised so it is computed once: planned inline, PostgreSQL may re-run it
    -- for every held contact (it expects almost no claims), which turns quadratic.
    claims AS MATERIALIZED (
      SELECT pc.id AS contact_id, min(s.claimed_date) AS min_claim, max(s.claimed_date) AS max_claim,
             bool_or(s.claimed_date <> pc.date) AS disputed
      FROM (SELECT DISTINCT id, date FROM pair_contact) pc
      JOIN source s ON s.contact_id = pc.id AND s.claimed_date IS NOT NULL
      GROUP BY pc.id
    ),
    held AS (
      SELECT pc.a, pc.b, pc.id, pc.date,
             pc.date_precision <> 'DAY' AS approximate,
             coalesce(cl.disputed, false) AS disputed,
             least(pc.date, cl.min_claim) AS earliest,
             greatest(${periodEndSql('pc')}, cl.max_claim) AS latest
      FROM pair_contact pc LEFT JOIN claims cl ON cl.contact_id = pc.id
      WHERE pc.status = 'HELD'
    ),
    ordered AS (
      SELECT h.*,
             lag(h.id) OVER w AS prev_id, lag(h.date) OVER w AS prev_date,
             lag(h.earliest) OVER w AS prev_earliest, lag(h.latest) OVER w AS prev_latest,
             lag(h.approximate) OVER w AS prev_approximate, lag(h.disputed) OVER w AS prev_disputed
      FROM held h
      WINDOW w AS (PARTITION BY h.a, h.b ORDER BY h.date, h.id COLLATE "C")
    )
    SELECT a, b, id,
           to_char(date, 'YYYY-MM-DD') AS date,
           to_char(earliest, 'YYYY-MM-DD') AS earliest,
           to_char(latest, 'YYYY-MM-DD') AS latest,
           approximate, disputed,
           prev_id AS "prevId",
           to_char(prev_date, 'YYYY-MM-DD') AS "prevDate",
           (date - prev_date)::int AS days,
           greatest(0, earliest - prev_latest)::int AS "minDays",
           greatest(0, latest - prev_earliest)::int AS "maxDays",
           (approximate OR prev_approximate) AS "gapApproximate",
           (disputed OR prev_disputed) AS "gapDisputed"
    FROM ordered
    ORDER BY a, b, date, id COLLATE "C"`;
}

async function fetchOtherRows(db: PrismaClient, scope: SeriesScope): Promise<OtherRow[]> {
  return db.$queryRaw<OtherRow[]>`
    WITH ${pairContactsCte(scope)}
    SELECT a, b, id, to_char(date, 'YYYY-MM-DD') AS date, status::text AS status, type::text AS type
    FROM pair_contact
    WHERE status <> 'HELD'
    ORDER BY a, b, date, id COLLATE "C"`;
}

type PositionRow = { officialId: string; startDate: IsoDate; endDate: IsoDate | null };

/**
 * The days the officials of the pairs in scope left office (official level
 * only; other levels never close a silence): their tenures read in one query and
 * judged by the same `leftOfficeOn` as the pure engine's callers use.
 */
export async function fetchLeftOffice(
  db: Pick<PrismaClient, '$queryRaw'>,
  scope: SeriesScope,
  today: IsoDate,
): Promise<LeftOffice> {
  if (scope.level !== 'OFFICIAL') return NO_ONE_LEFT;
  const filter =
    'pair' in scope
      ? Prisma.sql`official_id IN (${scope.pair.a}, ${scope.pair.b})`
      : 'side' in scope
        ? Prisma.sql`official_id IN (
            SELECT q.official_id FROM participant p JOIN participant q ON q.contact_id = p.contact_id
            WHERE p.official_id = ${scope.side})`
        : Prisma.sql`TRUE`;
  const rows = await db.$queryRaw<PositionRow[]>`
    SELECT official_id AS "officialId",
           to_char(start_date, 'YYYY-MM-DD') AS "startDate",
           to_char(end_date, 'YYYY-MM-DD') AS "endDate"
    FROM position
    WHERE ${filter}`;
  return leftOfficeMap(rows, today);
}

/** Builds a series from the database's rows; the numbers come from the shared summary. */
export function seriesFromRows(
  pair: PairKey,
  held: HeldRow[],
  others: MarkerSource[],
  today: IsoDate,
  leftOffice: LeftOffice = NO_ONE_LEFT,
): GapSeries {
  const markers = assignMarkers(
    held.map((row) => row.date),
    others,
  );
  const gaps: Gap[] = held.slice(1).map((row, i) => ({
    fromContactId: row.prevId as string,
    toContactId: row.id,
    from: row.prevDate as IsoDate,
    to: row.date,
    closedBy: null,
    days: row.days as number,
    minDays: row.minDays as number,
    maxDays: row.maxDays as number,
    approximate: row.gapApproximate as boolean,
    disputed: row.gapDisputed as boolean,
    markers: markers.inGap[i],
  }));
  const last = held.at(-1);
  return summarizeSeries({
    pair,
    heldCount: held.length,
    first: held.length === 0 ? null : { id: held[0].id, date: held[0].date },
    last:
      last === undefined
        ? null
        : {
            toContactId: last.id,
            to: last.date,
            approximate: last.approximate,
            disputed: last.disputed,
            earliest: last.earliest,
            latest: last.latest,
          },
    gaps,
    silenceMarkers: markers.afterLast,
    leadingMarkers: markers.leading,
    today,
    closure: silenceClosure(pair, last?.date ?? null, leftOffice, today),
  });
}

/**
 * The gap series of one pair, computed in PostgreSQL without loading the pair's
 * contacts; at the official level the two officials' tenures are read too, to
 * close the silence of a pair one of whom has left office.
 */
export async function querySeries(db: PrismaClient, pair: PairKey, today: IsoDate, asOf?: IsoDate): Promise<GapSeries> {
  const scope = { level: pair.level, pair, asOf };
  const [held, others, leftOffice] = await Promise.all([
    fetchHeldRows(db, scope),
    fetchOtherRows(db, scope),
    fetchLeftOffice(db, scope, today),
  ]);
  return seriesFromRows(pair, held, others, today, leftOffice);
}

/**
 * The series of every pair in scope (a level, or every pair with one side) in
 * two queries (three at the official level, with the tenures), however many
 * pairs there are: no query per pair.
 */
export async function queryAllSeries(db: PrismaClient, scope: SeriesScope, today: IsoDate): Promise<GapSeries[]> {
  const [held, others, leftOffice] = await Promise.all([
    fetchHeldRows(db, scope),
    fetchOtherRows(db, scope),
    fetchLeftOffice(db, scope, today),
  ]);
  const byPair = new Map<string, { held: HeldRow[]; others: OtherRow[] }>();
  const entry = (row: PairColumns) => {
    const id = `${row.a}~${row.b}`;
    if (!byPair.has(id)) byPair.set(id, { held: [], others: [] });
    return byPair.get(id)!;
  };
  held.forEach((row) => entry(row).held.push(row));
  others.forEach((row) => entry(row).others.push(row));
  return [...byPair.entries()].map(([id, rows]) => {
    const [a, b] = id.split('~');
    return seriesFromRows({ level: scope.level, a, b }, rows.held, rows.others, today, leftOffice);
  });
}
