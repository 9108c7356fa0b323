import { readJsonObject, rejectUnknownFields, takeVersion } from '@/lib/api/body';
import { officialProfileJson } from '@/lib/api/serialize';
import { jsonResponse, rejectUnknownParams, withErrors } from '@/lib/api/respond';
import { requireApiActor } from '@/lib/auth/api';
import { updateOfficial } from '@/lib/data/official-edits';
import { findOfficialRef } from '@/lib/data/officials';
import { AppError } from '@/lib/errors';
import { ZOfficialInput } from '@/lib/validation/official';
import { isStorableText } from '@/lib/validation/text';
import { methodNotAllowed } from '@/lib/api/method-not-allowed';

export const dynamic = 'force-dynamic';

type Context = { params: Promise<{ idOrSlug: string }> };

const notFound = (idOrSlug: string) =>
  new AppError('NOT_FOUND', `No official “${idOrSlug}”`, { idOrSlug: [`No official “${idOrSlug}”`] });

/** The id or slug of the path; one no official can have (a NUL, which the database cannot even compare) is a 404. */
async function officialRef({ params }: Context): Promise<string> {
  const { idOrSlug } = await params;
  if (!isStorableText(idOrSlug)) throw notFound(idOrSlug);
  return idOrSlug;
}

/** An official's profile by id or slug; an official merged into another answers with the one kept. */
export const GET = withErrors(async (request, context: Context) => {
  rejectUnknownParams(new URL(request.url).searchParams, []);
  const idOrSlug = await officialRef(context);
  const official = await findOfficialRef(idOrSlug);
  if (official === null) throw notFound(idOrSlug);
  return jsonResponse(officialProfileJson(official));
});

/**
 * Changes an official (admin token) from the `version` it was read at: the
 * fields given replace the current ones; `otherNames` and `positions` replace
 * the whole list. Contacts follow changed tenures.
 */
export const PATCH = withErrors(async (request, context: Context) => {
  const idOrSlug = await officialRef(context);
  const actor = await requireApiActor(request, 'official:update');
  const { version, rest } = takeVersion(await readJsonObject(request));
  rejectUnknownFields(rest, Object.keys(ZOfficialInput.shape), 'an official');
  const updated = await updateOfficial(idOrSlug, rest, { version }, actor);
  return jsonResponse(officialProfileJson((await findOfficialRef(updated.id))!));
});

const notAllowed = methodNotAllowed('GET', 'PATCH');
export { notAllowed as POST, notAllowed as PUT, notAllowed as DELETE };
