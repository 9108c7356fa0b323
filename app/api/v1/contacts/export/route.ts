import { parseParams, rejectUnknownParams, withErrors } from '@/lib/api/respond';
import { listContactsForExport } from '@/lib/data/exports';
import { contactsExportMeta, contactsToCsv, contactsToJson } from '@/lib/export/contacts';
import { downloadHeaders, exportFilename } from '@/lib/export/files';
import { ZExportFormat } from '@/lib/validation/export-format';
import { ZContactFilters } from '@/lib/validation/filters';

export const dynamic = 'force-dynamic';

/** Every contact matching the filters (paging aside) as a CSV or JSON file stamped with the filters and time. */
export const GET = withErrors(async (request) => {
  const params = new URL(request.url).searchParams;
  rejectUnknownParams(params, [...Object.keys(ZContactFilters.shape), 'format']);
  const { format } = parseParams(ZExportFormat, params);
  const filters = parseParams(ZContactFilters, params);
  const { items, total } = await listContactsForExport(filters);
  const at = new Date();
  const meta = contactsExportMeta({ filters, total, at });
  const body = format === 'csv' ? contactsToCsv(items, meta) : contactsToJson(items, meta);
  return new Response(body, { headers: downloadHeaders(exportFilename({ kind: 'contacts', at, format }), format) });
});
