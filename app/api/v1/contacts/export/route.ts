import { parseParams, rejectUnknownParams, withErrors } from '@/lib/api/respond';
import { contactBatchesForExport, countContactsForExport } from '@/lib/data/exports';
import { contactsExportChunks, contactsExportMeta } from '@/lib/export/contacts';
import { downloadHeaders, exportFilename, streamText } from '@/lib/export/files';
import { ZContactExportFormat } from '@/lib/validation/export-format';
import { ZContactFilters } from '@/lib/validation/filters';
import { methodNotAllowed } from '@/lib/api/method-not-allowed';

export const dynamic = 'force-dynamic';

/**
 * Every contact matching the filters (paging aside) as a CSV or JSON file stamped with the filters and time,
 * or as PLOVER event data (JSON Lines), streamed in keyset batches: the server holds one batch, whatever the
 * size of the export.
 */
export const GET = withErrors(async (request) => {
  const params = new URL(request.url).searchParams;
  rejectUnknownParams(params, [...Object.keys(ZContactFilters.shape), 'format']);
  const { format } = parseParams(ZContactExportFormat, params);
  const filters = parseParams(ZContactFilters, params);
  const total = await countContactsForExport(filters);
  const at = new Date();
  const meta = contactsExportMeta({ filters, total, at });
  const chunks = contactsExportChunks(format, contactBatchesForExport(filters), meta);
  // The first piece is read before answering, so a database that fails at once still gets its JSON error.
  const body = await streamText(chunks, request.signal);
  return new Response(body, { headers: downloadHeaders(exportFilename({ kind: 'contacts', at, format }), format) });
});

const notAllowed = methodNotAllowed('GET');
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
