import { z } from 'zod';
import { parseCursor, type Cursor } from '../paging';
import { emptyToUndefined, isStorableDate } from './common';

/** The most gaps one answer of /api/v1/gaps holds, and how many it holds unless told: a longer series is paged. */
export const MAX_GAPS_PAGE = 1000;

/** The query parameters that page a gap series. */
export const GAP_PAGE_KEYS = ['limit', 'before'] as const;

/**
 * How a gap series is paged: `limit`, 1 to MAX_GAPS_PAGE gaps, and `before`, a
 * cursor `YYYY-MM-DD~contactId` (the `older` link of the page after it).
 */
export const ZGapPageQuery = z.object({
  limit: z.preprocess(
    emptyToUndefined,
    z
      .string(`Give limit once, a whole number from 1 to ${MAX_GAPS_PAGE}`)
      .regex(/^\d{1,7}$/, `Give a whole number from 1 to ${MAX_GAPS_PAGE}`)
      .transform(Number)
      .pipe(
        z
          .number()
          .min(1, `Give a whole number from 1 to ${MAX_GAPS_PAGE}`)
          .max(MAX_GAPS_PAGE, `At most ${MAX_GAPS_PAGE} gaps a page`),
      )
      .optional(),
  ),
  before: z.preprocess(
    emptyToUndefined,
    z
      .string('Give before once: the cursor of an older page')
      .transform((raw, ctx): Cursor => {
        const cursor = parseCursor(raw);
        if (cursor === null || !isStorableDate(cursor.date)) {
          ctx.addIssue({
            code: 'custom',
            message: 'Not a cursor: give YYYY-MM-DD~contactId, as in a page’s `older` link',
          });
          return z.NEVER;
        }
        return cursor;
      })
      .optional(),
  ),
});
export type GapPageQuery = z.infer<typeof ZGapPageQuery>;
