import { z } from 'zod';

/**
 * The query of a versioned delete (`DELETE /api/v1/contacts/{id}?version=3`): the
 * version read from GET is required, so that a delete never removes a record
 * someone changed since it was read.
 */
export const ZDeleteQuery = z.object({
  version: z
    .string({ error: 'Required: the version read from GET, as ?version=3' })
    .regex(/^[1-9]\d{0,9}$/, 'Give the version read from GET as a whole number, e.g. ?version=3')
    .transform(Number),
});
export type DeleteQuery = z.infer<typeof ZDeleteQuery>;
