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
import { loadGapContacts, loadLeftOffice } from '../data/gaps';
import { mergeOfficials, undoMerge } from '../data/merge';
import { updateOfficial } from '../data/official-edits';
import { createOfficial } from '../data/officials';
import { getDb } from '../db';
import { computeAllSeries, computeSeries } from '../gaps/engine';
import type { GapSeries, PairLevel } from '../gaps/types';
import { setupTestDatabase } from '../testing/database';
import { ZContactInput } from '../validation/contact';
import { ZOfficialInput } from '../validation/official';
import { rebuildPairStats } from './rebuild';
import { isRunning } from './lists';
import { seriesFromStats } from './series';

setupTestDatabase();

/** A fixed "today" after every generated date: the engine and the stats are given the same one. */
const TODAY = '2026-06-30';
const LEVELS: PairLevel[] = ['OFFICIAL', 'OFFICE', 'COUNTRY'];
const actor: Actor = { userId: null, via: 'cli' };

function random(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1664525 + 1013904223) % 2 ** 32;
    return state / 2 ** 32;
  };
}

type StatRow = {
  level: PairLevel;
  a: string;
  b: string;
  heldCount: number;
  firstId: string | null;
  firstDate: string | null;
  lastId: string | null;
  lastDate: string | null;
  gapCount: number;
  gapSum: number;
  longestDays: number | null;
  longestFrom: string | null;
  longestTo: string | null;
  medianDays: number | null;
  anyApproximate: boolean;
  anyDisputed: boolean;
  approximateGaps: number;
  disputedGaps: number;
};

async function statRows(): Promise<Map<string, StatRow>> {
  const rows = await getDb().$queryRaw<StatRow[]>`
    SELECT level::text AS level, a, b, held_count AS "heldCount", first_contact_id AS "firstId",
           to_char(first_date, 'YYYY-MM-DD') AS "firstDate", last_contact_id AS "lastId",
           to_char(last_date, 'YYYY-MM-DD') AS "lastDate", gap_count AS "gapCount", gap_sum::int AS "gapSum",
           longest_days AS "longestDays", longest_from_contact_id AS "longestFrom",
           longest_to_contact_id AS "longestTo", median_days AS "medianDays",
           any_approximate AS "anyApproximate", any_disputed AS "anyDisputed",
           approximate_gaps AS "approximateGaps", disputed_gaps AS "disputedGaps"
    FROM pair_stat`;
  return new Map(rows.map((row) => [`${row.level}~${row.a}~${row.b}`, row]));
}

/** What pair_stat must hold for a series the engine computed. */
function expectedStat(series: GapSeries): StatRow {
  const { pair, gaps } = series;
  return {
    level: pair.level,
    a: pair.a,
    b: pair.b,
    heldCount: series.heldCount,
    firstId: series.firstContact?.id ?? null,
    firstDate: series.firstContact?.date ?? null,
    lastId: series.lastContact?.id ?? null,
    lastDate: series.lastContact?.date ?? null,
    gapCount: gaps.length,
    gapSum: gaps.reduce((sum, gap) => sum + gap.days, 0),
    longestDays: series.longestGap?.days ?? null,
    longestFrom: series.longestGap?.fromContactId ?? null,
    longestTo: series.longestGap?.toContactId ?? null,
    medianDays: series.medianGapDays,
    anyApproximate: gaps.some((gap) => gap.approximate),
    anyDisputed: gaps.some((gap) => gap.disputed),
    approximateGaps: gaps.filter((gap) => gap.approximate).length,
    disputedGaps: gaps.filter((gap) => gap.disputed).length,
  };
}

/** Each pair's kept gap lengths (`pair_gap_length`), as "days×gaps" in order of length. */
async function gapLengthRows(): Promise<Map<string, string[]>> {
  const rows = await getDb().$queryRaw<{ key: string; lengths: string[] }[]>`
    SELECT level || '~' || a || '~' || b AS key, array_agg(days || '×' || gaps ORDER BY days) AS lengths
    FROM pair_gap_length GROUP BY level, a, b`;
  return new Map(rows.map((row) => [row.key, row.lengths]));
}

/** The same for a series the engine computed. */
function expectedGapLengths(series: GapSeries): string[] | undefined {
  const counts = new Map<number, number>();
  for (const gap of series.gaps) counts.set(gap.days, (counts.get(gap.days) ?? 0) + 1);
  const lengths = [...counts.entries()].sort(([x], [y]) => x - y).map(([days, gaps]) => `${days}×${gaps}`);
  return lengths.length === 0 ? undefined : lengths;
}

/** Every pair at every level: the stats row and the series read from the stats equal the engine's. */
async function expectStatsToMatchEngine(): Promise<number> {
  const contacts = await loadGapContacts();
  const stats = await statRows();
  const lengths = await gapLengthRows();
  const leftOffice = await loadLeftOffice(TODAY);
  const openUntil = new Map(
    (
      await getDb().$queryRaw<{ key: string; lastDate: string | null; openUntil: string | null }[]>`
        SELECT level || '~' || a || '~' || b AS key, to_char(last_date, 'YYYY-MM-DD') AS "lastDate",
               CASE WHEN open_until = 'infinity' THEN NULL ELSE to_char(open_until, 'YYYY-MM-DD') END AS "openUntil"
        FROM pair_stat`
    ).map((row) => [row.key, row]),
  );
  let compared = 0;
  for (const level of LEVELS) {
    for (const series of computeAllSeries(contacts, level, TODAY)) {
      const key = `${level}~${series.pair.a}~${series.pair.b}`;
      // pair_stat holds the gaps between contacts; the series read from it also closes a silence on a departure.
      expect(stats.get(key), key).toEqual(expectedStat(series));
      expect(lengths.get(key), key).toEqual(expectedGapLengths(series));
      lengths.delete(key);
      const closing = computeSeries(contacts, series.pair, TODAY, leftOffice);
      expect(await seriesFromStats(getDb(), series.pair, TODAY), key).toEqual(closing);
      // The lists' rule on pair_stat.open_until agrees with the engine on which silences still run.
      expect(isRunning(openUntil.get(key)!, TODAY), key).toBe(closing.currentSilence !== null);
      stats.delete(key);
      compared += 1;
    }
  }
  // No row for a pair the engine does not know.
  expect([...stats.keys()]).toEqual([]);
  expect([...lengths.keys()]).toEqual([]);
  // A write adjusts each pair's count of live contacts by what it changed: still the rows' own count.
  const miscounted = await getDb().$queryRaw<{ key: string }[]>`
    SELECT s.level || '~' || s.a || '~' || s.b AS key FROM pair_stat s
    WHERE s.contact_count <> (SELECT count(*) FROM pair_contact pc WHERE pc.level = s.level AND pc.a = s.a AND pc.b = s.b)`;
  expect(miscounted).toEqual([]);
  return compared;
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
    const created = await createOfficial(
      ZOfficialInput.parse({
        name: person.name,
        country: person.country,
        positions: person.positions.map(([office, start, end]) => ({
          title: office,
          officeKey: office,
          startDate: start,
          endDate: end ?? undefined,
        })),
      }),
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

describe('pair statistics', () => {
  it('equal the engine after a bulk load and rebuild, and after random writes of every kind', async () => {
    const officials = await createOfficials();
    const rebuilt = await bulkLoad(3000);
    expect(rebuilt.pairContacts).toBeGreaterThan(3000);
    expect(await expectStatsToMatchEngine()).toBeGreaterThan(40);

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
    expect(await expectStatsToMatchEngine()).toBeGreaterThan(40);
  }, 240_000);

  it('lets concurrent writes to the same pairs finish without deadlock, and stay exact', async () => {
    const officials = await createOfficials();
    const [us1, us2, ru1, ru2] = [officials[0], officials[2], officials[3], officials[5]];
    // Each write counts for several pairs, named in opposite orders, so the lock order matters.
    const writes = Array.from({ length: 12 }, (_, i) =>
      createContact(
        ZContactInput.parse({
          date: `2021-0${1 + (i % 9)}-1${i % 10}`,
          type: 'CALL',
          status: 'HELD',
          participants:
            i % 2 === 0 ? [us1.slug, us2.slug, ru1.slug, ru2.slug] : [ru2.slug, ru1.slug, us2.slug, us1.slug],
          sources: [{ url: `https://example.org/race/${i}` }],
        }),
        actor,
      ),
    );
    await Promise.all(writes);
    // Four official pairs; one office pair (the others held no office in 2021); one country pair.
    expect(await expectStatsToMatchEngine()).toBe(4 + 1 + 1);
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
    expect(await expectStatsToMatchEngine()).toBe(3);
  });
});
