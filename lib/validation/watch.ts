import { z } from 'zod';
import { isStorableText, NUL_MESSAGE } from './text';
import { zHttpUrl } from './common';

/** The longest threshold in days (about 30 years), and the largest multiple of the median. */
export const MAX_THRESHOLD_DAYS = 11_000;
export const MAX_THRESHOLD_MULTIPLE = 100;

const zLevel = z
  .preprocess(
    (value) =>
      typeof value === 'string'
        ? ({ officials: 'OFFICIAL', offices: 'OFFICE', countries: 'COUNTRY' }[value.toLowerCase()] ??
          value.toUpperCase())
        : value,
    z.enum(['OFFICIAL', 'OFFICE', 'COUNTRY'], { error: 'Choose a level: official, office or country' }),
  )
  .meta({ description: 'OFFICIAL, OFFICE or COUNTRY (or officials, offices, countries).' });

const zRef = z
  .string({ error: 'Name a side of the pair' })
  .trim()
  .min(1, 'Name a side of the pair')
  .max(200, 'Use at most 200 characters')
  .refine(isStorableText, NUL_MESSAGE);

const zDays = z.coerce
  .number({ error: 'Enter a whole number of days' })
  .int('Enter a whole number of days')
  .min(1, 'Enter at least 1 day')
  .max(MAX_THRESHOLD_DAYS, `Use at most ${MAX_THRESHOLD_DAYS.toLocaleString('en')} days`);

const zMultiple = z.coerce
  .number({ error: 'Enter a number, e.g. 1.5' })
  .gt(0, 'Enter a multiple above 0')
  .max(MAX_THRESHOLD_MULTIPLE, `Use at most ${MAX_THRESHOLD_MULTIPLE} times the median`);

const blank = (value: unknown) => (value === '' || value === null ? undefined : value);

/** A threshold: days, or a multiple of the pair's median gap; exactly one of them. */
export const ZWatchThreshold = z
  .object({
    thresholdDays: z.preprocess(blank, zDays.optional()).describe('Tell me when the silence lasts this many days.'),
    thresholdMultiple: z
      .preprocess(blank, zMultiple.optional())
      .describe('Or: when it lasts this multiple of the pair’s median gap (rounded up to whole days).'),
  })
  .superRefine((value, ctx) => {
    const given = [value.thresholdDays, value.thresholdMultiple].filter((v) => v !== undefined).length;
    if (given === 1) return;
    const message =
      given === 0
        ? 'Give a threshold: a number of days, or a multiple of the median gap'
        : 'Give either a number of days or a multiple of the median gap, not both';
    ctx.addIssue({ code: 'custom', path: ['thresholdDays'], message });
  })
  .meta({ id: 'WatchThreshold', description: 'Exactly one of thresholdDays and thresholdMultiple.' });
export type WatchThresholdInput = z.infer<typeof ZWatchThreshold>;

/** A new watch: the pair as its page's address names it (level, then official slugs, office keys or country codes). */
export const ZWatchInput = z
  .object({
    level: zLevel,
    a: zRef.describe('One side, as the pair page’s address names it: official slug, office key or country code.'),
    b: zRef.describe('The other side.'),
  })
  .and(ZWatchThreshold)
  .meta({
    id: 'WatchInput',
    description: 'A pair and a threshold: exactly one of thresholdDays and thresholdMultiple.',
  });
export type WatchInput = z.infer<typeof ZWatchInput>;

export const WATCH_INPUT_FIELDS = ['level', 'a', 'b', 'thresholdDays', 'thresholdMultiple'] as const;

/** A webhook's address and, optionally, a secret of the user's own (else one is made). */
export const ZWebhookInput = z.object({
  url: z
    .string({ error: 'Enter the address to send events to' })
    .trim()
    .min(1, 'Enter the address to send events to')
    .max(2000, 'Use at most 2,000 characters')
    .pipe(zHttpUrl)
    .refine((url) => {
      if (!URL.canParse(url)) return true; // zHttpUrl has refused it already (zod runs this check all the same)
      const parsed = new URL(url);
      return parsed.username === '' && parsed.password === '';
    }, 'Leave the user name and password out of the address: requests are signed instead'),
  secret: z.preprocess(
    blank,
    z
      .string()
      .trim()
      .min(16, 'Use a secret of at least 16 characters, or leave it empty for one to be made')
      .max(200, 'Use at most 200 characters')
      .refine(isStorableText, NUL_MESSAGE)
      .optional(),
  ),
});
export type WebhookInput = z.infer<typeof ZWebhookInput>;

/** What the watch forms get back from their actions. */
export type WatchActionState = {
  ok: boolean;
  message?: string;
  fieldErrors?: Record<string, string[]>;
  values?: Record<string, string>;
  /** A feed address or webhook secret, shown this once. */
  secret?: string;
};
