import { z } from 'zod';
import { emptyToUndefined } from './common';

/** The formats of every export. */
export const EXPORT_FORMATS = ['csv', 'json'] as const;

/** The formats of a contact export: also PLOVER event data as JSON Lines (lib/export/plover.ts). */
export const CONTACT_EXPORT_FORMATS = [...EXPORT_FORMATS, 'plover'] as const;

function zFormat<const T extends readonly [string, ...string[]]>(formats: T) {
  const names = formats.map((f) => `format=${f}`);
  const error = `Use ${names.slice(0, -1).join(', ')} or ${names.at(-1)}`;
  return z.object({
    format: z.preprocess(
      (value) => (typeof value === 'string' ? emptyToUndefined(value.trim().toLowerCase()) : value),
      z.enum(formats, { error }).default(formats[0]),
    ),
  });
}

/** The `format` parameter of an export: CSV unless JSON is asked for. */
export const ZExportFormat = zFormat(EXPORT_FORMATS);

/** The `format` parameter of a contact export: CSV unless JSON or PLOVER is asked for. */
export const ZContactExportFormat = zFormat(CONTACT_EXPORT_FORMATS);

/** Any format an export is written in. */
export type ExportFormat = (typeof CONTACT_EXPORT_FORMATS)[number];
