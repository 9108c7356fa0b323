-- CreateTable
CREATE TABLE "pair_contact" (
    "level" "PairLevel" NOT NULL,
    "a" TEXT NOT NULL,
    "b" TEXT NOT NULL,
    "contact_id" TEXT NOT NULL,
    "date" DATE NOT NULL,
    "status" "ContactStatus" NOT NULL,
    "type" "ContactType" NOT NULL,
    "earliest" DATE NOT NULL,
    "latest" DATE NOT NULL,
    "approximate" BOOLEAN NOT NULL,
    "disputed" BOOLEAN NOT NULL,
    "prev_contact_id" TEXT,
    "prev_date" DATE,
    "gap_days" INTEGER,
    "gap_min_days" INTEGER,
    "gap_max_days" INTEGER,
    "gap_approximate" BOOLEAN,
    "gap_disputed" BOOLEAN,

    CONSTRAINT "pair_contact_pkey" PRIMARY KEY ("level","a","b","contact_id")
);

-- CreateTable
CREATE TABLE "pair_stat" (
    "level" "PairLevel" NOT NULL,
    "a" TEXT NOT NULL,
    "b" TEXT NOT NULL,
    "country_a" CHAR(2) NOT NULL,
    "country_b" CHAR(2) NOT NULL,
    "contact_count" INTEGER NOT NULL,
    "held_count" INTEGER NOT NULL,
    "first_contact_id" TEXT,
    "first_date" DATE,
    "last_contact_id" TEXT,
    "last_date" DATE,
    "last_earliest" DATE,
    "last_latest" DATE,
    "last_approximate" BOOLEAN,
    "last_disputed" BOOLEAN,
    "gap_count" INTEGER NOT NULL,
    "gap_sum" BIGINT NOT NULL,
    "longest_days" INTEGER,
    "longest_from_contact_id" TEXT,
    "longest_to_contact_id" TEXT,
    "median_days" DOUBLE PRECISION,
    "any_approximate" BOOLEAN NOT NULL,
    "any_disputed" BOOLEAN NOT NULL,
    "open_until" DATE NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "pair_stat_pkey" PRIMARY KEY ("level","a","b")
);

-- CreateIndex
CREATE INDEX "pair_contact_level_a_b_date_contact_id_idx" ON "pair_contact"("level", "a", "b", "date", "contact_id");

-- CreateIndex
CREATE INDEX "pair_contact_level_a_b_gap_days_idx" ON "pair_contact"("level", "a", "b", "gap_days");

-- CreateIndex
CREATE INDEX "pair_contact_contact_id_idx" ON "pair_contact"("contact_id");

-- CreateIndex
CREATE INDEX "pair_stat_level_last_date_idx" ON "pair_stat"("level", "last_date");

-- CreateIndex
CREATE INDEX "pair_stat_level_a_idx" ON "pair_stat"("level", "a");

-- CreateIndex
CREATE INDEX "pair_stat_level_b_idx" ON "pair_stat"("level", "b");

-- AddForeignKey
ALTER TABLE "pair_contact" ADD CONSTRAINT "pair_contact_contact_id_fkey" FOREIGN KEY ("contact_id") REFERENCES "contact"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Fill the tables from the contacts already recorded (what `npm run cli -- rebuild` does).
INSERT INTO pair_contact (level, a, b, contact_id, date, status, type, earliest, latest, approximate,
  disputed, prev_contact_id, prev_date, gap_days, gap_min_days, gap_max_days, gap_approximate, gap_disputed)
    SELECT level, a, b, contact_id, date, status, type, earliest, latest, approximate, disputed, 
  prev_id AS prev_contact_id, prev_date,
  CASE WHEN prev_id IS NULL THEN NULL ELSE (date - prev_date)::int END AS gap_days,
  CASE WHEN prev_id IS NULL THEN NULL ELSE greatest(0, earliest - prev_latest)::int END AS gap_min_days,
  CASE WHEN prev_id IS NULL THEN NULL ELSE greatest(0, latest - prev_earliest)::int END AS gap_max_days,
  CASE WHEN prev_id IS NULL THEN NULL ELSE approximate OR prev_approximate END AS gap_approximate,
  CASE WHEN prev_id IS NULL THEN NULL ELSE disputed OR prev_disputed END AS gap_disputed
    FROM (
      SELECT r.*, 
  lag(contact_id) OVER w AS prev_id, lag(date) OVER w AS prev_date,
  lag(earliest) OVER w AS prev_earliest, lag(latest) OVER w AS prev_latest,
  lag(approximate) OVER w AS prev_approximate, lag(disputed) OVER w AS prev_disputed
      FROM (
    WITH c AS (
      SELECT c.id, c.date, c.date_precision, c.status, c.type
      FROM contact c WHERE c.deleted_at IS NULL 
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
           greatest(
             CASE c.date_precision
               WHEN 'DAY' THEN c.date
               WHEN 'MONTH' THEN (date_trunc('month', c.date) + interval '1 month - 1 day')::date
               ELSE (date_trunc('year', c.date) + interval '1 year - 1 day')::date
             END,
             cl.max_claim) AS latest,
           c.date_precision <> 'DAY' AS approximate,
           coalesce(cl.disputed, false) AS disputed
    FROM keyed k JOIN c ON c.id = k.contact_id LEFT JOIN claims cl ON cl.contact_id = k.contact_id) r
      WHERE r.status = 'HELD'
      WINDOW w AS (PARTITION BY r.level, r.a, r.b ORDER BY r.date, r.contact_id COLLATE "C")
    ) held
    UNION ALL
    SELECT level, a, b, contact_id, date, status, type, earliest, latest, approximate, disputed,
           NULL, NULL, NULL, NULL, NULL, NULL, NULL
    FROM (
    WITH c AS (
      SELECT c.id, c.date, c.date_precision, c.status, c.type
      FROM contact c WHERE c.deleted_at IS NULL 
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
           greatest(
             CASE c.date_precision
               WHEN 'DAY' THEN c.date
               WHEN 'MONTH' THEN (date_trunc('month', c.date) + interval '1 month - 1 day')::date
               ELSE (date_trunc('year', c.date) + interval '1 year - 1 day')::date
             END,
             cl.max_claim) AS latest,
           c.date_precision <> 'DAY' AS approximate,
           coalesce(cl.disputed, false) AS disputed
    FROM keyed k JOIN c ON c.id = k.contact_id LEFT JOIN claims cl ON cl.contact_id = k.contact_id) r
    WHERE r.status <> 'HELD';

WITH rows AS (SELECT pc.* FROM pair_contact pc ),
    agg AS (
      SELECT level, a, b, count(*)::int AS contact_count,
             (count(*) FILTER (WHERE status = 'HELD'))::int AS held_count,
             count(gap_days)::int AS gap_count, coalesce(sum(gap_days), 0)::bigint AS gap_sum,
             percentile_cont(0.5) WITHIN GROUP (ORDER BY gap_days) AS median_days,
             coalesce(bool_or(gap_approximate), false) AS any_approximate,
             coalesce(bool_or(gap_disputed), false) AS any_disputed
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
    )
    INSERT INTO pair_stat (level, a, b, country_a, country_b, contact_count, held_count,
      first_contact_id, first_date, last_contact_id, last_date, last_earliest, last_latest, last_approximate,
      last_disputed, gap_count, gap_sum, longest_days, longest_from_contact_id, longest_to_contact_id, median_days,
      any_approximate, any_disputed, open_until)
    SELECT g.level, g.a, g.b,
           CASE g.level WHEN 'COUNTRY' THEN g.a WHEN 'OFFICE' THEN oa.country ELSE fa.country END,
           CASE g.level WHEN 'COUNTRY' THEN g.b WHEN 'OFFICE' THEN ob.country ELSE fb.country END,
           g.contact_count, g.held_count,
           f.contact_id, f.date, l.contact_id, l.date, l.earliest, l.latest, l.approximate, l.disputed,
           g.gap_count, g.gap_sum, lg.gap_days, lg.prev_contact_id, lg.contact_id, g.median_days,
           g.any_approximate, g.any_disputed,
           CASE g.level WHEN 'OFFICIAL' THEN least((SELECT CASE WHEN count(*) = 0 OR bool_or(pos.end_date IS NULL) THEN 'infinity'::date
                                 ELSE max(pos.end_date) END
                     FROM position pos WHERE pos.official_id = g.a), (SELECT CASE WHEN count(*) = 0 OR bool_or(pos.end_date IS NULL) THEN 'infinity'::date
                                 ELSE max(pos.end_date) END
                     FROM position pos WHERE pos.official_id = g.b))
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
      any_approximate = excluded.any_approximate, any_disputed = excluded.any_disputed,
      open_until = excluded.open_until, version = pair_stat.version + 1;
