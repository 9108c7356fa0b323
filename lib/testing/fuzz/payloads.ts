import fc from 'fast-check';

/*
 * Hostile values, as fast-check arbitraries: what a careless client, a broken
 * script or an attacker may send in place of each kind of input. The routes'
 * and actions' generators (./routes.ts, ./actions.ts) mix them with sound values,
 * so that one bad field at a time also reaches the deeper layers.
 */

export const SQL_INJECTIONS = [
  "'; DROP TABLE contact; --",
  '1 OR 1=1',
  "' OR '1'='1",
  '1; SELECT pg_sleep(30)',
  "'); DELETE FROM official; --",
  '" OR ""="',
  "admin'--",
  '1 UNION SELECT password FROM account',
  '$1',
  '\\',
  "''",
] as const;

export const MARKUP_INJECTIONS = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  "javascript:alert('x')",
  '<svg onload=alert(1)>',
  '{{7*7}}${7*7}<%= 7*7 %>',
  '<a href="javascript:alert(1)">x</a>',
  ']]><!--',
  '=HYPERLINK("http://evil.example","x")',
] as const;

/** Strings that PostgreSQL, JSON or UTF-8 handle badly: NUL, lone surrogates, control and direction characters. */
export const BAD_UNICODE = [
  '\u0000',
  'a\u0000b',
  '\uD800',
  '\uDFFF',
  'x\uDBFFy',
  '\uFEFF',
  '\u202Eevil',
  '\u200B',
  '\u0007\u001B[31m',
  '\r\n\r\n',
  'e\u0301\u0301\u0301',
  '😀'.repeat(3),
  '\uFFFF\uFFFE',
] as const;

export const ODD_TEXT = [
  '',
  ' ',
  '   \t ',
  '../../../etc/passwd',
  '..%2F..%2F',
  '%00',
  '%ZZ',
  '%s%s%n',
  '__proto__',
  'constructor',
  'null',
  'undefined',
  'NaN',
  'true',
  '[object Object]',
] as const;

export const BAD_DATES = [
  '0000-00-00',
  '0000-01-01',
  '2022-02-30',
  '2022-02-29',
  '2022-13-01',
  '2022-00-10',
  '275760-09-13',
  '+275760-09-13',
  '-000001-01-01',
  '+002022-05-13',
  '9999-12-31',
  '0001-01-01',
  '2022-5-1',
  '20220513',
  '2022-05-13T00:00:00Z',
  ' 2022-05-13 ',
  '13/05/2022',
  '1e308',
] as const;

export const BAD_NUMBERS = [
  1e308,
  -1,
  -1e308,
  0,
  -0,
  0.5,
  2 ** 31,
  2 ** 31 - 1,
  2 ** 53 + 2,
  2 ** 63,
  -(2 ** 63),
  Number.MAX_SAFE_INTEGER,
  Number.MIN_VALUE,
] as const;

export const NUMBERS_AS_TEXT = [
  'NaN',
  'Infinity',
  '-Infinity',
  '1e308',
  '-1',
  '9223372036854775808',
  '2147483648',
  '9999999999',
  '0x10',
  '1_000',
  ' 12 ',
  '12abc',
  '1.5',
  '-0',
  '٣',
] as const;

/** A string of about `length` characters made by repeating a short piece, so huge values cost nothing to make. */
export const longString = (min: number, max: number) =>
  fc
    .tuple(
      fc.constantFrom('a', 'é', '😀', "'; DROP TABLE contact; -- ", '<b>x</b>', 'a\u0000'),
      fc.integer({ min, max }),
    )
    .map(([piece, length]) => piece.repeat(Math.ceil(length / piece.length)).slice(0, length));

/** Any hostile string: injections, bad Unicode, odd text, huge (up to 1 MB) and random. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.constantFrom(...SQL_INJECTIONS), weight: 3 },
  { arbitrary: fc.constantFrom(...MARKUP_INJECTIONS), weight: 3 },
  { arbitrary: fc.constantFrom(...BAD_UNICODE), weight: 4 },
  { arbitrary: fc.constantFrom(...ODD_TEXT), weight: 2 },
  { arbitrary: fc.constantFrom(...BAD_DATES), weight: 1 },
  { arbitrary: fc.constantFrom(...NUMBERS_AS_TEXT), weight: 1 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 40 }), weight: 3 },
  { arbitrary: fc.string({ unit: 'binary-ascii', maxLength: 40 }), weight: 2 },
  { arbitrary: longString(201, 10_000), weight: 1 },
  { arbitrary: longString(100_000, 110_000), weight: 1 },
  { arbitrary: longString(900_000, 1_050_000), weight: 1 },
);

/** A value of the wrong JSON type for any field. */
export const wrongType: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.constantFrom(...BAD_NUMBERS),
  fc.constant([]),
  fc.constant({}),
  fc.array(fc.oneof(fc.integer(), fc.string({ maxLength: 5 }), fc.constant(null)), { maxLength: 4 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.oneof(fc.integer(), fc.string({ maxLength: 8 })), { maxKeys: 3 }),
  fc.constant({ __proto__: { admin: true } }),
);

/** Anything a JSON field may hold, mostly hostile: for fields whose right value does not matter. */
export const anyValue: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: hostileString, weight: 3 },
  { arbitrary: wrongType, weight: 2 },
);

/** A date field's value: the bad dates, hostile strings, wrong types, and sound dates from year 1 to 9999. */
export const hostileDate: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: fc.constantFrom(...BAD_DATES), weight: 5 },
  {
    arbitrary: fc
      .date({ min: new Date('0001-01-01T00:00:00Z'), max: new Date('9999-12-31T00:00:00Z'), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10)),
    weight: 3,
  },
  { arbitrary: hostileString, weight: 1 },
  { arbitrary: wrongType, weight: 1 },
);

/** A number field's value (minutes, versions, page sizes): extremes, numbers as text, wrong types. */
export const hostileNumber: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: fc.constantFrom(...BAD_NUMBERS), weight: 3 },
  { arbitrary: fc.constantFrom(...NUMBERS_AS_TEXT), weight: 3 },
  { arbitrary: fc.integer({ min: -10, max: 20_000 }), weight: 2 },
  { arbitrary: fc.double(), weight: 1 },
  { arbitrary: hostileString, weight: 1 },
  { arbitrary: wrongType, weight: 1 },
);

/** JSON nested `depth` deep, as text (building it as a value would overflow the generator's own stack). */
export const deepJson = (min = 1_000, max = 10_000) =>
  fc.tuple(fc.integer({ min, max }), fc.constantFrom('array', 'object', 'mixed')).map(([depth, shape]) => {
    if (shape === 'array') return '['.repeat(depth) + ']'.repeat(depth);
    if (shape === 'object') return '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
    return '[{"a":'.repeat(depth) + 'null' + '}]'.repeat(depth);
  });

/** A query-string or path value: what the URL carries is text, so the hostile strings and the bad numbers and dates. */
export const hostileParam: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: hostileString.filter((s) => s.length <= 20_000), weight: 4 },
  { arbitrary: fc.constantFrom(...NUMBERS_AS_TEXT), weight: 2 },
  { arbitrary: fc.constantFrom(...BAD_DATES), weight: 2 },
  { arbitrary: fc.integer({ min: -5, max: 1_000_000 }).map(String), weight: 1 },
);

/** Object keys no schema knows, some of them dangerous in JavaScript. */
export const unknownKey = fc.oneof(
  fc.constantFrom('__proto__', 'constructor', 'prototype', 'id', 'version', 'deletedAt', 'createdBy', 'role', ''),
  fc.string({ minLength: 1, maxLength: 12 }),
);

/** A request body's bytes. */
export type Bytes = Uint8Array<ArrayBuffer>;

/** Bytes that are not UTF-8: overlong encodings, lone continuation bytes, CESU surrogates, 0xFF. */
export const INVALID_UTF8 = [
  [0xc0, 0x80],
  [0xff, 0xfe],
  [0xed, 0xa0, 0x80],
  [0x80],
  [0xe2, 0x82],
  [0xf8, 0x88, 0x80, 0x80, 0x80],
  [0xf4, 0x90, 0x80, 0x80],
] as const;

export const invalidUtf8 = fc
  .array(fc.constantFrom(...INVALID_UTF8), { minLength: 1, maxLength: 4 })
  .map((parts) => new Uint8Array(parts.flat()));

/** Text as a JSON string literal, lone surrogates and all (JSON.stringify escapes them as \udXXX). */
export const jsonString = (value: string) => JSON.stringify(value);

/** A JSON document with `fragment` (raw JSON text) as the value of `field`, the rest of `body` around it. */
export function withRawField(body: Record<string, unknown>, field: string, fragment: string): string {
  const rest = JSON.stringify({ ...body, [field]: '\u0001RAW\u0001' });
  return rest.replace('"\\u0001RAW\\u0001"', fragment);
}

/** Concatenates text and bytes into one body. */
export function bytesOf(...parts: (string | Uint8Array)[]): Bytes {
  const chunks = parts.map((p) => (typeof p === 'string' ? new TextEncoder().encode(p) : p));
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}
