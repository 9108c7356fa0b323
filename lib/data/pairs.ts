import 'server-only';
import { cache } from 'react';
import { getDb } from '../db';
import { todayUtc } from '../gaps/dates';
import { makePairKey, pairId } from '../gaps/engine';
import type { GapSeries, PairKey, PairLevel } from '../gaps/types';
import { pairPath } from '../pairs';
import { countryName, isCountryCode } from '../validation/common';
import { getPairSummary, listPairsWithSide, listRunningSilences, listUnusualSilences } from '../stats/lists';
import type { Cursor } from '../paging';
import { getPairGapPage, getPairSeries } from './gaps';

/** One side of a pair as pages show it. */
export type PairSide = {
  /** Official id, office key or country code: what the gap engine keys on. */
  key: string;
  /** What the URL carries: official slug, office key or country code. */
  ref: string;
  label: string;
  detail: string | null;
  country: string;
  href: string | null;
};

/** Labels for the sides of pairs at one level, by engine key (a side since deleted is missing). */
export async function describeSides(level: PairLevel, keys: string[]): Promise<Map<string, PairSide>> {
  const unique = [...new Set(keys)];
  if (level === 'OFFICIAL') {
    const officials = await getDb().official.findMany({
      where: { id: { in: unique } },
      select: {
        id: true,
        slug: true,
        name: true,
        country: true,
        positions: { orderBy: { startDate: 'desc' }, take: 1, select: { title: true } },
      },
    });
    return new Map(
      officials.map((o) => [
        o.id,
        {
          key: o.id,
          ref: o.slug,
          label: o.name,
          detail: o.positions[0]?.title ?? null,
          country: o.country,
          href: `/officials/${o.slug}`,
        },
      ]),
    );
  }
  if (level === 'OFFICE') {
    const offices = await getDb().office.findMany({
      where: { key: { in: unique } },
      select: { key: true, title: true, country: true, organisation: true },
    });
    return new Map(
      offices.map((o) => [
        o.key,
        {
          key: o.key,
          ref: o.key,
          label: `${o.title} (${countryName(o.country)})`,
          detail: o.organisation,
          country: o.country,
          href: null,
        },
      ]),
    );
  }
  return new Map(
    unique.map((code) => [
      code,
      { key: code, ref: code, label: countryName(code), detail: null, country: code, href: null },
    ]),
  );
}

/** A pair with its series and the labels of its sides, in the order the reader gave them. */
export type PairOverview = { series: GapSeries; a: PairSide; b: PairSide; href: string };

function overviewOf(series: GapSeries, sides: Map<string, PairSide>, first?: string): PairOverview {
  const [x, y] = [sides.get(series.pair.a)!, sides.get(series.pair.b)!];
  const [a, b] = first === undefined || first === x.key ? [x, y] : [y, x];
  return { series, a, b, href: pairPath(series.pair.level, a.ref, b.ref) };
}

/** Labels the pairs of one level, keeping their order. */
async function overviews(level: PairLevel, series: GapSeries[], first?: string): Promise<PairOverview[]> {
  const sides = await describeSides(
    level,
    series.flatMap((s) => [s.pair.a, s.pair.b]),
  );
  // A side deleted since (outside the app) has no label: its pair is left out rather than shown unnamed.
  return series.filter((s) => sides.has(s.pair.a) && sides.has(s.pair.b)).map((s) => overviewOf(s, sides, first));
}

/** How many gaps the featured pair's strip shows: its latest ones. */
export const FEATURED_GAPS = 12;

/**
 * What the dashboard shows of a level (optionally one country's pairs), read
 * from the pair statistics: the featured pair (the most unusual running
 * silence, else the longest) with its latest gaps, the unusual silences, one
 * page of the running silences (longest first) and the longest few for the chart.
 */
export async function getDashboard(
  level: PairLevel,
  options: { country?: string; page: number; pageSize: number; chartBars: number; today?: string },
) {
  const db = getDb();
  const today = options.today ?? todayUtc();
  const scope = { level, country: options.country, today };
  const pageOf = (n: number) => ({ limit: options.pageSize, offset: (n - 1) * options.pageSize });
  const [unusual, first] = await Promise.all([
    listUnusualSilences(db, scope, options.pageSize, FEATURED_GAPS),
    listRunningSilences(db, scope, pageOf(options.page)),
  ]);
  // A page past the end shows the last one.
  const pages = Math.max(1, Math.ceil(first.total / options.pageSize));
  const page = Math.min(options.page, pages);
  const running = page === options.page ? first : await listRunningSilences(db, scope, pageOf(page));
  const longest =
    page === 1 ? running.items : (await listRunningSilences(db, scope, { limit: options.chartBars, offset: 0 })).items;
  const featured =
    unusual.items[0] ?? (longest[0] ? await getPairSummary(db, longest[0].pair, today, FEATURED_GAPS) : undefined);
  const [featuredPair, unusualPairs, pagePairs, chartPairs] = await Promise.all([
    featured ? overviews(level, [featured]) : Promise.resolve([]),
    overviews(level, unusual.items),
    overviews(level, running.items),
    overviews(level, longest.slice(0, options.chartBars)),
  ]);
  return {
    today,
    page,
    pages,
    featured: featuredPair[0] ?? null,
    featuredIsUnusual: unusual.items.length > 0,
    unusual: { items: unusualPairs, total: unusual.total },
    running: { items: pagePairs, total: running.total },
    chart: chartPairs,
  };
}

/** The pairs one official forms with officials of other countries: running silences first, longest first. */
export async function listCounterparts(officialId: string, today = todayUtc()): Promise<PairOverview[]> {
  return overviews('OFFICIAL', await listPairsWithSide(getDb(), 'OFFICIAL', officialId, today), officialId);
}

/**
 * Reads a pair from a URL's sides (official slugs, office keys, country codes).
 * Null when a side does not exist or both are from the same country. Officials
 * merged into another resolve to the one kept. Read once per request: the pair
 * page's layout (its 404) and the page itself both ask.
 */
export const resolvePair = cache(async function resolvePair(
  level: PairLevel,
  refA: string,
  refB: string,
): Promise<{ pair: PairKey; a: PairSide; b: PairSide; canonical: string } | null> {
  let keys: [string, string];
  if (level === 'OFFICIAL') {
    const officials = await getDb().official.findMany({
      where: { slug: { in: [refA, refB] } },
      select: { id: true, slug: true, mergedInto: { select: { id: true } } },
    });
    const idOf = (ref: string) => {
      const match = officials.find((o) => o.slug === ref);
      return match ? (match.mergedInto?.id ?? match.id) : null;
    };
    const [a, b] = [idOf(refA), idOf(refB)];
    if (a === null || b === null) return null;
    keys = [a, b];
  } else if (level === 'OFFICE') {
    keys = [refA.toUpperCase(), refB.toUpperCase()];
  } else {
    keys = [refA.toUpperCase(), refB.toUpperCase()];
    if (!keys.every(isCountryCode)) return null;
  }
  const sides = await describeSides(level, keys);
  const [a, b] = [sides.get(keys[0]), sides.get(keys[1])];
  if (a === undefined || b === undefined || a.country === b.country) return null;
  const pair = makePairKey(level, a.key, b.key);
  return { pair, a, b, canonical: pairPath(level, a.ref, b.ref) };
});

/** A pair's series with its side labels, for the pair page, API and exports. */
export async function getPairOverview(level: PairLevel, refA: string, refB: string, today = todayUtc()) {
  const resolved = await resolvePair(level, refA, refB);
  if (resolved === null) return null;
  const series = await getPairSeries(resolved.pair, today);
  return { ...resolved, series, id: pairId(resolved.pair) };
}

/** One page of a pair's gaps (see getPairGapPage) with its side labels, for the gaps API. */
export async function getPairGapsOverview(
  level: PairLevel,
  refA: string,
  refB: string,
  request: { before: Cursor | null; limit: number },
  today = todayUtc(),
) {
  const resolved = await resolvePair(level, refA, refB);
  if (resolved === null) return null;
  const page = await getPairGapPage(resolved.pair, request, today);
  return { ...resolved, ...page, id: pairId(resolved.pair) };
}
