import { z } from 'zod';
import { periodStart, todayUtc } from '../gaps/dates';
import { closeBidi } from './bidi';
import { emptyToUndefined, isTimeZone, zCountry, zHttpUrl, zIsoDate, zOfficialRef, zOptionalText } from './common';

export const CONTACT_TYPES = ['CALL', 'VIDEO_CALL', 'MEETING', 'LETTER', 'HOTLINE', 'OTHER'] as const;
export const CONTACT_STATUSES = ['HELD', 'REQUESTED', 'REFUSED', 'SCHEDULED', 'CANCELLED'] as const;
export const DATE_PRECISIONS = ['DAY', 'MONTH', 'YEAR'] as const;

const zMinutes = z.coerce
  .number({ error: 'Enter whole minutes' })
  .int('Enter whole minutes')
  .min(0, 'A duration cannot be negative')
  .max(7 * 24 * 60, 'That is longer than a week: check the duration');

export const ZSourceInput = z
  .object({
    url: zHttpUrl.describe('Where the source can be read: http or https.'),
    publisher: zOptionalText(200),
    title: zOptionalText(500),
    publishedAt: z.preprocess(emptyToUndefined, zIsoDate.optional()),
    side: zOptionalText(100).describe('Whose account it is: "US readout", "press", …'),
    quote: zOptionalText(5000).describe('Verbatim, as the source says it.'),
    archiveUrl: z.preprocess(emptyToUndefined, zHttpUrl.optional()),
    claims: z
      .preprocess(
        emptyToUndefined,
        z
          .object({
            date: z
              .preprocess(emptyToUndefined, zIsoDate.optional())
              .describe('The date this source gives, where it differs.'),
            initiator: z
              .preprocess(emptyToUndefined, zOfficialRef.optional())
              .describe('Who this source says asked for the contact.'),
            durationMinutes: z.preprocess(emptyToUndefined, zMinutes.optional()),
          })
          .optional(),
      )
      .describe(
        'What this source says where it differs from the contact’s own values. Omit the object when it agrees.',
      ),
  })
  .meta({ id: 'SourceInput', description: 'A source of a contact. Only `url` is required.' });
export type SourceInput = z.infer<typeof ZSourceInput>;

export const ZContactInput = z
  .object({
    date: zIsoDate.describe(
      'The day it happened. For MONTH or YEAR precision any day of the period; the first day is stored.',
    ),
    datePrecision: z.enum(DATE_PRECISIONS).default('DAY'),
    time: z
      .preprocess(
        emptyToUndefined,
        z
          .string()
          .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Enter a time as HH:MM, 24-hour')
          .optional(),
      )
      .describe('Local time, HH:MM, 24-hour; needs DAY precision.'),
    timeZone: z
      .preprocess(
        emptyToUndefined,
        z.string().refine(isTimeZone, 'Use an IANA time zone, e.g. Europe/Moscow').optional(),
      )
      .describe('IANA time zone of `time`, e.g. Europe/Moscow; UTC when left out.'),
    type: z.enum(CONTACT_TYPES, { error: 'Choose the type of contact' }),
    status: z
      .enum(CONTACT_STATUSES, { error: 'Choose the status' })
      .describe('HELD ends a silence and cannot be in the future; use SCHEDULED for an expected contact.'),
    participants: z
      .array(zOfficialRef.describe('An official’s id or slug.'), {
        error: 'List the participants: ids or slugs of two or more officials',
      })
      .min(1, 'A contact needs at least two participants')
      .max(50)
      .describe(
        'Officials, by id or slug: two or more, or one with `unnamedCountries`, from at least two countries in all.',
      ),
    /**
     * Countries whose officials took part unnamed ("met officials of France"): they count for country
     * pairs only. Absent on an edit: the contact keeps those it has.
     */
    unnamedCountries: z
      .array(zCountry)
      .max(20)
      .optional()
      .describe(
        'Countries whose officials took part unnamed ("met officials of France"), not those of a named participant: they count for country pairs only. Left out of an edit, the contact keeps its own.',
      ),
    initiator: z
      .preprocess(emptyToUndefined, zOfficialRef.optional())
      .describe('Who asked for the contact: one of the participants.'),
    durationMinutes: z.preprocess(emptyToUndefined, zMinutes.optional()),
    location: zOptionalText(200),
    summary: zOptionalText(10000).describe('Plain text.'),
    topics: z
      .array(z.string().trim().toLowerCase().overwrite(closeBidi).min(1).max(60))
      .max(30)
      .default([])
      .describe('Stored in lower case.'),
    channel: z
      .preprocess(emptyToUndefined, z.string().trim().max(200).optional())
      .describe('A channel’s id or slug, e.g. a deconfliction line.'),
    sources: z
      .array(ZSourceInput, { error: 'Add at least one source: every contact needs one' })
      .min(1, 'Add at least one source: every contact needs one')
      .max(30)
      .describe('At least one.'),
  })
  .superRefine((contact, ctx) => {
    if (contact.participants.length + (contact.unnamedCountries?.length ?? 0) < 2) {
      ctx.addIssue({ code: 'custom', path: ['participants'], message: 'A contact needs at least two participants' });
    }
    if (new Set(contact.unnamedCountries).size !== (contact.unnamedCountries?.length ?? 0)) {
      ctx.addIssue({ code: 'custom', path: ['unnamedCountries'], message: 'Name each country once' });
    }
    if (new Set(contact.participants).size !== contact.participants.length) {
      ctx.addIssue({ code: 'custom', path: ['participants'], message: 'Each participant can appear only once' });
    }
    if (contact.initiator !== undefined && !contact.participants.includes(contact.initiator)) {
      ctx.addIssue({ code: 'custom', path: ['initiator'], message: 'The initiator must be one of the participants' });
    }
    if (contact.timeZone !== undefined && contact.time === undefined) {
      ctx.addIssue({ code: 'custom', path: ['time'], message: 'Give the time the time zone applies to' });
    }
    if (contact.status === 'HELD' && periodStart(contact.date, contact.datePrecision) > todayUtc()) {
      ctx.addIssue({
        code: 'custom',
        path: ['date'],
        message: 'A held contact cannot be in the future: use Scheduled',
      });
    }
    if (contact.time !== undefined && contact.datePrecision !== 'DAY') {
      ctx.addIssue({ code: 'custom', path: ['time'], message: 'A time needs a date known to the day' });
    }
  })
  // A month or year is stored as its first day, which is what gaps count from.
  .transform((contact) => ({ ...contact, date: periodStart(contact.date, contact.datePrecision) }))
  .meta({ id: 'ContactInput', description: 'A contact to log. Optional fields may be left out, or sent as null.' });
export type ContactInput = z.infer<typeof ZContactInput>;
