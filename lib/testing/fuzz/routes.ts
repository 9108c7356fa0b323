import fc from 'fast-check';
import {
  anyValue,
  type Bytes,
  BAD_DATES,
  bytesOf,
  deepJson,
  hostileDate,
  hostileNumber,
  hostileParam,
  hostileString,
  invalidUtf8,
  longString,
  NUMBERS_AS_TEXT,
  unknownKey,
  withRawField,
  wrongType,
} from './payloads';

/*
 * Every route handler of the app, with a generator of hostile requests for it.
 * `ROUTE_FILES` below must name every route.ts under app/api (the fuzz test
 * reads the folder and fails on one that is missing), so a new endpoint cannot
 * go unfuzzed.
 */

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** One request, as both transports need it: the URL's path and query, and for in-process calls the decoded params. */
export type FuzzRequest = {
  method: Method;
  /** The path, params percent-encoded. */
  path: string;
  /** The route's params as Next.js hands them to the handler (decoded). */
  params: Record<string, string | string[]>;
  /** The query string without `?`, as sent (it may be malformed on purpose). */
  query: string;
  headers: Record<string, string>;
  body?: string | Bytes;
};

/** What the generators may name: real records, so that a request with one bad part reaches the deeper layers. */
export type World = {
  officials: { id: string; slug: string; country: string }[];
  contacts: { id: string; version: number }[];
  importRuns: string[];
  /** A bearer token of an admin: writes get past the role check to the input. */
  token: string;
  /** The admin's own watches, and those of other users (which no request of the admin may reach). */
  watches: string[];
  otherWatches: string[];
  /** A bearer token of another, ordinary user (the owner of `otherWatches`), when the fuzzer made one. */
  otherToken: string | null;
};

export type RouteTarget = {
  /** `POST /api/v1/contacts`, as reports name it. */
  name: string;
  /** The route file, from the project root. */
  file: string;
  method: Method;
  /** A 2xx answer may have written (the input happened to be valid). */
  writes: boolean;
  /** Tables the route writes to even when it refuses the request: an import records every run it starts. */
  records?: readonly string[];
  /** `api`: our `{ error: { code, message } }`; `auth`: better-auth's own `{ code, message }`. */
  errorShape: 'api' | 'auth';
  /** How many cases it gets for each one of a target of weight 1 (default 4: the fallbacks of unknown addresses and methods get 1). */
  weight?: number;
  /** Statuses of 500 and above that the route answers on purpose (oEmbed's 501 for a format it does not offer). */
  allowedStatuses?: readonly number[];
  request(world: World): fc.Arbitrary<FuzzRequest>;
  /** What else is wrong with an answer (another user's record shown or changed), or null. */
  check?(world: World, req: FuzzRequest, status: number, text: string): string | null;
};

/** Lone surrogates cannot be percent-encoded; a browser sends U+FFFD for them, and so do we. */
export function wellFormed(text: string): string {
  return text.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}

export const encodeSegment = (segment: string) => encodeURIComponent(wellFormed(segment));

/** A query string from pairs, encoded as a form would, with the occasional raw junk a hand-made URL carries. */
function queryOf(pairs: [string, string][], junk: string | null): string {
  const encoded = pairs.map(([k, v]) => `${encodeSegment(k)}=${encodeSegment(v)}`);
  if (junk !== null) encoded.push(junk);
  return encoded.join('&');
}

const QUERY_JUNK = ['&&&', '=', '%', '%%', '%E0%A4%A', '%00', 'a[]=1', 'page[$gt]=1', '?', 'x=%FF%FE', ';', '#frag'];

type Pairs = [string, string][];

/**
 * A query string: one known parameter with a plausible or hostile value; a sound query (`sound`, e.g. a
 * pair that exists) with one value swapped for a hostile one or one parameter added, so that the bad part
 * reaches the database; or several parameters, repeated or unknown keys, and raw junk.
 */
function queryArb(known: Record<string, fc.Arbitrary<string>>, sound: fc.Arbitrary<Pairs> = fc.constant([])) {
  const keys = Object.keys(known);
  const valueOf = (key: string) => (known[key] ? fc.oneof(known[key], known[key], hostileParam) : hostileParam);
  const pair: fc.Arbitrary<[string, string]> =
    keys.length === 0
      ? fc.tuple(unknownKey, hostileParam)
      : fc.oneof(
          { arbitrary: fc.constantFrom(...keys).chain((key) => fc.tuple(fc.constant(key), valueOf(key))), weight: 6 },
          { arbitrary: fc.tuple(unknownKey, hostileParam), weight: 1 },
        );
  const many = fc
    .tuple(
      fc.array(pair, { maxLength: 4 }),
      fc.option(fc.constantFrom(...QUERY_JUNK), { freq: 10 }),
      fc.integer({ min: 0, max: 30 }),
    )
    .map(([pairs, junk, repeat]) => {
      // Now and then the same parameter given many times over.
      const repeated = repeat === 0 && pairs.length > 0 ? Array.from({ length: 500 }, () => pairs[0]) : [];
      return queryOf([...pairs, ...repeated], junk);
    });
  const soundOnes = sound.chain((base) =>
    base.length === 0
      ? pair.map((p) => queryOf([p], null))
      : fc.oneof(
          fc.constant(queryOf(base, null)),
          fc.nat(base.length - 1).chain((i) =>
            valueOf(base[i][0]).map((value) =>
              queryOf(
                base.map((p, j) => (j === i ? [p[0], value] : p)),
                null,
              ),
            ),
          ),
          pair.map((p) => queryOf([...base, p], null)),
        ),
  );
  return fc.oneof({ arbitrary: soundOnes, weight: 3 }, { arbitrary: many, weight: 2 });
}

const ADMIN = (world: World) => `Bearer ${world.token}`;

/** An Authorization header: mostly the admin's token (to reach the input), sometimes none or a bad one. */
function authArb(world: World): fc.Arbitrary<string | null> {
  return fc.oneof(
    { arbitrary: fc.constant(ADMIN(world)), weight: 12 },
    { arbitrary: fc.constant(null), weight: 1 },
    {
      arbitrary: fc.constantFrom(
        'Bearer ',
        'Bearer cp_not-a-token',
        `Bearer ${world.token}x`,
        `Bearer ${world.token} ${world.token}`,
        'Basic YWRtaW46YWRtaW4=',
        "Bearer ' OR 1=1 --",
        `Bearer ${'a'.repeat(8_000)}`,
        'bearer',
      ),
      weight: 1,
    },
  );
}

const printable = (s: string) => /^[\x20-\x7e]*$/.test(s);

/** A Content-Type: mostly JSON, else missing, wrong or odd. */
const contentTypeArb: fc.Arbitrary<string | null> = fc.oneof(
  { arbitrary: fc.constant('application/json'), weight: 12 },
  {
    arbitrary: fc.constantFrom(
      null,
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/json; charset=latin1',
      'application/vnd.api+json',
      'application/jsonx',
      'APPLICATION/JSON',
      'text/csv',
      '*/*',
    ),
    weight: 2,
  },
  { arbitrary: hostileString.filter((s) => s.length < 200 && printable(s)), weight: 1 },
);

function headersOf(entries: Record<string, string | null>): Record<string, string> {
  return Object.fromEntries(Object.entries(entries).filter((e): e is [string, string] => e[1] !== null));
}

/** Raw bodies that are not a JSON object, whatever they hold. */
const brokenBody: fc.Arbitrary<string | Bytes> = fc.oneof(
  fc.constantFrom('', ' ', '{', '{"a":}', "{'date':'2022-05-13'}", 'NaN', '{"a":1,}', '{"a":1}garbage', '\u0000'),
  fc.constantFrom('null', '[]', '"x"', '1', 'true', '[{"date":"2022-05-13"}]'),
  deepJson(),
  invalidUtf8,
  invalidUtf8.map((bytes) => bytesOf('{"summary":"', bytes, '"}')),
  longString(1_000_000, 1_100_000),
);

/** A body from an object whose fields are mostly sound and a few hostile, in one of the many ways it may be sent. */
function bodyArb(fields: fc.Arbitrary<Record<string, unknown>>): fc.Arbitrary<string | Bytes> {
  return fc.oneof(
    { arbitrary: fields.map((body) => JSON.stringify(body)), weight: 12 },
    {
      arbitrary: fc
        .tuple(fields, deepJson(), fc.constantFrom('summary', 'participants', 'sources', 'name', 'date'))
        .map(([body, deep, field]) => withRawField(body, field, deep)),
      weight: 1,
    },
    {
      arbitrary: fc
        .tuple(fields, invalidUtf8, fc.constantFrom('summary', 'name', 'location', 'date'))
        .map(([body, bytes, field]) => {
          const [before, after] = withRawField(body, field, '"\u0001"').split('\u0001');
          return bytesOf(before, bytes, after);
        }),
      weight: 1,
    },
    { arbitrary: brokenBody, weight: 2 },
  );
}

/**
 * A record of sound values with a few fields swapped for hostile ones, some left out, some added: one bad
 * part at a time reaches the deeper layers, several at once test the messages.
 */
function mutate(
  sound: Record<string, unknown>,
  hostile: Record<string, fc.Arbitrary<unknown>>,
): fc.Arbitrary<Record<string, unknown>> {
  const keys = Object.keys(hostile);
  // Mostly one field at a time: the rest being sound, the hostile value goes as deep as it can.
  const one = fc
    .constantFrom(...keys)
    .chain((key) => hostile[key].map((value) => Object.assign({ ...sound }, { [key]: value })));
  const many = fc
    .tuple(
      fc
        .uniqueArray(fc.constantFrom(...keys), { minLength: 0, maxLength: 3 })
        .chain((picked) => fc.tuple(fc.constant(picked), fc.tuple(...picked.map((key) => hostile[key])))),
      Object.keys(sound).length === 0
        ? fc.constant([])
        : fc.uniqueArray(fc.constantFrom(...Object.keys(sound)), { maxLength: 2 }),
      fc.option(fc.dictionary(unknownKey, anyValue, { minKeys: 1, maxKeys: 2 }), { freq: 6 }),
    )
    .map(([[picked, values], dropped, extra]) => {
      const body: Record<string, unknown> = { ...sound };
      picked.forEach((key, i) => (body[key] = values[i]));
      for (const key of dropped) delete body[key];
      // Extra keys are assigned one by one, so that `__proto__` becomes a key of the JSON, not a prototype.
      for (const [key, value] of Object.entries(extra ?? {}))
        Object.defineProperty(body, key, { value, enumerable: true });
      return body;
    });
  return fc.oneof({ arbitrary: one, weight: 3 }, { arbitrary: many, weight: 2 });
}

const soundDate = fc.constantFrom('2022-05-13', '2021-01-01', '1962-10-27');

function refArb(world: World): fc.Arbitrary<string> {
  const refs = world.officials.flatMap((o) => [o.slug, o.id]);
  return refs.length === 0 ? hostileParam : fc.oneof(fc.constantFrom(...refs), hostileParam);
}

function participantsArb(world: World): fc.Arbitrary<unknown> {
  const ref = refArb(world);
  return fc.oneof(
    { arbitrary: fc.array(ref, { minLength: 0, maxLength: 6 }), weight: 4 },
    // Ten thousand participants: the schema caps the list, the database must never see it.
    { arbitrary: fc.constant(Array.from({ length: 10_000 }, (_, i) => `official-${i}`)), weight: 1 },
    { arbitrary: fc.array(anyValue, { maxLength: 4 }), weight: 1 },
    { arbitrary: wrongType, weight: 1 },
  );
}

function soundContact(world: World): Record<string, unknown> {
  const [a, b] = world.officials.filter((o, i, all) => i === 0 || o.country !== all[0].country);
  return {
    date: '2022-05-13',
    type: 'CALL',
    status: 'HELD',
    participants: a && b ? [a.slug, b.slug] : ['lloyd-austin', 'sergei-shoigu'],
    sources: [{ url: 'https://example.org/readout' }],
  };
}

const sourceArb = fc.oneof(
  fc.record(
    {
      url: fc.oneof(
        fc.constant('https://example.org/a'),
        fc.constantFrom('javascript:alert(1)', 'ftp://x', 'https://'),
        hostileString,
      ),
      publisher: anyValue,
      title: anyValue,
      publishedAt: hostileDate,
      side: anyValue,
      quote: anyValue,
      archiveUrl: anyValue,
      claims: fc.oneof(
        fc.record({ date: hostileDate, initiator: anyValue, durationMinutes: hostileNumber }, { requiredKeys: [] }),
        wrongType,
      ),
    },
    { requiredKeys: [] },
  ),
  wrongType,
);

function contactFields(world: World): Record<string, fc.Arbitrary<unknown>> {
  return {
    date: hostileDate,
    datePrecision: fc.oneof(fc.constantFrom('DAY', 'MONTH', 'YEAR'), anyValue),
    time: fc.oneof(fc.constantFrom('12:30', '24:00', '23:60', '1:5'), anyValue),
    timeZone: fc.oneof(fc.constantFrom('Europe/Moscow', 'Mars/Olympus', 'UTC'), anyValue),
    type: fc.oneof(fc.constantFrom('CALL', 'call', 'MEETING'), anyValue),
    status: fc.oneof(fc.constantFrom('HELD', 'SCHEDULED', 'held'), anyValue),
    participants: participantsArb(world),
    unnamedCountries: fc.oneof(fc.array(fc.constantFrom('FR', 'XX', 'us', ''), { maxLength: 3 }), anyValue),
    initiator: fc.oneof(refArb(world), anyValue),
    durationMinutes: hostileNumber,
    location: anyValue,
    summary: anyValue,
    topics: fc.oneof(fc.array(hostileString, { maxLength: 4 }), anyValue),
    channel: anyValue,
    sources: fc.oneof(
      { arbitrary: fc.array(sourceArb, { maxLength: 3 }), weight: 4 },
      { arbitrary: fc.constant(Array.from({ length: 1_000 }, () => ({ url: 'https://example.org/a' }))), weight: 1 },
      { arbitrary: wrongType, weight: 1 },
    ),
  };
}

const positionArb = fc.oneof(
  fc.record(
    {
      title: anyValue,
      officeKey: fc.oneof(fc.constantFrom('US:SECDEF', 'RU:MINDEF', 'us:x', 'XX:'), anyValue),
      organisation: anyValue,
      startDate: hostileDate,
      endDate: hostileDate,
    },
    { requiredKeys: [] },
  ),
  wrongType,
);

const OFFICIAL_SOUND = { name: 'Fuzz Official', country: 'US' };

const officialFields: Record<string, fc.Arbitrary<unknown>> = {
  name: fc.oneof(hostileString, longString(100_000, 100_100), wrongType),
  country: fc.oneof(fc.constantFrom('US', 'us', 'XX', 'USA', ''), anyValue),
  otherNames: fc.oneof(fc.array(hostileString, { maxLength: 4 }), anyValue),
  wikidataId: fc.oneof(fc.constantFrom('Q1', 'Q0', 'Q99999999999999999999'), anyValue),
  photoUrl: fc.oneof(fc.constantFrom('https://example.org/p.jpg', 'file:///etc/passwd'), anyValue),
  bio: anyValue,
  links: fc.oneof(fc.array(fc.oneof(fc.constant('https://example.org'), hostileString), { maxLength: 3 }), anyValue),
  positions: fc.oneof(fc.array(positionArb, { maxLength: 3 }), wrongType),
};

/** A hostile path segment; not `.` or `..`, which a client's URL parser resolves before sending. */
const pathSegment = hostileParam.filter((s) => s !== '.' && s !== '..');

/** A path id: the real ones, and non-ids of every kind (`../`, NUL, very long, injections). */
function idArb(real: string[]): fc.Arbitrary<string> {
  return fc.oneof(
    { arbitrary: real.length > 0 ? fc.constantFrom(...real) : hostileParam, weight: 2 },
    {
      arbitrary: fc.constantFrom('...', '../', '../../etc/passwd', '%00', '\u0000', '~', 'null', '0', '-1', ' '),
      weight: 2,
    },
    { arbitrary: fc.uuid().map(String), weight: 1 },
    { arbitrary: longString(5_000, 20_000), weight: 1 },
    { arbitrary: pathSegment, weight: 3 },
  );
}

const writeHeaders = (world: World, auth: (world: World) => fc.Arbitrary<string | null> = authArb) =>
  fc.tuple(auth(world), contentTypeArb).map(([auth, type]) => headersOf({ authorization: auth, 'content-type': type }));

const readHeaders: fc.Arbitrary<Record<string, string>> = fc.oneof(
  { arbitrary: fc.constant({}), weight: 8 },
  {
    arbitrary: fc.constantFrom<Record<string, string>>(
      { authorization: 'Bearer nonsense' },
      { accept: 'text/html' },
      { 'content-type': 'application/json' },
      { range: 'bytes=0-10' },
    ),
    weight: 1,
  },
);

const page = fc.oneof(
  fc.integer({ min: 1, max: 3 }).map(String),
  fc.constantFrom(...NUMBERS_AS_TEXT, '10001', '99999999999'),
);
const country = fc.constantFrom('US', 'RU', 'us,ru', 'US,US,XX', 'ZZ', '');
const CONTACT_QUERY = (world: World) => ({
  q: hostileString.filter((s) => s.length <= 1_000),
  official: refArb(world),
  country,
  type: fc.constantFrom('CALL', 'CALL,MEETING', 'call', 'PHONE'),
  status: fc.constantFrom('HELD', 'HELD,REFUSED', 'x'),
  from: fc.oneof(soundDate, fc.constantFrom(...BAD_DATES)),
  to: fc.oneof(soundDate, fc.constantFrom(...BAD_DATES)),
  page,
  pageSize: fc.constantFrom('1', '50', '500', '501', '100000', '-1', '0', 'NaN', '1e308'),
});

/** Pairs that exist in the world: two officials of two countries, their offices, their countries. */
function soundPair(world: World): fc.Arbitrary<Pairs> {
  const [a, b] = world.officials.filter((o, i, all) => i === 0 || o.country !== all[0].country);
  const pairs: Pairs[] = [
    [
      ['officeA', 'US:SECDEF'],
      ['officeB', 'RU:MINDEF'],
    ],
    [
      ['countryA', a?.country ?? 'US'],
      ['countryB', b?.country ?? 'RU'],
    ],
  ];
  if (a && b) {
    pairs.push([
      ['a', a.slug],
      ['b', b.slug],
    ]);
  }
  return fc.constantFrom(...pairs);
}

function pairQuery(world: World) {
  const ref = refArb(world);
  return {
    a: ref,
    b: ref,
    officeA: fc.constantFrom('US:SECDEF', 'RU:MINDEF', 'US:', 'XX:Y', 'us:secdef'),
    officeB: fc.constantFrom('RU:MINDEF', 'US:SECDEF', 'RU'),
    countryA: country,
    countryB: country,
  };
}

const GAP_PAGING = {
  limit: fc.constantFrom('1', '1000', '1001', '0', '-1', '9999999', '1e3', 'NaN'),
  before: fc.oneof(
    fc.constantFrom(
      '2022-05-13~abc',
      '2022-02-30~abc',
      '0000-00-00~x',
      '0000-01-01~x',
      '9999-12-31~z',
      '~',
      '2022-05-13~',
      '2022-05-13~../../x',
    ),
    hostileParam,
  ),
};

/** A GET with hostile query strings and odd headers. */
function get(
  route: string,
  known: (world: World) => Record<string, fc.Arbitrary<string>>,
  sound?: (world: World) => fc.Arbitrary<Pairs>,
) {
  return (world: World) =>
    fc
      .tuple(queryArb(known(world), sound?.(world)), readHeaders)
      .map(([query, headers]): FuzzRequest => ({ method: 'GET', path: route, params: {}, query, headers }));
}

/** A JSON write: hostile bodies, headers and query strings. */
function write(
  method: Method,
  route: (id: string) => string,
  param: string | null,
  fields: (world: World) => fc.Arbitrary<Record<string, unknown>>,
  ids: (world: World) => string[],
  auth: (world: World) => fc.Arbitrary<string | null> = authArb,
) {
  return (world: World) =>
    fc
      .tuple(idArb(ids(world)), writeHeaders(world, auth), bodyArb(fields(world)), fc.option(queryArb({}), { freq: 8 }))
      .map(([id, headers, body, query]): FuzzRequest => ({
        method,
        path: route(encodeSegment(id)),
        params: param ? { [param]: id } : {},
        query: query ?? '',
        headers,
        body,
      }));
}

const withVersion = (fields: fc.Arbitrary<Record<string, unknown>>) =>
  fc
    .tuple(fields, fc.oneof(fc.integer({ min: 1, max: 4 }), hostileNumber), fc.integer({ min: 0, max: 9 }))
    .map(([body, version, keep]) => (keep > 0 ? { ...body, version } : body));

const CSV_HEADER =
  'external_id,date,type,status,participant_a,country_a,participant_b,country_b,source_url,summary,duration_minutes';

function csvCell(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** An import file: a CSV or JSON Lines with hostile rows, or bytes that are no text at all. */
function importBody(world: World): fc.Arbitrary<string | Bytes> {
  const [a, b] = soundContact(world).participants as string[];
  const cell = fc.oneof(
    hostileString.filter((s) => s.length < 20_000),
    fc.constantFrom(...BAD_DATES),
  );
  const row = fc.tuple(cell, hostileDate, cell, fc.integer({ min: 0, max: 9 })).map(([text, date, extra, which]) => {
    const cells = [
      'fuzz-' + which,
      typeof date === 'string' ? date : JSON.stringify(date),
      'CALL',
      'HELD',
      a,
      'US',
      b,
      'RU',
      'https://example.org/r',
      '',
      '',
    ];
    cells[which] = text;
    cells[9] = extra;
    cells[10] = which % 2 === 0 ? String(extra) : '';
    return cells.map(csvCell).join(',');
  });
  return fc.oneof(
    {
      arbitrary: fc.array(row, { minLength: 1, maxLength: 5 }).map((rows) => [CSV_HEADER, ...rows].join('\n')),
      weight: 4,
    },
    {
      arbitrary: fc
        .array(
          fc.oneof(
            deepJson(1_000, 3_000),
            hostileString.filter((s) => s.length < 10_000),
          ),
          { maxLength: 3 },
        )
        .map((lines) => lines.join('\n')),
      weight: 1,
    },
    {
      arbitrary: fc.constantFrom('', '\n', 'external_id\n', '"unterminated', `${CSV_HEADER}\n${'x,'.repeat(10_000)}`),
      weight: 1,
    },
    { arbitrary: invalidUtf8.map((bytes) => bytesOf(CSV_HEADER, '\n', bytes, ',2022-05-13')), weight: 1 },
    { arbitrary: hostileString.map((s) => `${CSV_HEADER}\n${s}`), weight: 1 },
  );
}

function importQuery(): fc.Arbitrary<string> {
  return queryArb({
    kind: fc.constantFrom('contacts', 'plover', 'officials', 'CONTACTS'),
    id: fc.oneof(fc.uuid().map(String), fc.constantFrom('00000000-0000-0000-0000-000000000000', 'not-a-uuid')),
    fileName: fc.oneof(
      fc.constantFrom('file.csv', '../../etc/passwd', 'a\u0000.csv'),
      hostileString.filter((s) => s.length < 1_000),
    ),
    dryRun: fc.constantFrom('true', 'false', '1', '0', 'yes', ''),
    createOfficials: fc.constantFrom('true', 'false', 'maybe'),
  }).chain((query) =>
    // Most requests carry a sound kind, id and name, so that the body is what gets judged.
    fc
      .boolean()
      .chain((sound) =>
        sound
          ? fc
              .tuple(fc.uuid(), fc.constantFrom('true', 'true', 'false'))
              .map(
                ([id, dryRun]) =>
                  `kind=contacts&id=${id}&fileName=fuzz.csv&dryRun=${dryRun}${query ? `&${query}` : ''}`,
              )
          : fc.constant(query),
      ),
  );
}

const AUTH_PATHS = [
  'sign-in/email',
  'sign-up/email',
  'get-session',
  'sign-out',
  'change-password',
  'update-user',
  'list-sessions',
  'revoke-sessions',
  'ok',
  'error',
];

/** better-auth's endpoints, signed out: sign-in and sign-up with hostile bodies, the rest with odd cookies. */
function authRequest(method: Method) {
  return () =>
    fc
      .tuple(
        fc.oneof({ arbitrary: fc.constantFrom(...AUTH_PATHS), weight: 6 }, { arbitrary: hostileParam, weight: 1 }),
        bodyArb(
          mutate(
            { email: 'someone@example.org', password: 'a long enough password', name: 'Fuzz' },
            {
              email: fc.oneof(
                fc.constantFrom('admin@example.org', 'a@b', '@', 'x'.repeat(300) + '@example.org'),
                anyValue,
              ),
              password: fc.oneof(longString(150, 100_000), anyValue),
              name: anyValue,
              rememberMe: anyValue,
              callbackURL: fc.oneof(
                fc.constantFrom('https://evil.example', '//evil.example', 'javascript:alert(1)'),
                anyValue,
              ),
              role: fc.constantFrom('ADMIN'),
            },
          ),
        ),
        contentTypeArb,
        fc.option(
          fc.constantFrom(
            'better-auth.session_token=nonsense',
            'better-auth.session_token=a.b',
            `better-auth.session_token=${'x'.repeat(5_000)}`,
            "better-auth.session_token=' OR 1=1 --",
          ),
          { freq: 3 },
        ),
      )
      .map(([path, body, type, cookie]): FuzzRequest => {
        const segments = path.split('/');
        return {
          method,
          path: `/api/auth/${segments.map(encodeSegment).join('/')}`,
          params: { all: segments },
          query: '',
          headers: headersOf({ 'content-type': type, cookie }),
          body: method === 'GET' ? undefined : body,
        };
      });
}

/** Unknown addresses under `prefix`: odd segments, every method. */
function catchAll(method: Method, prefix = '/api/v1') {
  return () =>
    fc
      .tuple(
        fc.array(fc.oneof(pathSegment, fc.constantFrom('contacts', 'v2', 'officials')), {
          minLength: 1,
          maxLength: 4,
        }),
        fc.option(brokenBody, { freq: 2 }),
      )
      .map(([segments, body]): FuzzRequest => ({
        method,
        path: `${prefix}/${segments.map(encodeSegment).join('/')}`,
        params: { path: segments },
        query: '',
        headers: { 'content-type': 'application/json' },
        body: method === 'GET' || body === null ? undefined : body,
      }));
}

const v1 = (path: string) => `app/api/v1/${path}/route.ts`;

/** The methods each route file answers with a JSON 405, and an address of it. */
const NOT_ALLOWED: [file: string, path: string, methods: Method[]][] = [
  [v1('contacts'), '/api/v1/contacts', ['PUT', 'PATCH', 'DELETE']],
  [v1('contacts/[id]'), '/api/v1/contacts/x', ['POST', 'PUT']],
  [v1('contacts/export'), '/api/v1/contacts/export', ['POST', 'PUT', 'PATCH', 'DELETE']],
  [v1('gaps'), '/api/v1/gaps', ['POST', 'PUT', 'PATCH', 'DELETE']],
  [v1('gaps/export'), '/api/v1/gaps/export', ['POST', 'PUT', 'PATCH', 'DELETE']],
  [v1('officials'), '/api/v1/officials', ['PUT', 'PATCH', 'DELETE']],
  [v1('officials/[idOrSlug]'), '/api/v1/officials/x', ['POST', 'PUT', 'DELETE']],
  [v1('officials/export'), '/api/v1/officials/export', ['POST', 'PUT', 'PATCH', 'DELETE']],
  [v1('ping'), '/api/v1/ping', ['POST', 'PUT', 'PATCH', 'DELETE']],
  ['app/api/imports/route.ts', '/api/imports', ['GET', 'PUT', 'PATCH', 'DELETE']],
  ['app/api/imports/[id]/route.ts', '/api/imports/x', ['POST', 'PUT', 'PATCH', 'DELETE']],
  ['app/api/auth/[...all]/route.ts', '/api/auth/sign-in/email', ['PUT', 'PATCH', 'DELETE']],
  [v1('readouts/parse'), '/api/v1/readouts/parse', ['GET', 'PUT', 'PATCH', 'DELETE']],
  [v1('watches'), '/api/v1/watches', ['PUT', 'PATCH', 'DELETE']],
  [v1('watches/[id]'), '/api/v1/watches/x', ['POST', 'PUT']],
  [v1('watches/events'), '/api/v1/watches/events', ['POST', 'PUT', 'PATCH', 'DELETE']],
  ['app/api/oembed/route.ts', '/api/oembed', ['POST', 'PUT', 'PATCH', 'DELETE']],
];

/** A method the route does not take, with whatever body and query. */
function notAllowed(file: string, path: string, method: Method): RouteTarget {
  return {
    name: `${method} ${path} (not allowed)`,
    file,
    method,
    writes: false,
    weight: 1,
    errorShape: 'api',
    request: (world) =>
      fc
        .tuple(fc.option(brokenBody, { freq: 2 }), authArb(world), queryArb({}))
        .map(([body, auth, query]): FuzzRequest => ({
          method,
          path,
          params: { id: 'x', idOrSlug: 'x', all: path.split('/').slice(3) },
          query,
          headers: headersOf({ authorization: auth, 'content-type': 'application/json' }),
          body: method === 'GET' || body === null ? undefined : body,
        })),
  };
}

const READOUT_TEXT =
  'Secretary of Defense Lloyd J. Austin III spoke by phone today with Russian Minister of Defense Sergei Shoigu on 13 May 2022.';

/** A readout's text: the sound one with hostile text inside, hostile text alone, just past the 20,000 limit, dates by the thousand. */
const readoutText: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: hostileString.map((s) => `${READOUT_TEXT} ${s} ${READOUT_TEXT}`), weight: 3 },
  { arbitrary: hostileString, weight: 2 },
  { arbitrary: fc.constantFrom(19_999, 20_000, 20_001).map((n) => READOUT_TEXT.repeat(200).slice(0, n)), weight: 1 },
  {
    arbitrary: fc
      .constantFrom('on 13 May 2022, ', 'spoke today with ', '2022-05-13 ', 'met in Moscow with ', '(((', 'call call ')
      .map((piece) => piece.repeat(Math.floor(19_990 / piece.length))),
    weight: 1,
  },
  { arbitrary: wrongType, weight: 1 },
);

const hostileUrl = fc.oneof(
  fc.constantFrom(
    'javascript:alert(1)',
    'file:///etc/passwd',
    'http://169.254.169.254/latest/meta-data/',
    'http://[::1]/',
    'https://user:pass@example.org/',
    'https://',
    '//evil.example/x',
    'data:text/html,<script>alert(1)</script>',
    `https://example.org/${'a'.repeat(2_100)}`,
  ),
  hostileString,
);

const READOUT_ROUTE: RouteTarget = {
  name: 'POST /api/v1/readouts/parse',
  file: v1('readouts/parse'),
  method: 'POST',
  // It proposes a contact and writes nothing, whatever it is sent.
  writes: false,
  errorShape: 'api',
  request: write(
    'POST',
    () => '/api/v1/readouts/parse',
    null,
    () =>
      mutate(
        { text: READOUT_TEXT, url: 'https://example.org/readout', publishedAt: '2022-05-13' },
        {
          text: readoutText,
          url: fc.oneof(hostileUrl, anyValue),
          publishedAt: hostileDate,
        },
      ),
    () => [],
  ),
};

/** The watches API's Authorization: mostly the admin's token, sometimes another user's, none or a bad one. */
function watchAuthArb(world: World): fc.Arbitrary<string | null> {
  return world.otherToken === null
    ? authArb(world)
    : fc.oneof(
        { arbitrary: authArb(world), weight: 4 },
        { arbitrary: fc.constant(`Bearer ${world.otherToken}`), weight: 1 },
      );
}

/** Whose watches a request's token reaches, and those it must never reach: the other user's. */
function foreignWatches(world: World, req: FuzzRequest): string[] {
  const auth = req.headers.authorization;
  if (auth === ADMIN(world)) return world.otherWatches;
  if (world.otherToken !== null && auth === `Bearer ${world.otherToken}`) return world.watches;
  return [];
}

/** A 2xx for a watch id that belongs to another user than the token's. */
function checkWatchId(world: World, req: FuzzRequest, status: number): string | null {
  const id = req.params.id;
  return status < 300 && typeof id === 'string' && foreignWatches(world, req).includes(id)
    ? `answered ${status} for another user’s watch ${id}`
    : null;
}

/** A list of watches or events (`idKey` names the watch) that shows another user's. */
function checkWatchList(idKey: 'id' | 'watchId') {
  return (world: World, req: FuzzRequest, status: number, text: string): string | null => {
    if (status >= 300) return null;
    const foreign = foreignWatches(world, req);
    const items = (JSON.parse(text) as { items?: Record<string, unknown>[] }).items ?? [];
    const shown = items.filter((item) => foreign.includes(String(item[idKey])));
    return shown.length > 0 ? `listed another user’s watch ${String(shown[0][idKey])}` : null;
  };
}

const watchIds = (world: World) => [...world.watches, ...world.otherWatches];

const thresholdFields = {
  thresholdDays: fc.oneof(fc.constantFrom(1, 11_000, 11_001, '30', '', null), hostileNumber),
  thresholdMultiple: fc.oneof(fc.constantFrom(0, 0.001, 100, 100.5, '1.5', ''), hostileNumber),
};

/** A sound pair to watch: two countries that have officials, or the officials themselves. */
function soundWatch(world: World): fc.Arbitrary<Record<string, unknown>> {
  const [a, b] = world.officials.filter((o, i, all) => i === 0 || o.country !== all[0].country);
  const pairs: Record<string, unknown>[] = [{ level: 'countries', a: a?.country ?? 'US', b: b?.country ?? 'RU' }];
  if (a && b) pairs.push({ level: 'officials', a: a.slug, b: b.slug });
  return fc
    .tuple(fc.constantFrom(...pairs), fc.integer({ min: 1, max: 400 }))
    .map(([pair, days]) => ({ ...pair, thresholdDays: days }));
}

const WATCH_ROUTES: RouteTarget[] = [
  {
    name: 'GET /api/v1/watches',
    file: v1('watches'),
    method: 'GET',
    writes: false,
    errorShape: 'api',
    request: (world) =>
      fc.tuple(watchAuthArb(world), fc.option(queryArb({}), { freq: 3 })).map(([auth, query]) => ({
        method: 'GET',
        path: '/api/v1/watches',
        params: {},
        query: query ?? '',
        headers: headersOf({ authorization: auth }),
      })),
    check: checkWatchList('id'),
  },
  {
    name: 'POST /api/v1/watches',
    file: v1('watches'),
    method: 'POST',
    writes: true,
    errorShape: 'api',
    request: (world) =>
      soundWatch(world).chain((sound) =>
        write(
          'POST',
          () => '/api/v1/watches',
          null,
          () =>
            mutate(sound, {
              level: fc.oneof(fc.constantFrom('OFFICE', 'offices', 'country', 'pairs', 'COUNTRIES '), anyValue),
              a: fc.oneof(refArb(world), longString(201, 5_000), anyValue),
              b: fc.oneof(refArb(world), fc.constantFrom('US', 'us', 'XX', 'US:SECDEF'), anyValue),
              ...thresholdFields,
              userId: fc.constantFrom(...world.otherWatches, 'someone-else'),
            }),
          () => [],
          watchAuthArb,
        )(world),
      ),
  },
  {
    name: 'GET /api/v1/watches/{id}',
    file: v1('watches/[id]'),
    method: 'GET',
    writes: false,
    errorShape: 'api',
    request: (world) =>
      fc.tuple(idArb(watchIds(world)), watchAuthArb(world)).map(([id, auth]) => ({
        method: 'GET',
        path: `/api/v1/watches/${encodeSegment(id)}`,
        params: { id },
        query: '',
        headers: headersOf({ authorization: auth }),
      })),
    check: checkWatchId,
  },
  {
    name: 'PATCH /api/v1/watches/{id}',
    file: v1('watches/[id]'),
    method: 'PATCH',
    writes: true,
    errorShape: 'api',
    request: write(
      'PATCH',
      (id) => `/api/v1/watches/${id}`,
      'id',
      () =>
        fc.oneof(
          fc.constantFrom(
            { thresholdDays: 45 },
            { thresholdMultiple: 2.5 },
            { thresholdDays: null, thresholdMultiple: '3' },
          ),
          mutate({ thresholdDays: 45 }, { ...thresholdFields, level: anyValue }),
          mutate({ thresholdDays: 45 }, { ...thresholdFields, level: anyValue }),
        ),
      watchIds,
      watchAuthArb,
    ),
    check: checkWatchId,
  },
  {
    name: 'DELETE /api/v1/watches/{id}',
    file: v1('watches/[id]'),
    method: 'DELETE',
    writes: true,
    errorShape: 'api',
    request: (world) =>
      fc
        .tuple(idArb(watchIds(world)), watchAuthArb(world), fc.option(brokenBody, { freq: 4 }))
        .map(([id, auth, body]) => ({
          method: 'DELETE',
          path: `/api/v1/watches/${encodeSegment(id)}`,
          params: { id },
          query: '',
          headers: headersOf({ authorization: auth }),
          body: body ?? undefined,
        })),
    check: checkWatchId,
  },
  {
    name: 'GET /api/v1/watches/events',
    file: v1('watches/events'),
    method: 'GET',
    writes: false,
    errorShape: 'api',
    request: (world) =>
      fc
        .tuple(
          queryArb(
            {
              limit: fc.constantFrom('1', '50', '500', '501', '0', '-1', '1.5', '1e3', 'NaN', '99999999999'),
              watch: fc.oneof(
                watchIds(world).length > 0 ? fc.constantFrom(...watchIds(world)) : hostileParam,
                fc.constantFrom('\u0000', 'a\u0000b', ' ', '%'),
                longString(201, 1_000),
                hostileParam,
              ),
            },
            fc.constant(world.otherWatches.length > 0 ? [['watch', world.otherWatches[0]] as [string, string]] : []),
          ),
          watchAuthArb(world),
        )
        .map(([query, auth]) => ({
          method: 'GET',
          path: '/api/v1/watches/events',
          params: {},
          query,
          headers: headersOf({ authorization: auth }),
        })),
    check: checkWatchList('watchId'),
  },
];

/** A pair page's address to ask oEmbed about: sound ones (page, embed, asOf), and hostile ones of every kind. */
function oembedUrl(world: World): fc.Arbitrary<string> {
  const [a, b] = world.officials.filter((o, i, all) => i === 0 || o.country !== all[0].country);
  const pages = [`/pairs/countries/${a?.country ?? 'US'}/${b?.country ?? 'RU'}`, '/pairs/offices/US:SECDEF/RU:MINDEF'];
  if (a && b) pages.push(`/pairs/officials/${a.slug}/${b.slug}`);
  const sound = fc
    .tuple(
      fc.constantFrom(...pages),
      fc.constantFrom('', 'http://localhost:3000'),
      fc.constantFrom('', '/embed'),
      fc.option(fc.oneof(soundDate, fc.constantFrom(...BAD_DATES), fc.constant('9999-12-31')), { freq: 2 }),
    )
    .map(([page, origin, embed, asOf]) => `${origin}${embed}${page}${asOf === null ? '' : `?asOf=${asOf}`}`);
  return fc.oneof(
    { arbitrary: sound, weight: 4 },
    {
      arbitrary: fc.constantFrom(
        'https://evil.example/pairs/countries/US/RU',
        '//evil.example/pairs/countries/US/RU',
        'javascript:alert(1)//pairs/countries/US/RU',
        'http://localhost:3000@evil.example/pairs/countries/US/RU',
        '/pairs/countries/%E0%A4%A/RU',
        '/pairs/countries/%00/RU',
        '/pairs/countries/US/US',
        '/pairs/countries/US',
        '/pairs/nations/US/RU',
        '/pairs/officials/../../admin',
        '/pairs/countries/US/RU?asOf=2022-05-13&asOf=2022-05-14',
        'http://169.254.169.254/latest/meta-data/',
        'file:///etc/passwd',
        ' ',
        '',
      ),
      weight: 3,
    },
    {
      arbitrary: fc
        .tuple(fc.constantFrom('countries', 'officials', 'offices'), pathSegment, pathSegment)
        .map(([level, x, y]) => `/pairs/${level}/${encodeSegment(x)}/${encodeSegment(y)}`),
      weight: 3,
    },
    { arbitrary: longString(5_000, 15_000).map((s) => `/pairs/countries/${s}/RU`), weight: 1 },
    { arbitrary: hostileParam, weight: 2 },
  );
}

const pixelParam = fc.constantFrom('400', '1', '0', '-1', '1.5', '1e3', '99999999999999999999', ' 300 ', '', 'NaN');

const OEMBED_ROUTE: RouteTarget = {
  name: 'GET /api/oembed',
  file: 'app/api/oembed/route.ts',
  method: 'GET',
  writes: false,
  // oEmbed's own answer to a format it does not offer (https://oembed.com, section 2.3.4).
  allowedStatuses: [501],
  errorShape: 'api',
  request: (world) =>
    fc
      .tuple(
        queryArb(
          {
            url: oembedUrl(world),
            maxwidth: pixelParam,
            maxheight: pixelParam,
            format: fc.constantFrom('json', 'xml', 'JSON', '', 'json&format=xml'),
          },
          oembedUrl(world).map((url): Pairs => [['url', url]]),
        ),
        fc.oneof(
          { arbitrary: readHeaders, weight: 4 },
          {
            arbitrary: fc
              .tuple(
                fc.constantFrom('host', 'x-forwarded-host', 'x-forwarded-proto'),
                fc.oneof(
                  fc.constantFrom(
                    'evil.example',
                    'localhost:3000, evil.example',
                    'javascript',
                    'a b',
                    'x'.repeat(5_000),
                  ),
                  hostileParam.filter(printable),
                ),
              )
              .map(([name, value]) => ({ [name]: value })),
            weight: 1,
          },
        ),
      )
      .map(([query, headers]): FuzzRequest => ({ method: 'GET', path: '/api/oembed', params: {}, query, headers })),
};

/** Every route handler, by method. */
export const ROUTES: RouteTarget[] = [
  {
    name: 'GET /api/v1/contacts',
    file: v1('contacts'),
    method: 'GET',
    writes: false,
    errorShape: 'api',
    request: get('/api/v1/contacts', CONTACT_QUERY),
  },
  {
    name: 'POST /api/v1/contacts',
    file: v1('contacts'),
    method: 'POST',
    writes: true,
    errorShape: 'api',
    request: write(
      'POST',
      () => '/api/v1/contacts',
      null,
      (world) => mutate(soundContact(world), contactFields(world)),
      () => [],
    ),
  },
  {
    name: 'GET /api/v1/contacts/{id}',
    file: v1('contacts/[id]'),
    method: 'GET',
    writes: false,
    errorShape: 'api',
    request: (world) =>
      fc.tuple(idArb(world.contacts.map((c) => c.id)), fc.option(queryArb({}), { freq: 4 })).map(([id, query]) => ({
        method: 'GET',
        path: `/api/v1/contacts/${encodeSegment(id)}`,
        params: { id },
        query: query ?? '',
        headers: {},
      })),
  },
  {
    name: 'PATCH /api/v1/contacts/{id}',
    file: v1('contacts/[id]'),
    method: 'PATCH',
    writes: true,
    errorShape: 'api',
    request: write(
      'PATCH',
      (id) => `/api/v1/contacts/${id}`,
      'id',
      (world) =>
        fc.oneof(
          withVersion(mutate({ summary: 'Edited by the fuzzer.' }, contactFields(world))),
          withVersion(
            mutate(
              { verification: 'VERIFIED' },
              { verification: fc.oneof(fc.constantFrom('VERIFIED', 'DISPUTED', 'verified'), anyValue) },
            ),
          ),
        ),
      (world) => world.contacts.map((c) => c.id),
    ),
  },
  {
    name: 'DELETE /api/v1/contacts/{id}',
    file: v1('contacts/[id]'),
    method: 'DELETE',
    writes: true,
    errorShape: 'api',
    request: (world) =>
      fc
        .tuple(
          idArb(world.contacts.map((c) => c.id)),
          authArb(world),
          queryArb({
            version: fc.oneof(
              fc.constantFrom('1', '2', '0', '-1', '1.5', '2147483648', '9999999999', '99999999999', '1e3', ''),
              hostileParam,
            ),
          }),
        )
        .map(([id, auth, query]) => ({
          method: 'DELETE',
          path: `/api/v1/contacts/${encodeSegment(id)}`,
          params: { id },
          query,
          headers: headersOf({ authorization: auth }),
        })),
  },
  {
    name: 'GET /api/v1/contacts/export',
    file: v1('contacts/export'),
    method: 'GET',
    writes: false,
    errorShape: 'api',
    request: get('/api/v1/contacts/export', (world) => ({
      ...CONTACT_QUERY(world),
      format: fc.constantFrom('csv', 'json', 'plover', 'CSV', 'xml', ''),
    })),
  },
  {
    name: 'GET /api/v1/gaps',
    file: v1('gaps'),
    method: 'GET',
    writes: false,
    errorShape: 'api',
    request: get('/api/v1/gaps', (world) => ({ ...pairQuery(world), ...GAP_PAGING }), soundPair),
  },
  {
    name: 'GET /api/v1/gaps/export',
    file: v1('gaps/export'),
    method: 'GET',
    writes: false,
    errorShape: 'api',
    request: get(
      '/api/v1/gaps/export',
      (world) => ({
        ...pairQuery(world),
        format: fc.constantFrom('csv', 'json', 'plover', 'x'),
      }),
      soundPair,
    ),
  },
  {
    name: 'GET /api/v1/officials',
    file: v1('officials'),
    method: 'GET',
    writes: false,
    errorShape: 'api',
    request: get('/api/v1/officials', () => ({
      q: hostileString.filter((s) => s.length <= 1_000),
      country,
      page,
      pageSize: fc.constantFrom('1', '100', '101', '0', '-5', '1e9'),
    })),
  },
  {
    name: 'POST /api/v1/officials',
    file: v1('officials'),
    method: 'POST',
    writes: true,
    errorShape: 'api',
    request: write(
      'POST',
      () => '/api/v1/officials',
      null,
      () => mutate(OFFICIAL_SOUND, officialFields),
      () => [],
    ),
  },
  {
    name: 'GET /api/v1/officials/{idOrSlug}',
    file: v1('officials/[idOrSlug]'),
    method: 'GET',
    writes: false,
    errorShape: 'api',
    request: (world) =>
      fc
        .tuple(idArb(world.officials.flatMap((o) => [o.id, o.slug])), fc.option(queryArb({}), { freq: 4 }))
        .map(([id, query]) => ({
          method: 'GET',
          path: `/api/v1/officials/${encodeSegment(id)}`,
          params: { idOrSlug: id },
          query: query ?? '',
          headers: {},
        })),
  },
  {
    name: 'PATCH /api/v1/officials/{idOrSlug}',
    file: v1('officials/[idOrSlug]'),
    method: 'PATCH',
    writes: true,
    errorShape: 'api',
    request: write(
      'PATCH',
      (id) => `/api/v1/officials/${id}`,
      'idOrSlug',
      () => withVersion(mutate({ bio: 'Edited by the fuzzer.' }, officialFields)),
      (world) => world.officials.flatMap((o) => [o.id, o.slug]),
    ),
  },
  {
    name: 'GET /api/v1/officials/export',
    file: v1('officials/export'),
    method: 'GET',
    writes: false,
    errorShape: 'api',
    request: get('/api/v1/officials/export', () => ({ country })),
  },
  {
    name: 'GET /api/v1/openapi.json',
    file: v1('openapi.json'),
    method: 'GET',
    writes: false,
    errorShape: 'api',
    request: get('/api/v1/openapi.json', () => ({})),
  },
  {
    name: 'GET /api/v1/ping',
    file: v1('ping'),
    method: 'GET',
    writes: false,
    errorShape: 'api',
    request: get('/api/v1/ping', () => ({})),
  },
  {
    name: 'GET /api/health',
    file: 'app/api/health/route.ts',
    method: 'GET',
    writes: false,
    errorShape: 'api',
    request: get('/api/health', () => ({})),
  },
  ...(['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const).map((method): RouteTarget => ({
    name: `${method} /api/v1/{...path}`,
    file: v1('[...path]'),
    method,
    writes: false,
    weight: 1,
    errorShape: 'api',
    request: catchAll(method),
  })),
  ...(['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const).map((method): RouteTarget => ({
    name: `${method} /api/{...path}`,
    file: 'app/api/[...path]/route.ts',
    method,
    writes: false,
    weight: 1,
    errorShape: 'api',
    request: catchAll(method, '/api'),
  })),
  ...NOT_ALLOWED.flatMap(([file, path, methods]) => methods.map((method) => notAllowed(file, path, method))),
  {
    name: 'POST /api/imports',
    file: 'app/api/imports/route.ts',
    method: 'POST',
    writes: true,
    records: ['import_run'],
    errorShape: 'api',
    request: (world) =>
      fc
        .tuple(
          importQuery(),
          authArb(world),
          importBody(world),
          fc.constantFrom('exact', 'exact', 'exact', 'exact', 'missing', 'abc', '-1', '1e308', '200000000', '0'),
        )
        .map(([query, auth, body, length]) => {
          const size = typeof body === 'string' ? new TextEncoder().encode(body).length : body.length;
          const contentLength = length === 'exact' ? String(size) : length === 'missing' ? null : length;
          return {
            method: 'POST',
            path: '/api/imports',
            params: {},
            query,
            headers: headersOf({ authorization: auth, 'content-type': 'text/csv', 'content-length': contentLength }),
            body,
          };
        }),
  },
  {
    name: 'GET /api/imports/{id}',
    file: 'app/api/imports/[id]/route.ts',
    method: 'GET',
    writes: false,
    errorShape: 'api',
    request: (world) =>
      fc.tuple(idArb(world.importRuns), authArb(world)).map(([id, auth]) => ({
        method: 'GET',
        path: `/api/imports/${encodeSegment(id)}`,
        params: { id },
        query: '',
        headers: headersOf({ authorization: auth }),
      })),
  },
  READOUT_ROUTE,
  ...WATCH_ROUTES,
  OEMBED_ROUTE,
  {
    name: 'GET /api/auth/{...all}',
    file: 'app/api/auth/[...all]/route.ts',
    method: 'GET',
    writes: false,
    errorShape: 'auth',
    request: authRequest('GET'),
  },
  {
    name: 'POST /api/auth/{...all}',
    file: 'app/api/auth/[...all]/route.ts',
    method: 'POST',
    writes: false,
    errorShape: 'auth',
    request: authRequest('POST'),
  },
];
