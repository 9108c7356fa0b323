import type { PairLevel } from './gaps/types';

/** The URL segment of each pair level: /pairs/officials/…, /pairs/offices/…, /pairs/countries/… */
export const LEVEL_SEGMENT: Record<PairLevel, string> = {
  OFFICIAL: 'officials',
  OFFICE: 'offices',
  COUNTRY: 'countries',
};

/** The level a URL segment names, or null. */
/** URL segments arrive decoded by Next; decoding again is harmless for office keys and slugs. */
export function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

export function levelFromSegment(segment: string): PairLevel | null {
  const entry = Object.entries(LEVEL_SEGMENT).find(([, value]) => value === segment);
  return entry ? (entry[0] as PairLevel) : null;
}

/** Lower-case names of the levels for people ("officials", "offices", "countries"). */
export const LEVEL_LABEL: Record<PairLevel, string> = {
  OFFICIAL: 'officials',
  OFFICE: 'offices',
  COUNTRY: 'countries',
};

/**
 * A pair page's address. Sides are official slugs, office keys (US:SECDEF) or
 * country codes, in the order the reader asked for them.
 */
export function pairPath(level: PairLevel, a: string, b: string): string {
  return `/pairs/${LEVEL_SEGMENT[level]}/${encodeURIComponent(a)}/${encodeURIComponent(b)}`;
}
