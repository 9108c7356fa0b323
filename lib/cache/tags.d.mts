export type TagLevel =
  'OFFICIAL' | 'OFFICE' | 'COUNTRY' | 'official' | 'office' | 'country' | 'officials' | 'offices' | 'countries';

/** What a contact write knows of the officials it touched (before and after an edit). */
export type ContactTagOfficial = {
  slug: string;
  country: string;
  /** The offices the official took part as, in these contacts (their participants' office keys). */
  officeKeys?: Iterable<string | null | undefined>;
};

export const CACHE_CHANNEL: string;
export const CACHE_TAGS_HEADER: string;
export const ALL: 'all';
export const CONTACTS: 'contacts';
export const SEARCH: 'search';
export const SEARCH_TEXT: 'search-text';

export function searchTags(q: string | null | undefined): string[];
export function searchTextMatches(tag: string, texts: readonly string[]): boolean;

export function pairTag(level: TagLevel, refA: string, refB: string): string;
export function officialTag(slug: string): string;
export function officeTag(key: string): string;
export function countryTag(code: string): string;
export function contactTag(id: string | number): string;
export function contactTags(input: {
  contactIds?: Iterable<string | number>;
  officials?: Iterable<ContactTagOfficial>;
}): string[];
export function tagsForUrl(url: string): string[] | null;
export function parseTagsHeader(value: string | string[] | number | undefined): string[];
