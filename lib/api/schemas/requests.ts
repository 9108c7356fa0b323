import { z } from 'zod';
import { ZContactInput } from '../../validation/contact';
import { ZOfficialInput } from '../../validation/official';

/*
 * The request bodies that are not one schema of lib/validation as they stand: an edit is the fields to
 * change plus the version it is based on (lib/api/body.ts takes the version out before the record's own
 * schema parses the rest). ContactInput, OfficialInput, ReadoutInput and WatchInput are the very schemas
 * the routes parse with.
 */

const version = z.int().min(1).describe('The version the change is based on, as read from GET. A stale one is a 409.');

export const ZContactPatch = z
  .object(ZContactInput.in.shape)
  .partial()
  .extend({ version })
  .meta({
    id: 'ContactPatch',
    description:
      'An edit: `version` and the fields to change, which replace the current ones (`participants`, `topics` and ' +
      '`sources` replace the whole list). The result must still be a valid contact.',
  });

// The contact route parses this with its own copy of the enum (route files may export only handlers).
export const ZVerificationPatch = z
  .object({
    version,
    verification: z
      .enum(['VERIFIED', 'DISPUTED', 'UNVERIFIED'])
      .describe('VERIFIED needs a different user from the one who logged or last edited the contact.'),
  })
  .meta({ id: 'VerificationPatch', description: 'Verifies or disputes a contact, in a request of its own.' });

export const ZOfficialPatch = z
  .object(ZOfficialInput.shape)
  .partial()
  .extend({ version })
  .meta({
    id: 'OfficialPatch',
    description:
      'An edit: `version` and the fields to change. `otherNames` and `positions` replace the whole list, and ' +
      'every contact of the official is pointed at the position held on its date. The slug stays.',
  });
