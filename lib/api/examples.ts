import type { ContactRow } from '../data/contacts';
import type { PairSide } from '../data/pairs';
import { contactsExportMeta, contactsToCsv } from '../export/contacts';
import { gapSeriesToCsv, gapsExportMeta } from '../export/gaps';
import { contactsFeed } from '../feeds/contact-feed';
import { computeSeries, makePairKey } from '../gaps/engine';
import type { GapContact } from '../gaps/types';
import { contactJson, gapSeriesJson, officialProfileJson, officialSummaryJson } from './serialize';

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
  positions: [
    { title: MINDEF.title, officeKey: MINDEF.officeKey, startDate: MINDEF.startDate, endDate: MINDEF.endDate },
  ],
});

export const officialProfileExample = officialProfileJson({
  ...shoigu,
  wikidataId: 'Q23460',
  bio: 'Russian Minister of Defence from November 2012 to May 2024, then Secretary of the Security Council.',
  mergedInto: null,
  aliases: ['Sergey Shoygu', 'Shoygu', 'Сергей Шойгу', 'Шойгу'],
  positions: [MINDEF],
});

export const contactRowExample: ContactRow = {
  id: 'cm0call0513',
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

export const gapSeriesExample = gapSeriesJson(
  {
    series: computeSeries(story, makePairKey('OFFICIAL', austin.id, shoigu.id), EXAMPLE_TODAY),
    a: side(austin, SECDEF.title),
    b: side(shoigu, MINDEF.title),
    canonical: '/pairs/officials/lloyd-austin/sergei-shoigu',
  },
  EXAMPLE_TODAY,
);

export const contactsCsvExample = contactsToCsv(
  [contactRowExample],
  contactsExportMeta({
    filters: { official: 'sergei-shoigu', status: ['HELD'], from: '2022-05-01', page: 1, pageSize: 50 },
    total: 1,
    at: EXPORTED_AT,
  }),
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
