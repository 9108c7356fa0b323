import 'server-only';
import { getDb } from '../db';
import { todayUtc, toIsoDate } from '../gaps/dates';
import { log } from '../log';
import { operatorAllowsPrivate } from '../watches/address';
import { sendWebhook } from '../watches/deliver';
import { decide, thresholdDays } from '../watches/rules';
import { listWatchEvents, thresholdOf } from './watches';
import { pairNow, readWatchedPairs, WATCH_RULE_SELECT, watchedPairId } from './watch-pairs';

/*
 * The watch job (docs/WATCHES.md). One run, in one transaction holding a PostgreSQL advisory lock
 * (pg_try_advisory_xact_lock: a run that finds it taken does nothing, so with several server processes
 * one runs at a time), compares every watch with its pair's statistics and records the events each
 * owes (lib/watches/rules decide) together with the watch's new state, so a re-run finds none left.
 * Each event for a user with a webhook gets a delivery row. The deliveries are then sent outside the
 * lock: each is claimed with FOR UPDATE SKIP LOCKED, so two processes never send the same one.
 */

/** The job's advisory lock key (lib/stats/maintain uses 7301 and imports 7_302_001). */
export const WATCH_JOB_LOCK = 7_303_001;

/** Attempts per delivery, and the back-off: the n-th retry waits base × 2^(n−1). */
export const WEBHOOK_MAX_ATTEMPTS = 6;

/** The back-off's base in ms (WEBHOOK_RETRY_BASE_SECONDS, default 30 s: retries after 30 s, 1, 2, 4 and 8 min). */
export function retryBaseMs(env: Record<string, string | undefined> = process.env): number {
  const seconds = Number(env.WEBHOOK_RETRY_BASE_SECONDS);
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : 30_000;
}

/** When the next attempt after failed attempt number `attempt` (1-based) is due. */
export function nextAttemptAt(now: Date, attempt: number, baseMs = retryBaseMs()): Date {
  return new Date(now.getTime() + baseMs * 2 ** (attempt - 1));
}

export type WatchJobResult = { ran: boolean; events: number; deliveries: number };

/**
 * Runs the job once at `now` (the app's clock: today is todayUtc(now)): records the events due, then
 * sends the webhook deliveries due. `ran` is false when another run held the lock.
 */
export async function runWatchJob(options: { now?: Date } = {}): Promise<WatchJobResult> {
  const now = options.now ?? new Date();
  const today = todayUtc(now);
  const events = await getDb().$transaction(
    async (tx) => {
      const [{ locked }] = await tx.$queryRaw<{ locked: boolean }[]>`
        SELECT pg_try_advisory_xact_lock(${WATCH_JOB_LOCK}::bigint) AS locked`;
      if (!locked) return null;
      const watches = await tx.watch.findMany({
        select: { ...WATCH_RULE_SELECT, userId: true },
      });
      const stats = await readWatchedPairs(tx, watches);
      const hooks = new Set(
        (
          await tx.watchWebhook.findMany({
            where: { userId: { in: [...new Set(watches.map((w) => w.userId))] } },
            select: { userId: true },
          })
        ).map((h) => h.userId),
      );
      let count = 0;
      for (const watch of watches) {
        const stat = stats.get(watchedPairId(watch));
        const threshold = thresholdDays(thresholdOf(watch), stat?.medianDays ?? null);
        const state = watch.crossedSince === null ? null : toIsoDate(watch.crossedSince);
        const next = decide(state, pairNow(stat, threshold, today));
        if (next.events.length === 0 && next.crossedSince === state) continue;
        for (const event of next.events) {
          const row = await tx.watchEvent.create({
            data: {
              watchId: watch.id,
              userId: watch.userId,
              kind: event.kind,
              level: watch.level,
              keyA: watch.keyA,
              keyB: watch.keyB,
              silenceSince: new Date(`${event.since}T00:00:00Z`),
              days: event.days,
              thresholdDays: event.thresholdDays,
              endedOn: event.endedOn === null ? null : new Date(`${event.endedOn}T00:00:00Z`),
              occurredAt: now,
            },
            select: { id: true },
          });
          if (hooks.has(watch.userId)) {
            await tx.webhookDelivery.create({
              data: { eventId: row.id, userId: watch.userId, url: '', nextAttemptAt: now },
            });
          }
          count += 1;
        }
        await tx.watch.update({
          where: { id: watch.id },
          data: {
            crossedSince: next.crossedSince === null ? null : new Date(`${next.crossedSince}T00:00:00Z`),
            crossedAt: next.crossedSince === null ? null : next.crossedSince === state ? undefined : now,
          },
        });
      }
      return count;
    },
    { timeout: 60_000, maxWait: 10_000 },
  );
  const deliveries = await deliverDueWebhooks({ now });
  return { ran: events !== null, events: events ?? 0, deliveries };
}

/** The JSON a webhook receives for an event (docs/WATCHES.md). */
async function payloadOf(userId: string, eventId: string) {
  const [event] = await listWatchEvents(userId, { limit: 1, eventId });
  if (event === undefined) return null;
  const base = process.env.BETTER_AUTH_URL?.replace(/\/+$/, '');
  return {
    type: event.kind === 'CROSSED' ? 'silence.crossed' : 'silence.ended',
    body: {
      id: event.id,
      type: event.kind === 'CROSSED' ? 'silence.crossed' : 'silence.ended',
      occurredAt: event.occurredAt,
      watchId: event.watchId,
      text: event.text,
      pair: {
        level: event.level,
        a: event.pair.a,
        b: event.pair.b,
        title: event.pair.title,
        url: base ? `${base}${event.pair.href}` : event.pair.href,
      },
      silence: {
        since: event.silenceSince,
        days: event.days,
        thresholdDays: event.thresholdDays,
        endedOn: event.endedOn,
      },
    },
  };
}

/**
 * Sends the webhook deliveries due at `now` (at most `limit`), logging each attempt; a failed one is
 * retried with exponential back-off until WEBHOOK_MAX_ATTEMPTS. Returns how many were attempted.
 */
export async function deliverDueWebhooks(options: { now?: Date; limit?: number } = {}): Promise<number> {
  const now = options.now ?? new Date();
  const db = getDb();
  // A claimed delivery is leased for a while: a process that dies mid-send leaves it to be retried then.
  const lease = new Date(now.getTime() + 5 * 60_000);
  const claimed = await db.$queryRaw<{ id: string; eventId: string; userId: string; attempts: number }[]>`
    UPDATE webhook_delivery d SET next_attempt_at = ${lease}
    WHERE d.id IN (
      SELECT id FROM webhook_delivery WHERE state = 'PENDING' AND next_attempt_at <= ${now}
      ORDER BY next_attempt_at, id LIMIT ${options.limit ?? 20} FOR UPDATE SKIP LOCKED)
    RETURNING d.id, d.event_id AS "eventId", d.user_id AS "userId", d.attempts`;
  for (const delivery of claimed) {
    const attempt = delivery.attempts + 1;
    const hook = await db.watchWebhook.findUnique({
      where: { userId: delivery.userId },
      select: { url: true, secret: true, user: { select: { webhookPrivateAllowed: true } } },
    });
    const payload = hook === null ? null : await payloadOf(delivery.userId, delivery.eventId);
    const result =
      hook === null || payload === null
        ? { ok: false, status: null, error: 'The webhook was removed before this was sent', durationMs: 0 }
        : await sendWebhook({
            url: hook.url,
            secret: hook.secret,
            body: JSON.stringify(payload.body),
            event: payload.type,
            deliveryId: delivery.id,
            allowPrivate: hook.user.webhookPrivateAllowed || operatorAllowsPrivate(),
          });
    const final = result.ok || hook === null || payload === null || attempt >= WEBHOOK_MAX_ATTEMPTS;
    await db.$transaction([
      db.webhookAttempt.create({
        data: {
          deliveryId: delivery.id,
          attempt,
          durationMs: result.durationMs,
          ok: result.ok,
          responseStatus: result.status,
          error: result.error?.slice(0, 500) ?? null,
        },
      }),
      db.webhookDelivery.update({
        where: { id: delivery.id },
        data: {
          attempts: attempt,
          url: hook?.url ?? '',
          state: result.ok ? 'DELIVERED' : final ? 'FAILED' : 'PENDING',
          nextAttemptAt: final ? now : nextAttemptAt(now, attempt),
        },
      }),
    ]);
    if (!result.ok) log.warn({ deliveryId: delivery.id, attempt, error: result.error }, 'A webhook delivery failed');
  }
  return claimed.length;
}
