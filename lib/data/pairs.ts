import 'server-only';
import { getDb } from '../db';
import { todayUtc } from '../gaps/dates';
import { makePairKey, pairId } from '../gaps/engine';
import type { GapSeries, PairKey, PairLevel } from '../gaps/types';
import { pairPath } from '../pairs';
import { countryName, isCountryCode } from '../validation/common';
import { getPairSeries, listSeries } from './gaps';

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

/** Labels for the sides of pairs at one level, by engine key. */
async function describeSides(level: PairLevel, keys: string[]): Promise<Map<string, PairSide>> {
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

/** Every pair at a level with its series and labels, longest current silence first. */
export async function listPairOverviews(level: PairLevel, today = todayUtc()): Promise<PairOverview[]> {
  const series = await listSeries({ level, all: true }, today);
  const sides = await describeSides(
    level,
    series.flatMap((s) => [s.pair.a, s.pair.b]),
  );
  return series.map((s) => overviewOf(s, sides)).sort(bySilence);
}

/** The pairs one official forms with officials of other countries, longest silence first. */
export async function listCounterparts(officialId: string, today = todayUtc()): Promise<PairOverview[]> {
  const series = await listSeries({ level: 'OFFICIAL', side: officialId }, today);
  const sides = await describeSides(
    'OFFICIAL',
    series.flatMap((s) => [s.pair.a, s.pair.b]),
  );
  return series.map((s) => overviewOf(s, sides, officialId)).sort(bySilence);
}

/** Running silences, longest first; then silences closed by a departure from office, longest first; then never held. */
function bySilence(x: PairOverview, y: PairOverview): number {
  const rank = (p: PairOverview) => (p.series.currentSilence ? 2 : p.series.gaps.at(-1)?.closedBy ? 1 : 0);
  const days = (p: PairOverview) => p.series.currentSilence?.days ?? p.series.gaps.at(-1)?.days ?? -1;
  return rank(y) - rank(x) || days(y) - days(x);
}

/**
 * Reads a pair from a URL's sides (official slugs, office keys, country codes).
 * Null when a side does not exist or both are from the same country. Officials
 * merged into another resolve to the one kept.
 */
export async function resolvePair(
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
}

/** A pair's series with its side labels, for the pair page, API and exports. */
export async function getPairOverview(level: PairLevel, refA: string, refB: string, today = todayUtc()) {
  const resolved = await resolvePair(level, refA, refB);
  if (resolved === null) return null;
  const series = await getPairSeries(resolved.pair, today);
  return { ...resolved, series, id: pairId(resolved.pair) };
}
