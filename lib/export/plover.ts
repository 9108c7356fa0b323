import type { ContactRow } from '../data/contacts';
import { periodEnd } from '../gaps/dates';
import type { DatePrecision } from '../gaps/types';
import { alpha3 } from '../iso3';
import { CONTACT_STATUSES, CONTACT_TYPES } from '../validation/contact';

/*
 * Contacts as PLOVER event data, one JSON object per line, and the table both directions read.
 *
 * PLOVER (Political Language Ontology for Verifiable Event Records, the Open Event Data Alliance's
 * successor to CAMEO; manual draft 0.7b1, github.com/openeventdata/PLOVER) names an event's category
 * (`event`), how it happened (`mode`) and why (`context`); its actors are ISO 3166 alpha-3 codes with the
 * person in `actor_text`. Of the categories, these describe contacts between officials:
 *   CONSULT   "all consultations and meetings", modes visit, third-party, multilateral and phone ("via phone
 *             or some other remote medium"); with no clear host and visitor every actor is a source.
 *   AGREE     promises to cooperate; "all cooperative actions reported in future tense" (CAMEO 036, express
 *             intent to meet or negotiate).
 *   DEMAND    mode meet (CAMEO 106, demand meeting). PLOVER codes no plain requests or appeals (CAMEO 02 is
 *             dropped), so a sought contact is written as its nearest category, with the CAMEO code of what
 *             it is: 026, appeal to others to meet or negotiate.
 *   REJECT    mode meet (CAMEO 125, reject proposal to meet, discuss or negotiate).
 *   SANCTION  mode cancel ("cancel meetings, summits, dialogues"; CAMEO 164 covers "disruptions of planned
 *             negotiations").
 * Every line also carries the CAMEO code (`cameo`), and under `counterpart` the contact's own fields, so
 * that Counterpart reads its own file back exactly (lib/import/plover.ts); other programs may ignore it.
 */

type ContactType = (typeof CONTACT_TYPES)[number];
type ContactStatus = (typeof CONTACT_STATUSES)[number];

/** The PLOVER categories Counterpart writes. */
export type PloverCategory = 'CONSULT' | 'AGREE' | 'DEMAND' | 'REJECT' | 'SANCTION';

/** One cell of the table: how a contact of one type and status is coded. */
export type PloverCoding = {
  event: PloverCategory;
  /** The PLOVER mode, when one fits (CONSULT's are how the meeting happened). */
  mode: string | null;
  context: string[];
  /** The CAMEO code and its name in the CAMEO codebook. */
  cameo: string;
  cameoText: string;
  /**
   * Who PLOVER's `source` is: every participant (a consultation with no host named), the initiator's side
   * (a request: the side that sought the contact), or the others (a refusal: the side that refused). The
   * rest are the `recipient`.
   */
  source: 'all' | 'initiator' | 'others';
};

const held = (mode: string | null, cameo: string, cameoText: string): PloverCoding => ({
  event: 'CONSULT',
  mode,
  context: [],
  cameo,
  cameoText,
  source: 'all',
});

/** Non-held contacts are coded by their status alone, whatever their type. */
const BY_STATUS: Record<Exclude<ContactStatus, 'HELD'>, PloverCoding> = {
  REQUESTED: {
    event: 'DEMAND',
    mode: 'meet',
    context: ['diplomatic'],
    cameo: '026',
    cameoText: 'Appeal to others to meet or negotiate',
    source: 'initiator',
  },
  REFUSED: {
    event: 'REJECT',
    mode: 'meet',
    context: ['diplomatic'],
    cameo: '125',
    cameoText: 'Reject proposal to meet, discuss, or negotiate',
    source: 'others',
  },
  SCHEDULED: {
    event: 'AGREE',
    mode: null,
    context: ['diplomatic', 'future'],
    cameo: '036',
    cameoText: 'Express intent to meet or negotiate',
    source: 'all',
  },
  CANCELLED: {
    event: 'SANCTION',
    mode: 'cancel',
    context: ['diplomatic'],
    cameo: '164',
    cameoText: 'Halt negotiations',
    source: 'all',
  },
};

/**
 * Held contacts by type. A meeting is CONSULT without a mode: Counterpart does not record who hosted, and
 * PLOVER then codes every participant as a source (CAMEO 040, used "when distinctions among 041 through 044
 * cannot be made"). A letter is a consultation "via some other remote medium", but not a telephone call.
 */
const HELD_BY_TYPE: Record<ContactType, PloverCoding> = {
  CALL: held('phone', '041', 'Discuss by telephone'),
  VIDEO_CALL: held('phone', '041', 'Discuss by telephone'),
  HOTLINE: held('phone', '041', 'Discuss by telephone'),
  LETTER: held('phone', '040', 'Consult, not specified below'),
  MEETING: held(null, '040', 'Consult, not specified below'),
  OTHER: held(null, '040', 'Consult, not specified below'),
};

/** Every type × status, and how it is coded: the one table the export, the import and the docs read. */
export const PLOVER_TABLE: Record<ContactStatus, Record<ContactType, PloverCoding>> = Object.fromEntries(
  CONTACT_STATUSES.map((status) => [
    status,
    Object.fromEntries(CONTACT_TYPES.map((type) => [type, status === 'HELD' ? HELD_BY_TYPE[type] : BY_STATUS[status]])),
  ]),
) as Record<ContactStatus, Record<ContactType, PloverCoding>>;

/** The table as rows, for documentation: the types of a status coded alike share one row. */
export function ploverTableRows(): { status: ContactStatus; types: ContactType[]; coding: PloverCoding }[] {
  const rows: { status: ContactStatus; types: ContactType[]; coding: PloverCoding }[] = [];
  for (const status of CONTACT_STATUSES) {
    for (const type of CONTACT_TYPES) {
      const coding = PLOVER_TABLE[status][type];
      const same = rows.find((r) => r.status === status && JSON.stringify(r.coding) === JSON.stringify(coding));
      if (same) same.types.push(type);
      else rows.push({ status, types: [type], coding });
    }
  }
  return rows;
}

/** PLOVER's quad category: 1 verbal cooperation, 3 verbal conflict (manual, "Quad categories in PLOVER"). */
const QUAD: Record<PloverCategory, 1 | 3> = { CONSULT: 1, AGREE: 1, DEMAND: 3, REJECT: 3, SANCTION: 3 };

/** An actor: a named official, or (without `actor_text`) officials of a country not named. */
export type PloverActor = {
  /** PLOVER's actor code: ISO 3166-1 alpha-3; null for a country code that has none. */
  code: string | null;
  /** Counterpart's country code, ISO 3166-1 alpha-2 (also geonames' `country code`). */
  country: string;
  actor_text?: string;
  /** The position held on the day, as PLOVER's actor `office`. */
  office?: string;
  office_key?: string;
  slug?: string;
  initiator?: true;
};

/** A source, as PLOVER's `cite_info` (url, title, publication) with Counterpart's further fields. */
export type PloverCitation = {
  url: string;
  title?: string;
  publication?: string;
  published_date?: string;
  side?: string;
  quote?: string;
  archive_url?: string;
  claims?: { date?: string; durationMinutes?: number; initiator?: string };
};

/** What Counterpart alone knows of the contact, enough with `cite_info` to rebuild it. */
export type CounterpartExtension = {
  version: 1;
  type: ContactType;
  status: ContactStatus;
  datePrecision: DatePrecision;
  time: string | null;
  timeZone: string | null;
  initiator: string | null;
  durationMinutes: number | null;
  location: string | null;
  summary: string | null;
  topics: string[];
  verification: string;
  channel: string | null;
  importKey: string | null;
  participants: { slug: string; name: string; country: string; officeKey: string | null }[];
  unnamedCountries: string[];
};

/** One line of the export. */
export type PloverEvent = {
  id: string;
  date: string;
  enddate?: string;
  time?: string;
  source: PloverActor[];
  recipient: PloverActor[];
  event: PloverCategory[];
  mode: string[];
  context: string[];
  quad_code: 1 | 3;
  cameo: string;
  event_loc?: { name: string };
  link?: string;
  comment?: string;
  cite_info: PloverCitation[];
  coder: 'Counterpart';
  counterpart: CounterpartExtension;
};

/** A value, or nothing when it is null or empty (PLOVER's fields are optional: absent, not null). */
function some<T>(value: T | null | undefined): T | undefined {
  return value === null || value === '' ? undefined : value;
}

function citation(source: ContactRow['sources'][number]): PloverCitation {
  const claims = {
    ...(source.claimedDate !== null && { date: source.claimedDate }),
    ...(source.claimedDurationMinutes !== null && { durationMinutes: source.claimedDurationMinutes }),
    ...(source.claimedInitiator !== null && { initiator: source.claimedInitiator.slug }),
  };
  return {
    url: source.url,
    title: some(source.title),
    publication: some(source.publisher),
    published_date: some(source.publishedAt),
    side: some(source.side),
    quote: some(source.quote),
    archive_url: some(source.archiveUrl),
    claims: Object.keys(claims).length > 0 ? claims : undefined,
  };
}

/** One contact as a PLOVER event. */
export function contactToPlover(contact: ContactRow): PloverEvent {
  const coding = PLOVER_TABLE[contact.status][contact.type];
  const initiator = contact.initiator?.slug ?? null;
  const initiatorCountry = contact.participants.find((p) => p.slug === initiator)?.country ?? null;
  const named: PloverActor[] = contact.participants.map((p) => ({
    code: alpha3(p.country),
    country: p.country,
    actor_text: p.name,
    office: some(p.positionTitle),
    office_key: some(p.officeKey),
    slug: p.slug,
    ...(p.slug === initiator && { initiator: true as const }),
  }));
  const unnamed: PloverActor[] = contact.unnamedCountries.map((country) => ({ code: alpha3(country), country }));
  const actors = [...named, ...unnamed];
  const onInitiatorSide = (actor: PloverActor) => actor.country === initiatorCountry;
  const isSource =
    coding.source === 'all' || initiatorCountry === null
      ? () => true
      : coding.source === 'initiator'
        ? onInitiatorSide
        : (actor: PloverActor) => !onInitiatorSide(actor);
  const approximate = contact.datePrecision !== 'DAY';
  return {
    id: contact.id,
    date: contact.date,
    enddate: approximate ? periodEnd(contact.date, contact.datePrecision) : undefined,
    time: some(contact.time),
    source: actors.filter(isSource),
    recipient: actors.filter((actor) => !isSource(actor)),
    event: [coding.event],
    mode: coding.mode === null ? [] : [coding.mode],
    context: coding.context,
    quad_code: QUAD[coding.event],
    cameo: coding.cameo,
    event_loc: contact.location ? { name: contact.location } : undefined,
    link: contact.channel ? `counterpart:channel:${contact.channel.slug}` : undefined,
    comment: some(contact.summary),
    cite_info: contact.sources.map(citation),
    coder: 'Counterpart',
    counterpart: {
      version: 1,
      type: contact.type,
      status: contact.status,
      datePrecision: contact.datePrecision,
      time: contact.time,
      timeZone: contact.timeZone,
      initiator,
      durationMinutes: contact.durationMinutes,
      location: contact.location,
      summary: contact.summary,
      topics: contact.topics,
      verification: contact.verification,
      channel: contact.channel?.slug ?? null,
      importKey: contact.importKey,
      participants: contact.participants.map((p) => ({
        slug: p.slug,
        name: p.name,
        country: p.country,
        officeKey: p.officeKey,
      })),
      unnamedCountries: contact.unnamedCountries,
    },
  };
}

/** One contact as a line of JSON Lines, its newline included (absent fields left out). */
export function ploverLine(contact: ContactRow): string {
  return `${JSON.stringify(contactToPlover(contact))}\n`;
}
