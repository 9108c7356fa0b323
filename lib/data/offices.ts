import 'server-only';
import { getDb } from '../db';

/** An office by its key (`US:SECDEF`), or null when no position names it. */
export async function getOffice(key: string) {
  return getDb().office.findUnique({
    where: { key },
    select: { key: true, country: true, title: true, organisation: true },
  });
}
