import { z } from 'zod';
import { isIsoDate } from '../gaps/dates';
import { closeBidi } from './bidi';
import { isStorableText, NUL_MESSAGE } from './text';

export { countryName, isCountryCode } from '../countries';
import { isCountryCode } from '../countries';

/** True for an IANA time zone this runtime knows. */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** An empty form field or JSON null becomes undefined, so optional means optional everywhere. */
export const emptyToUndefined = (value: unknown) => (value === '' || value === null ? undefined : value);

/**
 * True for a date PostgreSQL can store: JavaScript reads year 0000 as 1 BC, which the database's ISO
 * dates do not have (`0000-01-01` is out of range there). Four digits already stop at 9999.
 */
export const isStorableDate = (date: string) => date >= '0001-01-01';

export const zIsoDate = z
  .string({ error: 'Enter a date as YYYY-MM-DD' })
  .trim()
  .refine(isIsoDate, 'Enter a real date as YYYY-MM-DD')
  .refine(isStorableDate, 'Enter a date from the year 1 on')
  .meta({ format: 'date', description: 'A calendar date, YYYY-MM-DD.' });

export const zCountry = z
  .string({ error: 'Enter a country code' })
  .trim()
  .toUpperCase()
  .refine(isCountryCode, 'Use a two-letter ISO country code, e.g. US or RU')
  .describe('ISO 3166-1 alpha-2.');

export const zHttpUrl = z
  .url({ protocol: /^https?$/, error: 'Enter a full web address starting with https://' })
  .describe('http or https.');

export const zOptionalText = (max: number) =>
  z.preprocess(
    emptyToUndefined,
    z.string().trim().overwrite(closeBidi).max(max, `Keep this under ${max} characters`).optional(),
  );

/** An official given by id or slug. */
export const zOfficialRef = z.string().trim().min(1, 'Choose an official').max(200).refine(isStorableText, NUL_MESSAGE);
