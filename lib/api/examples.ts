import type { ContactChange, ContactSnapshot } from '../data/contact-snapshot';
import type { ContactRow, createContact } from '../data/contacts';
import type { OfficialSnapshot } from '../data/official-edits';
import type { PairSide } from '../data/pairs';
import { contactsExportMeta, contactsToCsv, contactsToPlover } from '../export/contacts';
import { gapSeriesToCsv, gapsExportMeta } from '../export/gaps';
import { officialsToCsv } from '../export/officials';
import { contactsFeed } from '../feeds/contact-feed';
import { daysBetween } from '../gaps/dates';
import { computeSeries, makePairKey } from '../gaps/engine';
import { pageOfSeries } from '../gaps/series-page';
import type { GapContact } from '../gaps/types';
import { ZContactInput } from '../validation/contact';
import { invalidInput } from './respond';
import {
  contactJson,
  gapSeriesJson,
  gapsPageUrl,
  officialProfileJson,
  officialSummaryJson,
  sourceFieldsJson,
} from './serialize';

/*
 * The examples of the API documentation, made by the serialisers the API uses
 * from the founding story, so that the documentation cannot show a shape the
 * API does not give. Ids are shortened for reading.
 */

const EXAMPLE_TODAY = '2025-06-01';
const EXPORTED_AT = new Date('2025-06-01T09:30:00Z');

const austin = { id: 'cm0austin', slug: 'lloyd-austin', name: 'Lloyd Austin', country: 'US' };
const shoigu = { id: 'cm0shoigu', version: 1, slug: 'sergei-shoigu', name: 'Sergei Shoigu', country: 'RU' };

const SECDEF = {
  title: 'Secretary of Defense',
  officeKey: 'US:SECDEF',
  organisation: 'US Department of Defense',
  startDate: '2021-01-22',
  endDate: '2025-01-20',
};
const MINDEF = {
  title: 'Minister of Defence',
  officeKey: 'RU:MINDEF',
  organisation: 'Ministry of Defence of the Russian Federation',
  startDate: '2012-11-06',
  endDate: '2024-05-12',
};

export const officialSummaryExample = officialSummaryJson({
  ...shoigu,
  wikidataId: 'Q23460',
  aliases: ['Sergey Shoygu', 'Shoygu', 'Сергей Шойгу', 'Шойгу'],
  matchedName: 'Шойгу',
  positions: [
    { title: MINDEF.title, officeKey: MINDEF.officeKey, startDate: MINDEF.startDate, endDate: MINDEF.endDate },
  ],
});

export const officialProfileExample = officialProfileJson({
  ...shoigu,
  wikidataId: 'Q23460',
  bio: 'Russian Minister of Defence from November 2012 to May 2024, then Secretary of the Security Council.',
  photoSrc: null,
  links: ['https://en.wikipedia.org/wiki/Sergei_Shoigu'],
  mergedInto: null,
  aliases: ['Sergey Shoygu', 'Shoygu', 'Сергей Шойгу', 'Шойгу'],
  positions: [MINDEF],
});

export const contactRowExample: ContactRow = {
  id: 'cm0call0513',
  unnamedCountries: [],
  version: 1,
  date: '2022-05-13',
  datePrecision: 'DAY',
  time: null,
  timeZone: null,
  type: 'CALL',
  status: 'HELD',
  durationMinutes: 60,
  location: null,
  summary:
    'First call since 18 February. Austin urged an immediate ceasefire in Ukraine and emphasized the importance ' +
    'of maintaining lines of communication. About an hour, at the US request.',
  topics: ['ukraine', 'ceasefire'],
  verification: 'UNVERIFIED',
  resolvedById: null,
  importKey: null,
  initiator: { slug: austin.slug, name: austin.name },
  channel: null,
  participants: [
    { ...austin, officeKey: SECDEF.officeKey, positionTitle: SECDEF.title },
    { ...shoigu, officeKey: MINDEF.officeKey, positionTitle: MINDEF.title },
  ],
  sources: [
    {
      url: 'https://www.axios.com/2022/05/13/lloyd-austin-russian-minister-of-defense-invasion',
      publisher: 'Axios',
      title: 'Austin urges "immediate ceasefire" in call with Russia’s defense minister',
      publishedAt: '2022-05-13',
      side: 'press, citing the US readout',
      quote: 'The approximately hourlong phone call was requested by the U.S. side, per the senior official.',
      archiveUrl: null,
      claimedDate: null,
      claimedDurationMinutes: 60,
      claimedInitiator: { slug: austin.slug, name: austin.name },
    },
  ],
};

export const contactExample = contactJson(contactRowExample);

const side = (o: typeof austin, detail: string): PairSide => ({
  key: o.id,
  ref: o.slug,
  label: o.name,
  detail,
  country: o.country,
  href: `/officials/${o.slug}`,
});

const participants = [
  { officialId: austin.id, country: 'US', officeKey: SECDEF.officeKey },
  { officialId: shoigu.id, country: 'RU', officeKey: MINDEF.officeKey },
];
const story: GapContact[] = [
  {
    id: 'cm0call0218',
    date: '2022-02-18',
    precision: 'DAY',
    status: 'HELD',
    type: 'CALL',
    claimedDates: [],
    participants,
  },
  {
    id: 'cm0refused0324',
    date: '2022-03-24',
    precision: 'DAY',
    status: 'REFUSED',
    type: 'CALL',
    claimedDates: [],
    participants,
  },
  {
    id: 'cm0call0513',
    date: '2022-05-13',
    precision: 'DAY',
    status: 'HELD',
    type: 'CALL',
    claimedDates: [],
    participants,
  },
];

// Shoigu left the Ministry of Defence on 12 May 2024: the silence since 13 May 2022 closed then.
const storySeries = computeSeries(
  story,
  makePairKey('OFFICIAL', austin.id, shoigu.id),
  EXAMPLE_TODAY,
  new Map([[shoigu.id, '2024-05-12']]),
);
const storySides = {
  a: side(austin, SECDEF.title),
  b: side(shoigu, MINDEF.title),
  canonical: '/pairs/officials/lloyd-austin/sergei-shoigu',
};

export const gapSeriesExample = gapSeriesJson({ ...storySides, series: storySeries }, EXAMPLE_TODAY);

/** `?limit=1`: the latest page, the closed silence, with the whole series' numbers and a link to the 84-day gap. */
const latestPage = pageOfSeries(storySeries, null, 1);
export const gapSeriesPageExample = gapSeriesJson({ ...storySides, series: latestPage.series }, EXAMPLE_TODAY, {
  limit: 1,
  total: latestPage.total,
  older: latestPage.older && gapsPageUrl({ level: 'OFFICIAL', a: austin.slug, b: shoigu.slug }, 1, latestPage.older),
  newest: latestPage.newest,
  closedSilence: latestPage.closedSilence,
});

export const contactsCsvExample = contactsToCsv(
  [contactRowExample],
  contactsExportMeta({
    filters: { official: 'sergei-shoigu', status: ['HELD'], from: '2022-05-01', page: 1, pageSize: 50 },
    total: 1,
    at: EXPORTED_AT,
  }),
);

export const contactsPloverExample = contactsToPlover([contactRowExample]);

export const officialsCsvExample = officialsToCsv(
  [
    {
      slug: shoigu.slug,
      name: shoigu.name,
      country: shoigu.country,
      wikidataId: 'Q23460',
      bio: 'Russian Minister of Defence from November 2012 to May 2024, then Secretary of the Security Council.',
      aliases: ['Sergey Shoygu', 'Shoygu', 'Сергей Шойгу', 'Шойгу'],
      positions: [{ ...MINDEF }],
    },
  ],
  { exportedAt: EXPORTED_AT.toISOString(), countries: ['RU'], total: 1 },
);

export const gapsCsvExample = gapSeriesToCsv(
  gapSeriesExample,
  gapsExportMeta({ query: 'a=lloyd-austin&b=sergei-shoigu', today: EXAMPLE_TODAY, at: EXPORTED_AT }),
);

export const atomExample = contactsFeed({
  name: 'example',
  title: 'Counterpart: Lloyd Austin – Sergei Shoigu',
  subtitle: 'Contacts between these officials, newest first, with sources.',
  origin: 'https://counterpart.example',
  selfPath: '/feeds/pairs/officials/lloyd-austin/sergei-shoigu',
  pagePath: '/pairs/officials/lloyd-austin/sergei-shoigu',
  contacts: [
    {
      id: contactRowExample.id,
      date: contactRowExample.date,
      datePrecision: 'DAY',
      type: 'CALL',
      status: 'HELD',
      summary: 'Austin urged an immediate ceasefire in Ukraine.',
      createdAt: '2025-05-30T08:00:00.000Z',
      updatedAt: '2025-05-30T08:00:00.000Z',
      participants: [
        { slug: austin.slug, name: austin.name, country: 'US' },
        { slug: shoigu.slug, name: shoigu.name, country: 'RU' },
      ],
      sources: [{ url: contactRowExample.sources[0].url, publisher: 'Axios', title: null }],
    },
  ],
  now: EXPORTED_AT,
});

/*
 * The write API's examples: the 13 May call logged through POST /contacts,
 * then edited, verified, deleted, and the answers each step gets. Request
 * bodies are checked against ZContactInput and ZOfficialInput by a unit test.
 */

/** The body that logs the 13 May 2022 call, as a program would send it. */
export const contactInputExample = {
  date: contactRowExample.date,
  type: contactRowExample.type,
  status: contactRowExample.status,
  participants: [austin.slug, shoigu.slug],
  initiator: austin.slug,
  durationMinutes: contactRowExample.durationMinutes,
  summary: contactRowExample.summary,
  topics: contactRowExample.topics,
  sources: contactRowExample.sources.map((s) => ({
    url: s.url,
    publisher: s.publisher,
    title: s.title,
    publishedAt: s.publishedAt,
    side: s.side,
    quote: s.quote,
    claims: { initiator: austin.slug, durationMinutes: s.claimedDurationMinutes },
  })),
};

type EndedSilence = NonNullable<Awaited<ReturnType<typeof createContact>>['endedSilence']>;

const endedSilence: EndedSilence = {
  days: daysBetween('2022-02-18', contactRowExample.date),
  since: '2022-02-18',
  sinceContactId: 'cm0call0218',
  between: [
    { id: austin.id, slug: austin.slug, name: austin.name },
    { id: shoigu.id, slug: shoigu.slug, name: shoigu.name },
  ],
};

/** What POST /api/v1/contacts answers: the call ended the 84-day silence. */
export const contactCreatedExample = {
  id: contactRowExample.id,
  version: 1,
  date: contactRowExample.date,
  endedSilence,
  endedSilences: [endedSilence],
  resolvedExpected: [],
  possibleDuplicates: [],
  href: `/api/v1/contacts/${contactRowExample.id}`,
} satisfies Awaited<ReturnType<typeof createContact>> & { possibleDuplicates: unknown[]; href: string };

/** An edit: the fields to change, on top of the version they were read at. */
export const contactPatchExample = {
  version: 1,
  location: 'By telephone from the Pentagon',
  topics: ['ukraine', 'ceasefire', 'communication lines'],
};

/** A second researcher verifies the contact against its sources. */
export const verificationPatchExample = { version: 2, verification: 'VERIFIED' };

/** The contact after the edit: version 2. */
export const contactUpdatedExample = contactJson({
  ...contactRowExample,
  version: 2,
  location: contactPatchExample.location,
  topics: contactPatchExample.topics,
});

/** What DELETE /api/v1/contacts/{id}?version=3 answers: the version read after the edit and the verification. */
export const contactDeletedExample = { id: contactRowExample.id, version: 4, deletedAt: '2025-06-01T09:30:00.000Z' };

/** A contact as the audit log and a conflict show it: officials by slug. */
function snapshotOf(row: ContactRow): ContactSnapshot {
  return {
    id: row.id,
    version: row.version,
    date: row.date,
    datePrecision: row.datePrecision,
    time: row.time,
    timeZone: row.timeZone,
    type: row.type,
    status: row.status,
    participants: row.participants.map((p) => p.slug).sort(),
    initiator: row.initiator?.slug ?? null,
    durationMinutes: row.durationMinutes,
    location: row.location,
    summary: row.summary,
    topics: row.topics,
    channel: row.channel?.slug ?? null,
    verification: row.verification,
    resolvedById: row.resolvedById,
    deletedAt: null,
    sources: row.sources.map((s) => ({
      ...sourceFieldsJson(s),
      claims: {
        date: s.claimedDate,
        initiator: s.claimedInitiator?.slug ?? null,
        durationMinutes: s.claimedDurationMinutes,
      },
    })),
  };
}

const conflictChanges: ContactChange[] = [
  { field: 'location', before: null, after: contactPatchExample.location },
  { field: 'topics', before: contactRowExample.topics, after: contactPatchExample.topics },
];

/** The 409 of an edit sent from version 1 after someone else saved version 2. */
export const contactConflictExample = {
  error: {
    code: 'CONFLICT',
    message:
      'This contact was changed by Reza Second while you were editing it (your version 1, now 2). ' +
      'Review the changes and save again.',
    current: snapshotOf({
      ...contactRowExample,
      version: 2,
      location: contactPatchExample.location,
      topics: contactPatchExample.topics,
    }),
    changes: conflictChanges,
    changedBy: 'Reza Second',
    changedAt: '2025-06-01T09:28:12.000Z',
  },
};

/** The 400 of a body with one participant and a source without its scheme, as the API words it. */
export const invalidBodyExample = (() => {
  const parsed = ZContactInput.safeParse({
    ...contactInputExample,
    participants: [austin.slug],
    initiator: undefined,
    sources: [{ url: 'axios.com/2022/05/13/lloyd-austin' }],
  });
  if (parsed.success) throw new Error('The invalid body example parsed');
  const error = invalidInput(parsed.error, { nested: true });
  return { error: { code: error.code, message: error.message, fields: error.fields } };
})();

const SECURITY_COUNCIL = {
  title: 'Secretary of the Security Council',
  officeKey: 'RU:SECCOUNCIL',
  organisation: 'Security Council of the Russian Federation',
  startDate: '2024-05-12',
};

/** The body that adds Sergei Shoigu. */
export const officialInputExample = {
  name: shoigu.name,
  country: shoigu.country,
  otherNames: officialProfileExample.otherNames,
  wikidataId: officialProfileExample.wikidataId,
  bio: officialProfileExample.bio,
  positions: [MINDEF],
};

/** A new tenure: the positions given replace the whole list. */
export const officialPatchExample = { version: 1, positions: [MINDEF, SECURITY_COUNCIL] };

/** The profile after the edit: version 2, newest position first. */
export const officialUpdatedExample = officialProfileJson({
  ...shoigu,
  version: 2,
  wikidataId: 'Q23460',
  bio: officialProfileExample.bio,
  photoSrc: null,
  links: officialProfileExample.links,
  mergedInto: null,
  aliases: officialProfileExample.otherNames,
  positions: [{ ...SECURITY_COUNCIL, endDate: null }, MINDEF],
});

const officialSnapshot: OfficialSnapshot = {
  id: shoigu.id,
  slug: shoigu.slug,
  version: 2,
  name: shoigu.name,
  country: shoigu.country,
  wikidataId: 'Q23460',
  photoUrl: null,
  photo: null,
  bio: officialProfileExample.bio,
  links: [],
  mergedIntoId: null,
  otherNames: officialProfileExample.otherNames,
  positions: [MINDEF, { ...SECURITY_COUNCIL, endDate: undefined }],
};

/** The 409 of an official's edit sent from version 1 after someone else saved version 2. */
export const officialConflictExample = {
  error: {
    code: 'CONFLICT',
    message: 'This official was changed by someone else (your version 1, now 2). Review and save again.',
    current: officialSnapshot,
  },
};
