import { can, ROLES, type Permission } from '../auth/permissions';
import { EXPORT_BATCH } from '../export/limits';
import { formatNumber } from '../format';
import { CONTACT_STATUSES, CONTACT_TYPES } from '../validation/contact';
import { CONTACT_EXPORT_FORMATS, EXPORT_FORMATS } from '../validation/export-format';
import { MAX_GAPS_PAGE } from '../validation/gap-page';
import { parseReadoutOperation } from './openapi-readouts';
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
import { answerWithExamples, created, errorAnswer, errorContent, internalError, jsonBody, ref } from './openapi-parts';
import { componentSchemas } from './openapi-schemas';
import { watchPaths } from './openapi-watches';

/*
 * The OpenAPI 3.1 description of the API. Its schemas are generated from zod (lib/api/openapi-schemas.ts):
 * request bodies from the schemas the routes parse with, answers from lib/api/schemas/responses.ts. The
 * operations stay written here as data: the query schemas are zod preprocessors (comma lists, repeated
 * keys, defaults) that JSON Schema can only approximate, and a reader is better served by prose written for
 * them. The examples come from the serialisers themselves; the unit tests hold them to the schemas with Ajv,
 * and the end-to-end tests hold real answers to the document.
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

const date: JsonSchema = { type: 'string', format: 'date', description: 'A calendar date, YYYY-MM-DD.' };
const text: JsonSchema = { type: 'string' };
const integer: JsonSchema = { type: 'integer' };
const country: JsonSchema = { type: 'string', pattern: '^[A-Z]{2}$', description: 'ISO 3166-1 alpha-2.' };
const officeKey: JsonSchema = { type: 'string', pattern: '^[A-Z]{2}:[A-Z0-9_]+$', examples: ['US:SECDEF'] };
const schemas = componentSchemas;

const responses: Record<string, OpenApiResponse> = {
  Invalid: errorAnswer('A parameter is missing, malformed or unknown; `fields` names each one.', {
    code: 'INVALID',
    message: 'Invalid parameter “from”: Enter a real date as YYYY-MM-DD',
    fields: { from: ['Enter a real date as YYYY-MM-DD'] },
  }),
  NotFound: errorAnswer('No such official, office or pair.', {
    code: 'NOT_FOUND',
    message: 'No official “x”',
    fields: { a: ['No official “x”'] },
  }),
  Internal: internalError,
  InvalidBody: errorAnswer(
    'The body is not JSON, was not sent as `Content-Type: application/json`, or a field is missing, malformed or ' +
      'unknown. `fields` names each field by its path (`sources.0.url`) and says what is wrong with it.',
    invalidBodyExample.error,
  ),
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
  Forbidden: errorAnswer('The token’s account has a role that may not do this.', {
    code: 'FORBIDDEN',
    message: 'Your role (viewer) may not do this',
  }),
  ContactNotFound: errorAnswer('No such contact, or it was deleted.', {
    code: 'NOT_FOUND',
    message: 'No contact “cm0nothing”',
  }),
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
    '201': created('Logged.', ref('ContactCreated'), contactCreatedExample),
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
const tenureInvalid = errorAnswer(
  'A field is missing, malformed or unknown, or a tenure breaks the rules: it ends before it starts, overlaps ' +
    'another holder of the office (tenures are compared as [start, end): a successor may start on the day the ' +
    'predecessor’s ends), or overlaps the official’s own tenure in the same office. `fields` names each field by ' +
    'its path (`positions.0.startDate`).',
  {
    code: 'INVALID',
    message: 'RU:MINDEF is held by Sergei Shoigu from 6 Nov 2012 with no end; end that tenure first or start after it',
    fields: {
      'positions.0.startDate': [
        'RU:MINDEF is held by Sergei Shoigu from 6 Nov 2012 with no end; end that tenure first or start after it',
      ],
    },
  },
);

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
    '201': created('Added.', ref('Official'), officialProfileExample),
    '400': tenureInvalid,
    '409': errorAnswer(
      'The Wikidata id already belongs to another official, or another holder of the office was saved at the ' +
        'same moment.',
      {
        code: 'CONFLICT',
        message: 'Wikidata id Q23460 already belongs to sergei-shoigu',
        fields: { wikidataId: ['Already used by sergei-shoigu'] },
      },
    ),
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
    '404': errorAnswer('No such official (an official merged into another cannot be edited: edit the one kept).', {
      code: 'NOT_FOUND',
      message: 'No official “nobody”',
    }),
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
        '200': answerWithExamples('The pair’s gap series, or its page.', ref('GapSeries'), {
          whole: { summary: 'The whole series', value: gapSeriesExample },
          page: { summary: 'A page: ?limit=1, the latest gap', value: gapSeriesPageExample },
        }),
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
  ...watchPaths({ write, responses }),
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
