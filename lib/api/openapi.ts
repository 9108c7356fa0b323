import { EXPORT_MAX_CONTACTS } from '../export/limits';
import { formatNumber } from '../format';
import { CONTACT_STATUSES, CONTACT_TYPES, DATE_PRECISIONS } from '../validation/contact';
import {
  atomExample,
  contactExample,
  contactsCsvExample,
  gapSeriesExample,
  gapsCsvExample,
  officialProfileExample,
  officialSummaryExample,
} from './examples';

/*
 * The OpenAPI 3.1 description of the read API, written by hand as data: the
 * query schemas are zod preprocessors (comma lists, repeated keys, defaults)
 * that JSON Schema can only approximate, and a reader is better served by
 * prose written for them. The examples come from the serialisers themselves,
 * and a unit test checks them against the schemas below.
 */

/** A JSON Schema (2020-12, as OpenAPI 3.1 uses it). */
export type JsonSchema = { [keyword: string]: unknown };

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

export type OpenApiResponse = {
  description: string;
  headers?: Record<string, { description: string; schema: JsonSchema }>;
  content?: Record<string, { schema: JsonSchema; example?: unknown }>;
};

export type OpenApiOperation = {
  operationId: string;
  summary: string;
  description: string;
  tags: string[];
  parameters: OpenApiParameter[];
  responses: Record<string, OpenApiResponse>;
  /** A request to try, for the documentation page. */
  'x-example-request'?: string;
};

export type OpenApiDocument = {
  openapi: '3.1.0';
  info: { title: string; version: string; summary: string; description: string };
  servers: { url: string; description: string }[];
  tags: { name: string; description: string }[];
  paths: Record<string, { get: OpenApiOperation }>;
  components: { schemas: Record<string, JsonSchema>; responses: Record<string, OpenApiResponse> };
};

const ref = (name: string): JsonSchema => ({ $ref: `#/components/schemas/${name}` });
const nullable = (schema: JsonSchema): JsonSchema => ({ oneOf: [schema, { type: 'null' }] });
const date: JsonSchema = { type: 'string', format: 'date', description: 'A calendar date, YYYY-MM-DD.' };
const text: JsonSchema = { type: 'string' };
const integer: JsonSchema = { type: 'integer' };
const country: JsonSchema = { type: 'string', pattern: '^[A-Z]{2}$', description: 'ISO 3166-1 alpha-2.' };
const officeKey: JsonSchema = { type: 'string', pattern: '^[A-Z]{2}:[A-Z0-9_]+$', examples: ['US:SECDEF'] };

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

const schemas: Record<string, JsonSchema> = {
  Error: object(
    {
      error: object({
        code: { enum: ['INVALID', 'UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT', 'INTERNAL'] },
        message: { type: 'string', description: 'What went wrong, in a sentence, naming the parameters.' },
        fields: {
          type: 'object',
          description: 'Per parameter, what is wrong with it. Present on most 400 and 404 answers.',
          additionalProperties: { type: 'array', items: text },
        },
      }),
    },
    'Every error has this shape, whatever its status.',
  ),
  OfficialSummary: object({
    id: text,
    slug: text,
    name: text,
    country,
    otherNames: { type: 'array', items: text, description: 'Other spellings and transliterations.' },
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
    slug: text,
    name: text,
    country,
    otherNames: { type: 'array', items: text },
    wikidataId: nullable({ type: 'string', pattern: '^Q[1-9][0-9]*$' }),
    bio: nullable(text),
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
    date: { ...date, description: 'The date that counts; the first day of the period for MONTH or YEAR precision.' },
    datePrecision: { enum: [...DATE_PRECISIONS] },
    time: nullable({ type: 'string', pattern: '^[0-2][0-9]:[0-5][0-9]$', description: 'Local time, HH:MM.' }),
    timeZone: nullable({ type: 'string', description: 'IANA time zone of `time`.' }),
    type: { enum: [...CONTACT_TYPES] },
    status: {
      enum: [...CONTACT_STATUSES],
      description: 'Only HELD contacts end a silence; SCHEDULED is an expected contact.',
    },
    participants: { type: 'array', items: ref('Participant'), minItems: 2 },
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
      to: date,
      fromContactId: text,
      toContactId: text,
      days: { type: 'integer', description: 'Calendar days from `from` to `to`.' },
      minDays: { type: 'integer', description: 'The shortest the gap can be, given precision and disputed dates.' },
      maxDays: { type: 'integer', description: 'The longest it can be.' },
      approximate: { type: 'boolean', description: 'An end is known only to the month or year.' },
      disputed: { type: 'boolean', description: 'Sources disagree on the date of an end.' },
      markers: { type: 'array', items: ref('GapMarker') },
    },
    'The silence between two consecutive held contacts.',
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
  GapSeries: object({
    level: { enum: ['OFFICIAL', 'OFFICE', 'COUNTRY'] },
    pair: object({ a: ref('PairSide'), b: ref('PairSide'), href: { type: 'string', description: 'The pair’s page.' } }),
    heldCount: integer,
    firstContact: nullable(ref('ContactRef')),
    lastContact: nullable(ref('ContactRef')),
    gaps: { type: 'array', items: ref('Gap'), description: 'Oldest first.' },
    longestGap: nullable(ref('Gap')),
    medianGapDays: nullable({ type: 'number' }),
    meanGapDays: nullable({ type: 'number', description: 'Rounded to one decimal place.' }),
    currentSilenceDays: nullable(integer),
    currentSilence: nullable(ref('CurrentSilence')),
    currentSilenceRank: nullable(ref('SilenceRank')),
    markers: {
      type: 'array',
      items: ref('GapMarker'),
      description: 'Every non-held contact of the pair, oldest first, including those before its first held contact.',
    },
    today: { ...date, description: 'The UTC date the current silence is counted to.' },
  }),
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
schemas.GapsExport = object(
  {
    meta: object({
      generator: { const: 'Counterpart' },
      kind: { const: 'gaps' },
      exportedAt: { type: 'string', format: 'date-time' },
      query: { type: 'string', description: 'The pair’s parameters as a query string.' },
      today: date,
    }),
    ...(schemas.GapSeries.properties as Record<string, JsonSchema>),
  },
  'The answer of /api/v1/gaps with the export’s metadata in front.',
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

const PAIR_RULES =
  'Name exactly one pair: two officials (`a`, `b`), two offices (`officeA`, `officeB`, e.g. US:SECDEF and ' +
  'RU:MINDEF: every holder of each office) or two countries (`countryA`, `countryB`: any officials). The two ' +
  'sides must be in different countries.';

const format: OpenApiParameter = {
  name: 'format',
  in: 'query',
  description: 'The file format.',
  schema: { enum: ['csv', 'json'], default: 'csv' },
  example: 'csv',
};

const download = {
  'Content-Disposition': {
    description: 'attachment; filename="counterpart-…-YYYYMMDD.csv" (or .json), dated with the day of export.',
    schema: text,
  },
};

const CSV_CONVENTION =
  'CSV files start with `# key: value` lines stating the export time, the filters or pair, and other context, ' +
  'then a header row and one row per item (RFC 4180, UTF-8, CRLF). Read them with a reader that skips `#` ' +
  'lines: papaparse `comments: "#"`, pandas `read_csv(f, comment="#")`, R `read.csv(f, comment.char = "#")`. ' +
  'Text cells are always quoted; a text starting with = + - or @ is prefixed with an apostrophe so spreadsheets ' +
  'do not run it as a formula. Dates are ISO 8601.';

const paths: OpenApiDocument['paths'] = {
  '/api/v1/officials': {
    get: {
      operationId: 'searchOfficials',
      summary: 'Search officials',
      description:
        'Officials whose name or any other spelling contains `q`, ignoring case and accents: "Shoygu", "shoigu" ' +
        'and "Шойгу" all find Sergei Shoigu. Sorted by name.',
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
  },
  '/api/v1/officials/{idOrSlug}': {
    get: {
      operationId: 'getOfficial',
      summary: 'An official’s profile',
      description:
        'Profile and positions of one official. An official merged into another answers with the one kept, so ' +
        'old links keep working.',
      tags: ['Officials'],
      parameters: [
        {
          name: 'idOrSlug',
          in: 'path',
          required: true,
          description: 'The official’s id or slug.',
          schema: text,
          example: 'sergei-shoigu',
        },
      ],
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
  },
  '/api/v1/contacts/export': {
    get: {
      operationId: 'exportContacts',
      summary: 'Export contacts as CSV or JSON',
      description:
        'Every contact matching the filters (not one page: `page` and `pageSize` are ignored), as a file ' +
        `stamped with the export time and the filters. At most ${formatNumber(EXPORT_MAX_CONTACTS)} contacts; more is ` +
        'a 400 asking for narrower filters. JSON: `{ meta, items }`, each item as in List contacts. ' +
        CSV_CONVENTION,
      tags: ['Contacts', 'Exports'],
      parameters: [format, ...contactFilters],
      responses: {
        '200': {
          description: 'The file.',
          headers: download,
          content: {
            'text/csv': { schema: text, example: contactsCsvExample },
            'application/json': { schema: ref('ContactsExport') },
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
        'The numbers are those the pages show, from the same gap engine.',
      tags: ['Gaps'],
      parameters: pairParameters,
      responses: {
        '200': {
          description: 'The pair’s gap series.',
          content: { 'application/json': { schema: ref('GapSeries'), example: gapSeriesExample } },
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
        'numbers (held count, longest, median and mean gap, current silence and its rank) in the `#` lines. ' +
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
};

/** The OpenAPI document served at /api/v1/openapi.json and shown at /api-docs. */
export const openApiDocument: OpenApiDocument = {
  openapi: '3.1.0',
  info: {
    title: 'Counterpart API',
    version: '1',
    summary: 'Contacts between officials of different countries, and the silences between them.',
    description:
      'A public, read-only JSON API: no key is needed and any origin may call it. Dates are ISO 8601 calendar ' +
      'dates; gaps are counted in calendar days between held contacts, and "today" is the UTC date. Every ' +
      'error is JSON, `{ "error": { "code", "message", "fields"? } }`, with the matching HTTP status; unknown ' +
      'query parameters are refused with a 400, so a misspelt filter never returns unfiltered data.',
  },
  servers: [{ url: '/', description: 'This Counterpart server' }],
  tags: [
    { name: 'Officials', description: 'People, their other spellings and the offices they held.' },
    { name: 'Contacts', description: 'Calls, meetings, letters and hotline use, with their sources.' },
    { name: 'Gaps', description: 'The silences between the held contacts of a pair.' },
    { name: 'Exports', description: 'The same data as files, stamped with their filters and time.' },
    { name: 'Feeds', description: 'Atom feeds for feed readers.' },
    { name: 'About', description: 'This description.' },
  ],
  paths,
  components: { schemas, responses },
};
