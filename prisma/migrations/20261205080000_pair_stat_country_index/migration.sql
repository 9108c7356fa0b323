-- The official and office pairs inside a country pair (its page's "Officials in this pair"), by index.
CREATE INDEX "pair_stat_level_country_a_country_b_idx" ON "pair_stat"("level", "country_a", "country_b");
