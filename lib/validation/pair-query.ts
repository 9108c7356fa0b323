import { z } from 'zod';
import type { PairLevel } from '../gaps/types';
import { emptyToUndefined, zCountry, zOfficialRef } from './common';
import { ZPositionInput } from './official';

/** The query parameters that name each side of a pair, by level. */
export const PAIR_PARAMS = {
  OFFICIAL: ['a', 'b'],
  OFFICE: ['officeA', 'officeB'],
  COUNTRY: ['countryA', 'countryB'],
} as const satisfies Record<PairLevel, readonly [string, string]>;

export const PAIR_QUERY_KEYS = Object.values(PAIR_PARAMS).flat();

const LEVELS = Object.keys(PAIR_PARAMS) as PairLevel[];
const ONE_PAIR = 'a and b (officials), officeA and officeB (offices), or countryA and countryB (countries)';

const optional = <T extends z.ZodType>(schema: T) => z.preprocess(emptyToUndefined, schema.optional());

/**
 * A pair as the API and exports name it: two officials (slug or id), two
 * offices (`US:SECDEF`) or two countries (`US`). Exactly one of the three.
 */
export const ZPairQuery = z
  .object({
    a: optional(zOfficialRef),
    b: optional(zOfficialRef),
    officeA: optional(ZPositionInput.shape.officeKey),
    officeB: optional(ZPositionInput.shape.officeKey),
    countryA: optional(zCountry),
    countryB: optional(zCountry),
  })
  .superRefine((query, ctx) => {
    const given = LEVELS.filter((level) => PAIR_PARAMS[level].some((key) => query[key] !== undefined));
    if (given.length === 0) {
      for (const key of PAIR_PARAMS.OFFICIAL) {
        ctx.addIssue({ code: 'custom', path: [key], message: `Name one pair: ${ONE_PAIR}` });
      }
      return;
    }
    if (given.length > 1) {
      for (const level of given.slice(1)) {
        for (const key of PAIR_PARAMS[level].filter((k) => query[k] !== undefined)) {
          ctx.addIssue({ code: 'custom', path: [key], message: `Give one pair only: ${ONE_PAIR}` });
        }
      }
      return;
    }
    const [keyA, keyB] = PAIR_PARAMS[given[0]];
    const [a, b] = [query[keyA], query[keyB]];
    if (a === undefined || b === undefined) {
      const [missing, present] = a === undefined ? [keyA, keyB] : [keyB, keyA];
      ctx.addIssue({ code: 'custom', path: [missing], message: `Give ${missing} together with ${present}` });
      return;
    }
    if (a === b) {
      ctx.addIssue({ code: 'custom', path: [keyB], message: `${keyA} and ${keyB} name the same side` });
    } else if (given[0] === 'OFFICE' && a.slice(0, 2) === b.slice(0, 2)) {
      ctx.addIssue({
        code: 'custom',
        path: [keyB],
        message: `Both offices are in ${a.slice(0, 2)}: a pair needs two countries`,
      });
    }
  })
  .transform((query) => {
    const level = LEVELS.find((l) => PAIR_PARAMS[l].some((key) => query[key] !== undefined))!;
    const [keyA, keyB] = PAIR_PARAMS[level];
    return { level, a: query[keyA]!, b: query[keyB]! };
  });
export type PairQuery = z.infer<typeof ZPairQuery>;

/** A pair query back as URL parameters, e.g. `a=lloyd-austin&b=sergei-shoigu`. */
export function pairQueryToString(query: PairQuery): string {
  const [keyA, keyB] = PAIR_PARAMS[query.level];
  return new URLSearchParams({ [keyA]: query.a, [keyB]: query.b }).toString();
}
