import { z } from 'zod';
import { emptyToUndefined } from './common';

export const EXPORT_FORMATS = ['csv', 'json'] as const;

/** The `format` parameter of an export: CSV unless JSON is asked for. */
export const ZExportFormat = z.object({
  format: z.preprocess(
    (value) => (typeof value === 'string' ? emptyToUndefined(value.trim().toLowerCase()) : value),
    z.enum(EXPORT_FORMATS, { error: 'Use format=csv or format=json' }).default('csv'),
  ),
});
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
