import { z } from 'zod';
import { emptyToUndefined } from './common';
import { ZContactFilters } from './filters';

/** A search for officials by any spelling of their name, optionally in some countries. */
export const ZOfficialSearch = z.object({
  q: ZContactFilters.shape.q,
  country: ZContactFilters.shape.country,
  page: ZContactFilters.shape.page,
  pageSize: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(100).default(20)),
});
export type OfficialSearch = z.infer<typeof ZOfficialSearch>;

/** The query of an officials export: optionally some countries. */
export const ZOfficialsExportQuery = z.object({ country: ZContactFilters.shape.country });
