-- CreateEnum
CREATE TYPE "WatchEventKind" AS ENUM ('CROSSED', 'ENDED');

-- CreateEnum
CREATE TYPE "WebhookDeliveryState" AS ENUM ('PENDING', 'DELIVERED', 'FAILED');

-- AlterTable
ALTER TABLE "user" ADD COLUMN     "webhook_private_allowed" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "watch" ADD COLUMN     "crossed_at" TIMESTAMPTZ(3),
ADD COLUMN     "crossed_since" DATE,
ADD COLUMN     "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;

-- CreateTable
CREATE TABLE "watch_event" (
    "id" TEXT NOT NULL,
    "watch_id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "kind" "WatchEventKind" NOT NULL,
    "level" "PairLevel" NOT NULL,
    "key_a" TEXT NOT NULL,
    "key_b" TEXT NOT NULL,
    "silence_since" DATE NOT NULL,
    "days" INTEGER NOT NULL,
    "threshold_days" INTEGER NOT NULL,
    "ended_on" DATE,
    "occurred_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "watch_event_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "watch_feed_token" (
    "user_id" TEXT NOT NULL,
    "token_hash" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "watch_feed_token_pkey" PRIMARY KEY ("user_id")
);

-- CreateTable
CREATE TABLE "watch_webhook" (
    "user_id" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "secret" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "watch_webhook_pkey" PRIMARY KEY ("user_id")
);

-- CreateTable
CREATE TABLE "webhook_delivery" (
    "id" TEXT NOT NULL,
    "event_id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "state" "WebhookDeliveryState" NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "next_attempt_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "webhook_delivery_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "webhook_attempt" (
    "id" TEXT NOT NULL,
    "delivery_id" TEXT NOT NULL,
    "attempt" INTEGER NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "duration_ms" INTEGER NOT NULL,
    "ok" BOOLEAN NOT NULL,
    "response_status" INTEGER,
    "error" TEXT,

    CONSTRAINT "webhook_attempt_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "watch_event_user_id_occurred_at_idx" ON "watch_event"("user_id", "occurred_at");

-- CreateIndex
CREATE INDEX "watch_event_watch_id_idx" ON "watch_event"("watch_id");

-- CreateIndex
CREATE UNIQUE INDEX "watch_feed_token_token_hash_key" ON "watch_feed_token"("token_hash");

-- CreateIndex
CREATE INDEX "webhook_delivery_state_next_attempt_at_idx" ON "webhook_delivery"("state", "next_attempt_at");

-- CreateIndex
CREATE INDEX "webhook_delivery_user_id_created_at_idx" ON "webhook_delivery"("user_id", "created_at");

-- CreateIndex
CREATE INDEX "webhook_attempt_delivery_id_attempt_idx" ON "webhook_attempt"("delivery_id", "attempt");

-- CreateIndex
CREATE INDEX "watch_level_key_a_key_b_idx" ON "watch"("level", "key_a", "key_b");

-- AddForeignKey
ALTER TABLE "watch_event" ADD CONSTRAINT "watch_event_watch_id_fkey" FOREIGN KEY ("watch_id") REFERENCES "watch"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "watch_feed_token" ADD CONSTRAINT "watch_feed_token_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "watch_webhook" ADD CONSTRAINT "watch_webhook_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "webhook_delivery" ADD CONSTRAINT "webhook_delivery_event_id_fkey" FOREIGN KEY ("event_id") REFERENCES "watch_event"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "webhook_attempt" ADD CONSTRAINT "webhook_attempt_delivery_id_fkey" FOREIGN KEY ("delivery_id") REFERENCES "webhook_delivery"("id") ON DELETE CASCADE ON UPDATE CASCADE;
