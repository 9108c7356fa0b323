import { Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { jsonResponse, parseQuery, withErrors } from '@/lib/api/respond';
import { importActor } from '@/lib/auth/import-actor';
import { AppError } from '@/lib/errors';
import { IMPORT_MAX_BYTES, IMPORT_MAX_LABEL, runImport } from '@/lib/import/run';
import { ZImportQuery } from '@/lib/validation/import';
import { methodNotAllowed } from '@/lib/api/method-not-allowed';

export const dynamic = 'force-dynamic';

/**
 * Imports a file sent as the request body (not a form: the file is streamed to the importer as it
 * arrives). The query says what and how (`kind`, `dryRun`, `createOfficials`, `fileName`, and `id`, a UUID
 * the client makes so that it can poll `GET /api/imports/{id}` for progress meanwhile). The answer is the
 * report; a file that cannot be read is a 400 with one message.
 */
export const POST = withErrors(async (request) => {
  const query = parseQuery(ZImportQuery, new URL(request.url).searchParams, Object.keys(ZImportQuery.shape));
  const actor = await importActor(request, query);
  const length = Number(request.headers.get('content-length'));
  if (!request.headers.get('content-length') || !Number.isInteger(length)) {
    throw new AppError('INVALID', 'Send the file with its length (Content-Length), as a browser or curl -T does.');
  }
  if (length > IMPORT_MAX_BYTES) {
    return jsonResponse(
      {
        error: {
          code: 'PAYLOAD_TOO_LARGE',
          message: `Files over ${IMPORT_MAX_LABEL} go through the command line: npm run cli -- import`,
        },
      },
      { status: 413 },
    );
  }
  if (request.body === null) throw new AppError('INVALID', 'Send the file as the request body.');
  const report = await runImport({
    ...query,
    actor,
    bytesTotal: length,
    input: Readable.fromWeb(request.body as unknown as NodeReadableStream),
  });
  if ('error' in report)
    return jsonResponse({ error: { code: 'INVALID', message: report.error }, report }, { status: 400 });
  return jsonResponse(report, { headers: { 'Cache-Control': 'no-store' } });
});

const notAllowed = methodNotAllowed('POST');
export { notAllowed as GET, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
