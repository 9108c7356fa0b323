-- AlterTable
ALTER TABLE "audit_log" ADD COLUMN     "note" TEXT;

-- AlterTable
ALTER TABLE "contact" ADD COLUMN     "import_hash" TEXT,
ADD COLUMN     "unnamed_countries" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- CreateTable
CREATE TABLE "import_run" (
    "id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "file_name" TEXT NOT NULL,
    "dry_run" BOOLEAN NOT NULL,
    "status" TEXT NOT NULL,
    "user_id" TEXT,
    "bytes_total" BIGINT,
    "bytes_done" BIGINT NOT NULL DEFAULT 0,
    "rows_done" INTEGER NOT NULL DEFAULT 0,
    "report" JSONB,
    "started_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMPTZ(3),

    CONSTRAINT "import_run_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "import_run_started_at_idx" ON "import_run"("started_at");

-- CreateIndex
CREATE INDEX "contact_unnamed_countries_idx" ON "contact" USING GIN ("unnamed_countries");

-- AddForeignKey
ALTER TABLE "import_run" ADD CONSTRAINT "import_run_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Hand-written: unnamed countries are two-letter codes (the app checks them against ISO 3166 and keeps each once).
ALTER TABLE "contact" ADD CONSTRAINT "contact_unnamed_countries_check"
  CHECK (unnamed_countries IS NOT NULL AND array_to_string(unnamed_countries, ',') ~ '^([A-Z]{2}(,[A-Z]{2})*)?$');
