-- AlterTable
ALTER TABLE "pair_stat" ADD COLUMN     "approximate_gaps" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "disputed_gaps" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "pair_gap_length" (
    "level" "PairLevel" NOT NULL,
    "a" TEXT NOT NULL,
    "b" TEXT NOT NULL,
    "days" INTEGER NOT NULL,
    "gaps" INTEGER NOT NULL,

    CONSTRAINT "pair_gap_length_pkey" PRIMARY KEY ("level","a","b","days")
);

-- CreateIndex
CREATE INDEX "pair_contact_level_a_b_status_date_idx" ON "pair_contact"("level", "a", "b", "status", "date");

-- Fill both from the pair rows already kept (what `npm run cli -- rebuild` does).
SET work_mem = '256MB';
UPDATE "pair_stat" s
SET "approximate_gaps" = g.approximate, "disputed_gaps" = g.disputed
FROM (
  SELECT level, a, b, (count(*) FILTER (WHERE gap_approximate))::int AS approximate,
         (count(*) FILTER (WHERE gap_disputed))::int AS disputed
  FROM "pair_contact" WHERE gap_days IS NOT NULL GROUP BY level, a, b
) g
WHERE s.level = g.level AND s.a = g.a AND s.b = g.b;
INSERT INTO "pair_gap_length" (level, a, b, days, gaps)
SELECT level, a, b, gap_days, count(*)::int FROM "pair_contact" WHERE gap_days IS NOT NULL GROUP BY level, a, b, gap_days;
RESET work_mem;
