/**
 * Lists of pairs read from `pair_stat` alone: a page of running silences, the
 * unusual ones, every pair with one side. Each is a few indexed or single-table
 * queries plus one query for the rows shown (their longest gap and how the
 * running silence ranks), however long the pairs' histories are.
 *
 * A summary is a `GapSeries` whose `gaps` hold at most the latest few (the
 * caller says how many) and whose markers are left out: lists show numbers,
 * the pair page shows the rest. Every number is the one the engine computes.
 */
import { Prisma, type PrismaClient } from '../generated/prisma/client';
import { daysBetween } from '../gaps/dates';
import { UNUSUAL_MIN_GAPS } from './limits';
import { toGap, type GapRow as GapRowOf } from './pair-reads';
import type { Gap, GapSeries, IsoDate, PairKey, PairLevel } from '../gaps/types';

type Db = Pick<PrismaClient, '$queryRaw'>;

/** What every reader of a `pair_stat` row takes: the pair, its first and last contact, its gaps' count, sum and median. */
export type PairStatBase = {
  level: PairLevel;
  a: string;
  b: string;
  heldCount: number;
  firstId: string | null;
  firstDate: IsoDate | null;
  lastId: string | null;
  lastDate: IsoDate | null;
  gapCount: number;
  gapSum: number;
  medianDays: number | null;
};

type StatRow = PairStatBase & {
  lastEarliest: IsoDate | null;
  lastLatest: IsoDate | null;
  lastApproximate: boolean | null;
  lastDisputed: boolean | null;
  openUntil: IsoDate | null;
  longestToId: string | null;
};

const STAT_COLUMNS = Prisma.sql`
  s.level::text AS level, s.a, s.b, s.held_count AS "heldCount",
  s.first_contact_id AS "firstId", to_char(s.first_date, 'YYYY-MM-DD') AS "firstDate",
  s.last_contact_id AS "lastId", to_char(s.last_date, 'YYYY-MM-DD') AS "lastDate",
  to_char(s.last_earliest, 'YYYY-MM-DD') AS "lastEarliest", to_char(s.last_latest, 'YYYY-MM-DD') AS "lastLatest",
  s.last_approximate AS "lastApproximate", s.last_disputed AS "lastDisputed",
  s.gap_count AS "gapCount", s.gap_sum::float8 AS "gapSum", s.median_days AS "medianDays",
  CASE WHEN s.open_until = 'infinity' THEN NULL ELSE to_char(s.open_until, 'YYYY-MM-DD') END AS "openUntil",
  s.longest_to_contact_id AS "longestToId"`;

type GapRow = GapRowOf & { level: PairLevel; a: string; b: string };

const GAP_COLUMNS = Prisma.sql`
  g.level::text AS level, g.a, g.b, g.prev_contact_id AS "fromId", g.contact_id AS "toId",
  to_char(g.prev_date, 'YYYY-MM-DD') AS "from", to_char(g.date, 'YYYY-MM-DD') AS "to",
  g.gap_days AS days, g.gap_min_days AS "minDays", g.gap_max_days AS "maxDays",
  g.gap_approximate AS approximate, g.gap_disputed AS disputed`;

const pairKeyOf = (row: { level: PairLevel; a: string; b: string }) => `${row.level}~${row.a}~${row.b}`;

/**
 * Whether a pair's silence still runs on `today`. An official pair's closes on the day one of its
 * officials leaves office (`open_until`, the end of their last tenure: lib/gaps/office.ts), unless
 * that day is before the last held contact: the record shows they spoke after it.
 */
export function isRunning(row: { lastDate: IsoDate | null; openUntil: IsoDate | null }, today: IsoDate): boolean {
  if (row.lastDate === null) return false;
  return row.openUntil === null || row.openUntil > today || row.openUntil < row.lastDate;
}

/** The same rule in SQL, on a `pair_stat` row `s`. */
function runningSql(today: IsoDate): Prisma.Sql {
  return Prisma.sql`(s.open_until > ${today}::date OR s.open_until < s.last_date)`;
}

/**
 * The summaries of the given stat rows, in their order: each row's longest gap
 * and the rank of its running silence in one query, plus its latest `recent` gaps.
 */
async function summarize(db: Db, rows: StatRow[], today: IsoDate, recent = 0): Promise<GapSeries[]> {
  if (rows.length === 0) return [];
  const silenceDays = rows.map((row) => (row.lastDate === null ? -1 : Math.max(0, daysBetween(row.lastDate, today))));
  const [extras, recentGaps] = await Promise.all([
    db.$queryRaw<(GapRow & { i: number; shorter: number })[]>`
      SELECT t.i::int AS i, ${GAP_COLUMNS},
             (SELECT count(*)::int FROM pair_contact x
              WHERE x.level = t.level::"PairLevel" AND x.a = t.a AND x.b = t.b AND x.gap_days < t.days) AS shorter
      FROM unnest(${rows.map((r) => r.level)}::text[], ${rows.map((r) => r.a)}::text[], ${rows.map((r) => r.b)}::text[],
                  ${rows.map((r) => r.longestToId ?? '')}::text[], ${silenceDays}::int[])
             WITH ORDINALITY AS t(level, a, b, longest, days, i)
      LEFT JOIN pair_contact g ON g.level = t.level::"PairLevel" AND g.a = t.a AND g.b = t.b AND g.contact_id = t.longest`,
    recent === 0
      ? Promise.resolve([] as GapRow[])
      : db.$queryRaw<GapRow[]>`
          SELECT ${GAP_COLUMNS}
          FROM unnest(${rows.map((r) => r.level)}::text[], ${rows.map((r) => r.a)}::text[], ${rows.map((r) => r.b)}::text[])
                 AS t(level, a, b)
          CROSS JOIN LATERAL (
            SELECT * FROM pair_contact x
            WHERE x.level = t.level::"PairLevel" AND x.a = t.a AND x.b = t.b AND x.gap_days IS NOT NULL
            ORDER BY x.date DESC, x.contact_id COLLATE "C" DESC LIMIT ${recent}
          ) g`,
  ]);
  const byIndex = new Map(extras.map((row) => [row.i - 1, row]));
  const gapsByPair = new Map<string, Gap[]>();
  for (const row of [...recentGaps].reverse()) {
    const key = pairKeyOf(row);
    gapsByPair.set(key, [...(gapsByPair.get(key) ?? []), toGap(row)]);
  }
  return rows.map((row, i): GapSeries => {
    const extra = byIndex.get(i);
    const pair: PairKey = { level: row.level, a: row.a, b: row.b };
    const running = isRunning(row, today);
    return {
      pair,
      heldCount: row.heldCount,
      firstContact: row.firstId === null ? null : { id: row.firstId, date: row.firstDate! },
      lastContact: row.lastId === null ? null : { id: row.lastId, date: row.lastDate! },
      gaps: gapsByPair.get(pairKeyOf(row)) ?? [],
      longestGap: extra?.toId ? toGap(extra) : null,
      medianGapDays: row.medianDays,
      meanGapDays: row.gapCount === 0 ? null : Math.round((row.gapSum / row.gapCount) * 10) / 10,
      currentSilence:
        row.lastId === null || !running
          ? null
          : {
              since: row.lastDate!,
              sinceContactId: row.lastId,
              days: silenceDays[i],
              minDays: Math.max(0, daysBetween(row.lastLatest!, today)),
              maxDays: Math.max(0, daysBetween(row.lastEarliest!, today)),
              approximate: row.lastApproximate!,
              disputed: row.lastDisputed!,
              markers: [],
              rank: { longerThan: extra?.shorter ?? 0, of: row.gapCount },
            },
      leadingMarkers: [],
    };
  });
}

/** Filters of a list: a level, and optionally one country on either side. */
export type ListScope = { level: PairLevel; country?: string; today: IsoDate };

/** The scope's level and country, on pairs with a held contact. */
function scopePairs({ level, country }: ListScope): Prisma.Sql {
  return Prisma.sql`s.level = ${level}::"PairLevel" AND s.last_date IS NOT NULL
    ${country ? Prisma.sql`AND (s.country_a = ${country} OR s.country_b = ${country})` : Prisma.empty}`;
}

function scopeFilter(scope: ListScope): Prisma.Sql {
  return Prisma.sql`${scopePairs(scope)} AND ${runningSql(scope.today)}`;
}

/**
 * The scope's running silences as two disjoint conditions, each an index range: still open after today
 * (`open_until > today`, a range of the running-silences index), or closed on a day before the last held
 * contact (the partial index `pair_stat_closed_before_last_idx`). As one OR, PostgreSQL has to read every
 * pair of the level: at 1,000,000 contacts, 700,000 official pairs for 150,000 running (220 ms a count, on
 * every dashboard render); as two ranges, only the running ones.
 */
function runningParts(scope: ListScope): [Prisma.Sql, Prisma.Sql] {
  const common = scopePairs(scope);
  const { today } = scope;
  return [
    Prisma.sql`${common} AND s.open_until > ${today}::date`,
    Prisma.sql`${common} AND s.open_until <= ${today}::date AND s.open_until < s.last_date`,
  ];
}

/** How many pairs of the scope have a running silence and meet `extra`, counted by the two ranges. */
function countRunning(scope: ListScope, extra: Prisma.Sql = Prisma.empty): Prisma.Sql {
  const [open, closedLate] = runningParts(scope);
  return Prisma.sql`SELECT ((SELECT count(*) FROM pair_stat s WHERE ${open} ${extra})
                          + (SELECT count(*) FROM pair_stat s WHERE ${closedLate} ${extra}))::int AS total`;
}

/** A page of the running silences, longest first (the pair key breaks ties), and how many there are. */
export async function listRunningSilences(
  db: Db,
  scope: ListScope,
  page: { limit: number; offset: number },
): Promise<{ items: GapSeries[]; total: number }> {
  const [rows, [{ total }]] = await Promise.all([
    db.$queryRaw<StatRow[]>`
      SELECT ${STAT_COLUMNS} FROM pair_stat s WHERE ${scopeFilter(scope)}
      ORDER BY s.last_date, s.a, s.b LIMIT ${page.limit} OFFSET ${page.offset}`,
    db.$queryRaw<{ total: number }[]>`${countRunning(scope)}`,
  ]);
  return { items: await summarize(db, rows, scope.today), total };
}

/**
 * Running silences longer than every past gap of their pair (with at least
 * UNUSUAL_MIN_GAPS of them), the most unusual first: the longest relative to the
 * pair's own median gap. The first is the dashboard's headline.
 */
export async function listUnusualSilences(
  db: Db,
  scope: ListScope,
  limit: number,
  recentGaps = 0,
): Promise<{ items: GapSeries[]; total: number }> {
  const unusual = Prisma.sql`AND s.gap_count >= ${UNUSUAL_MIN_GAPS} AND (${scope.today}::date - s.last_date) > s.longest_days`;
  const [open, closedLate] = runningParts(scope);
  const [rows, [{ total }]] = await Promise.all([
    db.$queryRaw<StatRow[]>`
      SELECT ${STAT_COLUMNS} FROM (
        SELECT * FROM pair_stat s WHERE ${open} ${unusual}
        UNION ALL
        SELECT * FROM pair_stat s WHERE ${closedLate} ${unusual}
      ) s
      ORDER BY (${scope.today}::date - s.last_date) / greatest(s.median_days, 1) DESC, s.last_date, s.a, s.b
      LIMIT ${limit}`,
    db.$queryRaw<{ total: number }[]>`${countRunning(scope, unusual)}`,
  ]);
  const items = await summarize(db, rows.slice(0, 1), scope.today, recentGaps);
  return { items: [...items, ...(await summarize(db, rows.slice(1), scope.today))], total };
}

/** Every pair one side forms at a level (an official's counterparts), running silences first, longest first. */
export async function listPairsWithSide(db: Db, level: PairLevel, side: string, today: IsoDate): Promise<GapSeries[]> {
  const rows = await db.$queryRaw<StatRow[]>`
    SELECT ${STAT_COLUMNS} FROM pair_stat s
    WHERE s.level = ${level}::"PairLevel" AND (s.a = ${side} OR s.b = ${side})
    ORDER BY (s.last_date IS NULL OR NOT ${runningSql(today)}), s.last_date, s.a, s.b`;
  return summarize(db, rows, today);
}

/** One pair's summary with its latest `recentGaps` gaps, or null when it has no contacts. */
export async function getPairSummary(db: Db, pair: PairKey, today: IsoDate, recentGaps = 0) {
  const rows = await db.$queryRaw<StatRow[]>`
    SELECT ${STAT_COLUMNS} FROM pair_stat s
    WHERE s.level = ${pair.level}::"PairLevel" AND s.a = ${pair.a} AND s.b = ${pair.b}`;
  return rows.length === 0 ? null : (await summarize(db, rows, today, recentGaps))[0];
}
