/*
 * The folded form of a text that search matches names on, and that the response cache compares a search with
 * a written contact's text in (lib/cache/tags.mjs): no accents, no case, single spaces. Plain JavaScript, so
 * the custom server (node, no build step) and the app share one copy; lib/names.ts gives it as normalizeName.
 */

/** `Café  Xu` → `cafe xu`. */
export function foldText(text) {
  return String(text)
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[\s\u00a0]+/g, ' ')
    .trim();
}
