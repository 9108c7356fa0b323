-- CreateIndex
CREATE INDEX "pair_stat_level_open_until_last_date_gap_count_longest_days_idx" ON "pair_stat"("level", "open_until", "last_date", "gap_count", "longest_days");
