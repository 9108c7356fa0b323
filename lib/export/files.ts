import type { ExportFormat } from '../validation/export-format';

/** The media type of each export format. */
export const EXPORT_CONTENT_TYPE: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  json: 'application/json; charset=utf-8',
};

/** A date as YYYYMMDD (UTC), for file names. */
function stamp(at: Date): string {
  return at.toISOString().slice(0, 10).replaceAll('-', '');
}

/** A name part safe in a file name and a header: `US:SECDEF` → `us-secdef`. */
function slugPart(part: string): string {
  return part
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** `counterpart-gaps-lloyd-austin-sergei-shoigu-20250601.csv` */
export function exportFilename(options: { kind: string; parts?: string[]; at: Date; format: ExportFormat }): string {
  const { kind, parts = [], at, format } = options;
  const name = ['counterpart', kind, ...parts.map(slugPart), stamp(at)].filter((p) => p !== '').join('-');
  return `${name}.${format}`;
}

/** The headers of a download: its type and a file name to save it under. */
export function downloadHeaders(filename: string, format: ExportFormat): HeadersInit {
  return {
    'Content-Type': EXPORT_CONTENT_TYPE[format],
    'Content-Disposition': `attachment; filename="${filename}"`,
    'Access-Control-Allow-Origin': '*',
  };
}
