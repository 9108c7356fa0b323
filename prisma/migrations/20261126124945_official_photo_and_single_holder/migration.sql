-- CreateTable
CREATE TABLE "official_photo" (
    "official_id" TEXT NOT NULL,
    "content_type" TEXT NOT NULL,
    "bytes" BYTEA NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "official_photo_pkey" PRIMARY KEY ("official_id")
);

-- AddForeignKey
ALTER TABLE "official_photo" ADD CONSTRAINT "official_photo_official_id_fkey" FOREIGN KEY ("official_id") REFERENCES "official"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- One holder per office at a time. Tenures are compared as half-open ranges
-- [start, end), so a successor may start on the day the predecessor's tenure
-- ends (a handover), but never earlier. An open tenure (end NULL) runs on.
CREATE EXTENSION IF NOT EXISTS btree_gist;

ALTER TABLE "position"
    ADD CONSTRAINT "position_single_holder" EXCLUDE USING gist (
        "office_key" WITH =,
        daterange("start_date", "end_date", '[)') WITH &&
    );
