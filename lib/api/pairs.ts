import 'server-only';
import { getOffice } from '../data/offices';
import { findOfficialRef } from '../data/officials';
import { getPairGapsOverview, getPairOverview } from '../data/pairs';
import { AppError } from '../errors';
import type { IsoDate } from '../gaps/types';
import type { Cursor } from '../paging';
import { countryName } from '../validation/common';
import { PAIR_PARAMS, type PairQuery } from '../validation/pair-query';

type Side = { ref: string; country: string } | null;

/** One side of a pair looked up: an official (by id or slug, following merges) or an office. */
async function findSide(level: PairQuery['level'], ref: string): Promise<Side> {
  if (level === 'OFFICIAL') {
    const official = await findOfficialRef(ref);
    return official && { ref: official.slug, country: official.country };
  }
  if (level === 'OFFICE') {
    const office = await getOffice(ref);
    return office && { ref: office.key, country: office.country };
  }
  return { ref, country: ref };
}

/**
 * The sides a query names, as refs getPairOverview reads. Unknown sides are a
 * 404 naming the parameter; two sides in one country a 400. Officials may be
 * given by id or slug; a merged one stands for the one kept.
 */
async function findPair(query: PairQuery): Promise<[string, string]> {
  const keys = PAIR_PARAMS[query.level];
  const refs = [query.a, query.b];
  const sides = await Promise.all(refs.map((ref) => findSide(query.level, ref)));
  const what = query.level === 'OFFICIAL' ? 'official' : 'office';
  const missing = [0, 1].filter((i) => sides[i] === null);
  if (missing.length > 0) {
    throw new AppError(
      'NOT_FOUND',
      `No ${what} ${missing.map((i) => `“${refs[i]}”`).join(' and no ')}`,
      Object.fromEntries(missing.map((i) => [keys[i], [`No ${what} “${refs[i]}”`]])),
    );
  }
  const [a, b] = sides as [NonNullable<Side>, NonNullable<Side>];
  if (a.country === b.country) {
    const country = countryName(a.country);
    throw new AppError('INVALID', `Both sides are in ${country}: a pair needs two countries`, {
      [keys[1]]: [`Name a side outside ${country}`],
    });
  }
  return [a.ref, b.ref];
}

/** The pair a query names (see findPair), with its whole series: for exports. */
export async function loadPairSeries(query: PairQuery, today: IsoDate) {
  const [a, b] = await findPair(query);
  const overview = await getPairOverview(query.level, a, b, today);
  // Both sides existed a moment ago; null means one was removed meanwhile.
  if (overview === null) throw new AppError('NOT_FOUND', 'No such pair');
  return overview;
}

/**
 * The pair a query names (see findPair), with one page of its gaps and every
 * number of its whole series: for the gaps API.
 */
export async function loadPairGaps(query: PairQuery, page: { before: Cursor | null; limit: number }, today: IsoDate) {
  const [a, b] = await findPair(query);
  const overview = await getPairGapsOverview(query.level, a, b, page, today);
  if (overview === null) throw new AppError('NOT_FOUND', 'No such pair');
  return overview;
}
