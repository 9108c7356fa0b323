import { z } from 'zod';
import { readJsonObject, rejectUnknownFields, takeVersion } from '@/lib/api/body';
import { contactJson } from '@/lib/api/serialize';
import { jsonResponse, parseQuery, rejectUnknownParams, withErrors } from '@/lib/api/respond';
import { authenticateApiRequest, authorizeApiUser, requireApiActor } from '@/lib/auth/api';
import { deleteContact, getContactRow, setVerification, updateContact } from '@/lib/data/contact-edits';
import { snapshotInput } from '@/lib/data/contact-snapshot';
import { AppError } from '@/lib/errors';
import { ZContactInput } from '@/lib/validation/contact';
import { ZDeleteQuery } from '@/lib/validation/delete-query';
import { isStorableText } from '@/lib/validation/text';
import { methodNotAllowed } from '@/lib/api/method-not-allowed';

export const dynamic = 'force-dynamic';

type Context = { params: Promise<{ id: string }> };

const notFound = (id: string) => new AppError('NOT_FOUND', `No contact “${id}”`);

/** The contact id of the path; one no contact can have (a NUL, which the database cannot even compare) is a 404. */
async function contactId({ params }: Context): Promise<string> {
  const { id } = await params;
  if (!isStorableText(id)) throw notFound(id);
  return id;
}

/** One contact, with the version an edit must send back. */
export const GET = withErrors(async (request, context: Context) => {
  rejectUnknownParams(new URL(request.url).searchParams, []);
  const id = await contactId(context);
  const contact = await getContactRow(id);
  if (contact === null) throw notFound(id);
  return jsonResponse(contactJson(contact));
});

const ZVerificationPatch = z.object({
  verification: z.enum(['VERIFIED', 'DISPUTED', 'UNVERIFIED'], { error: 'Use VERIFIED, DISPUTED or UNVERIFIED' }),
});

/**
 * Changes a contact (researcher or admin token) from the `version` it was
 * read at: the fields given replace the current ones. `{ version,
 * verification }` alone verifies or disputes it instead.
 */
export const PATCH = withErrors(async (request, context: Context) => {
  const id = await contactId(context);
  // Who asks comes first (401), then what they send (400), then whether their role may (403).
  const user = await authenticateApiRequest(request);
  const body = await readJsonObject(request);
  const onlyVerification =
    'verification' in body && Object.keys(body).every((k) => k === 'verification' || k === 'version');
  const actor = authorizeApiUser(user, onlyVerification ? 'contact:verify' : 'contact:update');
  const { version, rest } = takeVersion(body);
  rejectUnknownFields(rest, [...Object.keys(ZContactInput.in.shape), 'verification'], 'a contact');
  if (Object.keys(rest).length === 0) {
    throw new AppError('INVALID', 'Nothing to change: send the fields to change with the version');
  }
  if ('verification' in rest && !onlyVerification) {
    throw new AppError('INVALID', 'Change the verification in a request of its own', {
      verification: ['Send { version, verification } alone'],
    });
  }
  if (onlyVerification) {
    const { verification } = ZVerificationPatch.parse(rest);
    await setVerification(id, verification, { version }, actor);
  } else {
    await updateContact(
      id,
      (current) => ZContactInput.parse({ ...snapshotInput(current), ...rest }),
      { version },
      actor,
    );
  }
  const contact = await getContactRow(id);
  return jsonResponse(contactJson(contact!));
});

/**
 * Deletes a contact (admin token) at the `?version=N` read from GET: a missing
 * version is a 400, a stale one a 409. The row is kept, marked deleted, and the
 * audit log holds it whole.
 */
export const DELETE = withErrors(async (request, context: Context) => {
  const id = await contactId(context);
  const actor = await requireApiActor(request, 'contact:delete');
  const { version } = parseQuery(ZDeleteQuery, new URL(request.url).searchParams, ['version']);
  const deleted = await deleteContact(id, { version }, actor);
  return jsonResponse(deleted);
});

const notAllowed = methodNotAllowed('GET', 'PATCH', 'DELETE');
export { notAllowed as POST, notAllowed as PUT };
