import 'server-only';
import { getOffice } from '../data/offices';
import { findOfficialRef } from '../data/officials';
import { getPairOverview } from '../data/pairs';
import { AppError } from '../errors';
import type { IsoDate } from '../gaps/types';
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
 * The pair a query names, with its series as every surface shows it. Unknown
 * sides are a 404 naming the parameter; two sides in one country a 400.
 * Officials may be given by id or slug; a merged one stands for the one kept.
 */
export async function loadPairSeries(query: PairQuery, today: IsoDate) {
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
  const overview = await getPairOverview(query.level, a.ref, b.ref, today);
  // Both sides existed a moment ago; null means one was removed meanwhile.
  if (overview === null) throw new AppError('NOT_FOUND', 'No such pair');
  return overview;
}
