-- Search by any spelling: each name and other spelling keeps its search key (lib/search-key.mjs: transliterated
-- to a normalised Latin form), matched by trigram similarity through these GIN indexes. pg_trgm was created by
-- 20261205060000_text_search_indexes. The key is computed in TypeScript, so existing rows get it right after
-- the migrations (scripts/lib/search-keys.ts, run by every migrateDeploy); until then they hold '' and are
-- still found by their folded name. The folded names get trigram indexes too, so that the search's OR of the
-- folded name and the key is answered from indexes (with one unindexed branch PostgreSQL reads every row).

-- AlterTable
ALTER TABLE "official" ADD COLUMN "search_key" TEXT NOT NULL DEFAULT '';
ALTER TABLE "official" ALTER COLUMN "search_key" DROP DEFAULT;

-- AlterTable
ALTER TABLE "official_alias" ADD COLUMN "search_key" TEXT NOT NULL DEFAULT '';
ALTER TABLE "official_alias" ALTER COLUMN "search_key" DROP DEFAULT;

-- CreateIndex
CREATE INDEX "official_search_key_trgm_idx" ON "official" USING GIN ("search_key" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "official_alias_search_key_trgm_idx" ON "official_alias" USING GIN ("search_key" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "official_name_search_trgm_idx" ON "official" USING GIN ("name_search" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "official_alias_name_search_trgm_idx" ON "official_alias" USING GIN ("name_search" gin_trgm_ops);
