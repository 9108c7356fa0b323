import { parseQuery, withErrors } from '@/lib/api/respond';
import { countOfficialsForExport, officialBatchesForExport } from '@/lib/data/exports';
import { downloadHeaders, exportFilename, streamText } from '@/lib/export/files';
import { officialsExportChunks } from '@/lib/export/officials';
import { ZOfficialsExportQuery } from '@/lib/validation/official-search';
import { methodNotAllowed } from '@/lib/api/method-not-allowed';

export const dynamic = 'force-dynamic';

/**
 * Every official (optionally of some countries) as a CSV in the officials import format, with spellings
 * and positions, streamed in keyset batches by slug.
 */
export const GET = withErrors(async (request) => {
  const { country } = parseQuery(ZOfficialsExportQuery, new URL(request.url).searchParams, ['country']);
  const countries = country ?? [];
  const total = await countOfficialsForExport(countries);
  const at = new Date();
  const chunks = officialsExportChunks(officialBatchesForExport(countries), {
    exportedAt: at.toISOString(),
    countries,
    total,
  });
  // The first piece is read before answering, so a database that fails at once still gets its JSON error.
  const body = await streamText(chunks, request.signal);
  return new Response(body, {
    headers: downloadHeaders(exportFilename({ kind: 'officials', parts: countries, at, format: 'csv' }), 'csv'),
  });
});

const notAllowed = methodNotAllowed('GET');
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
