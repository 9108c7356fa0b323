import fc from 'fast-check';
import { BAD_DATES, hostileParam, hostileString, longString, NUMBERS_AS_TEXT, unknownKey, wrongType } from './payloads';
import type { World } from './routes';

/*
 * Every server action of lib/actions, with a generator of hostile calls: a form of mostly sound fields and
 * a few hostile ones (huge, NUL, lone surrogates, injections, impossible dates and numbers), bound ids of
 * every odd kind, and now and then arguments of the wrong type altogether. The fuzz test reads the exports
 * of lib/actions and fails on one that is not listed here.
 */

/** What the action generators may name besides the routes' world. */
export type ActionWorld = {
  events: string[];
  channels: string[];
  users: string[];
  apiTokens: string[];
  audits: string[];
};

export type ActionTarget = {
  /** `contacts.ts#createContactAction`: the file of lib/actions and the export. */
  key: string;
  /** The call's arguments: bound ids first, then the previous state and the form. */
  args(world: World & ActionWorld): fc.Arbitrary<unknown[]>;
  /** What else is wrong with a signed-in admin's call (another user's record changed), or null. */
  check?(world: World & ActionWorld, args: unknown[], result: unknown): string | null;
};

type Fields = Record<string, fc.Arbitrary<string>>;

/** A form field's hostile text: what a hand-made POST can put in any field. */
const hostileField: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: hostileString, weight: 6 },
  { arbitrary: fc.constantFrom(...BAD_DATES), weight: 1 },
  { arbitrary: fc.constantFrom(...NUMBERS_AS_TEXT), weight: 1 },
);

/** A file input's content: empty, huge, an image header with junk, markup posing as an image. */
const hostileFile = fc
  .oneof(
    fc.constant(new Uint8Array()),
    fc.constant(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0])),
    fc.constant(Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10])),
    fc.constant(new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>')),
    fc.uint8Array({ maxLength: 64 }),
    fc.constant(new Uint8Array(3_000_000).fill(0x41)),
  )
  .map((bytes) => new File([bytes], 'photo.png', { type: 'image/png' }));

/**
 * A FormData of the sound fields, with a few swapped for hostile text, some left out and some unknown ones
 * added; now and then a thousand extra fields, or a file where text belongs.
 */
function formArb(sound: Record<string, string>, hostile: Fields = {}): fc.Arbitrary<FormData> {
  const keys = [...new Set([...Object.keys(sound), ...Object.keys(hostile)])];
  const valueOf = (key: string) => (hostile[key] ? fc.oneof(hostile[key], hostileField) : hostileField);
  const some = (names: string[], maxLength: number) =>
    names.length === 0 ? fc.constant([] as string[]) : fc.uniqueArray(fc.constantFrom(...names), { maxLength });
  const toForm = (fields: Record<string, string>) => {
    const form = new FormData();
    for (const [key, value] of Object.entries(fields)) form.append(key, value);
    return form;
  };
  // Mostly one field at a time: the rest being sound, the hostile value goes as deep as it can.
  const one =
    keys.length === 0
      ? fc.constant(toForm(sound))
      : fc.constantFrom(...keys).chain((key) => valueOf(key).map((value) => toForm({ ...sound, [key]: value })));
  const many = fc
    .tuple(
      some(keys, 3).chain((picked) => fc.tuple(fc.constant(picked), fc.tuple(...picked.map(valueOf)))),
      some(Object.keys(sound), 2),
      fc.option(fc.array(fc.tuple(unknownKey, hostileField), { minLength: 1, maxLength: 3 }), { freq: 5 }),
      fc.option(fc.constantFrom('many', 'file', 'repeat'), { freq: 4 }),
      hostileFile,
    )
    .map(([[picked, values], dropped, extra, odd, file]) => {
      const fields: Record<string, string> = { ...sound };
      picked.forEach((key, i) => (fields[key] = values[i]));
      for (const key of dropped) delete fields[key];
      const form = toForm(fields);
      for (const [key, value] of extra ?? []) form.append(key, value);
      if (odd === 'many') for (let i = 0; i < 10_000; i++) form.append(`participants.${i}.id`, `official-${i}`);
      if (odd === 'file') form.set(keys[0] ?? 'file', file);
      if (odd === 'repeat') for (const key of keys) form.append(key, 'again');
      return form;
    });
  return fc.oneof({ arbitrary: one, weight: 3 }, { arbitrary: many, weight: 2 });
}

/** A bound id: the real ones, hostile text, and values that are not strings at all. */
function boundId(real: string[]): fc.Arbitrary<unknown> {
  return fc.oneof(
    { arbitrary: real.length > 0 ? fc.constantFrom(...real) : hostileParam, weight: 4 },
    { arbitrary: hostileParam, weight: 3 },
    { arbitrary: fc.oneof(fc.constantFrom('\u0000', '../x', ''), longString(20_000, 20_000)), weight: 1 },
    { arbitrary: wrongType, weight: 1 },
    { arbitrary: fc.constant(undefined), weight: 1 },
  );
}

/** The previous state a form hands back: usually the last answer, sometimes anything at all. */
const previousState = fc.oneof(
  { arbitrary: fc.constant({ ok: true }), weight: 6 },
  { arbitrary: wrongType, weight: 1 },
);

/**
 * The arguments of an action: `bound` ids (none, or one) then the previous state and the form. One call in
 * ten has a wrong shape: no form, a string or object for it, arguments missing or extra.
 */
function call(
  bound: ((world: World & ActionWorld) => string[]) | null,
  form: (world: World & ActionWorld) => fc.Arbitrary<FormData>,
) {
  return (world: World & ActionWorld): fc.Arbitrary<unknown[]> => {
    const sound = fc
      .tuple(bound ? boundId(bound(world)) : fc.constant(null), previousState, form(world))
      .map(([id, state, data]) => (bound ? [id, state, data] : [state, data]));
    const broken: fc.Arbitrary<unknown[]> = fc.oneof(
      fc.constant([] as unknown[]),
      fc.tuple(previousState, wrongType).map((args) => [...args]),
      fc.tuple(previousState, hostileString).map((args) => [...args]),
      form(world).map((data) => [data]),
      fc.tuple(form(world), form(world)).map((args) => [...args, 'extra']),
    );
    return fc.oneof({ arbitrary: sound, weight: 9 }, { arbitrary: broken, weight: 1 });
  };
}

const version = fc.oneof(fc.constantFrom('1', '2', '0', '-1', '1.5', '99999999999999999999'), hostileField);
const soundVersion = { version: '1' };

function contactForm(world: World & ActionWorld): fc.Arbitrary<FormData> {
  const [a, b] = world.officials.filter((o, i, all) => i === 0 || o.country !== all[0].country);
  const participant = (o: { id: string; slug: string; country: string } | undefined, i: number) =>
    o
      ? {
          [`participants.${i}.id`]: o.id,
          [`participants.${i}.slug`]: o.slug,
          [`participants.${i}.name`]: o.slug,
          [`participants.${i}.country`]: o.country,
        }
      : {};
  return formArb(
    {
      date: '2022-05-13',
      datePrecision: 'DAY',
      type: 'CALL',
      status: 'HELD',
      ...participant(a, 0),
      ...participant(b, 1),
      'sources.0.url': 'https://example.org/readout',
      // Past the warning that the pair already has a contact that day: the form's "save anyway".
      confirmDuplicate: '1',
      ...soundVersion,
    },
    {
      date: fc.constantFrom(...BAD_DATES),
      durationMinutes: fc.constantFrom(...NUMBERS_AS_TEXT),
      summary: hostileString,
      location: hostileString,
      topics: hostileString,
      time: fc.constantFrom('24:00', '12:60', '12:30'),
      timeZone: fc.constantFrom('Mars/Olympus', 'Europe/Moscow'),
      initiator: hostileParam,
      channel: hostileParam,
      confirmDuplicate: fc.constantFrom('1', '0'),
      'participants.2.id': hostileParam,
      'participants.0.id': hostileParam,
      'sources.0.url': fc.constantFrom('javascript:alert(1)', 'https://'),
      'sources.0.publishedAt': fc.constantFrom(...BAD_DATES),
      'sources.0.claims.durationMinutes': fc.constantFrom(...NUMBERS_AS_TEXT),
      'sources.0.quote': hostileString,
      version,
    },
  );
}

function officialForm(): fc.Arbitrary<FormData> {
  return formArb(
    { name: 'Fuzz Official', country: 'US', photoChoice: 'keep', ...soundVersion },
    {
      name: fc.oneof(hostileString, longString(100_000, 100_000)),
      country: fc.constantFrom('XX', 'us', 'USA'),
      otherNames: hostileString,
      wikidataId: fc.constantFrom('Q0', 'Q99999999999999999999', 'Q1'),
      bio: hostileString,
      links: hostileString,
      photoChoice: fc.constantFrom('upload', 'url', 'remove', 'keep', 'other'),
      photoUrl: fc.constantFrom('file:///etc/passwd', 'https://example.org/p.png', 'javascript:x'),
      'positions.0.officeKey': fc.constantFrom('US:SECDEF', 'XX:', 'RU:MINDEF'),
      'positions.0.title': hostileString,
      'positions.0.startDate': fc.constantFrom(...BAD_DATES),
      'positions.0.endDate': fc.constantFrom(...BAD_DATES),
      'positions.99999.title': hostileString,
      version,
    },
  );
}

const eventForm = () =>
  formArb(
    { date: '2022-02-24', title: 'Fuzz event', countries: 'RU', ...soundVersion },
    {
      date: fc.constantFrom(...BAD_DATES),
      title: hostileString,
      description: hostileString,
      url: fc.constantFrom('javascript:alert(1)', 'https://example.org'),
      countries: fc.constantFrom('XX', 'US,US', 'us, ru, fr', ',,,'),
      version,
    },
  );

const channelForm = () =>
  formArb(
    { name: 'Fuzz line', countries: 'US, RU', establishedOn: '2022-03-01', ...soundVersion },
    {
      name: hostileString,
      description: hostileString,
      countries: fc.constantFrom('XX, YY', 'US', 'US,US'),
      establishedOn: fc.constantFrom(...BAD_DATES),
      closedOn: fc.constantFrom(...BAD_DATES),
      sourceUrl: fc.constantFrom('javascript:alert(1)', 'https://example.org'),
      version,
    },
  );

const userVersion = fc.constantFrom(
  '2022-05-13T00:00:00.000Z',
  '0000-00-00',
  '+275760-09-13T00:00:00.000Z',
  'NaN',
  '8.64e15',
);
const passwordFields = {
  passwordMode: fc.constantFrom('generate', 'type', 'other'),
  password: fc.oneof(hostileString, longString(201, 100_000)),
};

const ids = (pick: (world: World & ActionWorld) => string[]) => pick;

const READOUT =
  'Secretary of Defense Lloyd J. Austin III spoke by phone today with Russian Minister of Defense Sergei Shoigu on 13 May 2022.';

/** A web address where a webhook or a source URL belongs: private, loopback and metadata hosts, odd schemes. */
const hostileUrl = fc.oneof(
  fc.constantFrom(
    'http://localhost/hook',
    'http://127.0.0.1:5432/',
    'http://127.1/',
    'http://2130706433/',
    'http://0x7f000001/',
    'http://[::1]/',
    'http://[::ffff:7f00:1]/',
    'http://[fe80::1%25eth0]/',
    'http://169.254.169.254/latest/meta-data/',
    'http://10.0.0.1/',
    'http://0.0.0.0/',
    'https://user:pass@example.org/hook',
    'https://example.invalid/hook',
    'javascript:alert(1)',
    'file:///etc/passwd',
    'gopher://example.org/',
    'https://',
    '//example.org/hook',
    `https://example.org/${'a'.repeat(2_100)}`,
  ),
  hostileString,
);

/** A bound watch id that is another user's, on a call the admin's session made that was not refused. */
function checkWatchAction(world: World & ActionWorld, args: unknown[], result: unknown): string | null {
  const id = args.length === 3 ? args[0] : undefined;
  const ok = (result as { ok?: unknown } | null)?.ok === true;
  return ok && typeof id === 'string' && world.otherWatches.includes(id)
    ? `accepted for another user’s watch ${id}`
    : null;
}

const watchThreshold = {
  thresholdKind: fc.constantFrom('days', 'multiple', 'other', ''),
  threshold: fc.constantFrom('60', '2.5', '0', '11001', '100.5', '0.0001', '1e3', '-1', ' 30 ', ...NUMBERS_AS_TEXT),
};

/** The watch form of a pair page: a pair that exists (two countries of the world), and a threshold. */
function watchForm(world: World & ActionWorld): fc.Arbitrary<FormData> {
  const [a, b] = world.officials.filter((o, i, all) => i === 0 || o.country !== all[0].country);
  return formArb(
    { level: 'officials', a: a?.slug ?? 'x', b: b?.slug ?? 'y', thresholdKind: 'days', threshold: '30' },
    {
      level: fc.constantFrom('countries', 'offices', 'OFFICIAL', 'pairs'),
      a: fc.oneof(fc.constantFrom('US', 'US:SECDEF', ...world.officials.map((o) => o.slug)), longString(201, 5_000)),
      b: fc.constantFrom('RU', 'RU:MINDEF', 'US', 'XX', ...world.officials.map((o) => o.id)),
      ...watchThreshold,
    },
  );
}

const watchIds = ids((w) => [...w.watches, ...w.otherWatches]);

const readoutForm = formArb(
  { text: READOUT, url: 'https://example.org/readout', publishedAt: '2022-05-13' },
  {
    text: fc.oneof(
      hostileString.map((s) => `${READOUT} ${s}`),
      fc.constantFrom(19_999, 20_000, 20_001).map((n) => READOUT.repeat(200).slice(0, n)),
      fc.constantFrom('on 13 May 2022, ', 'spoke today with ').map((p) => p.repeat(Math.floor(19_990 / p.length))),
    ),
    url: hostileUrl,
    publishedAt: fc.constantFrom(...BAD_DATES),
  },
);

/** Every server action, by `file#export`. */
export const ACTIONS: ActionTarget[] = [
  {
    key: 'api-tokens.ts#createApiTokenAction',
    args: call(null, () =>
      formArb({ name: 'fuzz token' }, { name: hostileString, expiresInDays: fc.constantFrom(...NUMBERS_AS_TEXT) }),
    ),
  },
  {
    key: 'api-tokens.ts#revokeApiTokenAction',
    args: call(
      ids((w) => w.apiTokens),
      () => formArb({}),
    ),
  },
  { key: 'channels.ts#createChannelAction', args: call(null, channelForm) },
  {
    key: 'channels.ts#updateChannelAction',
    args: call(
      ids((w) => w.channels),
      channelForm,
    ),
  },
  {
    key: 'channels.ts#deleteChannelAction',
    args: call(
      ids((w) => w.channels),
      () => formArb(soundVersion, { version }),
    ),
  },
  { key: 'contacts.ts#createContactAction', args: call(null, contactForm) },
  {
    key: 'contacts.ts#updateContactAction',
    args: call(
      ids((w) => w.contacts.map((c) => c.id)),
      contactForm,
    ),
  },
  {
    key: 'contacts.ts#setVerificationAction',
    args: call(
      ids((w) => w.contacts.map((c) => c.id)),
      () =>
        formArb(
          { verification: 'DISPUTED', ...soundVersion },
          { verification: fc.constantFrom('verified', 'X'), version },
        ),
    ),
  },
  {
    key: 'contacts.ts#deleteContactAction',
    args: call(
      ids((w) => w.contacts.map((c) => c.id)),
      () => formArb(soundVersion, { version }),
    ),
  },
  { key: 'events.ts#createEventAction', args: call(null, eventForm) },
  {
    key: 'events.ts#updateEventAction',
    args: call(
      ids((w) => w.events),
      eventForm,
    ),
  },
  {
    key: 'events.ts#deleteEventAction',
    args: call(
      ids((w) => w.events),
      () => formArb(soundVersion, { version }),
    ),
  },
  {
    key: 'merge.ts#mergeOfficialsAction',
    args: call(null, (w) => {
      // Not the two officials the sound contacts name: merged, they would be one official named twice.
      const [a, b] = w.officials.slice(2);
      return formArb(
        { duplicateId: a?.id ?? 'x', keptId: b?.id ?? 'y', duplicateVersion: '1', keptVersion: '1' },
        { duplicateId: hostileParam, keptId: hostileParam, duplicateVersion: version, keptVersion: version },
      );
    }),
  },
  {
    key: 'merge.ts#undoMergeAction',
    args: call(null, (w) =>
      formArb(
        { auditId: w.audits[0] ?? '1' },
        { auditId: fc.constantFrom('0', '-1', '9223372036854775808', '99999999999999999999', '1e3', '1') },
      ),
    ),
  },
  { key: 'officials.ts#createOfficialAction', args: call(null, officialForm) },
  {
    key: 'officials.ts#updateOfficialAction',
    args: call(
      ids((w) => w.officials.flatMap((o) => [o.slug, o.id])),
      officialForm,
    ),
  },
  {
    key: 'officials.ts#deleteOfficialAction',
    args: call(
      ids((w) => w.officials.flatMap((o) => [o.slug, o.id])),
      () => formArb({ version: '99' }, { version }),
    ),
  },
  { key: 'readouts.ts#parseReadoutAction', args: call(null, () => readoutForm) },
  { key: 'watches.ts#createWatchAction', args: call(null, watchForm) },
  {
    key: 'watches.ts#updateWatchAction',
    args: call(watchIds, () => formArb({ thresholdKind: 'days', threshold: '45' }, watchThreshold)),
    check: checkWatchAction,
  },
  { key: 'watches.ts#deleteWatchAction', args: call(watchIds, () => formArb({})), check: checkWatchAction },
  { key: 'watches.ts#regenerateFeedAction', args: call(null, () => formArb({})) },
  { key: 'watches.ts#revokeFeedAction', args: call(null, () => formArb({})) },
  {
    key: 'watches.ts#setWebhookAction',
    args: call(null, () =>
      formArb(
        // A public address written as one: no DNS lookup (none answers in the test sandbox) stands before the write.
        { url: 'https://93.184.215.14/hook', secret: '' },
        {
          url: hostileUrl,
          secret: fc.oneof(fc.constantFrom('short', 'x'.repeat(16), 'x'.repeat(201), ' '.repeat(20)), hostileString),
        },
      ),
    ),
  },
  { key: 'watches.ts#removeWebhookAction', args: call(null, () => formArb({})) },
  {
    key: 'webhook-allowance.ts#setWebhookPrivateAction',
    args: call(
      ids((w) => w.users),
      () => formArb({ allowed: 'on' }, { allowed: fc.constantFrom('off', 'ON', 'true', '1', '') }),
    ),
  },
  {
    key: 'users.ts#createUserAction',
    args: call(null, () =>
      formArb(
        { name: 'Fuzz user', email: 'fuzz-user@example.org', role: 'viewer', passwordMode: 'generate' },
        {
          name: hostileString,
          email: fc.oneof(hostileString, fc.constantFrom('a@b', 'x'.repeat(300) + '@example.org')),
          role: fc.constantFrom('root', 'ADMIN '),
          ...passwordFields,
        },
      ),
    ),
  },
  {
    key: 'users.ts#changeRoleAction',
    args: call(
      ids((w) => w.users),
      () =>
        formArb(
          { role: 'viewer', version: '2022-05-13T00:00:00.000Z' },
          { role: fc.constantFrom('root', 'admin'), version: userVersion },
        ),
    ),
  },
  {
    key: 'users.ts#disableUserAction',
    args: call(
      ids((w) => w.users),
      () =>
        formArb(
          { reason: 'fuzz', version: '2022-05-13T00:00:00.000Z' },
          { reason: hostileString, version: userVersion },
        ),
    ),
  },
  {
    key: 'users.ts#enableUserAction',
    args: call(
      ids((w) => w.users),
      () => formArb({ version: '2022-05-13T00:00:00.000Z' }, { version: userVersion }),
    ),
  },
  {
    key: 'users.ts#resetPasswordAction',
    args: call(
      ids((w) => w.users),
      () =>
        formArb(
          { passwordMode: 'generate', version: '2022-05-13T00:00:00.000Z' },
          { version: userVersion, ...passwordFields },
        ),
    ),
  },
];
