import { z } from 'zod';
import { isStorableText, NUL_MESSAGE } from './text';

const zVersion = z.coerce
  .number({ error: 'The form did not say which version it saw. Reload the page.' })
  .int()
  .min(1, 'The form did not say which version it saw. Reload the page.');

/** A merge as the confirm form submits it: both officials with the versions the admin saw. */
export const ZMergeInput = z.object({
  duplicateId: z.string().trim().min(1, 'Choose the duplicate').max(200).refine(isStorableText, NUL_MESSAGE),
  keptId: z.string().trim().min(1, 'Choose the official to keep').max(200).refine(isStorableText, NUL_MESSAGE),
  duplicateVersion: zVersion,
  keptVersion: zVersion,
});
export type MergeInput = z.infer<typeof ZMergeInput>;

/** The audit entry whose merge is to be undone. */
export const ZUndoMergeInput = z.object({
  auditId: z
    .string({ error: 'The form did not say which merge to undo.' })
    .regex(/^[1-9]\d{0,18}$/, 'The form did not say which merge to undo.')
    // Nineteen digits may still be past the largest bigint, which the database would refuse with an error.
    .refine(
      (id) => /^\d+$/.test(id) && BigInt(id) <= 9_223_372_036_854_775_807n,
      'The form did not say which merge to undo.',
    ),
});
