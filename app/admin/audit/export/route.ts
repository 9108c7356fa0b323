import { errorResponse, invalidInput, jsonError, rejectUnknownParams } from '@/lib/api/respond';
import { can } from '@/lib/auth/permissions';
import { getCurrentUser } from '@/lib/auth/session';
import { auditToCsv, listAuditForExport } from '@/lib/data/audit-log';
import { AppError } from '@/lib/errors';
import { exportFilename } from '@/lib/export/files';
import { ZAuditFilters } from '@/lib/validation/audit-filters';
import { searchParamsToObject } from '@/lib/validation/filters';

export const dynamic = 'force-dynamic';

/**
 * The audit entries matching the viewer's filters as a CSV file, stamped with
 * the export time and filters. Admins only, checked here: 401 for a visitor,
 * 403 for any other role, before the filters are read.
 */
export async function GET(request: Request): Promise<Response> {
  try {
    const user = await getCurrentUser();
    if (user === null)
      return jsonError(new AppError('UNAUTHENTICATED', 'Sign in as an admin to export the audit log.'), request);
    if (!can(user.role, 'audit:read')) {
      return jsonError(
        new AppError('FORBIDDEN', `Your role (${user.role.toLowerCase()}) may not read the audit log.`),
        request,
      );
    }
    const params = new URL(request.url).searchParams;
    rejectUnknownParams(params, ['user', 'entityType', 'entityId', 'action', 'from', 'to', 'before', 'pageSize']);
    const parsed = ZAuditFilters.safeParse(searchParamsToObject(params));
    if (!parsed.success) throw invalidInput(parsed.error);
    // The cursor and page size belong to the viewer's pages; an export holds every matching entry.
    const filters = { ...parsed.data, before: undefined, pageSize: 50 };
    const at = new Date();
    const csv = auditToCsv(await listAuditForExport(filters), { filters, at });
    const parts = [filters.entityType, filters.action].filter((p): p is string => Boolean(p));
    return new Response(csv, {
      headers: {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="${exportFilename({ kind: 'audit', parts, at, format: 'csv' })}"`,
        'Cache-Control': 'private, no-store',
      },
    });
  } catch (error) {
    return errorResponse(error, request);
  }
}
