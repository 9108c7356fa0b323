import 'server-only';
import { getDb } from '../db';

/*
 * Counters of sign-in attempts in PostgreSQL, so that every server process
 * shares them. Each key (an account, or a client address) has a fixed window
 * that starts with its first attempt. An attempt is counted before the
 * password is checked, so that guesses sent in parallel cannot all slip under
 * the limit; a successful attempt is taken back again, so only failures count.
 */

/** A limit on one key: at most `max` attempts in `windowSeconds`. */
export type ThrottleRule = { max: number; windowSeconds: number };

/** Whether an attempt may go ahead, and if not, how many seconds until it may. */
export type ThrottleDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * Counts one attempt against the key, unless its window is full: then nothing
 * is counted and the answer says when the window ends.
 */
export async function consumeSignInAttempt(key: string, rule: ThrottleRule): Promise<ThrottleDecision> {
  const db = getDb();
  const counted = await db.$queryRaw<{ count: number }[]>`
    INSERT INTO sign_in_throttle (key, count, window_start) VALUES (${key}, 1, now())
    ON CONFLICT (key) DO UPDATE SET
      count = CASE WHEN sign_in_throttle.window_start <= now() - make_interval(secs => ${rule.windowSeconds})
                   THEN 1 ELSE sign_in_throttle.count + 1 END,
      window_start = CASE WHEN sign_in_throttle.window_start <= now() - make_interval(secs => ${rule.windowSeconds})
                          THEN now() ELSE sign_in_throttle.window_start END
    WHERE sign_in_throttle.window_start <= now() - make_interval(secs => ${rule.windowSeconds})
       OR sign_in_throttle.count < ${rule.max}
    RETURNING count`;
  if (counted.length > 0) return { allowed: true };
  const [row] = await db.$queryRaw<{ seconds: number }[]>`
    SELECT ceil(extract(epoch FROM window_start + make_interval(secs => ${rule.windowSeconds}) - now()))::int AS seconds
    FROM sign_in_throttle WHERE key = ${key}`;
  return { allowed: false, retryAfterSeconds: Math.max(1, row?.seconds ?? rule.windowSeconds) };
}

/** Takes back one attempt counted against the key (a sign-in that succeeded, or one refused by another key). */
export async function releaseSignInAttempt(key: string): Promise<void> {
  await getDb().$executeRaw`
    UPDATE sign_in_throttle SET count = count - 1 WHERE key = ${key} AND count > 0`;
}

/** Forgets the counters whose windows ended long ago (an hour), so the table stays small. */
export async function pruneSignInAttempts(): Promise<void> {
  await getDb().$executeRaw`DELETE FROM sign_in_throttle WHERE window_start < now() - interval '1 hour'`;
}
