/**
 * What a pair page reads besides its series, from `pair_contact`, each in one
 * indexed query whatever the pair's size: a keyset page of its contacts, a
 * few facts about all of them, and the finer pairs inside an office or
 * country pair.
 */
import { Prisma, type PrismaClient } from '../generated/prisma/client';
import type { ContactType, Gap, GapMarker, IsoDate, PairKey } from '../gaps/types';
import type { Cursor } from '../paging';
import { asOfSql } from '../gaps/sql';

type Db = Pick<PrismaClient, '$queryRaw'>;

const cursorText = (row: Cursor) => `${row.date}~${row.id}`;

/** The `pair_contact` rows a permalink of `asOf` shows (see asOfSql); nothing without one. */
function visibleAsOf(asOf: IsoDate | undefined): Prisma.Sql {
  if (asOf === undefined) return Prisma.empty;
  return Prisma.sql` AND date <= ${asOf}::date
    AND EXISTS (SELECT 1 FROM contact c WHERE c.id = pair_contact.contact_id${asOfSql(asOf)})`;
}

/** A page of a pair's contacts, ordered by (date, id) and counted back from the latest, as lib/paging's pageBefore. */
export type TimelinePage = {
  ids: string[];
  from: number;
  to: number;
  total: number;
  older: string | null;
  newer: string | null;
  nextDate: IsoDate | null;
};

/**
 * The `size` contacts of the pair just before `cursor` (the latest without
 * one), with the cursors of the older and newer pages: three index range
 * scans, never the whole history.
 */
export async function pairTimelinePage(
  db: Db,
  pair: PairKey,
  cursor: Cursor | null,
  size: number,
  asOf?: IsoDate,
): Promise<TimelinePage> {
  const visible = visibleAsOf(asOf);
  const at = cursor ?? { date: '9999-12-31', id: '\uffff' };
  const [page, [{ before, total }], after] = await Promise.all([
    db.$queryRaw<Cursor[]>`
      SELECT to_char(date, 'YYYY-MM-DD') AS date, contact_id AS id FROM pair_contact
      WHERE level = ${pair.level}::"PairLevel" AND a = ${pair.a} AND b = ${pair.b}
        AND (date, contact_id COLLATE "C") < (${at.date}::date, ${at.id} COLLATE "C")${visible}
      ORDER BY date DESC, contact_id COLLATE "C" DESC LIMIT ${size}`,
    db.$queryRaw<{ before: number; total: number }[]>`
      SELECT (count(*) FILTER (WHERE (date, contact_id COLLATE "C") < (${at.date}::date, ${at.id} COLLATE "C")))::int AS before,
             count(*)::int AS total
      FROM pair_contact WHERE level = ${pair.level}::"PairLevel" AND a = ${pair.a} AND b = ${pair.b}${visible}`,
    cursor === null
      ? Promise.resolve([] as Cursor[])
      : db.$queryRaw<(Cursor & { n: number })[]>`
          SELECT to_char(date, 'YYYY-MM-DD') AS date, contact_id AS id,
                 (row_number() OVER (ORDER BY date, contact_id COLLATE "C"))::int AS n
          FROM (SELECT date, contact_id FROM pair_contact
                WHERE level = ${pair.level}::"PairLevel" AND a = ${pair.a} AND b = ${pair.b}
                  AND (date, contact_id COLLATE "C") >= (${at.date}::date, ${at.id} COLLATE "C")${visible}
                ORDER BY date, contact_id COLLATE "C" LIMIT ${size + 1}) s`,
  ]);
  const items = [...page].reverse();
  const end = before;
  const start = end - items.length;
  const newer = cursor === null ? null : after.length > size ? cursorText(after[size]) : '';
  return {
    ids: items.map((item) => item.id),
    from: start + 1,
    to: end,
    total,
    older: start > 0 && items.length > 0 ? cursorText(items[0]) : null,
    newer,
    nextDate: after[0]?.date ?? null,
  };
}

/** Facts about all of a pair's contacts that its page states. */
export type PairFacts = {
  contactCount: number;
  gapCount: number;
  markerCount: number;
  firstDate: IsoDate | null;
  heldTypes: ContactType[];
};

export async function pairFacts(db: Db, pair: PairKey, asOf?: IsoDate): Promise<PairFacts> {
  const [row] = await db.$queryRaw<PairFacts[]>`
    SELECT count(*)::int AS "contactCount", count(gap_days)::int AS "gapCount", (count(*) FILTER (WHERE status <> 'HELD'))::int AS "markerCount",
           to_char(min(date), 'YYYY-MM-DD') AS "firstDate",
           coalesce(array_agg(DISTINCT type::text) FILTER (WHERE status = 'HELD'), '{}') AS "heldTypes"
    FROM pair_contact WHERE level = ${pair.level}::"PairLevel" AND a = ${pair.a} AND b = ${pair.b}${visibleAsOf(asOf)}`;
  return row;
}

/**
 * A finer pair inside an office or country pair: `x` on the pair's side `a`
 * (sorted key), `y` on side `b`, with its number of contacts and the latest.
 */
export type InnerPairRow = { x: string; y: string; contacts: number; last: IsoDate };

const INNER = { OFFICIAL: Prisma.raw('official_id'), OFFICE: Prisma.raw('office_key') } as const;

/**
 * The finer pairs at `target` level inside an office or country pair: the
 * participants of its contacts on each side, the most recent first (200 at most).
 *
 * Inside a country pair they are read from `pair_stat`: the official and office pairs whose two
 * countries are the pair's (a participant's country is always its official's, and its office's),
 * with the date of each one's latest contact of any status from the pair's own rows. At 1,000,000
 * contacts this is 4,000 index lookups for the busiest country pair instead of joining its 50,000
 * contacts to their participants twice (1.5 s). Inside an office pair the join stays: which office an
 * official held is a property of each contact, not of the official pair.
 */
export async function innerPairs(db: Db, pair: PairKey, target: 'OFFICIAL' | 'OFFICE'): Promise<InnerPairRow[]> {
  if (pair.level === 'OFFICIAL') return [];
  if (pair.level === 'COUNTRY') {
    const onSideA = Prisma.sql`s.country_a = ${pair.a}`;
    return db.$queryRaw<InnerPairRow[]>`
      SELECT CASE WHEN ${onSideA} THEN s.a ELSE s.b END AS x, CASE WHEN ${onSideA} THEN s.b ELSE s.a END AS y,
             s.contact_count AS contacts, to_char(l.date, 'YYYY-MM-DD') AS last
      FROM pair_stat s
      CROSS JOIN LATERAL (
        SELECT c.date FROM pair_contact c WHERE c.level = s.level AND c.a = s.a AND c.b = s.b
        ORDER BY c.date DESC LIMIT 1) l
      WHERE s.level = ${target}::"PairLevel"
        AND ((s.country_a = ${pair.a} AND s.country_b = ${pair.b}) OR (s.country_a = ${pair.b} AND s.country_b = ${pair.a}))
      ORDER BY l.date DESC, x, y
      LIMIT 200`;
  }
  const inner = INNER[target];
  return db.$queryRaw<InnerPairRow[]>`
    SELECT px.${inner} AS x, py.${inner} AS y, count(DISTINCT o.contact_id)::int AS contacts,
           to_char(max(o.date), 'YYYY-MM-DD') AS last
    FROM pair_contact o
    JOIN participant px ON px.contact_id = o.contact_id AND px.office_key = o.a
    JOIN participant py ON py.contact_id = o.contact_id AND py.office_key = o.b
    WHERE o.level = ${pair.level}::"PairLevel" AND o.a = ${pair.a} AND o.b = ${pair.b}
      AND px.${inner} IS NOT NULL AND py.${inner} IS NOT NULL
    GROUP BY px.${inner}, py.${inner}
    ORDER BY max(o.date) DESC, px.${inner}, py.${inner}
    LIMIT 200`;
}

/** A held row's gap as the queries below select it (GAP_ROW). */
export type GapRow = {
  fromId: string;
  toId: string;
  from: IsoDate;
  to: IsoDate;
  days: number;
  minDays: number;
  maxDays: number;
  approximate: boolean;
  disputed: boolean;
};

const GAP_ROW = Prisma.sql`
  prev_contact_id AS "fromId", contact_id AS "toId", to_char(prev_date, 'YYYY-MM-DD') AS "from",
  to_char(date, 'YYYY-MM-DD') AS "to", gap_days AS days, gap_min_days AS "minDays", gap_max_days AS "maxDays",
  gap_approximate AS approximate, gap_disputed AS disputed`;

/** A selected gap row as the engine's Gap (no markers; not a closed silence). */
export function toGap(row: GapRow): Gap {
  return {
    fromContactId: row.fromId,
    toContactId: row.toId,
    from: row.from,
    to: row.to,
    closedBy: null,
    days: row.days,
    minDays: row.minDays,
    maxDays: row.maxDays,
    approximate: row.approximate,
    disputed: row.disputed,
    markers: [],
  };
}

/**
 * A long history's chart, drawn by PostgreSQL: the pair's gaps in order, cut
 * into runs of `perBar`, and the longest of each run (the earliest of equals,
 * as the engine picks the longest gap). Returns at most gaps / perBar rows.
 */
export async function chartBarGaps(db: Db, pair: PairKey, perBar: number): Promise<Gap[]> {
  const rows = await db.$queryRaw<GapRow[]>`
    SELECT ${GAP_ROW} FROM (
      SELECT DISTINCT ON (bucket) *
      FROM (SELECT g.*, (row_number() OVER (ORDER BY date, contact_id COLLATE "C") - 1) / ${perBar} AS bucket
            FROM pair_contact g
            WHERE level = ${pair.level}::"PairLevel" AND a = ${pair.a} AND b = ${pair.b} AND gap_days IS NOT NULL) s
      ORDER BY bucket, gap_days DESC, date, contact_id COLLATE "C"
    ) longest
    ORDER BY date, contact_id COLLATE "C"`;
  return rows.map(toGap);
}

/** The gaps that the given held contacts ended, with the markers inside each: a timeline page's or the latest ones'. */
export async function gapsEndedBy(db: Db, pair: PairKey, contactIds: string[]): Promise<Gap[]> {
  if (contactIds.length === 0) return [];
  const rows = await db.$queryRaw<GapRow[]>`
    SELECT ${GAP_ROW} FROM pair_contact
    WHERE level = ${pair.level}::"PairLevel" AND a = ${pair.a} AND b = ${pair.b}
      AND contact_id = ANY(${contactIds}::text[]) AND gap_days IS NOT NULL
    ORDER BY date, contact_id COLLATE "C"`;
  return withMarkers(db, pair, rows.map(toGap));
}

/**
 * The latest `size` gaps of the pair that ended on or before the held contact
 * `through` (the latest of all without it), oldest first, with their markers;
 * `more` when older gaps remain. One backward index range scan, as the
 * timeline's pages.
 */
export async function gapsThrough(
  db: Db,
  pair: PairKey,
  through: Cursor | null,
  size: number,
): Promise<{ gaps: Gap[]; more: boolean }> {
  const at = through ?? { date: '9999-12-31', id: '\uffff' };
  const rows = await db.$queryRaw<GapRow[]>`
    SELECT ${GAP_ROW} FROM pair_contact
    WHERE level = ${pair.level}::"PairLevel" AND a = ${pair.a} AND b = ${pair.b} AND gap_days IS NOT NULL
      AND (date, contact_id COLLATE "C") <= (${at.date}::date, ${at.id} COLLATE "C")
    ORDER BY date DESC, contact_id COLLATE "C" DESC LIMIT ${size + 1}`;
  const gaps = rows.slice(0, size).reverse().map(toGap);
  return { gaps: await withMarkers(db, pair, gaps), more: rows.length > size };
}

/** Puts the pair's markers into consecutive gaps (oldest first), each in the gap (from, to] it falls in, as the engine does. */
async function withMarkers(db: Db, pair: PairKey, gaps: Gap[]): Promise<Gap[]> {
  if (gaps.length === 0) return gaps;
  const markers = await db.$queryRaw<(GapMarker & { type: ContactType })[]>`
    SELECT contact_id AS "contactId", to_char(date, 'YYYY-MM-DD') AS date, status::text AS status, type::text AS type
    FROM pair_contact
    WHERE level = ${pair.level}::"PairLevel" AND a = ${pair.a} AND b = ${pair.b} AND status <> 'HELD'
      AND date > ${gaps[0].from}::date AND date <= ${gaps.at(-1)!.to}::date
    ORDER BY date, contact_id COLLATE "C"`;
  // Of two gaps ending the same day, the first (the one that is not 0 days long) holds the day's markers.
  for (const marker of markers) {
    const gap = gaps.find((g) => marker.date > g.from && marker.date <= g.to);
    gap?.markers.push(marker);
  }
  return gaps;
}

/** The markers before (or on the day of) a pair's first held contact; every marker when it has none. */
export async function markersUntil(db: Db, pair: PairKey, date: IsoDate | null): Promise<GapMarker[]> {
  return db.$queryRaw<GapMarker[]>`
    SELECT contact_id AS "contactId", to_char(date, 'YYYY-MM-DD') AS date, status::text AS status, type::text AS type
    FROM pair_contact
    WHERE level = ${pair.level}::"PairLevel" AND a = ${pair.a} AND b = ${pair.b} AND status <> 'HELD'
      ${date === null ? Prisma.empty : Prisma.sql`AND date <= ${date}::date`}
    ORDER BY date, contact_id COLLATE "C"`;
}

/** The markers after a pair's last held contact: those inside its running silence. */
export async function markersAfter(db: Db, pair: PairKey, date: IsoDate): Promise<GapMarker[]> {
  return db.$queryRaw<GapMarker[]>`
    SELECT contact_id AS "contactId", to_char(date, 'YYYY-MM-DD') AS date, status::text AS status, type::text AS type
    FROM pair_contact
    WHERE level = ${pair.level}::"PairLevel" AND a = ${pair.a} AND b = ${pair.b} AND status <> 'HELD'
      AND date > ${date}::date
    ORDER BY date, contact_id COLLATE "C"`;
}

/** What closing a long history's last silence on a departure needs: the last contact's range, and the gaps' figures. */
export type ClosingFigures = {
  earliest: IsoDate;
  latest: IsoDate;
  approximate: boolean;
  disputed: boolean;
  gapCount: number;
  gapSum: number;
  /** Gaps shorter than the closed silence, and the median with it among them. */
  shorter: number;
  median: number;
};

export async function closingFigures(db: Db, pair: PairKey, lastId: string, days: number): Promise<ClosingFigures> {
  const [row] = await db.$queryRaw<ClosingFigures[]>`
    SELECT to_char(l.earliest, 'YYYY-MM-DD') AS earliest, to_char(l.latest, 'YYYY-MM-DD') AS latest,
           l.approximate, l.disputed, g.gap_count AS "gapCount", g.gap_sum AS "gapSum", g.shorter, g.median
    FROM pair_contact l,
         LATERAL (
           SELECT count(d)::int - 1 AS gap_count, coalesce(sum(d), 0)::float8 - ${days} AS gap_sum,
                  (count(*) FILTER (WHERE d < ${days}))::int AS shorter,
                  percentile_cont(0.5) WITHIN GROUP (ORDER BY d) AS median
           FROM (SELECT gap_days AS d FROM pair_contact
                 WHERE level = ${pair.level}::"PairLevel" AND a = ${pair.a} AND b = ${pair.b} AND gap_days IS NOT NULL
                 UNION ALL SELECT ${days}::int) all_gaps
         ) g
    WHERE l.level = ${pair.level}::"PairLevel" AND l.a = ${pair.a} AND l.b = ${pair.b} AND l.contact_id = ${lastId}`;
  return row;
}
