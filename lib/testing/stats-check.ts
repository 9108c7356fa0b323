/**
 * The check that the kept pair statistics equal what the pure gap engine computes from scratch, pair by
 * pair at every level, for the tests of every bulk or random write (lib/stats, lib/import).
 */
import { expect } from 'vitest';
import { loadGapContacts, loadLeftOffice } from '../data/gaps';
import { getDb } from '../db';
import { computeAllSeries, computeSeries } from '../gaps/engine';
import type { GapSeries, PairLevel } from '../gaps/types';
import { UNUSUAL_MIN_GAPS } from '../stats/limits';
import { isRunning, listRunningSilences, listUnusualSilences, type PairStatBase } from '../stats/lists';
import { seriesFromStats } from '../stats/series';

const LEVELS: PairLevel[] = ['OFFICIAL', 'OFFICE', 'COUNTRY'];

type StatRow = PairStatBase & {
  longestDays: number | null;
  longestFrom: string | null;
  longestTo: string | null;
  anyApproximate: boolean;
  anyDisputed: boolean;
  approximateGaps: number;
  disputedGaps: number;
};

async function statRows(): Promise<Map<string, StatRow>> {
  const rows = await getDb().$queryRaw<StatRow[]>`
    SELECT level::text AS level, a, b, held_count AS "heldCount", first_contact_id AS "firstId",
           to_char(first_date, 'YYYY-MM-DD') AS "firstDate", last_contact_id AS "lastId",
           to_char(last_date, 'YYYY-MM-DD') AS "lastDate", gap_count AS "gapCount", gap_sum::int AS "gapSum",
           longest_days AS "longestDays", longest_from_contact_id AS "longestFrom",
           longest_to_contact_id AS "longestTo", median_days AS "medianDays",
           any_approximate AS "anyApproximate", any_disputed AS "anyDisputed",
           approximate_gaps AS "approximateGaps", disputed_gaps AS "disputedGaps"
    FROM pair_stat`;
  return new Map(rows.map((row) => [`${row.level}~${row.a}~${row.b}`, row]));
}

/** What pair_stat must hold for a series the engine computed. */
function expectedStat(series: GapSeries): StatRow {
  const { pair, gaps } = series;
  return {
    level: pair.level,
    a: pair.a,
    b: pair.b,
    heldCount: series.heldCount,
    firstId: series.firstContact?.id ?? null,
    firstDate: series.firstContact?.date ?? null,
    lastId: series.lastContact?.id ?? null,
    lastDate: series.lastContact?.date ?? null,
    gapCount: gaps.length,
    gapSum: gaps.reduce((sum, gap) => sum + gap.days, 0),
    longestDays: series.longestGap?.days ?? null,
    longestFrom: series.longestGap?.fromContactId ?? null,
    longestTo: series.longestGap?.toContactId ?? null,
    medianDays: series.medianGapDays,
    anyApproximate: gaps.some((gap) => gap.approximate),
    anyDisputed: gaps.some((gap) => gap.disputed),
    approximateGaps: gaps.filter((gap) => gap.approximate).length,
    disputedGaps: gaps.filter((gap) => gap.disputed).length,
  };
}

/** Each pair's kept gap lengths (`pair_gap_length`), as "days×gaps" in order of length. */
async function gapLengthRows(): Promise<Map<string, string[]>> {
  const rows = await getDb().$queryRaw<{ key: string; lengths: string[] }[]>`
    SELECT level || '~' || a || '~' || b AS key, array_agg(days || '×' || gaps ORDER BY days) AS lengths
    FROM pair_gap_length GROUP BY level, a, b`;
  return new Map(rows.map((row) => [row.key, row.lengths]));
}

/** The same for a series the engine computed. */
function expectedGapLengths(series: GapSeries): string[] | undefined {
  const counts = new Map<number, number>();
  for (const gap of series.gaps) counts.set(gap.days, (counts.get(gap.days) ?? 0) + 1);
  const lengths = [...counts.entries()].sort(([x], [y]) => x - y).map(([days, gaps]) => `${days}×${gaps}`);
  return lengths.length === 0 ? undefined : lengths;
}

/** Every pair at every level: the stats row and the series read from the stats equal the engine's. */
export async function expectStatsToMatchEngine(TODAY: string): Promise<number> {
  const contacts = await loadGapContacts();
  const stats = await statRows();
  const lengths = await gapLengthRows();
  const leftOffice = await loadLeftOffice(TODAY);
  const openUntil = new Map(
    (
      await getDb().$queryRaw<{ key: string; lastDate: string | null; openUntil: string | null }[]>`
        SELECT level || '~' || a || '~' || b AS key, to_char(last_date, 'YYYY-MM-DD') AS "lastDate",
               CASE WHEN open_until = 'infinity' THEN NULL ELSE to_char(open_until, 'YYYY-MM-DD') END AS "openUntil"
        FROM pair_stat`
    ).map((row) => [row.key, row]),
  );
  let compared = 0;
  for (const level of LEVELS) {
    const running: string[] = [];
    const unusual: string[] = [];
    for (const series of computeAllSeries(contacts, level, TODAY)) {
      const key = `${level}~${series.pair.a}~${series.pair.b}`;
      // pair_stat holds the gaps between contacts; the series read from it also closes a silence on a departure.
      expect(stats.get(key), key).toEqual(expectedStat(series));
      expect(lengths.get(key), key).toEqual(expectedGapLengths(series));
      lengths.delete(key);
      const closing = computeSeries(contacts, series.pair, TODAY, leftOffice);
      expect(await seriesFromStats(getDb(), series.pair, TODAY), key).toEqual(closing);
      // The lists' rule on pair_stat.open_until agrees with the engine on which silences still run.
      expect(isRunning(openUntil.get(key)!, TODAY), key).toBe(closing.currentSilence !== null);
      if (closing.currentSilence !== null) {
        running.push(key);
        const { longestGap } = closing;
        if (closing.gaps.length >= UNUSUAL_MIN_GAPS && longestGap && closing.currentSilence.days > longestGap.days)
          unusual.push(key);
      }
      stats.delete(key);
      compared += 1;
    }
    // The dashboard's lists and counts (read from pair_stat by index ranges) name the same pairs.
    const scope = { level, today: TODAY };
    const listed = await listRunningSilences(getDb(), scope, { limit: 100_000, offset: 0 });
    const keyOf = (item: GapSeries) => `${level}~${item.pair.a}~${item.pair.b}`;
    expect({ total: listed.total, keys: listed.items.map(keyOf).sort() }, `running silences, ${level}`).toEqual({
      total: running.length,
      keys: running.sort(),
    });
    const strange = await listUnusualSilences(getDb(), scope, 100_000);
    expect({ total: strange.total, keys: strange.items.map(keyOf).sort() }, `unusual silences, ${level}`).toEqual({
      total: unusual.length,
      keys: unusual.sort(),
    });
  }
  // No row for a pair the engine does not know.
  expect([...stats.keys()]).toEqual([]);
  expect([...lengths.keys()]).toEqual([]);
  // A write adjusts each pair's count of live contacts by what it changed: still the rows' own count.
  const miscounted = await getDb().$queryRaw<{ key: string }[]>`
    SELECT s.level || '~' || s.a || '~' || s.b AS key FROM pair_stat s
    WHERE s.contact_count <> (SELECT count(*) FROM pair_contact pc WHERE pc.level = s.level AND pc.a = s.a AND pc.b = s.b)`;
  expect(miscounted).toEqual([]);
  return compared;
}
