-- Text search over a large history: the summary by trigrams (ILIKE '%…%' by index) and topics by GIN.
-- pg_trgm ships with PostgreSQL and is a trusted extension: the database's owner may create it.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- CreateIndex
CREATE INDEX "contact_summary_trgm_idx" ON "contact" USING GIN ("summary" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "contact_topics_idx" ON "contact" USING GIN ("topics");
