import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { PLOVER_TABLE } from '../export/plover';
import { alpha2 } from '../iso3';
import { CONTACT_STATUSES, CONTACT_TYPES } from '../validation/contact';
import { PARTICIPANT_LETTERS, type ImportRow, type RowProblem, type RowSource } from './contract';

/*
 * PLOVER JSON Lines (lib/export/plover.ts) back into rows of the import contract, for the contacts importer.
 *
 * A line written by Counterpart carries its own fields under `counterpart`, and those are read first: the
 * row describes the contact exactly (with the first of its sources: the contract has one per row). A line
 * from elsewhere is read from PLOVER's own fields: the status and type from `event` and `mode` through the
 * same table the export uses (CONSULT phone → a held call, CONSULT with another mode or none → a held
 * meeting, AGREE → expected, DEMAND or REQUEST with mode meet → requested, REJECT meet → refused, SANCTION
 * cancel → cancelled), the precision from `date` and `enddate`, the participants from `source` and
 * `recipient` (an actor with a name is an official, one with only a country stands for that country's
 * officials, not named), the initiator from the actor marked `initiator`, the source from `cite_info`.
 *
 * `external_id` is `counterpart.importKey` when the line has one, else the event's `id`: a contact keeps the
 * identity it was first imported under when it travels on, so importing it again anywhere finds it.
 */

type ContactType = (typeof CONTACT_TYPES)[number];
type ContactStatus = (typeof CONTACT_STATUSES)[number];
type Json = Record<string, unknown>;

/** Where each line's problems go (a line with a problem yields no row). */
export type PloverReadOptions = { onProblem: (problem: RowProblem) => void };

/** `event|mode` → status, read off the table; REQUEST (a later name for a sought contact) reads as DEMAND. */
const STATUS_BY_CODING = new Map<string, ContactStatus>();
for (const status of CONTACT_STATUSES) {
  if (status === 'HELD') continue;
  const { event, mode } = PLOVER_TABLE[status].OTHER;
  STATUS_BY_CODING.set(`${event}|${mode ?? ''}`, status);
}
STATUS_BY_CODING.set('REQUEST|meet', 'REQUESTED');

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown): string {
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return '';
}

/** A PLOVER field that may be one value or a list ("event", "mode", "context"), as a list of strings. */
function list(value: unknown): string[] {
  const values = Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
  return values.map(text).filter((v) => v !== '');
}

/** The status and type PLOVER's own fields give, or why they give none. */
function codingOf(event: Json): { status: ContactStatus; type: ContactType } | { problem: RowProblem['message'] } {
  const categories = list(event.event).map((c) => c.toUpperCase());
  const modes = list(event.mode).map((m) => m.toLowerCase());
  if (categories.length === 0) return { problem: 'No event category: give "event", e.g. ["CONSULT"]' };
  for (const category of categories) {
    if (category === 'CONSULT') {
      // phone is any remote medium; visit, host, third-party, multilateral or none: a meeting.
      return { status: 'HELD', type: modes.includes('phone') ? 'CALL' : 'MEETING' };
    }
    for (const mode of modes.length > 0 ? modes : ['']) {
      const status = STATUS_BY_CODING.get(`${category}|${mode}`);
      if (status) return { status, type: 'OTHER' };
    }
  }
  return {
    problem:
      `${categories.join(', ')}${modes.length > 0 ? ` (mode ${modes.join(', ')})` : ''} is not a contact: Counterpart ` +
      'reads CONSULT, AGREE, DEMAND or REQUEST with mode meet, REJECT with mode meet and SANCTION with mode cancel',
  };
}

/** The precision a PLOVER date and end date give: a whole month or a whole year, else the day. */
function precisionOf(date: string, enddate: string): 'DAY' | 'MONTH' | 'YEAR' {
  const match = /^(\d{4})-(\d{2})-01$/.exec(date);
  if (!match || !/^\d{4}-\d{2}-\d{2}$/.test(enddate)) return 'DAY';
  const [year, month] = [Number(match[1]), Number(match[2])];
  if (month === 1 && enddate === `${year}-12-31`) return 'YEAR';
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return enddate === `${match[1]}-${match[2]}-${String(last).padStart(2, '0')}` ? 'MONTH' : 'DAY';
}

type Side = { name: string; country: string; initiator: boolean };

/** An actor as a participant: its name (slug when it has one) and ISO alpha-2 country. */
function sideOf(actor: unknown, at: string, problems: string[][]): Side | null {
  if (!isObject(actor)) {
    problems.push([at, 'An actor is an object such as {"code": "USA", "actor_text": "Lloyd Austin"}']);
    return null;
  }
  const given = text(actor.country).toUpperCase();
  const code = text(actor.code).toUpperCase();
  const country = given || (code.length === 3 ? (alpha2(code) ?? '') : code);
  if (!/^[A-Z]{2}$/.test(country)) {
    problems.push([
      at,
      code || given
        ? `“${code || given}” is not a country code Counterpart knows (ISO 3166 alpha-3 such as USA, or alpha-2 in "country")`
        : 'Give the actor’s country: "code" (ISO 3166 alpha-3, e.g. USA) or "country" (alpha-2)',
    ]);
    return null;
  }
  const name = text(actor.slug) || text(actor.actor_text) || text(actor.identifier_text);
  return { name, country, initiator: actor.initiator === true };
}

/** The first citation: `cite_info` as PLOVER's one object or Counterpart's list. */
function firstCitation(event: Json): Json {
  const cite = Array.isArray(event.cite_info) ? event.cite_info[0] : event.cite_info;
  return isObject(cite) ? cite : {};
}

/** One parsed line as a row of the contract, or its problems. */
export function ploverEventToRow(event: Json, line: number): { row: ImportRow } | { problems: RowProblem[] } {
  const issues: string[][] = [];
  const own = isObject(event.counterpart) ? event.counterpart : null;
  const id = text(own?.importKey) || text(event.id);
  if (!id) issues.push(['id', 'Give every event an "id", unique in the file']);
  const date = text(event.date);
  if (!date) issues.push(['date', 'Give the date as "YYYY-MM-DD"']);

  let status = text(own?.status);
  let type = text(own?.type);
  if (!status || !type) {
    const coding = codingOf(event);
    if ('problem' in coding) issues.push(['event', coding.problem]);
    else {
      status ||= coding.status;
      type ||= coding.type;
    }
  }

  // Participants: Counterpart's own list (with the countries met unnamed) when there, else the actors.
  const sides: Side[] = [];
  const ownParticipants = Array.isArray(own?.participants) ? own.participants : null;
  if (ownParticipants) {
    ownParticipants.forEach((p, i) => {
      const side = sideOf(p, `counterpart.participants.${i}`, issues);
      if (side) sides.push({ ...side, name: text((p as Json).slug) || side.name, initiator: false });
    });
    for (const country of list(own?.unnamedCountries)) sides.push({ name: '', country, initiator: false });
  } else {
    for (const key of ['source', 'recipient'] as const) {
      const actors = event[key] === undefined ? [] : Array.isArray(event[key]) ? event[key] : [event[key]];
      (actors as unknown[]).forEach((actor, i) => {
        const side = sideOf(actor, `${key}.${i}`, issues);
        if (side) sides.push(side);
      });
    }
  }
  if (sides.length > PARTICIPANT_LETTERS.length) {
    issues.push(['source', `${sides.length} participants: a contact takes at most ${PARTICIPANT_LETTERS.length}`]);
  }
  const initiator = own ? text(own.initiator) : (sides.find((s) => s.initiator)?.name ?? '');

  if (issues.length > 0) return { problems: issues.map(([column, message]) => ({ line, column, message })) };

  const cite = firstCitation(event);
  const location = own ? text(own.location) : isObject(event.event_loc) ? text(event.event_loc.name) : '';
  const cells: Record<string, string> = {
    external_id: id,
    date,
    date_precision: text(own?.datePrecision) || precisionOf(date, text(event.enddate)),
    type,
    status,
    initiator,
    duration_minutes: text(own?.durationMinutes),
    location,
    summary: own ? text(own.summary) : text(event.comment),
    topics: list(own?.topics).join('; '),
    source_url: text(cite.url),
    source_publisher: text(cite.publication),
    source_title: text(cite.title),
    source_published_at: text(cite.published_date),
    source_quote: text(cite.quote),
  };
  // Two participant columns at least, as the contract requires; an empty pair is the importer's to report.
  const letters = Math.max(2, sides.length);
  for (let i = 0; i < letters; i++) {
    const letter = PARTICIPANT_LETTERS[i];
    cells[`participant_${letter}`] = sides[i]?.name ?? '';
    cells[`country_${letter}`] = sides[i]?.country ?? '';
  }
  const sources = Array.isArray(event.cite_info) ? event.cite_info.filter(isObject).map(rowSource) : [];
  return {
    row: {
      line,
      cells,
      ...(sources.length > 1 || sources.some((s) => s.claims || s.side || s.archiveUrl) ? { sources } : {}),
    },
  };
}

/** A citation as the importer takes it, with its claims, when the row format's one source would lose them. */
function rowSource(cite: Json): RowSource {
  const claims = isObject(cite.claims) ? cite.claims : null;
  const optional = (value: unknown) => (text(value) === '' ? undefined : text(value));
  return {
    url: text(cite.url),
    publisher: optional(cite.publication),
    title: optional(cite.title),
    publishedAt: optional(cite.published_date),
    side: optional(cite.side),
    quote: optional(cite.quote),
    archiveUrl: optional(cite.archive_url),
    claims: claims
      ? {
          date: optional(claims.date),
          initiator: optional(claims.initiator),
          durationMinutes: typeof claims.durationMinutes === 'number' ? claims.durationMinutes : undefined,
        }
      : undefined,
  };
}

/** Lines of text from a stream (split by node:readline, CRLF or LF) or as given. */
function linesOf(input: Readable | AsyncIterable<string>): AsyncIterable<string> {
  return input instanceof Readable ? createInterface({ input, crlfDelay: Infinity }) : input;
}

/**
 * Rows of the contacts import contract from PLOVER JSON Lines, one per event line, numbered from 1 as the
 * file's lines are; blank lines are skipped. A line that is not JSON, not an object or not a contact
 * yields no row: its problems go to `onProblem`, naming the field (`json` for the line itself).
 */
export async function* ploverRows(
  input: Readable | AsyncIterable<string>,
  options: PloverReadOptions,
): AsyncGenerator<ImportRow> {
  let line = 0;
  for await (const raw of linesOf(input)) {
    line += 1;
    const content = (line === 1 ? raw.replace(/^\uFEFF/, '') : raw).trim();
    if (content === '') continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(content);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      options.onProblem({ line, column: 'json', message: `Not valid JSON (${reason}): each line is one event object` });
      continue;
    }
    if (!isObject(parsed)) {
      options.onProblem({ line, column: 'json', message: 'Each line is one JSON object: one event' });
      continue;
    }
    const result = ploverEventToRow(parsed, line);
    if ('row' in result) yield result.row;
    else result.problems.forEach(options.onProblem);
  }
}
