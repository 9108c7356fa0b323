import { Prisma, type PrismaClient } from '../generated/prisma/client';
import { assignMarkers, summarizeSeries, type MarkerSource } from './engine';
import type { ContactStatus, ContactType, Gap, GapSeries, IsoDate, PairKey, PairLevel } from './types';

/** The participant column that identifies a side of a pair at each level. */
const SIDE_COLUMN: Record<PairLevel, Prisma.Sql> = {
  OFFICIAL: Prisma.raw('official_id'),
  OFFICE: Prisma.raw('office_key'),
  COUNTRY: Prisma.raw('country'),
};

type HeldRow = {
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

type OtherRow = { id: string; date: IsoDate; status: ContactStatus; type: ContactType };

/** The contacts of a pair: two participants on the pair's sides, from different countries. */
function pairContactsCte(pair: PairKey): Prisma.Sql {
  const column = SIDE_COLUMN[pair.level];
  return Prisma.sql`
    pair_contact AS (
      SELECT DISTINCT c.id, c.date, c.date_precision, c.status, c.type
      FROM participant p
      JOIN participant q ON q.contact_id = p.contact_id AND q.country <> p.country
      JOIN contact c ON c.id = p.contact_id
      WHERE p.${column} = ${pair.a} AND q.${column} = ${pair.b} AND c.deleted_at IS NULL
    )`;
}

/**
 * The held contacts of a pair with the gap before each, computed in PostgreSQL
 * with window functions: the same rules as `gapBetween`, which the tests check
 * row for row.
 */
async function fetchHeldRows(db: PrismaClient, pair: PairKey): Promise<HeldRow[]> {
  return db.$queryRaw<HeldRow[]>`
    WITH ${pairContactsCte(pair)},
    claims AS (
      SELECT s.contact_id, min(s.claimed_date) AS min_claim, max(s.claimed_date) AS max_claim,
             bool_or(s.claimed_date <> pc.date) AS disputed
      FROM source s JOIN pair_contact pc ON pc.id = s.contact_id
      WHERE s.claimed_date IS NOT NULL
      GROUP BY s.contact_id
    ),
    held AS (
      SELECT pc.id, pc.date,
             pc.date_precision <> 'DAY' AS approximate,
             coalesce(cl.disputed, false) AS disputed,
             least(pc.date, cl.min_claim) AS earliest,
             greatest(
               CASE pc.date_precision
                 WHEN 'DAY' THEN pc.date
                 WHEN 'MONTH' THEN (date_trunc('month', pc.date) + interval '1 month - 1 day')::date
                 ELSE (date_trunc('year', pc.date) + interval '1 year - 1 day')::date
               END,
               cl.max_claim) AS latest
      FROM pair_contact pc LEFT JOIN claims cl ON cl.contact_id = pc.id
      WHERE pc.status = 'HELD'
    ),
    ordered AS (
      SELECT h.*,
             lag(h.id) OVER w AS prev_id, lag(h.date) OVER w AS prev_date,
             lag(h.earliest) OVER w AS prev_earliest, lag(h.latest) OVER w AS prev_latest,
             lag(h.approximate) OVER w AS prev_approximate, lag(h.disputed) OVER w AS prev_disputed
      FROM held h
      WINDOW w AS (ORDER BY h.date, h.id COLLATE "C")
    )
    SELECT id,
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
    ORDER BY date, id COLLATE "C"`;
}

async function fetchOtherRows(db: PrismaClient, pair: PairKey): Promise<OtherRow[]> {
  return db.$queryRaw<OtherRow[]>`
    WITH ${pairContactsCte(pair)}
    SELECT id, to_char(date, 'YYYY-MM-DD') AS date, status::text AS status, type::text AS type
    FROM pair_contact
    WHERE status <> 'HELD'
    ORDER BY date, id COLLATE "C"`;
}

/** Builds a series from the database's rows; the numbers come from the shared summary. */
export function seriesFromRows(pair: PairKey, held: HeldRow[], others: MarkerSource[], today: IsoDate): GapSeries {
  const markers = assignMarkers(
    held.map((row) => row.date),
    others,
  );
  const gaps: Gap[] = held.slice(1).map((row, i) => ({
    fromContactId: row.prevId as string,
    toContactId: row.id,
    from: row.prevDate as IsoDate,
    to: row.date,
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
  });
}

/** The gap series of one pair, computed in PostgreSQL without loading the pair's contacts. */
export async function querySeries(db: PrismaClient, pair: PairKey, today: IsoDate): Promise<GapSeries> {
  const [held, others] = await Promise.all([fetchHeldRows(db, pair), fetchOtherRows(db, pair)]);
  return seriesFromRows(pair, held, others, today);
}
