import slugify from '@sindresorhus/slugify';
import { searchKey } from './search-key.mjs';
import { foldText } from './text-fold.mjs';

/** The form of a name that search and import match on: no accents, no case, single spaces. */
export const normalizeName: (name: string) => string = foldText;

/** The stored search forms of a name: folded (`nameSearch`) and its transliterated key (`searchKey`). */
export function nameSearchFields(name: string): { nameSearch: string; searchKey: string } {
  return { nameSearch: foldText(name), searchKey: searchKey(name) };
}

/** A readable URL slug for a name, transliterated where needed ("Сергей Шойгу" → "sergei-shoigu"). */
export function slugForName(name: string): string {
  return slugify(name) || 'official';
}
