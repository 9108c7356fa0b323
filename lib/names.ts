import slugify from '@sindresorhus/slugify';
import { foldText } from './text-fold.mjs';

/** The form of a name that search and import match on: no accents, no case, single spaces. */
export const normalizeName: (name: string) => string = foldText;

/** A readable URL slug for a name, transliterated where needed ("Сергей Шойгу" → "sergei-shoigu"). */
export function slugForName(name: string): string {
  return slugify(name) || 'official';
}
