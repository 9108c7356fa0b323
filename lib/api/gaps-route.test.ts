/**
 * GET /api/v1/gaps as a client meets it: a series that fits answers whole, as
 * it always has; a longer one (here made longer by `limit`) answers its latest
 * page with a `page` object whose `older` links walk back to the first gap;
 * every number is the whole series'; bad paging parameters are a 400 naming them.
 */
import { describe, expect, it } from 'vitest';
import { GET } from '@/app/api/v1/gaps/route';
import { CACHE_TAGS_HEADER, pairTag } from '../cache/tags.mjs';
import { loadGapContacts, loadLeftOffice } from '../data/gaps';
import { getPairOverview } from '../data/pairs';
import { computeSeries } from '../gaps/engine';
import { todayUtc } from '../gaps/dates';
import type { PairLevel } from '../gaps/types';
import { setupTestDatabase } from '../testing/database';
import { writeGapHistory } from '../testing/gap-history';
import { gapSeriesJson, type GapSeriesJson } from './serialize';

setupTestDatabase();

async function get(path: string): Promise<{ status: number; body: GapSeriesJson; headers: Headers }> {
  const response = await GET(new Request(`http://localhost${path}`), undefined);
  return { status: response.status, body: await response.json(), headers: response.headers };
}

/** The whole series as the engine computes it, in the API's words. */
async function engineJson(level: PairLevel, refA: string, refB: string) {
  const today = todayUtc();
  const overview = (await getPairOverview(level, refA, refB, today))!;
  const series = computeSeries(await loadGapContacts(), overview.pair, today, await loadLeftOffice(today));
  return gapSeriesJson({ ...overview, series }, today);
}

/** What every page states of the whole series: all but its gaps, markers and paging. */
const numbersOf = (body: GapSeriesJson) => ({ ...body, gaps: null, markers: null, page: null });

/** Follows `older` from the latest page to the oldest; every page's numbers checked against the whole series. */
async function walk(first: string, whole: GapSeriesJson, limit: number) {
  const pages: GapSeriesJson[] = [];
  let path: string | null = first;
  while (path !== null && pages.length < 100) {
    const { status, body } = await get(path);
    expect(status, path).toBe(200);
    const { page } = body;
    expect(numbersOf(body), path).toEqual(numbersOf(whole));
    expect(page, path).toMatchObject({ limit, total: whole.gaps.length, returned: body.gaps.length });
    expect(Object.keys(page!).sort()).toEqual(['limit', 'older', 'returned', 'total']);
    expect(body.gaps.length).toBeLessThanOrEqual(limit);
    pages.push(body);
    path = page!.older;
  }
  return pages;
}

describe('GET /api/v1/gaps', () => {
  it('answers a series that fits as it always has: whole, with no page', async () => {
    const { lana, cleo } = await writeGapHistory(null);
    for (const query of [
      `a=${lana.slug}&b=${cleo.slug}`,
      'countryA=US&countryB=RU',
      'officeA=US:SECDEF&officeB=RU:MINDEF',
    ]) {
      const { status, body } = await get(`/api/v1/gaps?${query}`);
      expect(status).toBe(200);
      expect(body).not.toHaveProperty('page');
      const [level, a, b] = query.startsWith('a=')
        ? (['OFFICIAL', lana.slug, cleo.slug] as const)
        : query.startsWith('country')
          ? (['COUNTRY', 'US', 'RU'] as const)
          : (['OFFICE', 'US:SECDEF', 'RU:MINDEF'] as const);
      expect(body).toEqual(JSON.parse(JSON.stringify(await engineJson(level, a, b))));
      // Asked with a limit it fits in, the same answer, saying it is all.
      const limited = await get(`/api/v1/gaps?${query}&limit=1000`);
      const { page, ...rest } = limited.body;
      expect(rest).toEqual(body);
      expect(page).toEqual({ limit: 1000, total: body.gaps.length, returned: body.gaps.length, older: null });
    }
  });

  for (const borisLeft of [null, '2004-06-30']) {
    it(`pages a longer series back to its first gap, every number the whole series’ (${borisLeft ? 'closed' : 'running'})`, async () => {
      const { lana, boris } = await writeGapHistory(borisLeft);
      const cases = [
        ['OFFICIAL', lana.slug, boris.slug, `a=${lana.slug}&b=${boris.slug}`],
        ['OFFICIAL', boris.slug, lana.slug, `a=${boris.id}&b=${lana.slug}`],
        ['COUNTRY', 'US', 'RU', 'countryA=US&countryB=RU'],
      ] as const;
      for (const [level, a, b, query] of cases) {
        const whole = JSON.parse(JSON.stringify(await engineJson(level, a, b))) as GapSeriesJson;
        for (const limit of [1, 2, 5]) {
          const pages = await walk(`/api/v1/gaps?${query}&limit=${limit}`, whole, limit);
          expect(pages.length).toBe(Math.ceil(whole.gaps.length / limit));
          expect(pages.at(-1)!.page!.older).toBeNull();
          const oldestFirst = pages.reverse();
          expect(oldestFirst.flatMap((page) => page.gaps)).toEqual(whole.gaps);
          expect(oldestFirst.flatMap((page) => page.markers)).toEqual(whole.markers);
        }
        // The links name the pair by its canonical refs, in the reader's order, and keep the limit.
        const latest = (await get(`/api/v1/gaps?${query}&limit=2`)).body;
        expect(latest.page!.older).toContain(`&limit=2&before=${latest.gaps[0].from}~`);
        const older = new URL(latest.page!.older!, 'http://localhost');
        expect(older.pathname).toBe('/api/v1/gaps');
        expect(older.searchParams.get('limit')).toBe('2');
        expect(older.searchParams.get('before')).toBe(`${latest.gaps[0].from}~${latest.gaps[0].fromContactId}`);
        expect([...older.searchParams.keys()].slice(0, 2)).toEqual(
          level === 'OFFICIAL' ? ['a', 'b'] : ['countryA', 'countryB'],
        );
        expect(older.searchParams.get(level === 'OFFICIAL' ? 'a' : 'countryA')).toBe(a);
      }
      if (borisLeft) {
        const whole = await engineJson('OFFICIAL', lana.slug, boris.slug);
        expect(whole.closedSilence).not.toBeNull();
        expect(whole.longestGap).toEqual(whole.closedSilence);
      }
    });
  }

  it('keeps the cache tag of the pair, named by id or by slug, on every page', async () => {
    const { lana, boris } = await writeGapHistory(null);
    for (const path of [
      `/api/v1/gaps?a=${lana.id}&b=${boris.slug}`,
      `/api/v1/gaps?a=${lana.id}&b=${boris.slug}&limit=2`,
    ]) {
      const { headers, body } = await get(path);
      expect(headers.get(CACHE_TAGS_HEADER)).toBe(pairTag('OFFICIAL', lana.slug, boris.slug));
      if (body.page) {
        const older = await get(body.page.older!);
        expect(older.headers.get(CACHE_TAGS_HEADER)).toBe(pairTag('OFFICIAL', lana.slug, boris.slug));
      }
    }
  });

  it('answers a cursor past the oldest gap with no gaps and no older page', async () => {
    const { lana, boris } = await writeGapHistory(null);
    const { status, body } = await get(`/api/v1/gaps?a=${lana.slug}&b=${boris.slug}&before=1900-01-01~x`);
    expect(status).toBe(200);
    expect(body.gaps).toEqual([]);
    expect(body.markers).toEqual([]);
    expect(body.page).toMatchObject({ limit: 1000, returned: 0, older: null });
    expect(body.page!.total).toBeGreaterThan(0);
    expect(body.heldCount).toBeGreaterThan(0);
  });

  it('refuses a malformed limit or cursor with a 400 naming it', async () => {
    const { lana, boris } = await writeGapHistory(null);
    const pair = `a=${lana.slug}&b=${boris.slug}`;
    const cases: [string, string[]][] = [
      ['limit=0', ['limit']],
      ['limit=1001', ['limit']],
      ['limit=ten', ['limit']],
      ['limit=2.5', ['limit']],
      ['limit=-3', ['limit']],
      ['limit=2&limit=3', ['limit']],
      ['before=yesterday', ['before']],
      ['before=2024-02-30~cm1', ['before']],
      ['before=2024-02-01', ['before']],
      ['before=2024-02-01~no%20spaces', ['before']],
      ['before=2024-02-01~x&before=2024-02-02~y', ['before']],
      ['limit=0&before=x', ['limit', 'before']],
    ];
    for (const [params, fields] of cases) {
      const { status, body } = await get(`/api/v1/gaps?${pair}&${params}`);
      expect(status, params).toBe(400);
      const error = (body as unknown as { error: { code: string; message: string; fields: Record<string, string[]> } })
        .error;
      expect(error.code, params).toBe('INVALID');
      expect(Object.keys(error.fields).sort(), params).toEqual([...fields].sort());
      if (fields.length === 1) expect(error.message, params).toContain(`“${fields[0]}”`);
    }
    // A bad pair and a bad page: one answer names both.
    const both = await get('/api/v1/gaps?a=x&limit=0');
    expect(both.status).toBe(400);
    expect(Object.keys((both.body as unknown as { error: { fields: object } }).error.fields).sort()).toEqual([
      'b',
      'limit',
    ]);
  });
});
