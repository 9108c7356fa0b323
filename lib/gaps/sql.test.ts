import { describe, expect, it } from 'vitest';
import { seedDemo } from '../../prisma/seed/demo';
import type { Actor } from '../data/actor';
import { getPairSeries, listSeries, loadGapContacts, loadLeftOffice } from '../data/gaps';
import { getDb } from '../db';
import { setupTestDatabase } from '../testing/database';
import { toIsoDate } from './dates';
import { computeAllSeries, makePairKey } from './engine';
import type { PairLevel } from './types';
import { makeContact, makeOfficial } from '../testing/factories';

setupTestDatabase();

const TODAY = '2026-11-26';
const LEVELS: PairLevel[] = ['OFFICIAL', 'OFFICE', 'COUNTRY'];
const actor: Actor = { userId: null, via: 'cli' };

/** For every pair at every level, the database path equals the pure engine. */
async function expectSqlToMatchPureEngine() {
  const contacts = await loadGapContacts();
  const leftOffice = await loadLeftOffice(TODAY);
  let compared = 0;
  for (const level of LEVELS) {
    const pure = computeAllSeries(contacts, level, TODAY, leftOffice);
    for (const expected of pure) {
      expect(await getPairSeries(expected.pair, TODAY)).toEqual(expected);
      compared += 1;
    }
    // The whole level in one query gives the same series as one pair at a time.
    const byId = (list: { pair: { a: string; b: string } }[]) =>
      [...list].sort((x, y) => (`${x.pair.a}~${x.pair.b}` < `${y.pair.a}~${y.pair.b}` ? -1 : 1));
    expect(byId(await listSeries({ level, all: true }, TODAY))).toEqual(byId(pure));
    // And every pair with one side, as an official's page lists them.
    const side = pure[0]?.pair.a;
    if (side !== undefined) {
      const withSide = pure.filter((s) => s.pair.a === side || s.pair.b === side);
      expect(byId(await listSeries({ level, side }, TODAY))).toEqual(byId(withSide));
    }
  }
  return compared;
}

/** A small deterministic pseudo-random generator, so a failure can be replayed. */
function random(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1664525 + 1013904223) % 2 ** 32;
    return state / 2 ** 32;
  };
}

describe('gap series in PostgreSQL', () => {
  it('finds the founding story in the demo data: 84 days, and 90–97 days where sources disagree', async () => {
    await seedDemo();
    const db = getDb();
    const id = async (slug: string) => (await db.official.findUniqueOrThrow({ where: { slug } })).id;
    const austinShoigu = await getPairSeries(
      makePairKey('OFFICIAL', await id('lloyd-austin'), await id('sergei-shoigu')),
      TODAY,
    );
    expect(austinShoigu.heldCount).toBe(2);
    expect(austinShoigu.gaps).toHaveLength(2);
    expect(austinShoigu.gaps[0]).toMatchObject({
      from: '2022-02-18',
      to: '2022-05-13',
      days: 84,
      minDays: 84,
      maxDays: 84,
    });
    expect(austinShoigu.gaps[0].markers).toMatchObject([{ date: '2022-03-24', status: 'REFUSED' }]);
    // Shoigu left the Ministry of Defence on 12 May 2024: the silence since 13 May 2022 closed then.
    expect(austinShoigu.currentSilence).toBeNull();
    expect(austinShoigu.gaps[1]).toMatchObject({
      from: '2022-05-13',
      to: '2024-05-12',
      days: 730,
      toContactId: null,
      closedBy: { officialId: await id('sergei-shoigu'), on: '2024-05-12', rank: { longerThan: 1, of: 1 } },
    });
    expect(austinShoigu.longestGap?.days).toBe(730);

    const milleyGerasimov = await getPairSeries(
      makePairKey('OFFICIAL', await id('mark-milley'), await id('valery-gerasimov')),
      TODAY,
    );
    expect(milleyGerasimov.gaps[0]).toMatchObject({
      from: '2022-02-11',
      to: '2022-05-19',
      days: 97,
      minDays: 90,
      maxDays: 97,
      disputed: true,
    });
    expect(milleyGerasimov.gaps[0].markers.map((m) => m.status)).toEqual(['REFUSED', 'SCHEDULED']);
    // Milley left on 29 September 2023.
    expect(milleyGerasimov.currentSilence).toBeNull();
    expect(milleyGerasimov.gaps[1]).toMatchObject({ from: '2022-05-19', to: '2023-09-29', days: 498 });

    // Office and country pairs run on, whoever left.
    const offices = await getPairSeries(makePairKey('OFFICE', 'US:SECDEF', 'RU:MINDEF'), TODAY);
    expect(offices.gaps.map((g) => g.days)).toEqual([84]);
    expect(offices.currentSilence).toMatchObject({ since: '2022-05-13', days: 1658 });
    const countries = await getPairSeries(makePairKey('COUNTRY', 'US', 'RU'), TODAY);
    expect(countries.gaps.map((g) => g.days)).toEqual([7, 84, 6]);

    expect(await expectSqlToMatchPureEngine()).toBe(5); // 2 official, 2 office and 1 country pair
  });

  it('resolves the expected Milley–Gerasimov call with their call of 19 May', async () => {
    await seedDemo();
    const expected = await getDb().contact.findFirstOrThrow({
      where: { status: 'SCHEDULED' },
      select: { resolvedBy: { select: { date: true } } },
    });
    expect(expected.resolvedBy && toIsoDate(expected.resolvedBy.date)).toBe('2022-05-19');
  });

  it('matches the pure engine on a random history with office changes, precisions and disputed dates', async () => {
    const next = random(20220513);
    const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)];
    // Tenures that ended (some before contacts dated later), a return to office, one
    // ending after TODAY (still held), and officials with no position at all.
    type Tenure = [office: string, start: string, end: string | null];
    const people: { name: string; country: string; tenures: Tenure[] }[] = [
      { name: 'Ann Alpha', country: 'US', tenures: [['US:SECDEF', '2019-01-01', '2021-06-30']] },
      { name: 'Bob Bravo', country: 'US', tenures: [['US:SECDEF', '2021-07-01', null]] },
      {
        name: 'Cid Charlie',
        country: 'US',
        tenures: [
          ['US:CJCS', '2018-01-01', '2020-01-01'],
          ['US:NSA', '2022-01-01', '2024-10-01'],
        ],
      },
      { name: 'Dan Delta', country: 'RU', tenures: [['RU:MINDEF', '2018-01-01', '2023-03-15']] },
      { name: 'Eva Echo', country: 'RU', tenures: [['RU:CGS', '2020-01-01', '2027-01-01']] },
      { name: 'Fay Foxtrot', country: 'UA', tenures: [] },
      { name: 'Gus Golf', country: 'UA', tenures: [['UA:MOD', '2018-01-01', '2025-12-31']] },
    ];
    const slugs: string[] = [];
    for (const p of people) {
      const official = await makeOfficial(
        {
          name: p.name,
          country: p.country,
          positions: p.tenures.map(([office, start, end]) => ({
            title: office,
            officeKey: office,
            startDate: start,
            endDate: end ?? undefined,
          })),
        },
        actor,
      );
      slugs.push(official.slug);
    }
    for (let i = 0; i < 120; i += 1) {
      const day = new Date(Date.UTC(2018, 0, 1) + Math.floor(next() * 365 * 8) * 86_400_000);
      const precision = pick(['DAY', 'DAY', 'DAY', 'DAY', 'MONTH', 'YEAR'] as const);
      const first = Math.floor(next() * slugs.length);
      let second = Math.floor(next() * slugs.length);
      while (people[second].country === people[first].country) second = Math.floor(next() * slugs.length);
      const participants = [slugs[first], slugs[second]];
      if (next() < 0.2) {
        const third = Math.floor(next() * slugs.length);
        if (!participants.includes(slugs[third])) participants.push(slugs[third]);
      }
      const claim =
        next() < 0.15 ? toIsoDate(new Date(day.getTime() + Math.floor(next() * 15 - 7) * 86_400_000)) : undefined;
      await makeContact(
        {
          date: toIsoDate(day),
          datePrecision: precision,
          type: pick(['CALL', 'MEETING', 'VIDEO_CALL'] as const),
          status: pick(['HELD', 'HELD', 'HELD', 'REFUSED', 'REQUESTED', 'SCHEDULED', 'CANCELLED'] as const),
          participants,
          sources: [{ url: `https://example.org/${i}`, claims: claim ? { date: claim } : undefined }],
        },
        actor,
      );
    }
    // Same-day pairs of held contacts must give gaps of 0 in both paths.
    const [a, b] = [slugs[0], slugs[3]];
    for (let i = 0; i < 2; i += 1) {
      await makeContact(
        {
          date: '2020-02-29',
          participants: [a, b],
          sources: [{ url: 'https://example.org/same-day' }],
        },
        actor,
      );
    }
    expect(await expectSqlToMatchPureEngine()).toBeGreaterThan(20);
    // The history has official pairs closed by a departure and others still running.
    const officials = await listSeries({ level: 'OFFICIAL', all: true }, TODAY);
    expect(officials.some((s) => s.gaps.at(-1)?.closedBy)).toBe(true);
    expect(officials.some((s) => s.currentSilence !== null)).toBe(true);
  });
});
