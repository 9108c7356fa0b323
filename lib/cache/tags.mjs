/*
 * The tags of the response cache (scripts/lib/response-cache.mjs): which records a cached public
 * response was built from, and which tags a write purges. Plain JavaScript (importing only plain
 * JavaScript), so the custom server (node, no build step) and the app (TypeScript, through tags.d.mts)
 * share one copy.
 *
 * A tag names a record or a set of them:
 *   pair:<level>:<refA>:<refB>  a pair page, its feed and its gaps (level official|office|country; the
 *                               refs sorted: official slugs, office keys, country codes)
 *   official:<slug>  office:<KEY>  country:<CC>  contact:<id>
 *   contacts         everything that lists contacts: dashboard, feeds, contact lists and exports
 *   search           every search page
 *   search-text:<q>  a search page for the text q (folded: see lib/text-fold.mjs), which only a write of a
 *                    contact whose text contains q, or one of whose participants' spellings q may match by
 *                    search key (lib/search-key.mjs), can change (searchTextMatches)
 *   search-text      a search page that any contact write may change (no text, or one not in plain ASCII)
 *   all              every entry (admin writes: officials, positions, offices, events, channels, merges, roles)
 *
 * A contact write that knows the texts it changed (its contacts' summaries, topics and participants' names
 * and aliases, before and after, folded) sends them with its tags instead of `search`: then only the search
 * pages they may match are purged, not all of them (lib/cache/invalidate.ts).
 */
import { mayMatchByKey, searchKey } from '../search-key.mjs';
import { foldText } from '../text-fold.mjs';

/** The PostgreSQL channel writes notify and every server listens on. */
export const CACHE_CHANNEL = 'counterpart_cache';

/**
 * A response header a route handler may set to add tags the address alone does not show (the
 * official an id or a merged slug stands for). The server reads it and removes it before sending.
 */
export const CACHE_TAGS_HEADER = 'x-counterpart-cache-tags';

export const ALL = 'all';
export const CONTACTS = 'contacts';
export const SEARCH = 'search';
/** Carried by the search pages any contact write may change; sent by every write that sends its texts. */
export const SEARCH_TEXT = 'search-text';

/**
 * The tags of a search page for the text `q`. The search matches a contact when its summary contains q
 * (ILIKE), a topic equals q in lower case, or a participant's name or alias matches q as the officials'
 * search does (lib/data/official-search.ts: it contains q folded, or its search key contains q's or is like
 * it by trigrams). If q is plain ASCII, each of these implies that some folded text of the contact contains
 * q folded or may match it by key (mayMatchByKey); beyond ASCII, PostgreSQL's and JavaScript's case rules
 * differ (the final sigma, the dotted I). So such a page is kept until a write with such a text. Any other
 * page (no q, or not ASCII) goes with every contact write.
 */
export function searchTags(q) {
  const folded = typeof q === 'string' ? foldText(q) : '';
  const exact = folded !== '' && /^[\x20-\x7e]*$/.test(q);
  return [SEARCH, exact ? `${SEARCH_TEXT}:${folded}` : SEARCH_TEXT];
}

/** The search keys of a write's texts, made once for all the search pages they are compared with. */
const keysOfTexts = new WeakMap();

/**
 * Whether a write whose folded texts are `texts` may change the pages tagged `tag` (a search tag). A key made
 * from a folded text is the key of the text itself (searchKey folds first), so the folded texts suffice.
 */
export function searchTextMatches(tag, texts) {
  if (tag === SEARCH_TEXT) return true;
  if (!tag.startsWith(`${SEARCH_TEXT}:`)) return false;
  const q = tag.slice(SEARCH_TEXT.length + 1);
  if (texts.some((text) => text.includes(q))) return true;
  let keys = keysOfTexts.get(texts);
  if (keys === undefined) {
    keys = texts.map(searchKey);
    keysOfTexts.set(texts, keys);
  }
  const key = searchKey(q);
  return keys.some((textKey) => mayMatchByKey(key, textKey));
}

const LEVELS = {
  OFFICIAL: 'official',
  OFFICE: 'office',
  COUNTRY: 'country',
  official: 'official',
  office: 'office',
  country: 'country',
  officials: 'official',
  offices: 'office',
  countries: 'country',
};

/** An office key or country code as stored: upper case (pages accept `us:secdef` and `ru`). */
const upper = (ref) => String(ref).trim().toUpperCase();

/** One pair's tag; level as in lib/gaps (`OFFICIAL`), in tags (`official`) or in URLs (`officials`). */
export function pairTag(level, refA, refB) {
  const name = LEVELS[level];
  if (name === undefined) throw new Error(`Unknown pair level "${level}"`);
  const refs = name === 'official' ? [String(refA), String(refB)] : [upper(refA), upper(refB)];
  refs.sort();
  return `pair:${name}:${refs[0]}:${refs[1]}`;
}

/** An official's tag, by slug (or, from the API's address, by id: then the handler adds the slug's). */
export const officialTag = (slug) => `official:${slug}`;
/** An office's tag, by key (`US:SECDEF`). */
export const officeTag = (key) => `office:${upper(key)}`;
/** A country's tag, by ISO code. */
export const countryTag = (code) => `country:${upper(code)}`;
/** One contact's tag. */
export const contactTag = (id) => `contact:${id}`;

/**
 * Every tag a contact write purges: the contacts themselves, `contacts`, each participant's official,
 * office and country tags, and every pair the participants form at the three levels (any two officials
 * of different countries). Give the participants before and after an edit, so both old and new pairs go.
 * @param {{ contactIds?: Iterable<string|number>, officials?: Iterable<{ slug: string, country: string, officeKeys?: Iterable<string|null|undefined> }> }} input
 */
export function contactTags({ contactIds = [], officials = [] }) {
  const tags = new Set([CONTACTS]);
  for (const id of contactIds) tags.add(contactTag(id));
  const sides = [...officials].map((official) => ({
    slug: official.slug,
    country: upper(official.country),
    officeKeys: [...(official.officeKeys ?? [])].filter((key) => typeof key === 'string' && key !== ''),
  }));
  for (const side of sides) {
    tags.add(officialTag(side.slug));
    tags.add(countryTag(side.country));
    for (const key of side.officeKeys) tags.add(officeTag(key));
  }
  for (let i = 0; i < sides.length; i++) {
    for (let j = i + 1; j < sides.length; j++) {
      const [a, b] = [sides[i], sides[j]];
      if (a.country === b.country) continue;
      tags.add(pairTag('official', a.slug, b.slug));
      tags.add(pairTag('country', a.country, b.country));
      for (const keyA of a.officeKeys) for (const keyB of b.officeKeys) tags.add(pairTag('office', keyA, keyB));
    }
  }
  return [...tags];
}

/** The pair a gaps query names (`a`/`b`, `officeA`/`officeB` or `countryA`/`countryB`), or null. */
function pairFromQuery(params) {
  const named = [
    ['official', 'a', 'b'],
    ['office', 'officeA', 'officeB'],
    ['country', 'countryA', 'countryB'],
  ].filter(([, a, b]) => params.get(a) || params.get(b));
  if (named.length !== 1) return null;
  const [level, a, b] = named[0];
  const [refA, refB] = [params.get(a)?.trim(), params.get(b)?.trim()];
  return refA && refB ? pairTag(level, refA, refB) : null;
}

function decodeSegment(segment) {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

/**
 * The tags of a public address (path and query), or null when the address is not one the cache
 * keeps. `all` is implied for every entry and not listed.
 * @param {string} url e.g. `/pairs/countries/US/RU` or `/api/v1/gaps?countryA=US&countryB=RU`
 * @returns {string[] | null}
 */
export function tagsForUrl(url) {
  let parsed;
  try {
    parsed = new URL(url, 'http://localhost');
  } catch {
    return null;
  }
  const raw = parsed.pathname === '/' ? [] : parsed.pathname.slice(1).split('/');
  const parts = raw.map(decodeSegment);
  if (parts.some((part) => part === null || part === '')) return null;
  const [first, second, third, fourth, fifth] = parts;
  const n = parts.length;
  const pair = (level, a, b) => (LEVELS[level] && level.endsWith('s') ? [pairTag(level, a, b)] : null);

  if (n === 0) return [CONTACTS];
  if (n === 1 && first === 'search') return searchTags(parsed.searchParams.get('q'));
  // A pair page, its embed, and either as of a past day (`?asOf=`, part of the entry's key): the contacts
  // an asOf page shows are the pair's, so every write that can change them purges the pair's tag.
  if (first === 'pairs' && n === 4) return pair(second, third, fourth);
  if (first === 'embed' && second === 'pairs' && n === 5) return pair(third, fourth, fifth);
  if (first === 'officials' && n === 2) return [officialTag(second)];
  if (first === 'offices' && n === 2) return [officeTag(second)];
  if (first === 'contacts' && n === 2 && second !== 'new') return [contactTag(second)];
  if (first === 'feeds') {
    if (n === 2 && second === 'contacts.xml') return [CONTACTS];
    if (second === 'pairs' && n === 5) return pair(third, fourth, fifth);
    return null;
  }
  // oEmbed: the pair its `url` names (the handler adds the canonical pair's tag); any other url is a 404.
  if (first === 'api' && second === 'oembed' && n === 2) {
    const target = parsed.searchParams.get('url');
    let path = null;
    try {
      path = target === null ? null : new URL(target, 'http://localhost').pathname;
    } catch {
      path = null;
    }
    const tags = path === null ? null : tagsForUrl(path.replace(/^\/embed(?=\/)/, ''));
    return tags !== null && tags.length === 1 && tags[0].startsWith('pair:') ? tags : null;
  }
  if (first === 'api' && second === 'v1') {
    if (third === 'gaps' && (n === 3 || (n === 4 && fourth === 'export'))) {
      // A query naming no pair is refused (400) and not kept; `contacts` covers it if it ever is.
      const tag = pairFromQuery(parsed.searchParams);
      return tag === null ? [CONTACTS] : [tag];
    }
    if (third === 'officials' && n === 3) return [];
    // The officials export changes only with officials, offices and merges, whose writes purge `all`.
    if (third === 'officials' && n === 4 && fourth === 'export') return [];
    if (third === 'officials' && n === 4) return [officialTag(fourth)];
    if (third === 'contacts' && n === 3) return [CONTACTS];
    if (third === 'contacts' && n === 4) return fourth === 'export' ? [CONTACTS] : [contactTag(fourth)];
  }
  return null;
}

/** The tags a route handler announced in CACHE_TAGS_HEADER (space- or comma-separated). */
export function parseTagsHeader(value) {
  const text = Array.isArray(value) ? value.join(' ') : typeof value === 'string' ? value : '';
  return text.split(/[\s,]+/).filter((tag) => tag !== '');
}
