import { z } from 'zod';
import { IMPORT_KINDS } from '../import/run';
import { isStorableText, NUL_MESSAGE } from './text';

const flag = z.preprocess(
  (value) => (value === undefined || value === '' ? 'false' : String(value).toLowerCase()),
  z.enum(['true', 'false', '1', '0'], { error: 'Use true or false' }).transform((v) => v === 'true' || v === '1'),
);

/** The query of an import upload: what to import, how, and the run's id (made by the client, to poll). */
export const ZImportQuery = z.object({
  kind: z.enum(IMPORT_KINDS, { error: `Use kind=${IMPORT_KINDS.join(' or ')}` }),
  id: z.uuid({ error: 'Send a new random UUID as id, to follow the import’s progress with' }),
  fileName: z.string().trim().min(1, 'Name the file (fileName=…)').max(200).refine(isStorableText, NUL_MESSAGE),
  dryRun: flag,
  createOfficials: flag,
});
