import { can, ROLES, type Permission } from '../auth/permissions';
import { EXPORT_BATCH } from '../export/limits';
import { formatNumber } from '../format';
import { CONTACT_STATUSES, CONTACT_TYPES, DATE_PRECISIONS } from '../validation/contact';
import { CONTACT_EXPORT_FORMATS, EXPORT_FORMATS } from '../validation/export-format';
import { MAX_GAPS_PAGE } from '../validation/gap-page';
import { parseReadoutOperation, readoutSchemas } from './openapi-readouts';
import {
  atomExample,
  contactConflictExample,
  contactCreatedExample,
  contactDeletedExample,
  contactExample,
  contactInputExample,
  contactPatchExample,
  contactsCsvExample,
  contactsPloverExample,
  contactUpdatedExample,
  gapSeriesExample,
  gapSeriesPageExample,
  gapsCsvExample,
  invalidBodyExample,
  officialConflictExample,
  officialInputExample,
  officialPatchExample,
  officialProfileExample,
  officialsCsvExample,
  officialSummaryExample,
  officialUpdatedExample,
  verificationPatchExample,
} from './examples';
import { watchPaths, watchSchemas } from './openapi-watches';

/*
 * The OpenAPI 3.1 description of the API, written by hand as data: the query
 * schemas are zod preprocessors (comma lists, repeated keys, defaults) that
 * JSON Schema can only approximate, and a reader is better served by prose
 * written for them. The examples come from the serialisers themselves; a unit
 * test checks them against the schemas below, the request bodies against the
 * zod schemas the routes parse with, and the end-to-end tests check real
 * answers against the document.
 */

/** A JSON Schema (2020-12, as OpenAPI 3.1 uses it). */
export type JsonSchema = { [keyword: string]: unknown };

export const HTTP_METHODS = ['get', 'post', 'patch', 'delete'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

export type OpenApiParameter = {
  name: string;
  in: 'query' | 'path';
  required?: boolean;
  description: string;
  schema: JsonSchema;
  example?: string;
  style?: 'form';
  explode?: boolean;
};

/** A body or answer of one media type, with one example or several named ones. */
export type OpenApiMediaType = {
  schema: JsonSchema;
  example?: unknown;
  examples?: Record<string, { summary: string; value: unknown }>;
};

export type OpenApiResponse = {
  description: string;
  headers?: Record<string, { description: string; schema: JsonSchema }>;
  content?: Record<string, OpenApiMediaType>;
};

export type OpenApiRequestBody = {
  description: string;
  required: true;
  content: { 'application/json': OpenApiMediaType };
};

export type OpenApiOperation = {
  operationId: string;
  summary: string;
  description: string;
  tags: string[];
  parameters: OpenApiParameter[];
  requestBody?: OpenApiRequestBody;
  responses: Record<string, OpenApiResponse>;
  /** Writes only: the bearer token they need. */
  security?: { apiToken: [] }[];
  /** Writes only: the entry of the permission table (lib/auth/permissions.ts) the route checks. */
  'x-permission'?: Permission;
  /** A request to try, for the documentation page. */
  'x-example-request'?: string;
};

export type OpenApiPathItem = Partial<Record<HttpMethod, OpenApiOperation>>;

export type OpenApiDocument = {
  openapi: '3.1.0';
  info: { title: string; version: string; summary: string; description: string };
  servers: { url: string; description: string }[];
  tags: { name: string; description: string }[];
  paths: Record<string, OpenApiPathItem>;
  components: {
    schemas: Record<string, JsonSchema>;
    responses: Record<string, OpenApiResponse>;
    securitySchemes: Record<string, { type: 'http'; scheme: 'bearer'; description: string }>;
  };
};

const ref = (name: string): JsonSchema => ({ $ref: `#/components/schemas/${name}` });
const nullable = (schema: JsonSchema): JsonSchema => ({ oneOf: [schema, { type: 'null' }] });
const date: JsonSchema = { type: 'string', format: 'date', description: 'A calendar date, YYYY-MM-DD.' };
const text: JsonSchema = { type: 'string' };
const integer: JsonSchema = { type: 'integer' };
const country: JsonSchema = { type: 'string', pattern: '^[A-Z]{2}$', description: 'ISO 3166-1 alpha-2.' };
const officeKey: JsonSchema = { type: 'string', pattern: '^[A-Z]{2}:[A-Z0-9_]+$', examples: ['US:SECDEF'] };
const requestId: JsonSchema = {
  type: 'string',
  description:
    'The id of the request, as in its X-Request-Id header; the server’s log line for it carries the same id.',
};

/** An object whose properties are all required and no others allowed: the shapes are exact. */
function object(properties: Record<string, JsonSchema>, description?: string): JsonSchema {
  return {
    type: 'object',
    ...(description && { description }),
    properties,
    required: Object.keys(properties),
    additionalProperties: false,
  };
}

/** An exact object with more properties that may be left out. */
function optional(schema: JsonSchema, properties: Record<string, JsonSchema>): JsonSchema {
  return { ...schema, properties: { ...(schema.properties as Record<string, JsonSchema>), ...properties } };
}

/** A request body's object: only the named properties are required, and unknown ones are refused. */
function input(properties: Record<string, JsonSchema>, required: string[], description?: string): JsonSchema {
  return { type: 'object', ...(description && { description }), properties, required, additionalProperties: false };
}

/** Optional text that may also be sent as null or "" (both mean: not given). */
const optionalText = (maxLength: number, description?: string): JsonSchema =>
  nullable({ type: 'string', maxLength, ...(description && { description }) });
const url: JsonSchema = { type: 'string', format: 'uri', pattern: '^https?://', description: 'http or https.' };
const officialRefInput: JsonSchema = {
  type: 'string',
  description: 'An official’s id or slug.',
  examples: ['lloyd-austin'],
};
const version: JsonSchema = {
  type: 'integer',
  minimum: 1,
  description: 'The version the change is based on, as read from GET. A stale one is a 409.',
};

const schemas: Record<string, JsonSchema> = {
  ...readoutSchemas,
  Error: object(
    {
      error: input(
        {
          code: {
            enum: ['INVALID', 'UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT', 'NOT_IMPLEMENTED', 'INTERNAL'],
          },
          message: { type: 'string', description: 'What went wrong, in a sentence, naming the parameters.' },
          fields: {
            type: 'object',
            description:
              'Per parameter or body field, what is wrong with it; nested body fields are named by their path ' +
              '(`sources.0.url`). Present on most 400 and some 404 and 409 answers.',
            additionalProperties: { type: 'array', items: text },
          },
          requestId,
        },
        ['code', 'message'],
      ),
    },
    'Every error has this shape, whatever its status; a 409 on an edit adds what changed.',
  ),
  OfficialSummary: object({
    id: text,
    version: integer,
    slug: text,
    name: text,
    country,
    otherNames: { type: 'array', items: text, description: 'Other spellings and transliterations.' },
    matchedName: nullable({
      type: 'string',
      description: 'In a search: the other spelling that matched `q` best, when it was not `name`; else null.',
    }),
    wikidataId: nullable({ type: 'string', pattern: '^Q[1-9][0-9]*$' }),
    positions: {
      type: 'array',
      description: 'Newest first.',
      items: object({ title: text, officeKey, startDate: date, endDate: nullable(date) }),
    },
    href: { type: 'string', description: 'The official’s page on this site.' },
  }),
  Official: object({
    id: text,
    version: { type: 'integer', description: 'Send it back with an edit (PATCH).' },
    slug: text,
    name: text,
    country,
    otherNames: { type: 'array', items: text },
    wikidataId: nullable({ type: 'string', pattern: '^Q[1-9][0-9]*$' }),
    bio: nullable(text),
    photo: nullable({
      type: 'string',
      description:
        'The photo’s address: a path on this site for an uploaded photo (it changes with each upload), or the ' +
        'address an admin gave.',
    }),
    links: { type: 'array', items: { type: 'string', format: 'uri' }, description: 'Pages about the official.' },
    positions: {
      type: 'array',
      description: 'Newest first. endDate null: the tenure is current.',
      items: object({
        title: text,
        officeKey,
        organisation: nullable(text),
        startDate: date,
        endDate: nullable(date),
      }),
    },
    href: text,
  }),
  OfficialPage: object({
    items: { type: 'array', items: ref('OfficialSummary') },
    page: integer,
    pageSize: integer,
    total: { type: 'integer', description: 'Officials matching, over all pages.' },
  }),
  Participant: object({
    id: text,
    slug: text,
    name: text,
    country,
    officeKey: nullable(officeKey),
    positionTitle: nullable({ type: 'string', description: 'The position held on the contact’s date.' }),
  }),
  OfficialRef: object({ slug: text, name: text }),
  Source: object({
    url: { type: 'string', format: 'uri' },
    publisher: nullable(text),
    title: nullable(text),
    publishedAt: nullable(date),
    side: nullable({ type: 'string', description: 'Whose account it is: "US readout", "press", …' }),
    quote: nullable({ type: 'string', description: 'Verbatim, as the source says it.' }),
    archiveUrl: nullable({ type: 'string', format: 'uri' }),
    claims: nullable({
      type: 'object',
      description: 'What this source says where it differs from the contact’s own values.',
      properties: { date, initiator: ref('OfficialRef'), durationMinutes: integer },
      additionalProperties: false,
    }),
  }),
  Contact: object({
    id: text,
    version: { type: 'integer', description: 'Counts every change; send it back with an edit or a delete.' },
    date: { ...date, description: 'The date that counts; the first day of the period for MONTH or YEAR precision.' },
    datePrecision: { enum: [...DATE_PRECISIONS] },
    time: nullable({ type: 'string', pattern: '^[0-2][0-9]:[0-5][0-9]$', description: 'Local time, HH:MM.' }),
    timeZone: nullable({ type: 'string', description: 'IANA time zone of `time`.' }),
    type: { enum: [...CONTACT_TYPES] },
    status: {
      enum: [...CONTACT_STATUSES],
      description: 'Only HELD contacts end a silence; SCHEDULED is an expected contact.',
    },
    participants: { type: 'array', items: ref('Participant'), minItems: 1 },
    unnamedCountries: {
      type: 'array',
      items: { type: 'string', pattern: '^[A-Z]{2}$' },
      description:
        'Countries whose officials took part without being named (a record that names only the country met): ' +
        'they count for country pairs only. Usually empty.',
    },
    initiator: nullable(ref('OfficialRef')),
    durationMinutes: nullable(integer),
    location: nullable(text),
    summary: nullable({ type: 'string', description: 'Plain text, never HTML.' }),
    topics: { type: 'array', items: text },
    verification: { enum: ['UNVERIFIED', 'VERIFIED', 'DISPUTED'] },
    channel: nullable(ref('OfficialRef')),
    resolvedById: nullable({
      type: 'string',
      description: 'For an expected contact: the held contact that fulfilled it.',
    }),
    sources: { type: 'array', items: ref('Source'), minItems: 1 },
  }),
  ContactFilters: {
    type: 'object',
    description: 'The filters that were set.',
    properties: {
      q: text,
      official: text,
      country: { type: 'array', items: country },
      type: { type: 'array', items: { enum: [...CONTACT_TYPES] } },
      status: { type: 'array', items: { enum: [...CONTACT_STATUSES] } },
      from: date,
      to: date,
    },
    additionalProperties: false,
  },
  ContactPage: object({
    items: { type: 'array', items: ref('Contact') },
    page: integer,
    pageSize: integer,
    total: { type: 'integer', description: 'Contacts matching, over all pages.' },
    filters: ref('ContactFilters'),
  }),
  GapMarker: object(
    {
      contactId: text,
      date,
      status: { enum: CONTACT_STATUSES.filter((s) => s !== 'HELD') },
      type: { enum: [...CONTACT_TYPES] },
    },
    'A contact that was sought, refused, expected or cancelled: it does not end a silence.',
  ),
  Gap: object(
    {
      from: date,
      to: { ...date, description: 'The date of the contact that ended the gap, or the day an official left office.' },
      fromContactId: text,
      toContactId: nullable({
        ...text,
        description: 'The held contact that ended the gap; null for a closed silence.',
      }),
      closedBy: nullable(ref('GapClosure')),
      days: { type: 'integer', description: 'Calendar days from `from` to `to`.' },
      minDays: { type: 'integer', description: 'The shortest the gap can be, given precision and disputed dates.' },
      maxDays: { type: 'integer', description: 'The longest it can be.' },
      approximate: { type: 'boolean', description: 'An end is known only to the month or year.' },
      disputed: { type: 'boolean', description: 'Sources disagree on the date of an end.' },
      markers: { type: 'array', items: ref('GapMarker') },
    },
    'The silence between two consecutive held contacts; or, last in an official pair’s series, the silence ' +
      'that closed when one of the two left office (`closedBy` set, `toContactId` null).',
  ),
  GapClosure: object(
    {
      officialId: text,
      official: nullable(object({ ref: text, label: text }, 'The official’s slug and name.')),
      on: { ...date, description: 'The day the official left office (the end of their last tenure); the gap’s `to`.' },
      rank: ref('SilenceRank'),
    },
    'At the official level a silence runs only while both officials hold a recorded position: it closes the day ' +
      'one of them leaves office, and becomes the pair’s last gap. `rank` places it among the gaps before it.',
  ),
  CurrentSilence: object({
    since: date,
    sinceContactId: text,
    days: integer,
    minDays: integer,
    maxDays: integer,
    approximate: { type: 'boolean' },
    disputed: { type: 'boolean' },
    markers: { type: 'array', items: ref('GapMarker') },
    rank: ref('SilenceRank'),
  }),
  SilenceRank: object(
    { longerThan: integer, of: integer },
    'How many of the pair’s past gaps are shorter than the current silence, out of how many.',
  ),
  PairSide: object({
    key: { type: 'string', description: 'Official id, office key or country code.' },
    ref: { type: 'string', description: 'Official slug, office key or country code, as in page addresses.' },
    label: text,
    detail: nullable(text),
    country,
    href: nullable(text),
  }),
  ContactRef: object({ id: text, date }),
  GapPage: object(
    {
      limit: { type: 'integer', minimum: 1, maximum: MAX_GAPS_PAGE, description: 'The most gaps a page holds.' },
      total: { type: 'integer', description: 'Gaps in the whole series, a closed silence included.' },
      returned: { type: 'integer', description: 'Gaps in this answer.' },
      older: nullable({
        type: 'string',
        description:
          'The address of the next older page: the same pair and `limit`, with `before`. Null on the page ' +
          'that holds the first gap, and past it.',
      }),
    },
    'Where this answer’s gaps stand in the series, when it holds one page of it.',
  ),
  GapSeries: optional(
    object({
      level: { enum: ['OFFICIAL', 'OFFICE', 'COUNTRY'] },
      pair: object({
        a: ref('PairSide'),
        b: ref('PairSide'),
        href: { type: 'string', description: 'The pair’s page.' },
      }),
      heldCount: integer,
      firstContact: nullable(ref('ContactRef')),
      lastContact: nullable(ref('ContactRef')),
      gaps: {
        type: 'array',
        items: ref('Gap'),
        description: 'Oldest first: the whole series, or with `page`, one page of it (the latest unless `before`).',
      },
      longestGap: nullable(ref('Gap')),
      medianGapDays: nullable({ type: 'number' }),
      meanGapDays: nullable({ type: 'number', description: 'Rounded to one decimal place.' }),
      currentSilenceDays: nullable({
        ...integer,
        description: 'Null before a first held contact, and once the silence closed (see `closedSilence`).',
      }),
      currentSilence: nullable(ref('CurrentSilence')),
      currentSilenceRank: nullable(ref('SilenceRank')),
      closedSilence: nullable({
        ...ref('Gap'),
        description:
          'The last gap when it closed because one of two officials left office (then `currentSilence` is null); ' +
          'null while the silence runs.',
      }),
      markers: {
        type: 'array',
        items: ref('GapMarker'),
        description:
          'Every non-held contact of the pair, oldest first, including those before its first held contact. With ' +
          '`page`, those of the page: inside its gaps, before the first held contact on the page with the first ' +
          'gap, and in the running silence on the latest page; each is on one page.',
      },
      today: { ...date, description: 'The UTC date the current silence is counted to.' },
    }),
    {
      page: ref('GapPage'),
    },
  ),
  ...watchSchemas,
};

schemas.ContactsExport = object({
  meta: object({
    generator: { const: 'Counterpart' },
    kind: { const: 'contacts' },
    exportedAt: { type: 'string', format: 'date-time' },
    filters: ref('ContactFilters'),
    query: { type: 'string', description: 'The filters as a query string.' },
    total: integer,
  }),
  items: { type: 'array', items: ref('Contact') },
});
schemas.Citation = object(
  {
    apa: { type: 'string', description: 'An APA-style reference, dated by the day the figures stand as of.' },
    bibtex: { type: 'string', description: 'A BibTeX @misc entry.' },
    permalink: {
      type: 'string',
      format: 'uri',
      description: 'The pair page with `?asOf=YYYY-MM-DD`: the same figures, however many contacts are logged later.',
    },
    dataVersion: {
      type: 'string',
      description:
        'A hash of what the figures are counted from as of that day: each contact’s id, date, possible range, ' +
        'status and type.',
    },
    accessed: date,
  },
  'How to cite a pair’s figures.',
);

schemas.OEmbed = object(
  {
    type: { const: 'rich' },
    version: { const: '1.0' },
    title: text,
    provider_name: { const: 'Counterpart' },
    provider_url: { type: 'string', format: 'uri' },
    cache_age: { ...integer, description: 'Seconds the consumer may keep this answer; the chart itself is live.' },
    html: {
      type: 'string',
      description: 'An iframe of /embed/pairs/{level}/{a}/{b} (with asOf when the url had one).',
    },
    width: integer,
    height: integer,
  },
  'An oEmbed 1.0 rich response.',
);

schemas.GapsExport = object(
  {
    meta: object({
      generator: { const: 'Counterpart' },
      kind: { const: 'gaps' },
      exportedAt: { type: 'string', format: 'date-time' },
      query: { type: 'string', description: 'The pair’s parameters as a query string.' },
      today: date,
      citation: ref('Citation'),
    }),
    // The whole series, never a page.
    ...Object.fromEntries(
      Object.entries(schemas.GapSeries.properties as Record<string, JsonSchema>).filter(([key]) => key !== 'page'),
    ),
  },
  'The answer of /api/v1/gaps with the export’s metadata in front, for the whole series.',
);

const contactType = { enum: [...CONTACT_TYPES] };
const contactStatus = { enum: [...CONTACT_STATUSES] };

// What the write endpoints take. A unit test holds the property names and the
// required ones to ZContactInput and ZOfficialInput, and their examples to the parse.
const claimsInput = input(
  {
    date: nullable({ ...date, description: 'The date this source gives, where it differs.' }),
    initiator: nullable({ ...officialRefInput, description: 'Who this source says asked for the contact.' }),
    durationMinutes: nullable({ type: 'integer', minimum: 0, maximum: 10080 }),
  },
  [],
  'What this source says where it differs from the contact’s own values. Omit the object when it agrees.',
);

schemas.SourceInput = input(
  {
    url: { ...url, description: 'Where the source can be read: http or https.' },
    publisher: optionalText(200),
    title: optionalText(500),
    publishedAt: nullable(date),
    side: optionalText(100, 'Whose account it is: "US readout", "press", …'),
    quote: optionalText(5000, 'Verbatim, as the source says it.'),
    archiveUrl: nullable(url),
    claims: claimsInput,
  },
  ['url'],
  'A source of a contact. Only `url` is required.',
);

const contactInputProperties: Record<string, JsonSchema> = {
  date: {
    ...date,
    description: 'The day it happened. For MONTH or YEAR precision any day of the period; the first day is stored.',
  },
  datePrecision: { enum: [...DATE_PRECISIONS], default: 'DAY' },
  time: nullable({
    type: 'string',
    pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$',
    description: 'Local time, HH:MM, 24-hour; needs DAY precision.',
  }),
  timeZone: nullable({
    type: 'string',
    description: 'IANA time zone of `time`, e.g. Europe/Moscow; UTC when left out.',
  }),
  type: contactType,
  status: {
    ...contactStatus,
    description: 'HELD ends a silence and cannot be in the future; use SCHEDULED for an expected contact.',
  },
  participants: {
    type: 'array',
    items: officialRefInput,
    minItems: 1,
    maxItems: 50,
    uniqueItems: true,
    description:
      'Officials, by id or slug: two or more, or one with `unnamedCountries`, from at least two countries in all.',
  },
  unnamedCountries: {
    type: 'array',
    items: { type: 'string', pattern: '^[A-Za-z]{2}$' },
    maxItems: 20,
    uniqueItems: true,
    description:
      'Countries whose officials took part unnamed ("met officials of France"), not those of a named participant: ' +
      'they count for country pairs only. Left out of an edit, the contact keeps its own.',
  },
  initiator: nullable({ ...officialRefInput, description: 'Who asked for the contact: one of the participants.' }),
  durationMinutes: nullable({ type: 'integer', minimum: 0, maximum: 10080 }),
  location: optionalText(200),
  summary: optionalText(10000, 'Plain text.'),
  topics: {
    type: 'array',
    items: { type: 'string', maxLength: 60 },
    maxItems: 30,
    default: [],
    description: 'Stored in lower case.',
  },
  channel: nullable({ type: 'string', description: 'A channel’s id or slug, e.g. a deconfliction line.' }),
  sources: { type: 'array', items: ref('SourceInput'), minItems: 1, maxItems: 30, description: 'At least one.' },
};

schemas.ContactInput = input(
  contactInputProperties,
  ['date', 'type', 'status', 'participants', 'sources'],
  'A contact to log. Optional fields may be left out, or sent as null.',
);
schemas.ContactPatch = input(
  { version, ...contactInputProperties },
  ['version'],
  'An edit: `version` and the fields to change, which replace the current ones (`participants`, `topics` and ' +
    '`sources` replace the whole list). The result must still be a valid contact.',
);
schemas.VerificationPatch = object(
  {
    version,
    verification: {
      enum: ['VERIFIED', 'DISPUTED', 'UNVERIFIED'],
      description: 'VERIFIED needs a different user from the one who logged or last edited the contact.',
    },
  },
  'Verifies or disputes a contact, in a request of its own.',
);

const positionInput = input(
  {
    title: { type: 'string', minLength: 1, maxLength: 200 },
    officeKey: { ...officeKey, description: 'COUNTRY:OFFICE, the country being the official’s.' },
    organisation: optionalText(200),
    startDate: date,
    endDate: nullable({ ...date, description: 'Leave out while the tenure is current.' }),
  },
  ['title', 'officeKey', 'startDate'],
);
schemas.PositionInput = positionInput;

const officialInputProperties: Record<string, JsonSchema> = {
  name: { type: 'string', minLength: 2, maxLength: 200 },
  country,
  otherNames: {
    type: 'array',
    items: { type: 'string', maxLength: 200 },
    maxItems: 50,
    default: [],
    description: 'Other spellings and transliterations, found by search.',
  },
  wikidataId: nullable({ type: 'string', pattern: '^Q[1-9][0-9]*$', examples: ['Q23460'] }),
  photoUrl: nullable(url),
  bio: optionalText(2000),
  links: { type: 'array', items: url, maxItems: 20, default: [] },
  positions: { type: 'array', items: ref('PositionInput'), maxItems: 50, default: [] },
};
schemas.OfficialInput = input(officialInputProperties, ['name', 'country'], 'An official to add.');
schemas.OfficialPatch = input(
  { version, ...officialInputProperties },
  ['version'],
  'An edit: `version` and the fields to change. `otherNames` and `positions` replace the whole list, and every ' +
    'contact of the official is pointed at the position held on its date. The slug stays.',
);

const personRef = object({ id: text, slug: text, name: text });
schemas.EndedSilence = object(
  {
    days: { type: 'integer', description: 'Calendar days since the pair’s previous held contact.' },
    since: { ...date, description: 'The date of that contact.' },
    sinceContactId: text,
    between: { type: 'array', items: personRef, minItems: 2, maxItems: 2 },
  },
  'A silence that the new held contact ended, between two of its officials from different countries.',
);
schemas.ContactCreated = object(
  {
    id: text,
    version: integer,
    date,
    endedSilence: nullable({ ...ref('EndedSilence'), description: 'The longest silence it ended; null if none.' }),
    endedSilences: {
      type: 'array',
      items: ref('EndedSilence'),
      description: 'Every silence it ended, one per pair of officials, longest first.',
    },
    resolvedExpected: {
      type: 'array',
      items: text,
      description: 'Expected (SCHEDULED) contacts of the same officials that this held contact fulfilled.',
    },
    possibleDuplicates: {
      type: 'array',
      description: 'Contacts of the same officials within a day of it: perhaps the same contact, logged twice.',
      items: object({ id: text, date, type: contactType, status: contactStatus }),
    },
    href: { type: 'string', description: 'The new contact in this API, also in the Location header.' },
  },
  'The contact logged, and what it changed.',
);
schemas.ContactDeleted = object(
  { id: text, version: integer, deletedAt: { type: 'string', format: 'date-time' } },
  'The contact is gone from every list and gap; the audit log keeps it whole.',
);
schemas.ContactSnapshot = object(
  {
    id: text,
    version: integer,
    date,
    datePrecision: { enum: [...DATE_PRECISIONS] },
    time: nullable(text),
    timeZone: nullable(text),
    type: contactType,
    status: contactStatus,
    participants: { type: 'array', items: text, description: 'Slugs, sorted.' },
    initiator: nullable(text),
    durationMinutes: nullable(integer),
    location: nullable(text),
    summary: nullable(text),
    topics: { type: 'array', items: text },
    channel: nullable(text),
    verification: { enum: ['UNVERIFIED', 'VERIFIED', 'DISPUTED'] },
    resolvedById: nullable(text),
    deletedAt: nullable({ type: 'string', format: 'date-time' }),
    sources: {
      type: 'array',
      items: object({
        url: text,
        publisher: nullable(text),
        title: nullable(text),
        publishedAt: nullable(date),
        side: nullable(text),
        quote: nullable(text),
        archiveUrl: nullable(text),
        claims: object({ date: nullable(date), initiator: nullable(text), durationMinutes: nullable(integer) }),
      }),
    },
  },
  'A contact as the audit log keeps it: officials by slug, in the shape an edit sends.',
);
schemas.ContactChange = object({
  field: {
    type: 'string',
    description: 'The field that changed: date, participants, summary, sources, verification, …',
  },
  before: { description: 'Its value in the version the edit was based on.' },
  after: { description: 'Its value now.' },
});
schemas.ContactConflict = object(
  {
    error: optional(
      object({
        code: { const: 'CONFLICT' },
        message: { type: 'string', description: 'Who changed the contact, and from which version to which.' },
        current: ref('ContactSnapshot'),
        changes: nullable({
          type: 'array',
          items: ref('ContactChange'),
          description: 'What changed since the version the edit was based on; null if that version is unknown.',
        }),
        changedBy: nullable({ type: 'string', description: 'The name of whoever saved last.' }),
        changedAt: nullable({ type: 'string', format: 'date-time' }),
      }),
      { requestId },
    ),
  },
  'The answer to an edit or delete based on an old version: the contact as it now stands, and what changed.',
);
schemas.OfficialSnapshot = object(
  {
    id: text,
    slug: text,
    version: integer,
    name: text,
    country,
    wikidataId: nullable(text),
    photoUrl: nullable(text),
    photo: nullable(
      object(
        {
          contentType: { type: 'string', enum: ['image/jpeg', 'image/png', 'image/webp', 'image/gif'] },
          size: { type: 'integer', description: 'Bytes.' },
          sha256: { type: 'string', description: 'The first 32 hex digits of the SHA-256 of the bytes.' },
        },
        'A photo uploaded to Counterpart (served at /officials/{slug}/photo); null when there is none.',
      ),
    ),
    bio: nullable(text),
    links: { type: 'array', items: text },
    mergedIntoId: nullable(text),
    otherNames: { type: 'array', items: text },
    positions: { type: 'array', items: positionInput, description: 'Oldest first.' },
  },
  'An official as the audit log keeps it, in the shape an edit sends.',
);
schemas.OfficialConflict = object(
  {
    error: input(
      {
        code: { const: 'CONFLICT' },
        message: text,
        current: { ...ref('OfficialSnapshot'), description: 'The official as it now stands (on a stale version).' },
        fields: {
          type: 'object',
          description: 'On a Wikidata id that belongs to another official: `wikidataId`.',
          additionalProperties: { type: 'array', items: text },
        },
        requestId,
      },
      ['code', 'message'],
    ),
  },
  'The answer to an edit based on an old version of an official.',
);

const errorContent = { 'application/json': { schema: ref('Error') } };

const responses: Record<string, OpenApiResponse> = {
  Invalid: {
    description: 'A parameter is missing, malformed or unknown; `fields` names each one.',
    content: {
      'application/json': {
        schema: ref('Error'),
        example: {
          error: {
            code: 'INVALID',
            message: 'Invalid parameter “from”: Enter a real date as YYYY-MM-DD',
            fields: { from: ['Enter a real date as YYYY-MM-DD'] },
          },
        },
      },
    },
  },
  NotFound: {
    description: 'No such official, office or pair.',
    content: {
      'application/json': {
        schema: ref('Error'),
        example: { error: { code: 'NOT_FOUND', message: 'No official “x”', fields: { a: ['No official “x”'] } } },
      },
    },
  },
  Internal: { description: 'A fault on the server; it has been logged.', content: errorContent },
  InvalidBody: {
    description:
      'The body is not JSON, was not sent as `Content-Type: application/json`, or a field is missing, malformed or ' +
      'unknown. `fields` names each field by its path (`sources.0.url`) and says what is wrong with it.',
    content: { 'application/json': { schema: ref('Error'), example: invalidBodyExample } },
  },
  Unauthenticated: {
    description: 'No API token, or one that is unknown, revoked or of a disabled account.',
    headers: { 'WWW-Authenticate': { description: 'Bearer', schema: text } },
    content: {
      'application/json': {
        schema: ref('Error'),
        example: { error: { code: 'UNAUTHENTICATED', message: 'Send an API token: Authorization: Bearer <token>' } },
      },
    },
  },
  Forbidden: {
    description: 'The token’s account has a role that may not do this.',
    content: {
      'application/json': {
        schema: ref('Error'),
        example: { error: { code: 'FORBIDDEN', message: 'Your role (viewer) may not do this' } },
      },
    },
  },
  ContactNotFound: {
    description: 'No such contact, or it was deleted.',
    content: {
      'application/json': {
        schema: ref('Error'),
        example: { error: { code: 'NOT_FOUND', message: 'No contact “cm0nothing”' } },
      },
    },
  },
  ContactConflict: {
    description:
      'The contact changed since the `version` sent. Nothing was saved: `current` is the contact as it now ' +
      'stands and `changes` what changed; apply the edit to `current.version` if it still holds.',
    content: { 'application/json': { schema: ref('ContactConflict'), example: contactConflictExample } },
  },
};

const page: OpenApiParameter = {
  name: 'page',
  in: 'query',
  description: 'Page number, from 1.',
  schema: { type: 'integer', minimum: 1, maximum: 10000, default: 1 },
};

/** A list parameter: repeated (`type=CALL&type=MEETING`) or comma-separated (`type=CALL,MEETING`). */
function list(name: string, description: string, items: JsonSchema, example?: string): OpenApiParameter {
  return {
    name,
    in: 'query',
    description: `${description} Repeat the parameter or separate values with commas.`,
    schema: { type: 'array', items },
    style: 'form',
    explode: true,
    ...(example && { example }),
  };
}

const contactFilters: OpenApiParameter[] = [
  {
    name: 'q',
    in: 'query',
    description: 'Words in the summary, a topic, or any spelling of a participant’s name.',
    schema: { type: 'string', maxLength: 200 },
    example: 'ceasefire',
  },
  {
    name: 'official',
    in: 'query',
    description: 'Only contacts this official (id or slug) took part in.',
    schema: { type: 'string' },
    example: 'sergei-shoigu',
  },
  list('country', 'Only contacts with a participant from one of these countries.', country, 'RU'),
  list('type', 'Only contacts of these types.', { enum: [...CONTACT_TYPES] }, 'CALL'),
  list('status', 'Only contacts with these statuses.', { enum: [...CONTACT_STATUSES] }, 'HELD'),
  { name: 'from', in: 'query', description: 'Contacts on or after this date.', schema: date, example: '2022-01-01' },
  { name: 'to', in: 'query', description: 'Contacts on or before this date.', schema: date, example: '2022-12-31' },
];

const pairParameters: OpenApiParameter[] = [
  { name: 'a', in: 'query', description: 'An official, by slug or id.', schema: text, example: 'lloyd-austin' },
  { name: 'b', in: 'query', description: 'The other official.', schema: text, example: 'sergei-shoigu' },
  {
    name: 'officeA',
    in: 'query',
    description: 'An office key, whoever held it.',
    schema: officeKey,
    example: 'US:SECDEF',
  },
  { name: 'officeB', in: 'query', description: 'The other office key.', schema: officeKey, example: 'RU:MINDEF' },
  { name: 'countryA', in: 'query', description: 'A country.', schema: country, example: 'US' },
  { name: 'countryB', in: 'query', description: 'The other country.', schema: country, example: 'RU' },
];

const gapPageParameters: OpenApiParameter[] = [
  {
    name: 'limit',
    in: 'query',
    description:
      `The most gaps to answer with, 1 to ${formatNumber(MAX_GAPS_PAGE)}. A series with more answers its latest ` +
      'page of them, with `page`; follow `page.older` for the ones before.',
    schema: { type: 'integer', minimum: 1, maximum: MAX_GAPS_PAGE, default: MAX_GAPS_PAGE },
    example: '100',
  },
  {
    name: 'before',
    in: 'query',
    description:
      'A cursor, `YYYY-MM-DD~contactId` (as `page.older` gives it): answers the latest gaps that ended on or ' +
      'before that contact. A cursor before the first gap answers no gaps, with `older` null (not a 404).',
    schema: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}~[A-Za-z0-9_-]{1,64}$' },
    example: '2022-05-13~cm0call0513',
  },
];

const PAIR_RULES =
  'Name exactly one pair: two officials (`a`, `b`), two offices (`officeA`, `officeB`, e.g. US:SECDEF and ' +
  'RU:MINDEF: every holder of each office) or two countries (`countryA`, `countryB`: any officials). The two ' +
  'sides must be in different countries.';

const format: OpenApiParameter = {
  name: 'format',
  in: 'query',
  description: 'The file format.',
  schema: { enum: [...EXPORT_FORMATS], default: 'csv' },
  example: 'csv',
};

const contactFormat: OpenApiParameter = {
  ...format,
  description:
    'The file format: `csv`, `json`, or `plover`, PLOVER event data as JSON Lines (one event object a line, ' +
    'with its CAMEO code; the table is on the API page and in the README).',
  schema: { enum: [...CONTACT_EXPORT_FORMATS], default: 'csv' },
};

const download = {
  'Content-Disposition': {
    description:
      'attachment; filename="counterpart-…-YYYYMMDD.csv" (or .json, or .jsonl for PLOVER), dated with the day of export.',
    schema: text,
  },
};

const CSV_CONVENTION =
  'CSV files start with `# key: value` lines stating the export time, the filters or pair, and other context, ' +
  'then a header row and one row per item (RFC 4180, UTF-8, CRLF). Read them with a reader that skips `#` ' +
  'lines: papaparse `comments: "#"`, pandas `read_csv(f, comment="#")`, R `read.csv(f, comment.char = "#")`. ' +
  'Text cells are always quoted; a text starting with = + - or @ is prefixed with an apostrophe so spreadsheets ' +
  'do not run it as a formula. Dates are ISO 8601.';

/** The roles the permission table lets do something, in words: "researcher or admin". */
function whoMay(permission: Permission): string {
  const roles = ROLES.filter((role) => can(role, permission)).map((role) => role.toLowerCase());
  return roles.length > 1 ? `${roles.slice(0, -1).join(', ')} or ${roles.at(-1)}` : roles[0];
}

/**
 * A write: needs a bearer token whose account holds the permission, and can
 * answer 401 and 403 besides its own responses.
 */
function write(
  permission: Permission,
  operation: Omit<OpenApiOperation, 'security' | 'x-permission'>,
): OpenApiOperation {
  const { '500': internal, ...own } = operation.responses;
  const statuses = Object.keys(own).sort();
  const success = statuses.filter((status) => status.startsWith('2'));
  const errors = statuses.filter((status) => !status.startsWith('2'));
  const all: Record<string, OpenApiResponse> = {
    ...Object.fromEntries(success.map((status) => [status, own[status]])),
    '401': responses.Unauthenticated,
    '403': responses.Forbidden,
    ...Object.fromEntries(errors.map((status) => [status, own[status]])),
    '500': internal ?? responses.Internal,
  };
  return {
    ...operation,
    description: `${operation.description} Needs the API token of a ${whoMay(permission)}.`,
    responses: Object.fromEntries(Object.entries(all).sort(([a], [b]) => a.localeCompare(b))),
    security: [{ apiToken: [] }],
    'x-permission': permission,
  };
}

function jsonBody(
  description: string,
  schema: JsonSchema,
  examples: Record<string, { summary: string; value: unknown }>,
) {
  return { description, required: true as const, content: { 'application/json': { schema, examples } } };
}

const location = {
  Location: { description: 'Where the new record can be read in this API.', schema: text },
};

const contactId: OpenApiParameter = {
  name: 'id',
  in: 'path',
  required: true,
  description: 'The contact’s id.',
  schema: text,
  example: contactExample.id,
};

const idOrSlug: OpenApiParameter = {
  name: 'idOrSlug',
  in: 'path',
  required: true,
  description: 'The official’s id or slug.',
  schema: text,
  example: 'sergei-shoigu',
};

const createContactOperation = write('contact:create', {
  operationId: 'createContact',
  summary: 'Log a contact',
  description:
    'Logs a contact with its participants (each with the position held that day) and sources. The answer says ' +
    'which silence a held contact ended (`endedSilence`: 84 days for the 13 May 2022 call), which expected ' +
    'contacts it fulfilled, and which contacts of the same officials lie within a day of it (`possibleDuplicates`: ' +
    'check them, the contact is saved either way).',
  tags: ['Contacts'],
  parameters: [],
  requestBody: jsonBody('The contact.', ref('ContactInput'), {
    call: { summary: 'The 13 May 2022 call', value: contactInputExample },
  }),
  responses: {
    '201': {
      description: 'Logged.',
      headers: location,
      content: { 'application/json': { schema: ref('ContactCreated'), example: contactCreatedExample } },
    },
    '400': responses.InvalidBody,
  },
});

const getContactOperation: OpenApiOperation = {
  operationId: 'getContact',
  summary: 'One contact',
  description: 'A contact as List contacts shows it, with the `version` an edit or delete sends back.',
  tags: ['Contacts'],
  parameters: [contactId],
  responses: {
    '200': {
      description: 'The contact.',
      content: { 'application/json': { schema: ref('Contact'), example: contactExample } },
    },
    '400': responses.Invalid,
    '404': responses.ContactNotFound,
    '500': responses.Internal,
  },
};

const updateContactOperation = write('contact:update', {
  operationId: 'updateContact',
  summary: 'Edit, verify or dispute a contact',
  description:
    'Send the `version` read from GET and the fields to change; the rest stay as they are. An edit made from an ' +
    'old version is refused with a 409 that shows the contact as it now stands and what changed. Changing the ' +
    'date, its precision, the status or the participants of a VERIFIED contact makes it UNVERIFIED again. ' +
    '`{ version, verification }` alone verifies, disputes or unverifies the contact instead (permission ' +
    `contact:verify, held by a ${whoMay('contact:verify')}); whoever logged or last edited a contact cannot ` +
    'verify it (403).',
  tags: ['Contacts'],
  parameters: [contactId],
  requestBody: jsonBody(
    'An edit, or a verification.',
    { oneOf: [ref('ContactPatch'), ref('VerificationPatch')] },
    {
      edit: { summary: 'Change two fields', value: contactPatchExample },
      verify: { summary: 'Verify it (another researcher)', value: verificationPatchExample },
    },
  ),
  responses: {
    '200': {
      description: 'Saved: the contact as it now stands, with its new version.',
      content: { 'application/json': { schema: ref('Contact'), example: contactUpdatedExample } },
    },
    '400': responses.InvalidBody,
    '404': responses.ContactNotFound,
    '409': responses.ContactConflict,
  },
});

const deleteContactOperation = write('contact:delete', {
  operationId: 'deleteContact',
  summary: 'Delete a contact',
  description:
    'Takes the contact out of every list, gap and export; the audit log keeps it whole. Expected contacts it had ' +
    'fulfilled are open again. Send the `version` read from GET as `?version=N`: without it the answer is 400 ' +
    '(`fields.version`), and when the contact changed since, 409 with what changed; nothing is deleted then.',
  tags: ['Contacts'],
  parameters: [
    contactId,
    {
      name: 'version',
      in: 'query',
      required: true,
      description: 'The version read from GET. Only that version is deleted.',
      schema: { type: 'integer', minimum: 1 },
      example: String(contactDeletedExample.version - 1),
    },
  ],
  responses: {
    '200': {
      description: 'Deleted.',
      content: { 'application/json': { schema: ref('ContactDeleted'), example: contactDeletedExample } },
    },
    '400': responses.Invalid,
    '404': responses.ContactNotFound,
    '409': responses.ContactConflict,
  },
});

/** A position that would give an office two holders at once, or end before it starts. */
const tenureInvalid = {
  description:
    'A field is missing, malformed or unknown, or a tenure breaks the rules: it ends before it starts, overlaps ' +
    'another holder of the office (tenures are compared as [start, end): a successor may start on the day the ' +
    'predecessor’s ends), or overlaps the official’s own tenure in the same office. `fields` names each field by ' +
    'its path (`positions.0.startDate`).',
  content: {
    'application/json': {
      schema: ref('Error'),
      example: {
        error: {
          code: 'INVALID',
          message:
            'RU:MINDEF is held by Sergei Shoigu from 6 Nov 2012 with no end; end that tenure first or start after it',
          fields: {
            'positions.0.startDate': [
              'RU:MINDEF is held by Sergei Shoigu from 6 Nov 2012 with no end; end that tenure first or start after it',
            ],
          },
        },
      },
    },
  },
};

const createOfficialOperation = write('official:create', {
  operationId: 'createOfficial',
  summary: 'Add an official',
  description:
    'Adds an official with other spellings and positions; an office named by a position’s `officeKey` is created ' +
    'the first time it is used. The slug is made from the name (`-2`, `-3`, … when taken).',
  tags: ['Officials'],
  parameters: [],
  requestBody: jsonBody('The official.', ref('OfficialInput'), {
    shoigu: { summary: 'Sergei Shoigu', value: officialInputExample },
  }),
  responses: {
    '201': {
      description: 'Added.',
      headers: location,
      content: { 'application/json': { schema: ref('Official'), example: officialProfileExample } },
    },
    '400': tenureInvalid,
    '409': {
      description:
        'The Wikidata id already belongs to another official, or another holder of the office was saved at the ' +
        'same moment.',
      content: {
        'application/json': {
          schema: ref('Error'),
          example: {
            error: {
              code: 'CONFLICT',
              message: 'Wikidata id Q23460 already belongs to sergei-shoigu',
              fields: { wikidataId: ['Already used by sergei-shoigu'] },
            },
          },
        },
      },
    },
  },
});

const updateOfficialOperation = write('official:update', {
  operationId: 'updateOfficial',
  summary: 'Edit an official',
  description:
    'Send the `version` read from GET and the fields to change. `otherNames` and `positions` replace the whole ' +
    'list; when positions change, every contact of the official is pointed at the position held on its date, so ' +
    'office pairs stay true. The slug stays, so links keep working after a rename.',
  tags: ['Officials'],
  parameters: [idOrSlug],
  requestBody: jsonBody('An edit.', ref('OfficialPatch'), {
    tenure: { summary: 'A new position', value: officialPatchExample },
  }),
  responses: {
    '200': {
      description: 'Saved: the profile with its new version.',
      content: { 'application/json': { schema: ref('Official'), example: officialUpdatedExample } },
    },
    '400': tenureInvalid,
    '404': {
      description: 'No such official (an official merged into another cannot be edited: edit the one kept).',
      content: {
        'application/json': {
          schema: ref('Error'),
          example: { error: { code: 'NOT_FOUND', message: 'No official “nobody”' } },
        },
      },
    },
    '409': {
      description:
        'The official changed since the `version` sent, the Wikidata id belongs to another official, or another ' +
        'holder of the office was saved at the same moment. Nothing was saved; on a stale version `current` is the ' +
        'official as it now stands.',
      content: { 'application/json': { schema: ref('OfficialConflict'), example: officialConflictExample } },
    },
  },
});

const paths: OpenApiDocument['paths'] = {
  '/api/v1/officials': {
    get: {
      operationId: 'searchOfficials',
      summary: 'Search officials',
      description:
        'Officials whose name or any other spelling matches `q` however it is written: ignoring case and accents, ' +
        'transliterated from any script to a normalised Latin form, and by trigram similarity, so "Shoygu", ' +
        '"Schoigu", "Sergej Schojgu" and "Шойгу" all find Sergei Shoigu, and "习近平" finds Xi Jinping when that ' +
        'spelling is recorded. Closest first (the whole name, its start, the start of a word, a part of it, then ' +
        'by similarity), then by name; without `q`, all officials by name.',
      tags: ['Officials'],
      parameters: [
        {
          name: 'q',
          in: 'query',
          description: 'Any spelling of a name, or part of one.',
          schema: text,
          example: 'Шойгу',
        },
        list('country', 'Only officials of these countries.', country),
        page,
        {
          name: 'pageSize',
          in: 'query',
          description: 'Officials per page.',
          schema: { type: 'integer', minimum: 1, maximum: 100, default: 20 },
        },
      ],
      responses: {
        '200': {
          description: 'One page of officials.',
          content: {
            'application/json': {
              schema: ref('OfficialPage'),
              example: { items: [officialSummaryExample], page: 1, pageSize: 20, total: 1 },
            },
          },
        },
        '400': responses.Invalid,
        '500': responses.Internal,
      },
      'x-example-request': '/api/v1/officials?q=Shoygu',
    },
    post: createOfficialOperation,
  },
  '/api/v1/officials/export': {
    get: {
      operationId: 'exportOfficials',
      summary: 'Export officials as CSV',
      description:
        'Every official (or those of some countries), by slug, with their other spellings, Wikidata id, bio and ' +
        'positions, in the officials import format: the columns `slug`, `name`, `country`, `other_spellings`, ' +
        '`wikidata_id`, `bio` and `positions`; lists are separated by "; ", and each position is written ' +
        '`OFFICE_KEY|Title|start|end|Organisation` (an empty end: current; the organisation may be left out). ' +
        'Officials merged into another are left out: their addresses lead to the one kept. Importing the file ' +
        `again changes nothing. Streamed ${formatNumber(EXPORT_BATCH)} officials at a time. ${CSV_CONVENTION}`,
      tags: ['Officials', 'Exports'],
      parameters: [list('country', 'Only officials of these countries.', country)],
      responses: {
        '200': {
          description: 'The file.',
          headers: download,
          content: { 'text/csv': { schema: text, example: officialsCsvExample } },
        },
        '400': responses.Invalid,
        '500': responses.Internal,
      },
      'x-example-request': '/api/v1/officials/export?country=RU',
    },
  },
  '/api/v1/officials/{idOrSlug}': {
    get: {
      operationId: 'getOfficial',
      summary: 'An official’s profile',
      description:
        'Profile and positions of one official. An official merged into another answers with the one kept, so ' +
        'old links keep working.',
      tags: ['Officials'],
      parameters: [idOrSlug],
      responses: {
        '200': {
          description: 'The official.',
          content: { 'application/json': { schema: ref('Official'), example: officialProfileExample } },
        },
        '404': responses.NotFound,
        '500': responses.Internal,
      },
      'x-example-request': '/api/v1/officials/sergei-shoigu',
    },
    patch: updateOfficialOperation,
  },
  '/api/v1/contacts': {
    get: {
      operationId: 'listContacts',
      summary: 'List contacts',
      description:
        'Contacts matching the filters, newest first, each with its participants (and the position each held ' +
        'that day), initiator and sources with what they claim. The filters are those of the search page, so ' +
        'its address and this query string mean the same.',
      tags: ['Contacts'],
      parameters: [
        ...contactFilters,
        page,
        {
          name: 'pageSize',
          in: 'query',
          description: 'Contacts per page.',
          schema: { type: 'integer', minimum: 1, maximum: 500, default: 50 },
        },
      ],
      responses: {
        '200': {
          description: 'One page of contacts.',
          content: {
            'application/json': {
              schema: ref('ContactPage'),
              example: {
                items: [contactExample],
                page: 1,
                pageSize: 50,
                total: 1,
                filters: { official: 'sergei-shoigu', status: ['HELD'], from: '2022-05-01' },
              },
            },
          },
        },
        '400': responses.Invalid,
        '500': responses.Internal,
      },
      'x-example-request': '/api/v1/contacts?official=sergei-shoigu&status=HELD',
    },
    post: createContactOperation,
  },
  '/api/v1/contacts/{id}': {
    get: getContactOperation,
    patch: updateContactOperation,
    delete: deleteContactOperation,
  },
  '/api/v1/contacts/export': {
    get: {
      operationId: 'exportContacts',
      summary: 'Export contacts as CSV, JSON or PLOVER event data',
      description:
        'Every contact matching the filters (not one page: `page` and `pageSize` are ignored), as a file ' +
        'stamped with the export time and the filters, newest first. It is streamed as it is read, ' +
        `${formatNumber(EXPORT_BATCH)} contacts at a time, so any size works; \`total\` in its metadata counts the ` +
        'contacts that matched when it started. JSON: `{ meta, items }`, each item as in List contacts. ' +
        'PLOVER (`format=plover`, `.jsonl`): one PLOVER event per line, newline-delimited JSON without metadata: ' +
        '`event`, `mode` and `context` (PLOVER), `cameo` (CAMEO code), actors with ISO 3166 alpha-3 `code`, ' +
        '`cite_info` (the sources), and under `counterpart` the contact’s own fields, from which Counterpart ' +
        'rebuilds it. ' +
        CSV_CONVENTION,
      tags: ['Contacts', 'Exports'],
      parameters: [contactFormat, ...contactFilters],
      responses: {
        '200': {
          description: 'The file.',
          headers: download,
          content: {
            'text/csv': { schema: text, example: contactsCsvExample },
            'application/json': { schema: ref('ContactsExport') },
            'application/x-ndjson': { schema: text, example: contactsPloverExample },
          },
        },
        '400': responses.Invalid,
        '500': responses.Internal,
      },
      'x-example-request': '/api/v1/contacts/export?format=csv&country=RU',
    },
  },
  '/api/v1/gaps': {
    get: {
      operationId: 'getGaps',
      summary: 'A pair’s silences',
      description:
        `${PAIR_RULES} The answer holds every gap between consecutive held contacts (in calendar days, with ` +
        'its possible range where a date is approximate or disputed, and the sought or refused contacts inside ' +
        'it), the longest, median and mean gap, and the current silence with its rank among the past gaps. ' +
        'The numbers are those the pages show, from the same gap engine. ' +
        `A series of more than \`limit\` gaps (${formatNumber(MAX_GAPS_PAGE)} unless told) answers its latest ` +
        'page of gaps, oldest first within it, and says so in `page`: `{ limit, total, returned, older }`, where ' +
        '`older` is the address of the page before (null on the one with the first gap). Every other number ' +
        '(held count, longest, median and mean gap, current silence and its rank, closed silence) is still the ' +
        'whole series’. `page` is left out when the whole series is answered and neither `limit` nor `before` ' +
        'was given. A malformed `limit` or `before` is a 400 naming it.',
      tags: ['Gaps'],
      parameters: [...pairParameters, ...gapPageParameters],
      responses: {
        '200': {
          description: 'The pair’s gap series, or its page.',
          content: {
            'application/json': {
              schema: ref('GapSeries'),
              examples: {
                whole: { summary: 'The whole series', value: gapSeriesExample },
                page: { summary: 'A page: ?limit=1, the latest gap', value: gapSeriesPageExample },
              },
            },
          },
        },
        '400': responses.Invalid,
        '404': responses.NotFound,
        '500': responses.Internal,
      },
      'x-example-request': '/api/v1/gaps?a=lloyd-austin&b=sergei-shoigu',
    },
  },
  '/api/v1/gaps/export': {
    get: {
      operationId: 'exportGaps',
      summary: 'Export a pair’s silences as CSV or JSON',
      description:
        `${PAIR_RULES} CSV: one row per gap, with \`approximate\` and \`disputed\` columns, and the series’ ` +
        'numbers (held count, longest, median and mean gap, current silence and its rank) in the `#` lines, with ' +
        'the citation (`cite_as`, `cite_bibtex` on one line, `permalink`, `data_version`); the `Link` header ' +
        'names the permalink as `rel="cite-as"` (RFC 8574). ' +
        `JSON: \`{ meta, … }\` with exactly the answer of /api/v1/gaps. ${CSV_CONVENTION}`,
      tags: ['Gaps', 'Exports'],
      parameters: [format, ...pairParameters],
      responses: {
        '200': {
          description: 'The file.',
          headers: download,
          content: {
            'text/csv': { schema: text, example: gapsCsvExample },
            'application/json': { schema: ref('GapsExport') },
          },
        },
        '400': responses.Invalid,
        '404': responses.NotFound,
        '500': responses.Internal,
      },
      'x-example-request': '/api/v1/gaps/export?format=csv&a=lloyd-austin&b=sergei-shoigu',
    },
  },
  '/api/oembed': {
    get: {
      operationId: 'oembed',
      summary: 'oEmbed for pair pages',
      description:
        'oEmbed 1.0 (https://oembed.com): for the address of a pair page (or its embed) on this server, with an ' +
        'optional `asOf`, a `rich` answer whose `html` is an iframe of the pair’s live chart, sized to fit ' +
        '`maxwidth` × `maxheight` (600 × 400 at most). Pair pages name this endpoint in a ' +
        '`<link rel="alternate" type="application/json+oembed">`. Only JSON: `format=xml` is a 501.',
      tags: ['Embeds'],
      parameters: [
        {
          name: 'url',
          in: 'query',
          required: true,
          description:
            'The address of a pair page of this server (or of its embed), absolute or as a path alone, e.g. ' +
            '`/pairs/countries/US/RU`, with an optional `asOf`.',
          schema: { type: 'string', format: 'uri-reference' },
        },
        { name: 'maxwidth', in: 'query', description: 'The widest the embed may be, in pixels.', schema: integer },
        { name: 'maxheight', in: 'query', description: 'The tallest the embed may be, in pixels.', schema: integer },
        {
          name: 'format',
          in: 'query',
          description: 'Only `json`.',
          schema: { enum: ['json', 'xml'], default: 'json' },
        },
      ],
      responses: {
        '200': { description: 'The oEmbed answer.', content: { 'application/json': { schema: ref('OEmbed') } } },
        '400': responses.Invalid,
        '404': {
          description: 'The url is not a pair page of this server, or no such pair.',
          content: errorContent,
        },
        '501': { description: 'A format other than json.', content: errorContent },
        '500': responses.Internal,
      },
      'x-example-request': '/api/oembed?url=%2Fpairs%2Fcountries%2FUS%2FRU&maxwidth=480',
    },
  },
  '/api/v1/openapi.json': {
    get: {
      operationId: 'getOpenApi',
      summary: 'This description',
      description: 'The OpenAPI 3.1 document describing every endpoint here.',
      tags: ['About'],
      parameters: [],
      responses: { '200': { description: 'The document.', content: { 'application/json': { schema: {} } } } },
      'x-example-request': '/api/v1/openapi.json',
    },
  },
  '/api/v1/readouts/parse': { post: parseReadoutOperation },
  '/api/v1/ping': {
    get: {
      operationId: 'ping',
      summary: 'Is the server answering?',
      description:
        'Answers `{ "ok": true }` on every request, without reading the database: a liveness check, and the ' +
        'baseline `npm run bench` compares the other endpoints with.',
      tags: ['About'],
      parameters: [],
      responses: {
        '200': {
          description: 'The server is answering.',
          content: {
            'application/json': {
              schema: {
                type: 'object',
                properties: { ok: { type: 'boolean', const: true } },
                required: ['ok'],
                additionalProperties: false,
              },
              example: { ok: true },
            },
          },
        },
      },
      'x-example-request': '/api/v1/ping',
    },
  },
  '/feeds/contacts.xml': {
    get: {
      operationId: 'contactsFeed',
      summary: 'Atom feed of the latest contacts',
      description:
        'The 50 newest contacts (by the date they happened) of every pair, as Atom 1.0. Entry ids are permanent; ' +
        '`updated` changes when a contact is edited.',
      tags: ['Feeds'],
      parameters: [],
      responses: {
        '200': {
          description: 'The feed.',
          content: { 'application/atom+xml': { schema: text, example: atomExample } },
        },
        '500': responses.Internal,
      },
      'x-example-request': '/feeds/contacts.xml',
    },
  },
  '/feeds/pairs/{level}/{a}/{b}': {
    get: {
      operationId: 'pairFeed',
      summary: 'Atom feed of one pair’s contacts',
      description:
        'The 50 newest contacts of one pair, as Atom 1.0. The address is the pair page’s with /feeds in front.',
      tags: ['Feeds'],
      parameters: [
        {
          name: 'level',
          in: 'path',
          required: true,
          description: 'What the sides are.',
          schema: { enum: ['officials', 'offices', 'countries'] },
          example: 'officials',
        },
        {
          name: 'a',
          in: 'path',
          required: true,
          description: 'Official slug, office key or country code.',
          schema: text,
          example: 'lloyd-austin',
        },
        {
          name: 'b',
          in: 'path',
          required: true,
          description: 'The other side.',
          schema: text,
          example: 'sergei-shoigu',
        },
      ],
      responses: {
        '200': {
          description: 'The feed.',
          content: { 'application/atom+xml': { schema: text, example: atomExample } },
        },
        '404': responses.NotFound,
        '500': responses.Internal,
      },
      'x-example-request': '/feeds/pairs/officials/lloyd-austin/sergei-shoigu',
    },
  },
  ...watchPaths({ write, ref, responses }),
};

/** The OpenAPI document served at /api/v1/openapi.json and shown at /api-docs. */
export const openApiDocument: OpenApiDocument = {
  openapi: '3.1.0',
  info: {
    title: 'Counterpart API',
    version: '1',
    summary: 'Contacts between officials of different countries, and the silences between them.',
    description:
      'A JSON API. Reads are public: no key is needed and any origin may call them. Writes (log, edit, verify ' +
      'and delete contacts; add and edit officials) need an API token of a researcher or admin, sent as ' +
      '`Authorization: Bearer cp_…`; an administrator issues one with `npm run cli -- token:create --email …`. ' +
      'An edit sends back the `version` it was read at, so that two people cannot overwrite each other. Dates ' +
      'are ISO 8601 calendar dates; gaps are counted in calendar days between held contacts, and "today" is the ' +
      'UTC date. Every error is JSON, `{ "error": { "code", "message", "fields"?, "requestId"? } }`, with the ' +
      'matching HTTP status; unknown query parameters and body fields are refused with a 400, so a misspelt filter never ' +
      'returns unfiltered data and a misspelt field is never silently dropped.',
  },
  servers: [{ url: '/', description: 'This Counterpart server' }],
  tags: [
    { name: 'Officials', description: 'People, their other spellings and the offices they held.' },
    { name: 'Contacts', description: 'Calls, meetings, letters and hotline use, with their sources.' },
    { name: 'Gaps', description: 'The silences between the held contacts of a pair.' },
    { name: 'Exports', description: 'The same data as files, stamped with their filters and time.' },
    { name: 'Feeds', description: 'Atom feeds for feed readers.' },
    {
      name: 'Watches',
      description: 'Your own watches of silences, and their events: private, each call needs your API token.',
    },
    { name: 'Embeds', description: 'oEmbed, so that other sites can embed a pair’s live chart.' },
    { name: 'About', description: 'This description, and whether the server is answering.' },
  ],
  paths,
  components: {
    schemas,
    responses,
    securitySchemes: {
      apiToken: {
        type: 'http',
        scheme: 'bearer',
        description:
          'An API token, `cp_…`, sent as `Authorization: Bearer cp_…`. An administrator issues one for an account ' +
          'with `npm run cli -- token:create --email you@example.org` (the token is the last line printed, and is ' +
          'shown only once) and revokes it with `npm run cli -- token:revoke <prefix>`. The token acts with its ' +
          'account’s role; each write says which roles may make it.',
      },
    },
  },
};

/** Every operation of a document, path by path, in the order of HTTP_METHODS. */
export function operationsOf(document: OpenApiDocument) {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    HTTP_METHODS.flatMap((method) => (item[method] ? [{ path, method, operation: item[method] }] : [])),
  );
}

const TYPE_OF: Record<string, (v: unknown) => boolean> = {
  string: (v) => typeof v === 'string',
  integer: (v) => Number.isInteger(v),
  number: (v) => typeof v === 'number',
  boolean: (v) => typeof v === 'boolean',
  null: (v) => v === null,
  array: Array.isArray,
  object: (v) => typeof v === 'object' && v !== null && !Array.isArray(v),
};

/**
 * What is wrong with a value against a schema of the document, one line per
 * problem (`$.items[0].date: not string`); empty when it fits. Knows the JSON
 * Schema keywords this document uses, so that the tests can hold examples and
 * real answers to it.
 */
export function schemaErrors(
  value: unknown,
  raw: JsonSchema,
  schemas: Record<string, JsonSchema> = openApiDocument.components.schemas,
  at = '$',
): string[] {
  let schema = raw;
  while (typeof schema.$ref === 'string') {
    const name = schema.$ref.replace('#/components/schemas/', '');
    if (!(name in schemas)) throw new Error(`Unresolved $ref ${schema.$ref}`);
    schema = schemas[name];
  }
  if (Array.isArray(schema.oneOf)) {
    const options = schema.oneOf as JsonSchema[];
    const matches = options.filter((s) => schemaErrors(value, s, schemas, at).length === 0);
    return matches.length === 1 ? [] : [`${at}: matches ${matches.length} of oneOf`];
  }
  const errors: string[] = [];
  if ('const' in schema && value !== schema.const) errors.push(`${at}: not ${String(schema.const)}`);
  if (Array.isArray(schema.enum) && !schema.enum.includes(value)) errors.push(`${at}: ${String(value)} not in enum`);
  if (typeof schema.type === 'string' && !TYPE_OF[schema.type](value)) errors.push(`${at}: not ${schema.type}`);
  if (typeof value === 'string') {
    if (typeof schema.pattern === 'string' && !new RegExp(schema.pattern).test(value)) {
      errors.push(`${at}: ${value} does not match ${schema.pattern}`);
    }
    if (schema.format === 'date' && !/^\d{4}-\d{2}-\d{2}$/.test(value)) errors.push(`${at}: ${value} is not a date`);
    if (schema.format === 'date-time' && Number.isNaN(Date.parse(value))) errors.push(`${at}: ${value} is not a time`);
    if (schema.format === 'uri' && !URL.canParse(value)) errors.push(`${at}: ${value} is not a URL`);
    if (typeof schema.maxLength === 'number' && value.length > schema.maxLength) errors.push(`${at}: too long`);
    if (typeof schema.minLength === 'number' && value.length < schema.minLength) errors.push(`${at}: too short`);
  }
  if (typeof value === 'number') {
    if (typeof schema.minimum === 'number' && value < schema.minimum) errors.push(`${at}: below ${schema.minimum}`);
    if (typeof schema.maximum === 'number' && value > schema.maximum) errors.push(`${at}: above ${schema.maximum}`);
  }
  if (Array.isArray(value)) {
    if (typeof schema.minItems === 'number' && value.length < schema.minItems) errors.push(`${at}: too few items`);
    if (typeof schema.maxItems === 'number' && value.length > schema.maxItems) errors.push(`${at}: too many items`);
    if (schema.items) {
      value.forEach((item, i) =>
        errors.push(...schemaErrors(item, schema.items as JsonSchema, schemas, `${at}[${i}]`)),
      );
    }
  }
  if (TYPE_OF.object(value) && schema.type === 'object') {
    const object = value as Record<string, unknown>;
    const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
    for (const key of (schema.required ?? []) as string[]) if (!(key in object)) errors.push(`${at}.${key}: missing`);
    for (const [key, item] of Object.entries(object)) {
      if (key in properties) errors.push(...schemaErrors(item, properties[key], schemas, `${at}.${key}`));
      else if (schema.additionalProperties === false) errors.push(`${at}.${key}: not in the schema`);
      else if (typeof schema.additionalProperties === 'object') {
        errors.push(...schemaErrors(item, schema.additionalProperties as JsonSchema, schemas, `${at}.${key}`));
      }
    }
  }
  return errors;
}
