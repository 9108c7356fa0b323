import 'server-only';
import type { PrismaClient } from '../generated/prisma/client';
import { daysBetween } from '../gaps/dates';
import type { IsoDate, PairLevel } from '../gaps/types';
import { isRunning } from '../stats/lists';

type Db = Pick<PrismaClient, '$queryRaw'>;

/** What a watch needs of its pair's statistics: its last held contact, when it closed, its median gap. */
export type WatchedPairStat = { since: IsoDate | null; openUntil: IsoDate | null; medianDays: number | null };

export type WatchedPairKey = { level: PairLevel; keyA: string; keyB: string };

export const watchedPairId = (pair: WatchedPairKey) => `${pair.level}~${pair.keyA}~${pair.keyB}`;

/** What a watch's rule needs of its row: the pair, the threshold and the silence it last crossed. */
export const WATCH_RULE_SELECT = {
  id: true,
  level: true,
  keyA: true,
  keyB: true,
  thresholdDays: true,
  thresholdMultiple: true,
  crossedSince: true,
} as const;

/** The statistics rows of the given pairs, by watchedPairId; a pair with no contact has none. */
export async function readWatchedPairs(db: Db, pairs: WatchedPairKey[]): Promise<Map<string, WatchedPairStat>> {
  if (pairs.length === 0) return new Map();
  const rows = await db.$queryRaw<(WatchedPairStat & { level: PairLevel; a: string; b: string })[]>`
    SELECT s.level::text AS level, s.a, s.b,
           CASE WHEN s.held_count > 0 THEN to_char(s.last_date, 'YYYY-MM-DD') END AS since,
           CASE WHEN s.open_until = 'infinity' THEN NULL ELSE to_char(s.open_until, 'YYYY-MM-DD') END AS "openUntil",
           s.median_days AS "medianDays"
    FROM unnest(${pairs.map((p) => p.level)}::text[], ${pairs.map((p) => p.keyA)}::text[], ${pairs.map((p) => p.keyB)}::text[])
           AS t(level, a, b)
    JOIN pair_stat s ON s.level = t.level::"PairLevel" AND s.a = t.a AND s.b = t.b`;
  return new Map(rows.map((row) => [watchedPairId({ level: row.level, keyA: row.a, keyB: row.b }), row]));
}

/** A pair's silence on `today`, as lib/watches/rules reads it. */
export function pairNow(stat: WatchedPairStat | undefined, threshold: number | null, today: IsoDate) {
  const since = stat?.since ?? null;
  const openUntil = stat?.openUntil ?? null;
  const running = since !== null && isRunning({ lastDate: since, openUntil }, today);
  return {
    since,
    running,
    closedOn: since !== null && !running && openUntil !== null ? openUntil : null,
    days: running && since !== null ? Math.max(0, daysBetween(since, today)) : 0,
    threshold,
  };
}
