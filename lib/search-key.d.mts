/** The search key of a name (see search-key.mjs): plain ASCII, one spelling for the usual transliterations. */
export function searchKey(text: string): string;
/** A key's trigrams as pg_trgm makes them for ASCII text. */
export function keyTrigrams(key: string): Set<string>;
/** The words of a key, each once. */
export function keyWords(key: string): string[];
export const WORD_SIMILARITY: number;
export const FUZZY_MIN_LENGTH: number;
/** Whether a query may match a name by key (true whenever PostgreSQL's match is). */
export function mayMatchByKey(queryKey: string, nameKey: string): boolean;
