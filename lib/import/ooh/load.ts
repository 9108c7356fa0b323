/**
 * `npm run cli -- import ooh`, and the first `npm start`: the Office of the Historian's records shipped in
 * `prisma/seed/ooh/`, loaded through the same importers as any file. First the officials (Presidents and
 * Secretaries of State with their terms, and the foreign visitors), then one contact per record.
 * Idempotent: loading again changes nothing.
 */
import type { Actor } from '../../data/actor';
import { getDb } from '../../db';
import { importContacts, type ContactImportReport, type ImportProgress } from '../contacts';
import { upsertOfficials, type OfficialsImportReport } from '../officials';
import { oohOfficials } from './officials';
import { oohContactRows, type OohReject } from './rows';
import { OOH_DATA_DIR } from './source';

export const OOH_FILE_NAME = 'Office of the Historian records';

export type OohLoadReport = {
  officials: OfficialsImportReport;
  contacts: ContactImportReport;
  /** Records that map to no contact, each with its reason (the country is not a foreign state). */
  rejected: OohReject[];
};

export async function loadOoh(
  actor: Actor,
  options: { dir?: string; onProgress?: (progress: ImportProgress) => void } = {},
): Promise<OohLoadReport> {
  const dir = options.dir ?? OOH_DATA_DIR;
  const records = await oohOfficials(dir);
  const officials = await getDb().$transaction(
    (tx) => upsertOfficials(tx, records, actor, { dryRun: false, fileName: OOH_FILE_NAME }),
    { timeout: 10 * 60 * 1000, maxWait: 60_000 },
  );
  const rejected: OohReject[] = [];
  const contacts = await importContacts(oohContactRows(dir, { onReject: (reject) => rejected.push(reject) }), {
    fileName: OOH_FILE_NAME,
    dryRun: false,
    // Every official a record names was made above: an unknown one is a mistake to report.
    createOfficials: false,
    actor,
    onProgress: options.onProgress,
  });
  return { officials, contacts, rejected };
}
