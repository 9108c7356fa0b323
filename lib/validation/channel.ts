import { z } from 'zod';
import { closeBidi } from './bidi';
import { emptyToUndefined, zHttpUrl, zIsoDate } from './common';
import { valuesFromForm, type RecordFormState } from './record-form';
import { zCountryList, zNote } from './event';

/*
 * Channels: standing mechanisms between countries (a hotline, a deconfliction
 * line) that HOTLINE contacts can belong to, shown on the charts of the pairs
 * they connect. Shared by the admin form, its actions and lib/data.
 */

export const ZChannelInput = z
  .object({
    name: z
      .string({ error: 'Enter a name' })
      .trim()
      .overwrite(closeBidi)
      .min(2, 'Enter the channel’s name, e.g. US–Russia deconfliction line')
      .max(200, 'Keep the name under 200 characters'),
    description: zNote,
    countries: zCountryList.refine((codes) => codes.length >= 2, {
      message: 'A channel connects at least two countries: list two different codes, e.g. NO, FI',
    }),
    establishedOn: z.preprocess(
      emptyToUndefined,
      z.string({ error: 'Enter the date it was set up, as YYYY-MM-DD' }).pipe(zIsoDate),
    ),
    closedOn: z.preprocess(emptyToUndefined, zIsoDate.optional()),
    sourceUrl: z.preprocess(emptyToUndefined, zHttpUrl.optional()),
  })
  .refine((c) => c.closedOn === undefined || c.closedOn >= c.establishedOn, {
    path: ['closedOn'],
    message: 'A channel cannot close before it was established',
  });
export type ChannelInput = z.infer<typeof ZChannelInput>;

/** The admin form's values: every field a string, as typed. */
export type ChannelFormValues = {
  name: string;
  description: string;
  countries: string;
  establishedOn: string;
  closedOn: string;
  sourceUrl: string;
};

export const CHANNEL_FIELDS = ['name', 'description', 'countries', 'establishedOn', 'closedOn', 'sourceUrl'] as const;

export function emptyChannelValues(): ChannelFormValues {
  return { name: '', description: '', countries: '', establishedOn: '', closedOn: '', sourceUrl: '' };
}

/** The submitted form's values, as typed. */
export function channelValuesFromForm(formData: FormData): ChannelFormValues {
  return valuesFromForm(formData, CHANNEL_FIELDS);
}

/** A channel as lib/data hands it over. */
export type ChannelSnapshotLike = {
  version: number;
  name: string;
  description: string | null;
  countries: string[];
  establishedOn: string;
  closedOn: string | null;
  sourceUrl: string | null;
};

/** A channel as the form starts from it. */
export function channelValues(channel: Omit<ChannelSnapshotLike, 'version'>): ChannelFormValues {
  return {
    name: channel.name,
    description: channel.description ?? '',
    countries: channel.countries.join(', '),
    establishedOn: channel.establishedOn,
    closedOn: channel.closedOn ?? '',
    sourceUrl: channel.sourceUrl ?? '',
  };
}

/** What the channel form's actions answer: a failure keeps the values sent; a conflict carries the channel as it now stands. */
export type ChannelFormState = RecordFormState<ChannelFormValues, { id: string; slug: string; name: string }>;

/** A channel as the contact form offers it. */
export type ChannelChoice = {
  slug: string;
  name: string;
  countries: string[];
  establishedOn: string;
  closedOn: string | null;
};

/**
 * The channels a contact between these countries could have gone over: those
 * connecting two of them. With fewer than two countries chosen, every channel.
 */
export function channelsBetween(channels: ChannelChoice[], countries: string[]): ChannelChoice[] {
  const distinct = [...new Set(countries)];
  if (distinct.length < 2) return channels;
  return channels.filter((c) => distinct.filter((code) => c.countries.includes(code)).length >= 2);
}
