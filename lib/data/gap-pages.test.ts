/**
 * A page of a pair's gaps read from the statistics is the page the pure engine's
 * whole series gives (lib/gaps/series-page.ts), numbers, gaps and markers alike;
 * walking every page gives back the whole series, each marker exactly once.
 */
import { describe, expect, it } from 'vitest';
import { computeSeries } from '../gaps/engine';
import { pageOfSeries, type GapPage } from '../gaps/series-page';
import type { GapMarker, GapSeries, PairKey } from '../gaps/types';
import type { Cursor } from '../paging';
import { setupTestDatabase } from '../testing/database';
import { writeGapHistory } from '../testing/gap-history';
import { getPairGapPage, loadGapContacts, loadLeftOffice } from './gaps';

setupTestDatabase();

const TODAY = '2026-06-30';

async function engineSeries(pair: PairKey): Promise<GapSeries> {
  return computeSeries(await loadGapContacts(), pair, TODAY, await loadLeftOffice(TODAY));
}

/** Every page from the latest back, each checked against the engine's page. */
async function walk(pair: PairKey, whole: GapSeries, limit: number): Promise<GapPage[]> {
  const pages: GapPage[] = [];
  let before: Cursor | null = null;
  do {
    const page = await getPairGapPage(pair, { before, limit }, TODAY);
    expect(page, `limit ${limit}, before ${before?.date}~${before?.id}`).toEqual(pageOfSeries(whole, before, limit));
    expect(page.series.gaps.length).toBeLessThanOrEqual(limit);
    pages.push(page);
    before = page.older;
  } while (before !== null && pages.length < 100);
  return pages;
}

/** A series without its gaps and leading markers: the numbers every page states. */
const numbersOf = (series: GapSeries) => ({ ...series, gaps: null, leadingMarkers: null });

const allMarkers = (series: GapSeries): GapMarker[] => [
  ...series.leadingMarkers,
  ...series.gaps.flatMap((gap) => gap.markers),
  ...(series.currentSilence?.markers ?? []),
];

describe('pages of a pair’s gaps', () => {
  for (const borisLeft of [null, '2004-06-30']) {
    it(`give back the engine’s whole series, page by page (${borisLeft ? 'a silence closed on a departure' : 'every silence running'})`, async () => {
      const { pairs } = await writeGapHistory(borisLeft);
      for (const [name, pair] of Object.entries(pairs)) {
        const whole = await engineSeries(pair);
        expect(whole.gaps.length, name).toBeGreaterThan(5);
        for (const limit of [1, 2, 3, 7]) {
          const pages = await walk(pair, whole, limit);
          expect(pages.length, `${name} by ${limit}`).toBe(Math.ceil(whole.gaps.length / limit));
          // Oldest page first, the gaps join up into the whole series.
          const oldestFirst = [...pages].reverse();
          expect(oldestFirst.flatMap((page) => page.series.gaps)).toEqual(whole.gaps);
          // Every marker is on exactly one page: the leading ones on the oldest, the running silence's on the newest.
          const markers = oldestFirst.flatMap((page) => [
            ...page.series.leadingMarkers,
            ...page.series.gaps.flatMap((gap) => gap.markers),
            ...(page.newest ? (page.series.currentSilence?.markers ?? []) : []),
          ]);
          expect(markers).toEqual(allMarkers(whole));
          for (const page of pages) {
            // Every number is the whole series'.
            expect(numbersOf(page.series), name).toEqual(numbersOf(whole));
            expect(page.total).toBe(whole.gaps.length);
            expect(page.closedSilence).toEqual(whole.gaps.at(-1)?.closedBy ? whole.gaps.at(-1) : null);
          }
        }
        // Asked with a page as long as the series, the answer is the whole series.
        const all = await getPairGapPage(pair, { before: null, limit: 1000 }, TODAY);
        expect(all).toMatchObject({ series: whole, total: whole.gaps.length, older: null, newest: true });
      }
      // Boris's silence closed: Lana–Boris's last gap, kept by every page.
      const boris = await engineSeries(pairs['Lana–Boris']);
      expect(boris.gaps.at(-1)!.closedBy !== null).toBe(borisLeft !== null);
    });
  }

  it('reads a page before any cursor, one past the oldest gap, and one past the latest', async () => {
    const { pairs } = await writeGapHistory('2004-06-30');
    for (const pair of Object.values(pairs)) {
      const whole = await engineSeries(pair);
      for (const before of [
        { date: '9999-12-31', id: 'zzz' },
        { date: '1900-01-01', id: 'a' },
        { date: whole.gaps[3].to, id: whole.gaps[3].toContactId! },
        // A cursor that is no contact of the pair: gaps on or before its place.
        { date: whole.gaps[2].to, id: 'c000' },
      ]) {
        for (const limit of [2, 1000]) {
          expect(await getPairGapPage(pair, { before, limit }, TODAY)).toEqual(pageOfSeries(whole, before, limit));
        }
      }
      const past = await getPairGapPage(pair, { before: { date: '1900-01-01', id: 'a' }, limit: 5 }, TODAY);
      expect(past).toMatchObject({ older: null, newest: false, total: whole.gaps.length });
      expect(past.series.gaps).toEqual([]);
      expect(past.series.leadingMarkers).toEqual([]);
    }
  });

  it('answers a pair with no contacts with an empty page', async () => {
    const { lana, cleo } = await writeGapHistory(null);
    const pair = { level: 'OFFICIAL' as const, a: lana.id, b: `${cleo.id}x` };
    for (const before of [null, { date: '2000-01-01', id: 'x' }]) {
      const page = await getPairGapPage(pair, { before, limit: 2 }, TODAY);
      expect(page).toMatchObject({ total: 0, older: null, closedSilence: null });
      expect(page.series).toMatchObject({ heldCount: 0, gaps: [], currentSilence: null });
    }
  });
});
