import 'server-only';
import { getDb } from '../db';
import { todayUtc } from '../gaps/dates';
import type { PairLevel } from '../gaps/types';
import { resolvePair } from './pairs';
import { pairNow, readWatchedPairs, watchedPairId } from './watch-pairs';

/** A pair's running silence and median gap, as the watch control shows them; null for no such pair. */
export async function getPairSummaryOf(level: PairLevel, refA: string, refB: string, today = todayUtc()) {
  const resolved = await resolvePair(level, refA, refB);
  if (resolved === null) return null;
  const key = { level, keyA: resolved.pair.a, keyB: resolved.pair.b };
  const stat = (await readWatchedPairs(getDb(), [key])).get(watchedPairId(key));
  const now = pairNow(stat, null, today);
  return { silenceDays: now.running ? now.days : null, medianGapDays: stat?.medianDays ?? null };
}
