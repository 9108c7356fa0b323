import path from 'node:path';
import type { OfficialRecord } from '../contract';
import { OOH_DATA_DIR, OOH_VISIT_COLUMNS, OOH_VISITS_FILE, readOohCsv, type OohVisit } from './source';
import { travelerSlug, usOfficialRecords, US_TRAVELERS } from './us-officials';
import { buildVisitorIndex, type VisitorIndex } from './visitors';

export { usOfficialRecords, usTraveler, travelerSlug, US_PRESIDENT, US_SECSTATE, US_TRAVELERS } from './us-officials';
export { buildVisitorIndex, spellingKey, visitorsOf, VISITOR_ALIASES } from './visitors';

/** The visit records of the visits file, in file order (a malformed row is left to oohContactRows to report). */
export async function readOohVisits(dir: string): Promise<{ line: number; record: OohVisit }[]> {
  const visits: { line: number; record: OohVisit }[] = [];
  for await (const row of readOohCsv(path.join(dir, OOH_VISITS_FILE), OOH_VISIT_COLUMNS)) {
    if (row.problem === undefined) visits.push(row);
  }
  return visits;
}

/** The foreign visitors of the OOH visits, merged by person and country, their slugs clear of the US officials'. */
export function visitorIndex(visits: Iterable<{ line: number; record: OohVisit }>): VisitorIndex {
  return buildVisitorIndex(visits, US_TRAVELERS.map(travelerSlug));
}

/**
 * Every official the OOH records name: the 55 US travelers with their terms as President and Secretary of
 * State, then the foreign visitors without positions (their tenures are unknown, and a guessed one would
 * close a silence on a wrong date). `line` is the official's place in this list.
 */
export async function oohOfficials(dir: string = OOH_DATA_DIR): Promise<OfficialRecord[]> {
  const visitors = visitorIndex(await readOohVisits(dir)).officials;
  return [...usOfficialRecords(), ...visitors].map(
    ({ slug, name, country, otherSpellings, wikidataId, bio, positions }, i) => ({
      line: i + 1,
      slug,
      name,
      country,
      otherSpellings,
      wikidataId,
      bio,
      positions,
    }),
  );
}
