/**
 * A long pair's page (past LARGE_PAIR_GAPS) reads its numbers from the statistics and draws its
 * chart in PostgreSQL: the numbers, the latest gaps and a silence closed on a departure are those
 * of the whole series.
 */
import { describe, expect, it } from 'vitest';
import { getDb } from '../db';
import { setupTestDatabase } from '../testing/database';
import { rebuildPairStats } from '../stats/rebuild';
import type { Actor } from './actor';
import { getPairSeries } from './gaps';
import { DETAILED_GAPS, getPairPage, getPairTimeline, LARGE_PAIR_GAPS } from './pair-page';
import { makeOfficial } from '../testing/factories';

setupTestDatabase();

const actor: Actor = { userId: null, via: 'cli' };

async function longPair(leftOn: string | null) {
  const make = (name: string, country: string, office: string, end: string | null) =>
    makeOfficial(
      {
        name,
        country,
        positions: [{ title: office, officeKey: office, startDate: '1980-01-01', endDate: end ?? undefined }],
      },
      actor,
    );
  const a = await make('Lana Long', 'US', 'US:SECDEF', null);
  const b = await make('Boris Bulk', 'RU', 'RU:MINDEF', leftOn);
  const count = LARGE_PAIR_GAPS + 300;
  // Held calls every few days (one in ten refused), some on the same day, from 1990 on.
  await getDb().$executeRaw`
    INSERT INTO contact (id, date, type, status, updated_at)
    SELECT 'long' || lpad(i::text, 5, '0'), date '1990-01-01' + (i * 3 + (i % 7 = 0)::int * 2)::int / 1, 'CALL',
           (CASE WHEN i % 10 = 0 THEN 'REFUSED' ELSE 'HELD' END)::"ContactStatus", now()
    FROM generate_series(1, ${count}) i`;
  await getDb().$executeRaw`
    INSERT INTO participant (contact_id, official_id, country)
    SELECT c.id, o.id, o.country FROM contact c, official o WHERE c.id LIKE 'long%' AND o.id IN (${a.id}, ${b.id})`;
  await getDb().$executeRaw`
    INSERT INTO source (id, contact_id, url) SELECT 's' || id, id, 'https://example.org/' || id FROM contact WHERE id LIKE 'long%'`;
  await rebuildPairStats(getDb());
  return { a, b };
}

describe('a long pair page', () => {
  for (const leftOn of [null, '2022-01-01']) {
    it(`shows the whole series' numbers ${leftOn ? 'with a silence closed on a departure' : 'with a running silence'}`, async () => {
      const { a, b } = await longPair(leftOn);
      const page = (await getPairPage('OFFICIAL', a.slug, b.slug))!;
      const full = await getPairSeries(page.pair);
      expect(full.gaps.length).toBeGreaterThan(LARGE_PAIR_GAPS);
      expect(page.bars).not.toBeNull();
      const { gaps, ...numbers } = page.series;
      const { gaps: allGaps, ...fullNumbers } = full;
      // The page names the markers of the latest gaps and of the running silence only.
      const bare = (series: typeof numbers) => ({
        ...series,
        leadingMarkers: [],
        longestGap: series.longestGap && { ...series.longestGap, markers: [] },
      });
      expect(bare(numbers)).toEqual(bare(fullNumbers));
      expect(gaps).toEqual(allGaps.slice(-gaps.length));
      expect(gaps.length).toBeGreaterThanOrEqual(DETAILED_GAPS);
      if (leftOn) expect(gaps.at(-1)!.closedBy).toMatchObject({ officialId: b.id, on: leftOn });
      else expect(page.series.currentSilence).not.toBeNull();
      // Each bar is the longest of its run of consecutive gaps, and every gap is in one run.
      const { gaps: bars, perBar } = page.bars!;
      expect(bars.length).toBe(Math.ceil(allGaps.filter((g) => g.closedBy === null).length / perBar));
      // The timeline's oldest page starts at the first contact.
      let timeline = await getPairTimeline(page.pair, null, 150);
      expect(timeline.to).toBe(timeline.total);
      while (timeline.older !== null) {
        const [date, id] = timeline.older.split('~');
        timeline = await getPairTimeline(page.pair, { date, id }, 150);
      }
      expect(timeline.from).toBe(1);
      expect(timeline.items[0].id).toBe('long00001');
    }, 120_000);
  }
});
