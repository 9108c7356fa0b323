/** Country codes and names, from the runtime's own ISO 3166 data (no zod here: the browser imports it). */
const regionNames = new Intl.DisplayNames(['en'], { type: 'region' });

/** True for an ISO 3166-1 alpha-2 code that names a country or territory. */
export function isCountryCode(code: string): boolean {
  let known = checked.get(code);
  if (known === undefined) {
    known = /^[A-Z]{2}$/.test(code) && regionNames.of(code) !== code && regionNames.of(code) !== 'Unknown Region';
    // Only well-formed codes are remembered, so the map stays at most 26 × 26 entries.
    if (/^[A-Z]{2}$/.test(code)) checked.set(code, known);
  }
  return known;
}

/** Codes already looked up: an import checks millions of cells, and a lookup costs microseconds. */
const checked = new Map<string, boolean>();

/** The English name of a country code ("RU" → "Russia"). */
export function countryName(code: string): string {
  return regionNames.of(code) ?? code;
}
