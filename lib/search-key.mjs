/*
 * The search key of a name: one Latin spelling that the usual spellings of a name share, so that "Шойгу",
 * "Shoygu", "Schoigu" and "Sergej Schojgu" all meet "Sergei Shoigu" (lib/data/officials.ts compares keys by
 * trigram similarity in PostgreSQL). Plain JavaScript, so the custom server (node, no build step) and the app
 * share one copy: the response cache decides with it which search pages a write may change
 * (lib/cache/tags.mjs).
 *
 * The key is always plain ASCII ([a-z0-9 ]): pg_trgm drops the characters its cluster's locale does not call
 * alphanumeric (a C-locale cluster drops Cyrillic and Chinese), so a key beyond ASCII would match differently
 * on different servers, and the trigrams computed here would no longer be PostgreSQL's.
 */
import anyAscii from 'any-ascii';
import { foldText } from './text-fold.mjs';

/**
 * Spelling conventions of the transliteration systems that differ most (English BGN/PCGN, German, French,
 * ISO 9), mapped to one form, in this order. Each applies to the key of the name and of the query alike.
 */
const RULES = [
  [/tsch/g, 'ch'], // German ч: Tschernomyrdin
  [/sch/g, 'sh'], // German ш: Schoigu
  [/ph/g, 'f'],
  [/ck/g, 'k'],
  [/x/g, 'ks'], // Alexander, Aleksandr
  [/w/g, 'v'], // German в: Medwedew
  [/ou/g, 'u'], // French у: Poutine, Iouri
  [/\bj(?=[aeiouy])/g, 'y'], // German я, ю, е: Jurij, Jelzin
  [/\B[yj]/g, 'i'], // й, ы and -ий: Shoygu, Schojgu, Sergej, Dmitriy
  [/([a-z])\1+/g, '$1'], // doubled letters: Dmitrii, Schoiggu
];

/** `Сергей Шойгу`, `Sergej Schojgu` → `sergei shoigu`; `习近平` → `ksiiinping`; `O'Brien` → `obrien`. */
export function searchKey(text) {
  let key = anyAscii(foldText(text))
    .toLowerCase()
    .replace(/['`\u2019\u02bc]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
  for (const [pattern, replacement] of RULES) key = key.replace(pattern, replacement);
  return key;
}

/** A key's trigrams as pg_trgm makes them for ASCII text: each word padded with two spaces before, one after. */
export function keyTrigrams(key) {
  const trigrams = new Set();
  for (const word of key.split(/[^a-z0-9]+/)) {
    if (word === '') continue;
    const padded = `  ${word} `;
    for (let i = 0; i + 3 <= padded.length; i++) trigrams.add(padded.slice(i, i + 3));
  }
  return trigrams;
}

/** A word of a query key at least this similar to a part of a name's key (pg_trgm `word_similarity`) matches. */
export const WORD_SIMILARITY = 0.4;
/** Shorter words match by substring only: one or two letters are like too many names. */
export const FUZZY_MIN_LENGTH = 3;

/** The words of a key, each once. */
export function keyWords(key) {
  return [...new Set(key.split(' ').filter((word) => word !== ''))];
}

/**
 * Whether a query may match a name by key, as lib/data/official-search.ts matches them: the name's key contains
 * the query's, or each word of the query's key is in the name's key or (three letters or more) like a part of
 * it. pg_trgm's word_similarity is the share of the word's trigrams found in the closest part of the name's
 * key, so at most the share found anywhere in it, which is what is counted here: this is true whenever
 * PostgreSQL finds the match, and sometimes when it does not (safe for deciding which cached searches to
 * purge).
 */
export function mayMatchByKey(queryKey, nameKey) {
  if (queryKey === '') return false;
  if (nameKey.includes(queryKey)) return true;
  const found = keyTrigrams(nameKey);
  return keyWords(queryKey).every((word) => {
    if (nameKey.includes(word)) return true;
    if (word.length < FUZZY_MIN_LENGTH) return false;
    const wanted = keyTrigrams(word);
    let shared = 0;
    for (const trigram of wanted) if (found.has(trigram)) shared++;
    return shared / wanted.size >= WORD_SIMILARITY - 1e-9;
  });
}
