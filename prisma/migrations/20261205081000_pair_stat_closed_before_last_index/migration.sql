-- Official pairs whose silence was closed by a departure on a day before their last held contact: the
-- second range of the dashboard's running silences (lib/stats/lists.ts runningParts). Partial, so written
-- by hand (Prisma's schema cannot state a WHERE); schema.prisma says so beside the model.
CREATE INDEX "pair_stat_closed_before_last_idx" ON "pair_stat"("level", "open_until", "last_date", "gap_count", "longest_days")
  WHERE "open_until" < "last_date";
