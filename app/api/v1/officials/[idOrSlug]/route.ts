import { officialProfileJson } from '@/lib/api/serialize';
import { jsonResponse, rejectUnknownParams, withErrors } from '@/lib/api/respond';
import { findOfficialRef } from '@/lib/data/officials';
import { AppError } from '@/lib/errors';

export const dynamic = 'force-dynamic';

type Context = { params: Promise<{ idOrSlug: string }> };

/** An official's profile by id or slug; an official merged into another answers with the one kept. */
export const GET = withErrors(async (request, { params }: Context) => {
  rejectUnknownParams(new URL(request.url).searchParams, []);
  const { idOrSlug } = await params;
  const official = await findOfficialRef(idOrSlug);
  if (official === null) {
    throw new AppError('NOT_FOUND', `No official “${idOrSlug}”`, { idOrSlug: [`No official “${idOrSlug}”`] });
  }
  return jsonResponse(officialProfileJson(official));
});
