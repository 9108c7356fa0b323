import { z } from 'zod';
import { closeBidi } from './bidi';
import { countryName, emptyToUndefined, isCountryCode, zHttpUrl, zIsoDate, zOptionalText } from './common';
import { valuesFromForm, type RecordFormState } from './record-form';

/*
 * Context events ("Russia invades Ukraine", 2022-02-24): drawn on the chart of
 * every pair they concern. Shared by the admin form, its actions and lib/data.
 */

/** "NO, FI" or "no fi" or ["NO", "FI"] as a list of upper-case codes, as typed. */
function splitCodes(value: unknown): unknown {
  if (value === undefined || value === null) return [];
  if (typeof value === 'string') return value.split(/[\s,;]+/).filter(Boolean);
  return value;
}

/**
 * A list of ISO 3166-1 alpha-2 codes, typed as one string or given as an array:
 * upper-cased, each checked (an unknown code is named in the message), without
 * repeats. Its messages sit on the list itself, so a form shows them by the one field.
 */
export const zCountryList = z.preprocess(
  splitCodes,
  z
    .array(z.string({ error: 'Enter country codes as text, e.g. NO, FI' }).trim().toUpperCase(), {
      error: 'Enter country codes separated by commas or spaces, e.g. NO, FI',
    })
    .max(50, 'List at most 50 countries')
    .superRefine((codes, ctx) => {
      const unknown = codes.filter((code) => !isCountryCode(code));
      if (unknown.length > 0) {
        ctx.addIssue({
          code: 'custom',
          message: `${unknown.map((code) => `“${code}”`).join(', ')} ${unknown.length === 1 ? 'is not a' : 'are not'} two-letter ISO country ${unknown.length === 1 ? 'code' : 'codes'}; use codes such as NO, FI or US`,
        });
      }
    })
    .transform((codes) => [...new Set(codes)]),
);

/** A note: blank (spaces only) means none. */
export const zNote = z.preprocess(
  (value) => (typeof value === 'string' && value.trim() === '' ? undefined : value),
  zOptionalText(2000),
);

export const ZContextEventInput = z.object({
  date: z.preprocess(
    emptyToUndefined,
    z.string({ error: 'Enter the date of the event, as YYYY-MM-DD' }).pipe(zIsoDate),
  ),
  title: z
    .string({ error: 'Enter a title' })
    .trim()
    .overwrite(closeBidi)
    .min(1, 'Enter a title, e.g. Russia invades Ukraine')
    .max(200, 'Keep the title under 200 characters: it labels a line on the charts'),
  description: zNote,
  url: z.preprocess(emptyToUndefined, zHttpUrl.optional()),
  /** Empty: the event concerns every pair. */
  countries: zCountryList.default([]),
});
export type ContextEventInput = z.infer<typeof ZContextEventInput>;

/** "Norway, Finland", or "every pair" for an event of no country in particular. */
export function countriesText(codes: string[], none = 'every pair'): string {
  return codes.length === 0 ? none : codes.map((code) => `${countryName(code)} (${code})`).join(', ');
}

/** The admin form's values: every field a string, as typed. */
export type ContextEventFormValues = {
  date: string;
  title: string;
  description: string;
  url: string;
  countries: string;
};

export const EVENT_FIELDS = ['date', 'title', 'description', 'url', 'countries'] as const;

export function emptyEventValues(): ContextEventFormValues {
  return { date: '', title: '', description: '', url: '', countries: '' };
}

/** The submitted form's values, as typed. */
export function eventValuesFromForm(formData: FormData): ContextEventFormValues {
  return valuesFromForm(formData, EVENT_FIELDS);
}

/** An event as lib/data hands it over. */
export type ContextEventSnapshotLike = {
  version: number;
  date: string;
  title: string;
  description: string | null;
  url: string | null;
  countries: string[];
};

/** An event as the form starts from it. */
export function eventValues(event: Omit<ContextEventSnapshotLike, 'version'>): ContextEventFormValues {
  return {
    date: event.date,
    title: event.title,
    description: event.description ?? '',
    url: event.url ?? '',
    countries: event.countries.join(', '),
  };
}

/** What the event form's actions answer: a failure keeps the values sent; a conflict carries the event as it now stands. */
export type EventFormState = RecordFormState<ContextEventFormValues, { id: string; title: string }>;
