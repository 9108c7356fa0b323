import path from 'node:path';
import type { ImportRow } from '../contract';
import { mapOohCountry } from './countries';
import { readOohVisits, visitorIndex } from './officials';
import {
  OOH_DATA_DIR,
  OOH_TRAVEL_COLUMNS,
  OOH_TRAVELS_FILE,
  OOH_VISIT_COLUMNS,
  OOH_VISITS_FILE,
  readOohCsv,
  type OohTravel,
  type OohVisit,
} from './source';
import { travelerSlug, usTraveler } from './us-officials';

/** A record that is not imported: its file, CSV line, source id (empty for a row that could not be read) and why. */
export type OohReject = { file: string; line: number; sourceId: string; reason: string };

export const OOH_PUBLISHER = 'Office of the Historian, U.S. Department of State';
const SITE = 'https://history.state.gov/departmenthistory';
const LOCATION_MAX = 200;

/**
 * One import row per OOH record: the trips abroad of Presidents and Secretaries of State, then the visits of
 * foreign leaders, each a held, in-person meeting on its first day. The other side of each contact is left
 * unnamed (officials of the country visited, or of the US host), since the records rarely name one person.
 * `line` is the record's line in its own file; its `external_id` (`ooh:travels:…` / `ooh:visits:…`) says
 * which file. A record that cannot be mapped (its country is rejected) goes to `onReject` instead.
 *
 * The visits file is read twice: once whole, to merge each visitor's spellings and settle their slugs (which
 * depend on every namesake), then streamed for the rows.
 */
export async function* oohContactRows(
  dir: string = OOH_DATA_DIR,
  options: { onReject?: (reject: OohReject) => void } = {},
): AsyncGenerator<ImportRow> {
  const reject = options.onReject ?? (() => {});
  const visitors = visitorIndex(await readOohVisits(dir));

  for await (const row of readOohCsv(path.join(dir, OOH_TRAVELS_FILE), OOH_TRAVEL_COLUMNS)) {
    if (row.problem !== undefined) {
      reject({ file: OOH_TRAVELS_FILE, line: row.line, sourceId: '', reason: `Malformed CSV row: ${row.problem}` });
      continue;
    }
    const mapped = travelRow(row.record);
    if (mapped.cells) yield { line: row.line, cells: mapped.cells };
    else reject({ file: OOH_TRAVELS_FILE, line: row.line, sourceId: row.record.source_id, reason: mapped.reason });
  }

  for await (const row of readOohCsv(path.join(dir, OOH_VISITS_FILE), OOH_VISIT_COLUMNS)) {
    if (row.problem !== undefined) {
      reject({ file: OOH_VISITS_FILE, line: row.line, sourceId: '', reason: `Malformed CSV row: ${row.problem}` });
      continue;
    }
    const mapped = visitRow(row.record, visitors.participantsOf(row.record.source_id));
    if (mapped.cells) yield { line: row.line, cells: mapped.cells };
    else reject({ file: OOH_VISITS_FILE, line: row.line, sourceId: row.record.source_id, reason: mapped.reason });
  }
}

type Mapped = { cells: Record<string, string>; reason?: undefined } | { cells?: undefined; reason: string };

function travelRow(trip: OohTravel): Mapped {
  const traveler = usTraveler(trip.traveler_id);
  if (!traveler) return { reason: `Unknown traveler ${trip.traveler_id}: add them to lib/import/ooh/us-officials.ts` };
  const country = mapOohCountry(trip.country_id, trip.country);
  if (country.code === undefined) return { reason: country.reject };
  const role = trip.traveler_role === 'President' ? 'president' : 'secretary';
  const cells = {
    ...common(trip, `ooh:travels:${trip.source_id}`),
    participant_a: travelerSlug(traveler),
    country_a: 'US',
    participant_b: '',
    country_b: country.code,
    location: capped(trip.locale, LOCATION_MAX),
    summary: withStay(trip.remarks, trip),
    source_url: `${SITE}/travels/${role}/${trip.traveler_id}`,
    source_title: `Travels of the ${trip.traveler_role}: ${trip.traveler_name}`,
  };
  return { cells };
}

function visitRow(visit: OohVisit, participants: { slug: string; country: string }[] | undefined): Mapped {
  const country = mapOohCountry(visit.country_id, visit.country);
  if (country.code === undefined) return { reason: country.reject };
  if (!participants?.length) return { reason: `No official was made for “${visit.visitor}”` };
  const [first, ...others] = participants;
  // A joint visit (President and Prime Minister together) names its second leader as participant c.
  const extra = Object.fromEntries(
    others.flatMap((p, i) => [
      [`participant_${String.fromCharCode(99 + i)}`, p.slug],
      [`country_${String.fromCharCode(99 + i)}`, p.country],
    ]),
  );
  const cells = {
    ...common(visit, `ooh:visits:${visit.source_id}`),
    participant_a: first.slug,
    country_a: first.country,
    participant_b: '',
    country_b: 'US',
    ...extra,
    location: '',
    summary: withStay(visit.description ? `${visit.visitor} — ${visit.description}` : visit.visitor, visit),
    source_url: `${SITE}/visits/${visit.country_id}`,
    source_title: `Visits by Foreign Leaders: ${visit.country}`,
  };
  return { cells };
}

function common(record: { start_date: string }, externalId: string): Record<string, string> {
  return {
    external_id: externalId,
    date: record.start_date,
    date_precision: 'DAY',
    type: 'MEETING',
    status: 'HELD',
    initiator: '',
    // Stays run to days, past the week a duration may have: the length goes into the summary instead.
    duration_minutes: '',
    topics: '',
    source_publisher: OOH_PUBLISHER,
    source_published_at: '',
    source_quote: '',
  };
}

// " Stay: 3 days (1918-12-04 to 1918-12-06)." The stay is the only place a record's length survives.
function withStay(text: string, record: { start_date: string; end_date: string; duration_days: string }): string {
  const days = Number(record.duration_days);
  const span = record.start_date === record.end_date ? record.start_date : `${record.start_date} to ${record.end_date}`;
  const stay = `Stay: ${days} ${days === 1 ? 'day' : 'days'} (${span}).`;
  const trimmed = text.trim();
  if (!trimmed) return stay;
  return /[.!?)]$/.test(trimmed) ? `${trimmed} ${stay}` : `${trimmed}. ${stay}`;
}

function capped(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}
