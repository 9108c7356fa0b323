-- CreateEnum
CREATE TYPE "Role" AS ENUM ('VIEWER', 'RESEARCHER', 'ADMIN');

-- CreateEnum
CREATE TYPE "DatePrecision" AS ENUM ('DAY', 'MONTH', 'YEAR');

-- CreateEnum
CREATE TYPE "ContactType" AS ENUM ('CALL', 'VIDEO_CALL', 'MEETING', 'LETTER', 'HOTLINE', 'OTHER');

-- CreateEnum
CREATE TYPE "ContactStatus" AS ENUM ('HELD', 'REQUESTED', 'REFUSED', 'SCHEDULED', 'CANCELLED');

-- CreateEnum
CREATE TYPE "VerificationStatus" AS ENUM ('UNVERIFIED', 'VERIFIED', 'DISPUTED');

-- CreateEnum
CREATE TYPE "PairLevel" AS ENUM ('OFFICIAL', 'OFFICE', 'COUNTRY');

-- CreateTable
CREATE TABLE "official" (
    "id" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "name_search" TEXT NOT NULL,
    "country" CHAR(2) NOT NULL,
    "wikidata_id" TEXT,
    "photo_url" TEXT,
    "bio" TEXT,
    "links" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "merged_into_id" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "official_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "official_alias" (
    "id" TEXT NOT NULL,
    "official_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "name_search" TEXT NOT NULL,

    CONSTRAINT "official_alias_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "office" (
    "key" TEXT NOT NULL,
    "country" CHAR(2) NOT NULL,
    "title" TEXT NOT NULL,
    "organisation" TEXT,

    CONSTRAINT "office_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "position" (
    "id" TEXT NOT NULL,
    "official_id" TEXT NOT NULL,
    "office_key" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "organisation" TEXT,
    "start_date" DATE NOT NULL,
    "end_date" DATE,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "position_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "channel" (
    "id" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "countries" TEXT[],
    "established_on" DATE NOT NULL,
    "closed_on" DATE,
    "source_url" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "channel_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "contact" (
    "id" TEXT NOT NULL,
    "date" DATE NOT NULL,
    "date_precision" "DatePrecision" NOT NULL DEFAULT 'DAY',
    "time" TEXT,
    "time_zone" TEXT,
    "occurred_at" TIMESTAMPTZ(3),
    "type" "ContactType" NOT NULL,
    "status" "ContactStatus" NOT NULL,
    "initiator_id" TEXT,
    "duration_minutes" INTEGER,
    "location" TEXT,
    "summary" TEXT,
    "topics" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "verification" "VerificationStatus" NOT NULL DEFAULT 'UNVERIFIED',
    "verified_by_id" TEXT,
    "verified_at" TIMESTAMPTZ(3),
    "channel_id" TEXT,
    "resolved_by_id" TEXT,
    "import_key" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "deleted_at" TIMESTAMPTZ(3),
    "created_by_id" TEXT,
    "updated_by_id" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "contact_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "participant" (
    "contact_id" TEXT NOT NULL,
    "official_id" TEXT NOT NULL,
    "position_id" TEXT,
    "country" CHAR(2) NOT NULL,
    "office_key" TEXT,

    CONSTRAINT "participant_pkey" PRIMARY KEY ("contact_id","official_id")
);

-- CreateTable
CREATE TABLE "source" (
    "id" TEXT NOT NULL,
    "contact_id" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "publisher" TEXT,
    "title" TEXT,
    "published_at" DATE,
    "side" TEXT,
    "quote" TEXT,
    "archive_url" TEXT,
    "claimed_date" DATE,
    "claimed_initiator_id" TEXT,
    "claimed_duration_minutes" INTEGER,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "source_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "context_event" (
    "id" TEXT NOT NULL,
    "date" DATE NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT,
    "url" TEXT,
    "countries" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "context_event_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "watch" (
    "id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "level" "PairLevel" NOT NULL,
    "key_a" TEXT NOT NULL,
    "key_b" TEXT NOT NULL,
    "threshold_days" INTEGER,
    "threshold_multiple" DOUBLE PRECISION,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "watch_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "user" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "email_verified" BOOLEAN NOT NULL DEFAULT false,
    "image" TEXT,
    "role" "Role" NOT NULL DEFAULT 'VIEWER',
    "banned" BOOLEAN NOT NULL DEFAULT false,
    "ban_reason" TEXT,
    "ban_expires" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "user_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "session" (
    "id" TEXT NOT NULL,
    "token" TEXT NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "ip_address" TEXT,
    "user_agent" TEXT,
    "impersonated_by" TEXT,
    "user_id" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "session_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "account" (
    "id" TEXT NOT NULL,
    "account_id" TEXT NOT NULL,
    "provider_id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "access_token" TEXT,
    "refresh_token" TEXT,
    "id_token" TEXT,
    "access_token_expires_at" TIMESTAMPTZ(3),
    "refresh_token_expires_at" TIMESTAMPTZ(3),
    "scope" TEXT,
    "password" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "account_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "verification" (
    "id" TEXT NOT NULL,
    "identifier" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "verification_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "rate_limit" (
    "id" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "count" INTEGER NOT NULL,
    "last_request" BIGINT NOT NULL,

    CONSTRAINT "rate_limit_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "api_token" (
    "id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "token_hash" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_used_at" TIMESTAMPTZ(3),
    "expires_at" TIMESTAMPTZ(3),
    "revoked_at" TIMESTAMPTZ(3),

    CONSTRAINT "api_token_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "audit_log" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "user_id" TEXT,
    "via" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "entity_type" TEXT NOT NULL,
    "entity_id" TEXT NOT NULL,
    "before" JSONB,
    "after" JSONB,

    CONSTRAINT "audit_log_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "official_slug_key" ON "official"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "official_wikidata_id_key" ON "official"("wikidata_id");

-- CreateIndex
CREATE INDEX "official_country_idx" ON "official"("country");

-- CreateIndex
CREATE INDEX "official_name_search_idx" ON "official"("name_search");

-- CreateIndex
CREATE INDEX "official_alias_name_search_idx" ON "official_alias"("name_search");

-- CreateIndex
CREATE UNIQUE INDEX "official_alias_official_id_name_search_key" ON "official_alias"("official_id", "name_search");

-- CreateIndex
CREATE INDEX "office_country_idx" ON "office"("country");

-- CreateIndex
CREATE INDEX "position_official_id_start_date_idx" ON "position"("official_id", "start_date");

-- CreateIndex
CREATE INDEX "position_office_key_start_date_idx" ON "position"("office_key", "start_date");

-- CreateIndex
CREATE UNIQUE INDEX "channel_slug_key" ON "channel"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "contact_import_key_key" ON "contact"("import_key");

-- CreateIndex
CREATE INDEX "contact_date_idx" ON "contact"("date");

-- CreateIndex
CREATE INDEX "contact_status_date_idx" ON "contact"("status", "date");

-- CreateIndex
CREATE INDEX "participant_official_id_contact_id_idx" ON "participant"("official_id", "contact_id");

-- CreateIndex
CREATE INDEX "participant_office_key_contact_id_idx" ON "participant"("office_key", "contact_id");

-- CreateIndex
CREATE INDEX "participant_country_contact_id_idx" ON "participant"("country", "contact_id");

-- CreateIndex
CREATE INDEX "source_contact_id_idx" ON "source"("contact_id");

-- CreateIndex
CREATE INDEX "context_event_date_idx" ON "context_event"("date");

-- CreateIndex
CREATE UNIQUE INDEX "watch_user_id_level_key_a_key_b_key" ON "watch"("user_id", "level", "key_a", "key_b");

-- CreateIndex
CREATE UNIQUE INDEX "user_email_key" ON "user"("email");

-- CreateIndex
CREATE UNIQUE INDEX "session_token_key" ON "session"("token");

-- CreateIndex
CREATE INDEX "session_user_id_idx" ON "session"("user_id");

-- CreateIndex
CREATE INDEX "account_user_id_idx" ON "account"("user_id");

-- CreateIndex
CREATE INDEX "verification_identifier_idx" ON "verification"("identifier");

-- CreateIndex
CREATE UNIQUE INDEX "rate_limit_key_key" ON "rate_limit"("key");

-- CreateIndex
CREATE UNIQUE INDEX "api_token_token_hash_key" ON "api_token"("token_hash");

-- CreateIndex
CREATE INDEX "api_token_user_id_idx" ON "api_token"("user_id");

-- CreateIndex
CREATE INDEX "audit_log_entity_type_entity_id_idx" ON "audit_log"("entity_type", "entity_id");

-- CreateIndex
CREATE INDEX "audit_log_at_idx" ON "audit_log"("at");

-- CreateIndex
CREATE INDEX "audit_log_user_id_at_idx" ON "audit_log"("user_id", "at");

-- AddForeignKey
ALTER TABLE "official" ADD CONSTRAINT "official_merged_into_id_fkey" FOREIGN KEY ("merged_into_id") REFERENCES "official"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "official_alias" ADD CONSTRAINT "official_alias_official_id_fkey" FOREIGN KEY ("official_id") REFERENCES "official"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "position" ADD CONSTRAINT "position_official_id_fkey" FOREIGN KEY ("official_id") REFERENCES "official"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "position" ADD CONSTRAINT "position_office_key_fkey" FOREIGN KEY ("office_key") REFERENCES "office"("key") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "contact" ADD CONSTRAINT "contact_initiator_id_fkey" FOREIGN KEY ("initiator_id") REFERENCES "official"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "contact" ADD CONSTRAINT "contact_channel_id_fkey" FOREIGN KEY ("channel_id") REFERENCES "channel"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "contact" ADD CONSTRAINT "contact_resolved_by_id_fkey" FOREIGN KEY ("resolved_by_id") REFERENCES "contact"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "contact" ADD CONSTRAINT "contact_verified_by_id_fkey" FOREIGN KEY ("verified_by_id") REFERENCES "user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "contact" ADD CONSTRAINT "contact_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "contact" ADD CONSTRAINT "contact_updated_by_id_fkey" FOREIGN KEY ("updated_by_id") REFERENCES "user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "participant" ADD CONSTRAINT "participant_contact_id_fkey" FOREIGN KEY ("contact_id") REFERENCES "contact"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "participant" ADD CONSTRAINT "participant_official_id_fkey" FOREIGN KEY ("official_id") REFERENCES "official"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "participant" ADD CONSTRAINT "participant_position_id_fkey" FOREIGN KEY ("position_id") REFERENCES "position"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "source" ADD CONSTRAINT "source_contact_id_fkey" FOREIGN KEY ("contact_id") REFERENCES "contact"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "source" ADD CONSTRAINT "source_claimed_initiator_id_fkey" FOREIGN KEY ("claimed_initiator_id") REFERENCES "official"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "watch" ADD CONSTRAINT "watch_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "session" ADD CONSTRAINT "session_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "account" ADD CONSTRAINT "account_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "api_token" ADD CONSTRAINT "api_token_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Rules Prisma's schema language cannot express. Prisma does not read CHECK constraints
-- when it diffs, so later migrations neither see nor drop them. A migration that removes
-- a value from "DatePrecision" or "ContactStatus" (Prisma recreates the type) must drop
-- the contact checks that compare against them first and add them again after.

-- AddCheckConstraint
ALTER TABLE "official"
    ADD CONSTRAINT "official_country_check" CHECK ("country" ~ '^[A-Z]{2}$'),
    ADD CONSTRAINT "official_merged_into_id_check" CHECK ("merged_into_id" IS NULL OR "merged_into_id" <> "id");

-- AddCheckConstraint
ALTER TABLE "office"
    ADD CONSTRAINT "office_country_check" CHECK ("country" ~ '^[A-Z]{2}$'),
    ADD CONSTRAINT "office_key_check" CHECK ("key" ~ '^[A-Z]{2}:[A-Z0-9_]+$'),
    ADD CONSTRAINT "office_key_country_check" CHECK (split_part("key", ':', 1) = "country");

-- AddCheckConstraint
ALTER TABLE "position"
    ADD CONSTRAINT "position_end_date_check" CHECK ("end_date" IS NULL OR "end_date" >= "start_date");

-- AddCheckConstraint
ALTER TABLE "contact"
    ADD CONSTRAINT "contact_duration_minutes_check" CHECK ("duration_minutes" IS NULL OR "duration_minutes" >= 0),
    ADD CONSTRAINT "contact_time_check" CHECK ("time" IS NULL OR "time" ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
    ADD CONSTRAINT "contact_time_zone_check" CHECK ("time_zone" IS NULL OR "time" IS NOT NULL),
    ADD CONSTRAINT "contact_month_precision_check" CHECK ("date_precision" <> 'MONTH' OR EXTRACT(DAY FROM "date") = 1),
    ADD CONSTRAINT "contact_year_precision_check" CHECK ("date_precision" <> 'YEAR' OR (EXTRACT(DAY FROM "date") = 1 AND EXTRACT(MONTH FROM "date") = 1)),
    ADD CONSTRAINT "contact_resolved_by_id_check" CHECK ("resolved_by_id" IS NULL OR ("status" = 'SCHEDULED' AND "resolved_by_id" <> "id"));

-- AddCheckConstraint
ALTER TABLE "participant"
    ADD CONSTRAINT "participant_country_check" CHECK ("country" ~ '^[A-Z]{2}$');

-- AddCheckConstraint
ALTER TABLE "source"
    ADD CONSTRAINT "source_url_check" CHECK ("url" ~ '^https?://'),
    ADD CONSTRAINT "source_archive_url_check" CHECK ("archive_url" IS NULL OR "archive_url" ~ '^https?://'),
    ADD CONSTRAINT "source_claimed_duration_minutes_check" CHECK ("claimed_duration_minutes" IS NULL OR "claimed_duration_minutes" >= 0);

-- AddCheckConstraint
ALTER TABLE "channel"
    ADD CONSTRAINT "channel_closed_on_check" CHECK ("closed_on" IS NULL OR "closed_on" >= "established_on");

-- AddCheckConstraint
ALTER TABLE "watch"
    ADD CONSTRAINT "watch_one_threshold_check" CHECK (("threshold_days" IS NULL) <> ("threshold_multiple" IS NULL)),
    ADD CONSTRAINT "watch_threshold_days_check" CHECK ("threshold_days" IS NULL OR "threshold_days" > 0),
    ADD CONSTRAINT "watch_threshold_multiple_check" CHECK ("threshold_multiple" IS NULL OR "threshold_multiple" > 0);

-- AddCheckConstraint
ALTER TABLE "api_token"
    ADD CONSTRAINT "api_token_prefix_check" CHECK (length("prefix") BETWEEN 4 AND 16);
