import slugify from '@sindresorhus/slugify';

/** The form of a name that search and import match on: no accents, no case, single spaces. */
export function normalizeName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[\s\u00a0]+/g, ' ')
    .trim();
}

/** A readable URL slug for a name, transliterated where needed ("Сергей Шойгу" → "sergei-shoigu"). */
export function slugForName(name: string): string {
  return slugify(name) || 'official';
}
