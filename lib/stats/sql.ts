/**
 * The SQL that derives the per-pair tables from the contacts. One definition
 * serves both the writes (for the contacts a transaction touched) and the
 * `rebuild` command (for every contact), so the two cannot drift apart.
 *
 * - `pair_contact`: one row per live contact per pair it counts for, at each
 *   level (every two participants from different countries; office pairs only
 *   where both offices are known), with the contact's possible range of days
 *   and, on held rows, the gap from the pair's previous held contact.
 * - `pair_stat`: one row per pair per level, aggregated from `pair_contact`.
 *
 * Pair keys are sorted in "C" collation, as `makePairKey` sorts them in
 * JavaScript, and held contacts are ordered by date then id in "C" collation,
 * as the engine orders them.
 */
import { Prisma } from '../generated/prisma/client';
import { periodEndSql } from '../gaps/sql';

/**
 * Which contacts: a list of ids, the ids in a table (`sync_ids`, made by a bulk write: a join plans far
 * better than `= ANY` of a hundred thousand ids), or every live contact.
 */
export type ContactScope = { ids: string[] } | { table: 'sync_ids' } | { all: true };

/** The condition on `alias.id` that keeps the contacts in scope. */
export function inScopeSql(scope: ContactScope, column: Prisma.Sql): Prisma.Sql {
  if ('ids' in scope) return Prisma.sql`AND ${column} = ANY(${scope.ids}::text[])`;
  if ('table' in scope) return Prisma.sql`AND ${column} IN (SELECT id FROM sync_ids)`;
  return Prisma.empty;
}

/**
 * What a write changed in some pairs (parallel arrays, one entry per pair): how many live contacts, held
 * contacts, gaps, days of gaps, approximate and disputed gaps it added (negative: removed).
 */
export type PairDeltas = {
  levels: string[];
  as: string[];
  bs: string[];
  contacts: number[];
  held: number[];
  gaps: number[];
  days: number[];
  approximate: number[];
  disputed: number[];
};

/** Which pairs: those a write changed, with what it changed, or every pair. */
export type PairScope = PairDeltas | { all: true };

/**
 * The pair rows of the contacts in scope, without the gap columns: level, a, b,
 * contact_id, date, status, type, earliest, latest, approximate, disputed.
 */
export function pairRowsSql(scope: ContactScope): Prisma.Sql {
  const filter = inScopeSql(scope, Prisma.raw('c.id'));
  return Prisma.sql`
    WITH c AS (
      SELECT c.id, c.date, c.date_precision, c.status, c.type, c.unnamed_countries
      FROM contact c WHERE c.deleted_at IS NULL ${filter}
    ),
    claims AS (
      SELECT s.contact_id, min(s.claimed_date) AS min_claim, max(s.claimed_date) AS max_claim,
             bool_or(s.claimed_date <> c.date) AS disputed
      FROM source s JOIN c ON c.id = s.contact_id
      WHERE s.claimed_date IS NOT NULL
      GROUP BY s.contact_id
    ),
    pp AS (
      SELECT p.contact_id, p.official_id AS po, q.official_id AS qo,
             p.office_key AS pk, q.office_key AS qk, p.country AS pc, q.country AS qc
      FROM c
      JOIN participant p ON p.contact_id = c.id
      JOIN participant q ON q.contact_id = c.id AND q.country > p.country
    ),
    sides AS (
      SELECT 'OFFICIAL'::"PairLevel" AS level, contact_id, po AS x, qo AS y FROM pp
      UNION ALL
      SELECT 'OFFICE'::"PairLevel", contact_id, pk, qk FROM pp WHERE pk IS NOT NULL AND qk IS NOT NULL
      UNION ALL
      SELECT 'COUNTRY'::"PairLevel", contact_id, pc::text, qc::text FROM pp
      UNION ALL
      -- Officials of a country met unnamed count for the country pairs only.
      SELECT 'COUNTRY'::"PairLevel", c.id, p.country::text, u
      FROM c JOIN participant p ON p.contact_id = c.id CROSS JOIN unnest(c.unnamed_countries) AS u
      WHERE cardinality(c.unnamed_countries) > 0 AND u <> p.country
    ),
    keyed AS (
      SELECT DISTINCT level,
             least(x COLLATE "C", y COLLATE "C") AS a,
             greatest(x COLLATE "C", y COLLATE "C") AS b,
             contact_id
      FROM sides
    )
    SELECT k.level, k.a, k.b, k.contact_id, c.date, c.status, c.type,
           least(c.date, cl.min_claim) AS earliest,
           greatest(${periodEndSql('c')}, cl.max_claim) AS latest,
           c.date_precision <> 'DAY' AS approximate,
           coalesce(cl.disputed, false) AS disputed
    FROM keyed k JOIN c ON c.id = k.contact_id LEFT JOIN claims cl ON cl.contact_id = k.contact_id`;
}

/** The gap columns of a held row, from the `lag(...)` columns of its window. */
const GAP_COLUMNS = Prisma.sql`
  prev_id AS prev_contact_id, prev_date,
  CASE WHEN prev_id IS NULL THEN NULL ELSE (date - prev_date)::int END AS gap_days,
  CASE WHEN prev_id IS NULL THEN NULL ELSE greatest(0, earliest - prev_latest)::int END AS gap_min_days,
  CASE WHEN prev_id IS NULL THEN NULL ELSE greatest(0, latest - prev_earliest)::int END AS gap_max_days,
  CASE WHEN prev_id IS NULL THEN NULL ELSE approximate OR prev_approximate END AS gap_approximate,
  CASE WHEN prev_id IS NULL THEN NULL ELSE disputed OR prev_disputed END AS gap_disputed`;

const LAG_COLUMNS = Prisma.sql`
  lag(contact_id) OVER w AS prev_id, lag(date) OVER w AS prev_date,
  lag(earliest) OVER w AS prev_earliest, lag(latest) OVER w AS prev_latest,
  lag(approximate) OVER w AS prev_approximate, lag(disputed) OVER w AS prev_disputed`;

const PAIR_CONTACT_COLUMNS = Prisma.sql`(level, a, b, contact_id, date, status, type, earliest, latest, approximate,
  disputed, prev_contact_id, prev_date, gap_days, gap_min_days, gap_max_days, gap_approximate, gap_disputed)`;

/**
 * Every pair row of every live contact, with the gaps computed by one window:
 * for `rebuild`, from a table of the rows (`rebuild_rows`, made from pairRowsSql).
 */
export function insertAllPairRowsSql(rows = Prisma.raw('rebuild_rows')): Prisma.Sql {
  return Prisma.sql`
    INSERT INTO pair_contact ${PAIR_CONTACT_COLUMNS}
    SELECT level, a, b, contact_id, date, status, type, earliest, latest, approximate, disputed, ${GAP_COLUMNS}
    FROM (
      SELECT r.*, ${LAG_COLUMNS}
      FROM ${rows} r
      WHERE r.status = 'HELD'
      WINDOW w AS (PARTITION BY r.level, r.a, r.b ORDER BY r.date, r.contact_id COLLATE "C")
    ) held
    UNION ALL
    SELECT level, a, b, contact_id, date, status, type, earliest, latest, approximate, disputed,
           NULL, NULL, NULL, NULL, NULL, NULL, NULL
    FROM ${rows} r
    WHERE r.status <> 'HELD'`;
}

/**
 * Planner settings for statements over every pair (a rebuild, the migration's first fill): hash
 * joins and big sorts, whatever the freshly filled tables' statistics say. A plan with nested loops,
 * chosen on estimates of a table that was empty, turns minutes into hours.
 */
export const WHOLE_TABLE_SETTINGS = ['SET LOCAL enable_nestloop = off', "SET LOCAL work_mem = '256MB'"];

/**
 * Re-links the held rows around each changed day of a pair: the rows from that
 * day up to the pair's next held day get their previous held contact and gap
 * again, from a window that starts at the pair's last held day before it.
 * Every other row of the pair keeps its gap, so a write costs the same in a
 * pair of 20 contacts and of 20,000. The day `-infinity` re-links a whole pair
 * in one window, for writes that change many days of it (a merge). Returns each
 * re-linked row's gap before and after (the self-join reads the row as it was),
 * for the caller to adjust the pair's figures by.
 */
export function relinkSql(changed: { levels: string[]; as: string[]; bs: string[]; days: string[] }): Prisma.Sql {
  return Prisma.sql`
    WITH changed AS (
      SELECT DISTINCT level::"PairLevel" AS level, a, b, d::date AS d
      FROM unnest(${changed.levels}::text[], ${changed.as}::text[], ${changed.bs}::text[], ${changed.days}::text[])
        AS t(level, a, b, d)
    ),
    bounds AS (
      SELECT ch.*,
             CASE WHEN ch.d = '-infinity' THEN ch.d ELSE
             coalesce((SELECT max(x.date) FROM pair_contact x
                       WHERE x.level = ch.level AND x.a = ch.a AND x.b = ch.b AND x.status = 'HELD' AND x.date < ch.d), ch.d) END AS lo,
             CASE WHEN ch.d = '-infinity' THEN 'infinity'::date ELSE
             coalesce((SELECT min(x.date) FROM pair_contact x
                       WHERE x.level = ch.level AND x.a = ch.a AND x.b = ch.b AND x.status = 'HELD' AND x.date > ch.d), ch.d) END AS hi
      FROM changed ch
    ),
    relinked AS (
      SELECT DISTINCT ON (bd.level, bd.a, bd.b, r.contact_id) bd.level, bd.a, bd.b, r.contact_id, ${GAP_COLUMNS}
      FROM bounds bd
      CROSS JOIN LATERAL (
        SELECT x.contact_id, x.date, x.earliest, x.latest, x.approximate, x.disputed, ${LAG_COLUMNS}
        FROM pair_contact x
        WHERE x.level = bd.level AND x.a = bd.a AND x.b = bd.b AND x.status = 'HELD' AND x.date BETWEEN bd.lo AND bd.hi
        WINDOW w AS (ORDER BY x.date, x.contact_id COLLATE "C")
      ) r
      WHERE r.date >= bd.d
    )
    ${applyRelinkedSql}`;
}

/**
 * Re-links every held row of whole pairs, in one window partitioned by pair: for a bulk write (an import)
 * that touches thousands of pairs, where a window per changed day would cost a lookup each.
 */
export function relinkPairsSql(pairs: { levels: string[]; as: string[]; bs: string[] }): Prisma.Sql {
  return Prisma.sql`
    WITH p AS (
      SELECT DISTINCT level::"PairLevel" AS level, a, b
      FROM unnest(${pairs.levels}::text[], ${pairs.as}::text[], ${pairs.bs}::text[]) AS t(level, a, b)
    ),
    relinked AS (
      SELECT level, a, b, contact_id, ${GAP_COLUMNS}
      FROM (
        SELECT x.level, x.a, x.b, x.contact_id, x.date, x.earliest, x.latest, x.approximate, x.disputed, ${LAG_COLUMNS}
        FROM pair_contact x JOIN p ON p.level = x.level AND p.a = x.a AND p.b = x.b
        WHERE x.status = 'HELD'
        WINDOW w AS (PARTITION BY x.level, x.a, x.b ORDER BY x.date, x.contact_id COLLATE "C")
      ) r
    )
    ${applyRelinkedSql}`;
}

/**
 * Writes the CTE \`relinked\`'s gaps into pair_contact where they differ, returning each row's gap before and
 * after (the self-join reads the row as it was).
 */
const applyRelinkedSql = Prisma.sql`
    UPDATE pair_contact t
    SET prev_contact_id = r.prev_contact_id, prev_date = r.prev_date, gap_days = r.gap_days,
        gap_min_days = r.gap_min_days, gap_max_days = r.gap_max_days,
        gap_approximate = r.gap_approximate, gap_disputed = r.gap_disputed
    FROM relinked r
    JOIN pair_contact old
      ON old.level = r.level AND old.a = r.a AND old.b = r.b AND old.contact_id = r.contact_id
    WHERE t.level = r.level AND t.a = r.a AND t.b = r.b AND t.contact_id = r.contact_id
      AND (t.prev_contact_id IS DISTINCT FROM r.prev_contact_id OR t.gap_days IS DISTINCT FROM r.gap_days
           OR t.gap_min_days IS DISTINCT FROM r.gap_min_days OR t.gap_max_days IS DISTINCT FROM r.gap_max_days
           OR t.gap_approximate IS DISTINCT FROM r.gap_approximate OR t.gap_disputed IS DISTINCT FROM r.gap_disputed)
    RETURNING t.level::text AS level, t.a, t.b,
              old.gap_days AS "oldDays", old.gap_approximate AS "oldApproximate", old.gap_disputed AS "oldDisputed",
              t.gap_days AS days, t.gap_approximate AS approximate, t.gap_disputed AS disputed`;

/** The figures of every pair (CTEs agg, first_held, last_held, longest): whole-table sorts, for a rebuild. */
function everyPairFigures(): Prisma.Sql {
  return Prisma.sql`
    WITH rows AS (SELECT pc.* FROM pair_contact pc),
    agg AS (
      SELECT level, a, b, count(*)::int AS contact_count,
             (count(*) FILTER (WHERE status = 'HELD'))::int AS held_count,
             count(gap_days)::int AS gap_count, coalesce(sum(gap_days), 0)::bigint AS gap_sum,
             percentile_cont(0.5) WITHIN GROUP (ORDER BY gap_days) AS median_days,
             (count(*) FILTER (WHERE gap_approximate))::int AS approximate_gaps,
             (count(*) FILTER (WHERE gap_disputed))::int AS disputed_gaps
      FROM rows GROUP BY level, a, b
    ),
    first_held AS (
      SELECT DISTINCT ON (level, a, b) level, a, b, contact_id, date
      FROM rows WHERE status = 'HELD'
      ORDER BY level, a, b, date, contact_id COLLATE "C"
    ),
    last_held AS (
      SELECT DISTINCT ON (level, a, b) level, a, b, contact_id, date, earliest, latest, approximate, disputed
      FROM rows WHERE status = 'HELD'
      ORDER BY level, a, b, date DESC, contact_id COLLATE "C" DESC
    ),
    longest AS (
      SELECT DISTINCT ON (level, a, b) level, a, b, gap_days, prev_contact_id, contact_id
      FROM rows WHERE gap_days IS NOT NULL
      ORDER BY level, a, b, gap_days DESC, date, contact_id COLLATE "C"
    )`;
}

/**
 * The same figures for the pairs a write changed, without reading their rows: the counts are the kept
 * ones plus the write's deltas, the median is read from `pair_gap_length` (which the write has already
 * adjusted), and the first and last held contact and the longest gap are index lookups. So a write costs
 * the same in a pair of 20 contacts and of 200,000.
 */
function somePairsFigures(scope: PairDeltas): Prisma.Sql {
  const same = Prisma.sql`x.level = t.level AND x.a = t.a AND x.b = t.b`;
  return Prisma.sql`
    WITH t AS (
      SELECT level::"PairLevel" AS level, a, b, dc, dh, dg, dd, dap, ddi
      FROM unnest(${scope.levels}::text[], ${scope.as}::text[], ${scope.bs}::text[], ${scope.contacts}::int[],
                  ${scope.held}::int[], ${scope.gaps}::int[], ${scope.days}::bigint[], ${scope.approximate}::int[],
                  ${scope.disputed}::int[]) AS t(level, a, b, dc, dh, dg, dd, dap, ddi)
    ),
    counted AS (
      SELECT t.level, t.a, t.b,
             coalesce(s.contact_count, 0) + t.dc AS contact_count, coalesce(s.held_count, 0) + t.dh AS held_count,
             coalesce(s.gap_count, 0) + t.dg AS gap_count, coalesce(s.gap_sum, 0) + t.dd AS gap_sum,
             coalesce(s.approximate_gaps, 0) + t.dap AS approximate_gaps,
             coalesce(s.disputed_gaps, 0) + t.ddi AS disputed_gaps
      FROM t LEFT JOIN pair_stat s USING (level, a, b)
    ),
    agg AS (
      -- percentile_cont(0.5): the mean of the gaps at positions (n - 1) / 2 and n / 2 (from 0) by length.
      SELECT t.*, m.median_days
      FROM counted t CROSS JOIN LATERAL (
        SELECT ((min(h.days) FILTER (WHERE h.upto > (t.gap_count - 1) / 2)
                 + min(h.days) FILTER (WHERE h.upto > t.gap_count / 2)) / 2.0)::float8 AS median_days
        FROM (SELECT x.days, sum(x.gaps) OVER (ORDER BY x.days) AS upto FROM pair_gap_length x WHERE ${same}) h
      ) m
      WHERE t.contact_count > 0
    ),
    first_held AS (
      SELECT t.level, t.a, t.b, f.contact_id, f.date FROM t CROSS JOIN LATERAL (
        SELECT contact_id, date FROM pair_contact x WHERE ${same} AND status = 'HELD'
        ORDER BY date, contact_id COLLATE "C" LIMIT 1) f
    ),
    last_held AS (
      SELECT t.level, t.a, t.b, f.* FROM t CROSS JOIN LATERAL (
        SELECT contact_id, date, earliest, latest, approximate, disputed
        FROM pair_contact x WHERE ${same} AND status = 'HELD'
        ORDER BY date DESC, contact_id COLLATE "C" DESC LIMIT 1) f
    ),
    longest AS (
      SELECT t.level, t.a, t.b, f.* FROM t CROSS JOIN LATERAL (
        SELECT gap_days, prev_contact_id, contact_id FROM pair_contact x WHERE ${same} AND gap_days IS NOT NULL
        ORDER BY gap_days DESC, date, contact_id COLLATE "C" LIMIT 1) f
    )`;
}

/**
 * Adjusts `pair_gap_length` by a write's gaps (parallel arrays: pair, length, how many added, negative
 * for removed; one entry per pair and length): an upsert, then a statement that drops the lengths no gap
 * has any more and returns how many gaps each had left: 0, or below zero if the table was out of step.
 * Two statements, because a statement does not see its own CTEs' changes; and no CHECK, because
 * PostgreSQL checks the proposed row of an INSERT … ON CONFLICT (negative for a removal) first.
 */
export function adjustGapLengthsSql(changes: {
  levels: string[];
  as: string[];
  bs: string[];
  days: number[];
  gaps: number[];
}): { upsert: Prisma.Sql; prune: Prisma.Sql } {
  const changed = Prisma.sql`
    SELECT level::"PairLevel" AS level, a, b, days, gaps
    FROM unnest(${changes.levels}::text[], ${changes.as}::text[], ${changes.bs}::text[], ${changes.days}::int[],
                ${changes.gaps}::int[]) AS t(level, a, b, days, gaps)`;
  return {
    upsert: Prisma.sql`
      INSERT INTO pair_gap_length AS g (level, a, b, days, gaps) ${changed}
      ON CONFLICT (level, a, b, days) DO UPDATE SET gaps = g.gaps + excluded.gaps`,
    prune: Prisma.sql`
      DELETE FROM pair_gap_length g USING (${changed}) c
      WHERE g.gaps <= 0 AND g.level = c.level AND g.a = c.a AND g.b = c.b AND g.days = c.days
      RETURNING g.gaps`,
  };
}

/** Every pair's gap lengths, from its `pair_contact` rows: for a rebuild. */
export const insertAllGapLengthsSql = Prisma.sql`
  INSERT INTO pair_gap_length (level, a, b, days, gaps)
  SELECT level, a, b, gap_days, count(*)::int FROM pair_contact WHERE gap_days IS NOT NULL
  GROUP BY level, a, b, gap_days`;

/**
 * The last day an official holds a recorded position: 'infinity' while a tenure
 * is open or when they have none (they count as in office), else the end of
 * their last tenure. Changes of tenure re-sync the official's contacts, so the
 * pairs' `open_until` follows.
 */
function IN_OFFICE_UNTIL(official: string): Prisma.Sql {
  const id = Prisma.raw(official);
  return Prisma.sql`(SELECT CASE WHEN count(*) = 0 OR bool_or(pos.end_date IS NULL) THEN 'infinity'::date
                                 ELSE max(pos.end_date) END
                     FROM position pos WHERE pos.official_id = ${id})`;
}

/**
 * Writes the `pair_stat` rows of the pairs in scope (insert or update; a pair with no rows left is
 * removed separately): for a rebuild, from every `pair_contact` row; for a write, from the pair's kept
 * figures and what the write changed.
 */
export function upsertStatsSql(scope: PairScope): Prisma.Sql {
  return Prisma.sql`
    ${'all' in scope ? everyPairFigures() : somePairsFigures(scope)}
    INSERT INTO pair_stat (level, a, b, country_a, country_b, contact_count, held_count,
      first_contact_id, first_date, last_contact_id, last_date, last_earliest, last_latest, last_approximate,
      last_disputed, gap_count, gap_sum, longest_days, longest_from_contact_id, longest_to_contact_id, median_days,
      approximate_gaps, disputed_gaps, any_approximate, any_disputed, open_until)
    SELECT g.level, g.a, g.b,
           CASE g.level WHEN 'COUNTRY' THEN g.a WHEN 'OFFICE' THEN oa.country ELSE fa.country END,
           CASE g.level WHEN 'COUNTRY' THEN g.b WHEN 'OFFICE' THEN ob.country ELSE fb.country END,
           g.contact_count, g.held_count,
           f.contact_id, f.date, l.contact_id, l.date, l.earliest, l.latest, l.approximate, l.disputed,
           g.gap_count, g.gap_sum, lg.gap_days, lg.prev_contact_id, lg.contact_id, g.median_days,
           g.approximate_gaps, g.disputed_gaps, g.approximate_gaps > 0, g.disputed_gaps > 0,
           CASE g.level WHEN 'OFFICIAL' THEN least(${IN_OFFICE_UNTIL('g.a')}, ${IN_OFFICE_UNTIL('g.b')})
                        ELSE 'infinity'::date END
    FROM agg g
    LEFT JOIN first_held f USING (level, a, b)
    LEFT JOIN last_held l USING (level, a, b)
    LEFT JOIN longest lg USING (level, a, b)
    LEFT JOIN office oa ON g.level = 'OFFICE' AND oa.key = g.a
    LEFT JOIN office ob ON g.level = 'OFFICE' AND ob.key = g.b
    LEFT JOIN official fa ON g.level = 'OFFICIAL' AND fa.id = g.a
    LEFT JOIN official fb ON g.level = 'OFFICIAL' AND fb.id = g.b
    ON CONFLICT (level, a, b) DO UPDATE SET
      country_a = excluded.country_a, country_b = excluded.country_b,
      contact_count = excluded.contact_count, held_count = excluded.held_count,
      first_contact_id = excluded.first_contact_id, first_date = excluded.first_date,
      last_contact_id = excluded.last_contact_id, last_date = excluded.last_date,
      last_earliest = excluded.last_earliest, last_latest = excluded.last_latest,
      last_approximate = excluded.last_approximate, last_disputed = excluded.last_disputed,
      gap_count = excluded.gap_count, gap_sum = excluded.gap_sum, longest_days = excluded.longest_days,
      longest_from_contact_id = excluded.longest_from_contact_id,
      longest_to_contact_id = excluded.longest_to_contact_id, median_days = excluded.median_days,
      approximate_gaps = excluded.approximate_gaps, disputed_gaps = excluded.disputed_gaps,
      any_approximate = excluded.any_approximate, any_disputed = excluded.any_disputed,
      open_until = excluded.open_until, version = pair_stat.version + 1`;
}
