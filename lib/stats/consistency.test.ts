/**
 * The kept statistics equal what the gap engine computes from scratch, pair by
 * pair at every level: after a bulk load and `rebuild`, and after random
 * creates, edits, deletes, merges, undos, tenure changes and country
 * corrections through the real write paths; concurrent writes do not deadlock;
 * a write that fails after its statistics step leaves them as they were.
 */
import { describe, expect, it } from 'vitest';
import type { Actor } from '../data/actor';
import { deleteContact, updateContact } from '../data/contact-edits';
import { createContact } from '../data/contacts';
import { mergeOfficials, undoMerge } from '../data/merge';
import { updateOfficial } from '../data/official-edits';
import { getDb } from '../db';
import { Prisma } from '../generated/prisma/client';
import { setupTestDatabase } from '../testing/database';
import { expectStatsToMatchEngine } from '../testing/stats-check';
import { ZContactInput } from '../validation/contact';
import { innerPairs, type InnerPairRow } from './pair-reads';
import { rebuildPairStats } from './rebuild';
import { makeContact, makeOfficial } from '../testing/factories';

setupTestDatabase();

/** A fixed "today" after every generated date: the engine and the stats are given the same one. */
const TODAY = '2026-06-30';
const actor: Actor = { userId: null, via: 'cli' };

function random(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1664525 + 1013904223) % 2 ** 32;
    return state / 2 ** 32;
  };
}

const OFFICES = ['US:SECDEF', 'US:CJCS', 'RU:MINDEF', 'RU:CGS', 'CN:MND', 'UA:MOD'];

/** Officials of four countries, several holding one office in turn, two with no positions. */
async function createOfficials() {
  const people = [
    { name: 'Ann Alpha', country: 'US', positions: [['US:SECDEF', '2000-01-01', '2009-12-31']] },
    { name: 'Bob Bravo', country: 'US', positions: [['US:SECDEF', '2010-01-01', null]] },
    { name: 'Cid Charlie', country: 'US', positions: [['US:CJCS', '2000-01-01', null]] },
    { name: 'Dan Delta', country: 'RU', positions: [['RU:MINDEF', '2000-01-01', '2014-06-30']] },
    { name: 'Eva Echo', country: 'RU', positions: [['RU:MINDEF', '2014-07-01', null]] },
    { name: 'Fay Foxtrot', country: 'RU', positions: [['RU:CGS', '2005-01-01', null]] },
    { name: 'Gus Golf', country: 'CN', positions: [['CN:MND', '2000-01-01', null]] },
    { name: 'Hal Hotel', country: 'CN', positions: [] },
    { name: 'Ida India', country: 'UA', positions: [['UA:MOD', '2010-01-01', null]] },
    { name: 'Jon Juliet', country: 'UA', positions: [] },
  ] as const;
  const officials = [];
  for (const person of people) {
    const created = await makeOfficial(
      {
        name: person.name,
        country: person.country,
        positions: person.positions.map(([office, start, end]) => ({
          title: office,
          officeKey: office,
          startDate: start,
          endDate: end ?? undefined,
        })),
      },
      actor,
    );
    officials.push({ id: created.id, slug: created.slug, country: person.country as string });
  }
  return officials;
}

/**
 * A few thousand contacts written straight into the tables, as a bulk load
 * would, each participant with the position held that day; then `rebuild`.
 */
async function bulkLoad(count: number) {
  const db = getDb();
  await db.$executeRaw`SELECT setseed(0.42)`;
  // Precision-bound dates start their period, as the write path stores them.
  await db.$executeRaw`
    INSERT INTO contact (id, date, date_precision, type, status, updated_at)
    SELECT id, CASE precision WHEN 'MONTH' THEN date_trunc('month', day)::date
                              WHEN 'YEAR' THEN date_trunc('year', day)::date ELSE day END,
           precision::"DatePrecision", type::"ContactType", status::"ContactStatus", now()
    FROM (
      SELECT 'bulk' || lpad(i::text, 6, '0') AS id, date '2000-01-01' + (random() * 9000)::int AS day,
             CASE WHEN random() < 0.9 THEN 'DAY' WHEN random() < 0.5 THEN 'MONTH' ELSE 'YEAR' END AS precision,
             (ARRAY['CALL', 'MEETING', 'VIDEO_CALL'])[1 + (random() * 2)::int] AS type,
             CASE WHEN random() < 0.8 THEN 'HELD'
                  ELSE (ARRAY['REQUESTED', 'REFUSED', 'SCHEDULED', 'CANCELLED'])[1 + (random() * 3)::int] END AS status
      FROM generate_series(1, ${count}) i
    ) generated`;
  // Two or three officials from at least two countries, skewed towards the first ones.
  await db.$executeRaw`
    WITH o AS (SELECT id, country, (row_number() OVER (ORDER BY name))::int - 1 AS n FROM official),
    r AS (
      SELECT id AS contact_id, date, floor(power(random(), 2) * 10)::int AS xi, floor(random() * 10)::int AS yi,
             floor(random() * 10)::int AS zi, random() < 0.1 AS third
      FROM contact WHERE id LIKE 'bulk%'
    ),
    pick AS (
      SELECT r.contact_id, r.date, x.id AS x,
             (SELECT o.id FROM o WHERE o.country <> x.country ORDER BY (o.n - r.yi + 10) % 10 LIMIT 1) AS y,
             CASE WHEN r.third THEN (SELECT o.id FROM o WHERE o.n = r.zi) END AS z
      FROM r JOIN o x ON x.n = r.xi
    ),
    people AS (
      SELECT contact_id, date, x AS official_id FROM pick
      UNION SELECT contact_id, date, y FROM pick
      UNION SELECT contact_id, date, z FROM pick WHERE z IS NOT NULL
    )
    INSERT INTO participant (contact_id, official_id, position_id, country, office_key)
    SELECT p.contact_id, p.official_id, held.id, f.country, held.office_key
    FROM people p JOIN official f ON f.id = p.official_id
    LEFT JOIN LATERAL (
      SELECT pos.id, pos.office_key FROM position pos
      WHERE pos.official_id = p.official_id AND pos.start_date <= p.date AND (pos.end_date IS NULL OR pos.end_date >= p.date)
      ORDER BY pos.start_date DESC LIMIT 1
    ) held ON true`;
  // Every contact has a source; one in twenty a source claiming another day.
  await db.$executeRaw`
    INSERT INTO source (id, contact_id, url, claimed_date)
    SELECT 'bs' || c.id, c.id, 'https://example.org/' || c.id,
           CASE WHEN random() < 0.05 THEN c.date + (random() * 14 - 7)::int END
    FROM contact c WHERE c.id LIKE 'bulk%'`;
  return rebuildPairStats(db);
}

/**
 * Each country pair's inner official and office pairs (read from the statistics) equal what its
 * contacts' participants give, counted the slow way: every pair, its number of contacts and the date
 * of its latest of any status. Returns how many inner pairs were compared.
 */
async function expectInnerPairsToMatchParticipants(): Promise<number> {
  const db = getDb();
  const countryPairs = await db.pairStat.findMany({ where: { level: 'COUNTRY' }, select: { a: true, b: true } });
  let compared = 0;
  for (const { a, b } of countryPairs) {
    for (const [target, column] of [
      ['OFFICIAL', Prisma.raw('official_id')],
      ['OFFICE', Prisma.raw('office_key')],
    ] as const) {
      const expected = await db.$queryRaw<InnerPairRow[]>`
        SELECT px.${column} AS x, py.${column} AS y, count(DISTINCT o.contact_id)::int AS contacts,
               to_char(max(o.date), 'YYYY-MM-DD') AS last
        FROM pair_contact o
        JOIN participant px ON px.contact_id = o.contact_id AND px.country = o.a
        JOIN participant py ON py.contact_id = o.contact_id AND py.country = o.b
        WHERE o.level = 'COUNTRY' AND o.a = ${a} AND o.b = ${b}
          AND px.${column} IS NOT NULL AND py.${column} IS NOT NULL
        GROUP BY px.${column}, py.${column}
        ORDER BY max(o.date) DESC, px.${column}, py.${column}
        LIMIT 200`;
      expect(await innerPairs(db, { level: 'COUNTRY', a, b }, target), `${target} pairs inside ${a}–${b}`).toEqual(
        expected,
      );
      compared += expected.length;
    }
  }
  return compared;
}

describe('pair statistics', () => {
  it('equal the engine after a bulk load and rebuild, and after random writes of every kind', async () => {
    const officials = await createOfficials();
    const rebuilt = await bulkLoad(3000);
    expect(rebuilt.pairContacts).toBeGreaterThan(3000);
    expect(await expectStatsToMatchEngine(TODAY)).toBeGreaterThan(40);

    const next = random(19620000);
    const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)];
    const day = () => {
      const date = new Date(Date.UTC(2000, 0, 1) + Math.floor(next() * 9000) * 86_400_000);
      return date.toISOString().slice(0, 10);
    };
    const live = async () =>
      (await getDb().contact.findMany({ where: { deletedAt: null }, select: { id: true, version: true } })).sort(
        (x, y) => (x.id < y.id ? -1 : 1),
      );
    const contactInput = (i: number) => {
      const first = pick(officials);
      const second = pick(officials.filter((o) => o.country !== first.country));
      const date = day();
      return ZContactInput.parse({
        date,
        type: pick(['CALL', 'MEETING'] as const),
        status: pick(['HELD', 'HELD', 'HELD', 'REFUSED', 'SCHEDULED'] as const),
        participants: [first.slug, second.slug],
        sources: [{ url: `https://example.org/op/${i}`, claims: next() < 0.1 ? { date: day() } : undefined }],
      });
    };
    const mergeAudits: string[] = [];
    const done = { create: 0, edit: 0, delete: 0, tenure: 0, merge: 0, undo: 0 };

    for (let i = 0; i < 60; i += 1) {
      const roll = next();
      if (roll < 0.3) {
        await createContact(contactInput(i), actor);
        done.create += 1;
      } else if (roll < 0.55) {
        const target = pick(await live());
        await updateContact(target.id, contactInput(i), { version: target.version }, actor);
        done.edit += 1;
      } else if (roll < 0.7) {
        const target = pick(await live());
        await deleteContact(target.id, { version: target.version }, actor);
        done.delete += 1;
      } else if (roll < 0.8) {
        // A tenure change: an office's holder hands over on another day, moving contacts between office pairs.
        const holder = pick(officials.slice(0, 7));
        const current = await getDb().official.findUniqueOrThrow({
          where: { id: holder.id },
          select: { version: true },
        });
        const start = day();
        await updateOfficial(
          holder.id,
          {
            positions: [
              {
                title: 'Acting',
                officeKey: pick(OFFICES.filter((o) => o.startsWith(holder.country))),
                startDate: start,
              },
            ],
          },
          { version: current.version },
          actor,
        ).then(
          () => (done.tenure += 1),
          (error: unknown) => {
            // Another holder of that office on those days: the write is refused, and nothing changes.
            if (!(error instanceof Error) || !/holder|overlap|held/i.test(error.message)) throw error;
          },
        );
      } else if (roll < 0.9 || mergeAudits.length === 0) {
        const pool = (
          await getDb().official.findMany({
            where: { mergedIntoId: null },
            select: { id: true, country: true, version: true },
          })
        ).filter((o) => o.country === 'CN' || o.country === 'UA');
        const [duplicate, kept] = [pool[0], pool.find((o) => o.country === pool[0]?.country && o.id !== pool[0].id)];
        if (duplicate && kept) {
          const merged = await mergeOfficials(
            {
              duplicateId: duplicate.id,
              keptId: kept.id,
              duplicateVersion: duplicate.version,
              keptVersion: kept.version,
            },
            actor,
          );
          mergeAudits.push(merged.auditId);
          done.merge += 1;
        }
      } else {
        await undoMerge(BigInt(mergeAudits.pop()!), actor);
        done.undo += 1;
      }
    }
    // Every kind of write happened, some more than once.
    for (const count of Object.values(done)) expect(count).toBeGreaterThan(0);
    // A corrected country moves an official's contacts between country pairs.
    const moved = officials[7];
    const version = (await getDb().official.findUniqueOrThrow({ where: { id: moved.id }, select: { version: true } }))
      .version;
    await updateOfficial(moved.id, { country: 'GB' }, { version }, actor);
    expect(await expectStatsToMatchEngine(TODAY)).toBeGreaterThan(40);
    expect(await expectInnerPairsToMatchParticipants()).toBeGreaterThan(10);
  }, 240_000);

  it('lets concurrent writes to the same pairs finish without deadlock, and stay exact', async () => {
    const officials = await createOfficials();
    const [us1, us2, ru1, ru2] = [officials[0], officials[2], officials[3], officials[5]];
    // Each write counts for several pairs, named in opposite orders, so the lock order matters.
    const writes = Array.from({ length: 12 }, (_, i) =>
      makeContact(
        {
          date: `2021-0${1 + (i % 9)}-1${i % 10}`,
          participants:
            i % 2 === 0 ? [us1.slug, us2.slug, ru1.slug, ru2.slug] : [ru2.slug, ru1.slug, us2.slug, us1.slug],
          sources: [{ url: `https://example.org/race/${i}` }],
        },
        actor,
      ),
    );
    await Promise.all(writes);
    // Four official pairs; one office pair (the others held no office in 2021); one country pair.
    expect(await expectStatsToMatchEngine(TODAY)).toBe(4 + 1 + 1);
  });

  it('are left as they were when a write fails after its statistics step', async () => {
    const officials = await createOfficials();
    const input = (date: string) =>
      ZContactInput.parse({
        date,
        type: 'CALL',
        status: 'HELD',
        participants: [officials[0].slug, officials[3].slug],
        sources: [{ url: 'https://example.org/fail' }],
      });
    await createContact(input('2005-03-01'), actor);
    const before = await getDb().$queryRaw`SELECT * FROM pair_stat ORDER BY level, a, b`;
    const rowsBefore = await getDb().$queryRaw`SELECT * FROM pair_contact ORDER BY level, a, b, contact_id`;
    const lengthsBefore = await getDb().$queryRaw`SELECT * FROM pair_gap_length ORDER BY level, a, b, days`;
    await expect(
      getDb().$transaction(async (tx) => {
        await createContact(input('2006-03-01'), actor, { tx });
        // The statistics step ran: this transaction sees the new gap.
        const [{ gaps }] = await tx.$queryRaw<{ gaps: number }[]>`SELECT sum(gap_count)::int AS gaps FROM pair_stat`;
        expect(gaps).toBeGreaterThan(0);
        throw new Error('fails after the statistics step');
      }),
    ).rejects.toThrow('fails after the statistics step');
    expect(await getDb().$queryRaw`SELECT * FROM pair_stat ORDER BY level, a, b`).toEqual(before);
    expect(await getDb().$queryRaw`SELECT * FROM pair_contact ORDER BY level, a, b, contact_id`).toEqual(rowsBefore);
    expect(await getDb().$queryRaw`SELECT * FROM pair_gap_length ORDER BY level, a, b, days`).toEqual(lengthsBefore);
    expect(await expectStatsToMatchEngine(TODAY)).toBe(3);
  });
});
