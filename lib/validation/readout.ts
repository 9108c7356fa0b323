import { z } from 'zod';
import type { ReadoutAnalysis } from '../readouts/types';
import { emptyToUndefined, zHttpUrl, zIsoDate } from './common';
import { isStorableText, NUL_MESSAGE } from './text';

/** The longest readout the parser reads: a long ministry statement is 5,000–10,000 characters. */
export const READOUT_MAX_CHARS = 20_000;

/** What `POST /api/v1/readouts/parse` and the log-a-contact page's "Paste a readout" panel take. */
export const ZReadoutInput = z
  .strictObject({
    text: z
      .string({ error: 'Paste the text of the readout' })
      .refine((t) => t.trim().length > 0, 'Paste the text of the readout')
      .refine(
        (t) => t.length <= READOUT_MAX_CHARS,
        `Keep the readout under ${READOUT_MAX_CHARS.toLocaleString('en-GB')} characters`,
      )
      .refine(isStorableText, NUL_MESSAGE)
      .meta({ description: 'The readout as published.', minLength: 1, maxLength: READOUT_MAX_CHARS }),
    url: z
      .preprocess(emptyToUndefined, zHttpUrl.max(2000, 'Keep the URL under 2,000 characters').optional())
      .describe('Where it was published (http or https).'),
    publishedAt: z
      .preprocess(emptyToUndefined, zIsoDate.optional())
      .describe(
        'When it was published: relative dates ("on Friday", "yesterday") count from it; else from today (UTC).',
      ),
  })
  .meta({ id: 'ReadoutInput' });

export type ReadoutRequest = z.infer<typeof ZReadoutInput>;

/** What the "Paste a readout" panel's action answers. */
export type ReadoutPanelState = {
  ok: boolean;
  message?: string;
  fieldErrors?: Record<string, string[]>;
  values?: { text: string; url: string; publishedAt: string };
  analysis?: ReadoutAnalysis;
};
