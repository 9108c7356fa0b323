/** Country codes and names, from the runtime's own ISO 3166 data (no zod here: the browser imports it). */
const regionNames = new Intl.DisplayNames(['en'], { type: 'region' });

/** True for an ISO 3166-1 alpha-2 code that names a country or territory. */
export function isCountryCode(code: string): boolean {
  return /^[A-Z]{2}$/.test(code) && regionNames.of(code) !== code && regionNames.of(code) !== 'Unknown Region';
}

/** The English name of a country code ("RU" → "Russia"). */
export function countryName(code: string): string {
  return regionNames.of(code) ?? code;
}
