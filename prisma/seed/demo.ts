/**
 * The demo data set: the founding story of Counterpart (../shared/seed/founding-story.txt),
 * every contact with real, quoted sources. Loading it twice changes nothing.
 */
import { SEED_ACTOR } from '../../lib/data/actor';
import { createContact } from '../../lib/data/contacts';
import { createOfficial } from '../../lib/data/officials';
import { getDb } from '../../lib/db';
import { dbDate } from '../../lib/data/dates';
import { writeAudit } from '../../lib/data/audit';
import { ZContactInput, type ContactInput } from '../../lib/validation/contact';
import { ZOfficialInput, type OfficialInput } from '../../lib/validation/official';
import type { z } from 'zod';

type OfficialSeed = z.input<typeof ZOfficialInput> & { slug: string };
type ContactSeed = z.input<typeof ZContactInput> & { key: string };

const OFFICIALS: OfficialSeed[] = [
  {
    slug: 'lloyd-austin',
    name: 'Lloyd Austin',
    country: 'US',
    otherNames: ['Lloyd J. Austin III', 'Ллойд Остин'],
    bio: 'US Secretary of Defense from January 2021 to January 2025; retired Army general.',
    positions: [
      {
        title: 'Secretary of Defense',
        officeKey: 'US:SECDEF',
        organisation: 'US Department of Defense',
        startDate: '2021-01-22',
        endDate: '2025-01-20',
      },
    ],
  },
  {
    slug: 'sergei-shoigu',
    name: 'Sergei Shoigu',
    country: 'RU',
    otherNames: ['Сергей Шойгу', 'Шойгу', 'Sergey Shoygu', 'Shoygu', 'Sergey Kuzhugetovich Shoygu'],
    wikidataId: 'Q23460',
    bio: 'Russian Minister of Defence from November 2012 to May 2024, then Secretary of the Security Council.',
    positions: [
      {
        title: 'Minister of Defence',
        officeKey: 'RU:MINDEF',
        organisation: 'Ministry of Defence of the Russian Federation',
        startDate: '2012-11-06',
        endDate: '2024-05-12',
      },
    ],
  },
  {
    slug: 'mark-milley',
    name: 'Mark Milley',
    country: 'US',
    otherNames: ['Mark A. Milley', 'Марк Милли'],
    bio: 'Chairman of the Joint Chiefs of Staff from October 2019 to September 2023.',
    positions: [
      {
        title: 'Chairman of the Joint Chiefs of Staff',
        officeKey: 'US:CJCS',
        organisation: 'Joint Chiefs of Staff',
        startDate: '2019-10-01',
        endDate: '2023-09-29',
      },
    ],
  },
  {
    slug: 'valery-gerasimov',
    name: 'Valery Gerasimov',
    country: 'RU',
    otherNames: ['Валерий Герасимов', 'Valeriy Gerasimov', 'Valery Vasilyevich Gerasimov'],
    bio: 'Chief of the General Staff of the Russian Armed Forces since November 2012.',
    positions: [
      {
        title: 'Chief of the General Staff',
        officeKey: 'RU:CGS',
        organisation: 'General Staff of the Armed Forces of the Russian Federation',
        startDate: '2012-11-09',
      },
    ],
  },
  {
    slug: 'john-kirby',
    name: 'John Kirby',
    country: 'US',
    otherNames: ['John F. Kirby', 'Джон Кирби'],
    bio:
      'Pentagon Press Secretary (Assistant to the Secretary of Defense for Public Affairs) under Lloyd Austin, ' +
      'then from June 2022 National Security Council Coordinator for Strategic Communications.',
    // Tenure: he thanked Austin for "these last 18 months" when named to the NSC on 20 May 2022
    // (AP), and was to "start at the National Security Council in June" (ABC News).
    links: [
      'https://www.wtvr.com/news/national/pentagon-press-secretary-john-kirby-to-lead-bidens-national-security-communications-team',
      'https://www.wsgw.com/john-kirby-to-take-on-top-strategy-role-with-national-security-council-2/',
    ],
    positions: [
      {
        title: 'Pentagon Press Secretary',
        officeKey: 'US:DOD_PRESS_SECRETARY',
        organisation: 'US Department of Defense',
        startDate: '2021-01-20',
        endDate: '2022-05-31',
      },
    ],
  },
];

/** The Pentagon's statement of 24 March 2022, the source of both refused requests. */
const REFUSALS_REPORTED = {
  url: 'https://thehill.com/policy/defense/599512-russian-military-leaders-rejecting-outreach-from-us-counterparts-report/',
  publisher: 'The Hill',
  title: 'Russian military leaders rejecting outreach from US counterparts',
  publishedAt: '2022-03-24',
  side: 'press, citing the Pentagon',
  quote:
    '“Over the past month, Secretary Austin and Chairman Milley have sought, and continue to seek, calls with ' +
    'their Russian counterparts. Minister Shoigu and General Gerasimov have so far declined to engage,” Kirby said.',
};

const CONTACTS: ContactSeed[] = [
  {
    key: 'seed:milley-gerasimov-2022-02-11',
    date: '2022-02-11',
    type: 'CALL',
    status: 'HELD',
    participants: ['mark-milley', 'valery-gerasimov'],
    summary: 'The military leaders discussed several security-related issues of concern; details kept private.',
    topics: ['ukraine'],
    sources: [
      {
        url: 'https://www.washingtonexaminer.com/policy/defense-national-security/pentagon-officials-havent-contacted-russian-counterparts-in-several-weeks',
        publisher: 'Washington Examiner',
        title: 'Pentagon officials haven’t contacted Russian counterparts in several weeks',
        side: 'press, citing the Joint Staff',
        quote:
          "Milley's last conversation with Gerasimov took place Feb. 11, and Joint Staff spokesman Col. Dave Butler " +
          'said at the time, "The military leaders discussed several security-related issues of concern. In ' +
          'accordance with past practice, both have agreed to keep the specific details of their conversation private."',
        claims: { date: '2022-02-11' },
      },
      {
        url: 'https://thehill.com/policy/defense/3494706-milley-speaks-with-russian-counterpart-for-first-time-since-start-of-war/',
        publisher: 'The Hill',
        title: 'Milley speaks with Russian counterpart for first time since start of war',
        publishedAt: '2022-05-19',
        side: 'press',
        quote:
          'The last time the two military officials spoke was on Feb. 18, six days before Russia first attacked Ukraine.',
        claims: { date: '2022-02-18' },
      },
    ],
  },
  {
    key: 'seed:austin-shoigu-2022-02-18',
    date: '2022-02-18',
    type: 'CALL',
    status: 'HELD',
    participants: ['lloyd-austin', 'sergei-shoigu'],
    summary:
      'Austin called for de-escalation, the return of Russian forces surrounding Ukraine to their home bases, ' +
      'and a diplomatic resolution.',
    topics: ['ukraine', 'de-escalation'],
    sources: [
      {
        url: 'https://www.washingtonexaminer.com/policy/defense-national-security/pentagon-officials-havent-contacted-russian-counterparts-in-several-weeks',
        publisher: 'Washington Examiner',
        side: 'press, citing the US readout',
        quote:
          'Austin and his counterpart last spoke a week later, on Feb. 18, and Kirby said at the time, "Secretary of ' +
          'Defense Lloyd J. Austin III spoke with Russian Minister of Defense Sergei Shoigu. Secretary Austin called ' +
          'for de-escalation, the return of Russian forces surrounding Ukraine to their home bases, and a diplomatic resolution."',
      },
      {
        url: 'https://www.politico.com/news/2022/10/21/u-s-russian-defense-chiefs-00062903',
        publisher: 'Politico',
        publishedAt: '2022-10-21',
        side: 'press',
        quote: 'Before that May call, the two spoke on Feb. 18, six days before the invasion.',
      },
    ],
  },
  {
    key: 'seed:austin-shoigu-refused-2022-03-24',
    date: '2022-03-24',
    type: 'CALL',
    status: 'REFUSED',
    participants: ['lloyd-austin', 'sergei-shoigu'],
    initiator: 'lloyd-austin',
    summary: 'The Pentagon said Austin had sought calls with Shoigu over the past month; Russia declined to engage.',
    sources: [REFUSALS_REPORTED],
  },
  {
    key: 'seed:milley-gerasimov-refused-2022-03-24',
    date: '2022-03-24',
    type: 'CALL',
    status: 'REFUSED',
    participants: ['mark-milley', 'valery-gerasimov'],
    initiator: 'mark-milley',
    summary: 'The Pentagon said Milley had sought calls with Gerasimov over the past month; Russia declined to engage.',
    sources: [REFUSALS_REPORTED],
  },
  {
    key: 'seed:austin-shoigu-2022-05-13',
    date: '2022-05-13',
    type: 'CALL',
    status: 'HELD',
    participants: ['lloyd-austin', 'sergei-shoigu'],
    initiator: 'lloyd-austin',
    durationMinutes: 60,
    summary:
      'First call since 18 February. Austin urged an immediate ceasefire in Ukraine and emphasized the importance ' +
      'of maintaining lines of communication. About an hour, at the US request.',
    topics: ['ukraine', 'ceasefire'],
    sources: [
      {
        url: 'https://www.axios.com/2022/05/13/lloyd-austin-russian-minister-of-defense-invasion',
        publisher: 'Axios',
        title: 'Austin urges "immediate ceasefire" in call with Russia’s defense minister',
        publishedAt: '2022-05-13',
        side: 'press, citing the US readout',
        quote:
          'Austin “urged an immediate ceasefire in Ukraine and emphasized the importance of maintaining lines of ' +
          'communication,” Pentagon spokesperson John Kirby said in a statement. The approximately hourlong phone call ' +
          'was requested by the U.S. side, per the senior official.',
        claims: { durationMinutes: 60, initiator: 'lloyd-austin' },
      },
      {
        url: 'http://stylemagazine.com/news/2022/may/13/us-defense-secretary-speaks-russian-counterpart-fi',
        publisher: 'CNN (Oren Liebermann), via the Style Magazine newswire',
        title: 'US defense secretary speaks with Russian counterpart for first time since Russia invaded Ukraine',
        publishedAt: '2022-05-13',
        side: 'press',
        quote:
          'The call lasted approximately an hour and was at the request of Austin, who used the first call between ' +
          'the two in 84 days to urge Defense Minister Sergei Shoigu to implement an "immediate ceasefire," according ' +
          'to a brief readout of the call.',
      },
      {
        url: 'https://www.artsakhpress.am/eng/news/163414/',
        publisher: 'Artsakhpress, citing TASS',
        publishedAt: '2022-05-14',
        side: 'Russian readout',
        quote:
          '“Russian Defense Minister Sergey Shoigu had telephone talks with US Secretary of Defense Lloyd Austin at ' +
          'the initiative of the American side. The sides discussed current issues of international security, ' +
          'including the situation in Ukraine,” the ministry said.',
      },
    ],
  },
  {
    key: 'seed:milley-gerasimov-expected-2022-05-13',
    date: '2022-05-13',
    type: 'CALL',
    status: 'SCHEDULED',
    participants: ['mark-milley', 'valery-gerasimov'],
    initiator: 'mark-milley',
    summary:
      'Expected, not scheduled: after the Austin–Shoigu call, Milley was expected to reach out to Gerasimov to see ' +
      'if a call could be scheduled.',
    sources: [
      {
        url: 'http://stylemagazine.com/news/2022/may/13/us-defense-secretary-speaks-russian-counterpart-fi',
        publisher: 'CNN (Oren Liebermann), via the Style Magazine newswire',
        title: 'US defense secretary speaks with Russian counterpart for first time since Russia invaded Ukraine',
        publishedAt: '2022-05-13',
        side: 'press, citing a US defense official',
        quote:
          'Following the call between Austin and Shoigu, Milley is also expected to reach out to his Russian ' +
          "counterpart to see if it's possible to schedule a call, a defense official tells CNN, but there is no " +
          'conversation currently on the schedule.',
      },
    ],
  },
  {
    key: 'seed:milley-gerasimov-2022-05-19',
    date: '2022-05-19',
    type: 'CALL',
    status: 'HELD',
    participants: ['mark-milley', 'valery-gerasimov'],
    initiator: 'mark-milley',
    summary:
      'The military leaders discussed several security-related issues of concern and agreed to keep the lines of ' +
      'communication open.',
    topics: ['ukraine'],
    sources: [
      {
        url: 'https://thehill.com/policy/defense/3494706-milley-speaks-with-russian-counterpart-for-first-time-since-start-of-war/',
        publisher: 'The Hill',
        title: 'Milley speaks with Russian counterpart for first time since start of war',
        publishedAt: '2022-05-19',
        side: 'US readout',
        quote:
          'Milley spoke by phone with Valery Gerasimov, chief of the Russian general staff, and they “discussed ' +
          'several security-related issues of concern and agreed to keep the lines of communication open,” Joint ' +
          'Staff spokesperson Col. Dave Butler said in a readout of the conversation.',
      },
      {
        url: 'https://nationalpost.com/pmn/news-pmn/top-u-s-russian-general-speak-for-first-time-since-ukraine-invasion',
        publisher: 'Reuters, via National Post',
        publishedAt: '2022-05-19',
        side: 'press, citing the Russian defense ministry',
        quote:
          'RIA news agency, citing the Russian defense ministry, said the two military leaders discussed issues of ' +
          '“mutual interest,” including Ukraine.',
      },
    ],
  },
];

const INVASION = {
  date: '2022-02-24',
  title: 'Russia invades Ukraine',
  description: 'Russia begins its full-scale invasion of Ukraine.',
  url: 'https://www.politico.com/news/2022/10/21/u-s-russian-defense-chiefs-00062903',
  countries: ['RU', 'UA'],
};

const DECONFLICTION_LINE = {
  slug: 'us-russia-deconfliction-line',
  name: 'US–Russia deconfliction line',
  description:
    'Line between the US European Command and the Russian Ministry of Defence, set up to avoid miscalculation; ' +
    'the Pentagon said it was tested once or twice a day.',
  countries: ['RU', 'US'],
  establishedOn: '2022-03-01',
  sourceUrl:
    'https://thehill.com/policy/defense/599585-pentagon-russian-defense-officials-have-declined-to-take-multiple-calls-from-us-counterparts/',
};

/** Loads the demo data set; what is already there is left alone. Returns what it added. */
export async function seedDemo(): Promise<{ officials: number; contacts: number; other: number }> {
  const db = getDb();
  const added = { officials: 0, contacts: 0, other: 0 };

  for (const { slug, ...seed } of OFFICIALS) {
    if (await db.official.findUnique({ where: { slug }, select: { id: true } })) continue;
    const official = await createOfficial(ZOfficialInput.parse(seed) as OfficialInput, SEED_ACTOR);
    if (official.slug !== slug) throw new Error(`Seed official got slug ${official.slug}, expected ${slug}`);
    added.officials += 1;
  }

  if (!(await db.channel.findUnique({ where: { slug: DECONFLICTION_LINE.slug }, select: { id: true } }))) {
    await db.$transaction(async (tx) => {
      const channel = await tx.channel.create({
        data: { ...DECONFLICTION_LINE, establishedOn: dbDate(DECONFLICTION_LINE.establishedOn) },
      });
      await writeAudit(tx, SEED_ACTOR, {
        action: 'create',
        entityType: 'channel',
        entityId: channel.id,
        after: DECONFLICTION_LINE,
      });
    });
    added.other += 1;
  }

  if (!(await db.contextEvent.findFirst({ where: { title: INVASION.title, date: dbDate(INVASION.date) } }))) {
    await db.$transaction(async (tx) => {
      const event = await tx.contextEvent.create({ data: { ...INVASION, date: dbDate(INVASION.date) } });
      await writeAudit(tx, SEED_ACTOR, {
        action: 'create',
        entityType: 'context_event',
        entityId: event.id,
        after: INVASION,
      });
    });
    added.other += 1;
  }

  for (const { key, ...seed } of CONTACTS) {
    if (await db.contact.findUnique({ where: { importKey: key }, select: { id: true } })) continue;
    await createContact(ZContactInput.parse(seed) as ContactInput, SEED_ACTOR, { importKey: key });
    added.contacts += 1;
  }
  return added;
}
