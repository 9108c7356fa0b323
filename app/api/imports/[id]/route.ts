import { jsonResponse, withErrors } from '@/lib/api/respond';
import { importReader } from '@/lib/auth/import-actor';
import { getImportRun } from '@/lib/data/imports';
import { AppError } from '@/lib/errors';
import { isStorableText } from '@/lib/validation/text';
import { methodNotAllowed } from '@/lib/api/method-not-allowed';

export const dynamic = 'force-dynamic';

/** An import's progress while it runs (rows and bytes done) and its report once it has finished. */
export const GET = withErrors(async (request, context: { params: Promise<{ id: string }> }) => {
  const user = await importReader(request);
  const { id } = await context.params;
  // An id with a NUL names no import (and the database cannot even compare it).
  const run = isStorableText(id) ? await getImportRun(id, user) : null;
  if (run === null) throw new AppError('NOT_FOUND', 'No such import of yours');
  return jsonResponse(run, { headers: { 'Cache-Control': 'no-store' } });
});

const notAllowed = methodNotAllowed('GET');
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
