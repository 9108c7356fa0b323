import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { positionsOn } from '../lib/data/officials';
import { getDb } from '../lib/db';
import { pairId, pairKeysOf } from '../lib/gaps/engine';
import type { PairLevel } from '../lib/gaps/types';
import { setupTestDatabase } from '../lib/testing/database';
import { isCountryCode } from '../lib/validation/common';
import { seedDemo } from '../prisma/seed/demo';
import { BENCH_COUNTRIES, benchSettings, type BenchDataResult } from './bench-data';
import { runScript, type ScriptResult } from './lib/run';

setupTestDatabase();

/** Runs `npm run bench:data` as a user would, on the test database. */
function benchData(env: Record<string, string>) {
  const base: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: inject('ownerDatabaseUrl') };
  delete base.SEED_DEMO;
  delete base.BENCH_CONTACTS;
  delete base.BENCH_OFFICIALS;
  return runScript('scripts/bench-data.ts', { env: { ...base, ...env } });
}

const SMALL = { BENCH_CONTACTS: '3000', BENCH_OFFICIALS: '200' };
// Each run starts tsx, applies migrations and rebuilds the pair statistics: a while on a busy machine.
const SLOW = { timeout: 600_000 };

let owner: pg.Client;

beforeAll(async () => {
  owner = new pg.Client({ connectionString: inject('ownerDatabaseUrl') });
  await owner.connect();
});

afterAll(async () => {
  await owner.end();
});

async function rows<T extends pg.QueryResultRow>(sql: string, values: unknown[] = []): Promise<T[]> {
  return (await owner.query<T>(sql, values)).rows;
}

/** The number of rows a query counts. */
async function count(sql: string): Promise<number> {
  return Number((await rows<{ n: string }>(sql))[0].n);
}

/** Everything the demo seed made, and its pairs' statistics (which bench officials cannot be in). */
async function demoRows() {
  return {
    officials: await rows(`SELECT * FROM official WHERE id NOT LIKE 'bench-%' ORDER BY id`),
    positions: await rows(`SELECT * FROM position WHERE id NOT LIKE 'bench-%' ORDER BY id`),
    offices: await rows(`SELECT * FROM office WHERE key NOT LIKE '__:BENCH\\_%' ORDER BY key`),
    contacts: await rows(`SELECT * FROM contact WHERE id NOT LIKE 'bench-%' ORDER BY id`),
    participants: await rows(
      `SELECT * FROM participant WHERE contact_id NOT LIKE 'bench-%' ORDER BY contact_id, official_id`,
    ),
    sources: await rows(`SELECT * FROM source WHERE id NOT LIKE 'bench-%' ORDER BY id`),
    channels: await rows(`SELECT * FROM channel WHERE id NOT LIKE 'bench-%' ORDER BY id`),
    events: await rows(`SELECT * FROM context_event WHERE id NOT LIKE 'bench-%' ORDER BY id`),
    // All but the version, which a rebuild starts again at 1.
    pairStats: await rows(
      `SELECT to_jsonb(s) - 'version' AS stat FROM pair_stat s
        WHERE level = 'OFFICIAL' AND a NOT LIKE 'bench-%' AND b NOT LIKE 'bench-%' ORDER BY a, b`,
    ),
  };
}

/** Row counts of the bench data, and a digest of its contents. */
async function benchFingerprint() {
  const digest = (sql: string) =>
    rows<{ md5: string }>(`SELECT md5(coalesce(string_agg(t::text, '|'), '')) FROM (${sql}) t`);
  return {
    counts: {
      officials: await count(`SELECT count(*) AS n FROM official WHERE id LIKE 'bench-%'`),
      aliases: await count(`SELECT count(*) AS n FROM official_alias WHERE id LIKE 'bench-%'`),
      offices: await count(`SELECT count(*) AS n FROM office WHERE key LIKE '__:BENCH\\_%'`),
      positions: await count(`SELECT count(*) AS n FROM position WHERE id LIKE 'bench-%'`),
      contacts: await count(`SELECT count(*) AS n FROM contact WHERE id LIKE 'bench-%'`),
      participants: await count(`SELECT count(*) AS n FROM participant WHERE contact_id LIKE 'bench-%'`),
      sources: await count(`SELECT count(*) AS n FROM source WHERE id LIKE 'bench-%'`),
      channels: await count(`SELECT count(*) AS n FROM channel WHERE id LIKE 'bench-%'`),
      events: await count(`SELECT count(*) AS n FROM context_event WHERE id LIKE 'bench-%'`),
      pairStats: await count(`SELECT count(*) AS n FROM pair_stat`),
    },
    digests: [
      await digest(`SELECT id, slug, name, country FROM official WHERE id LIKE 'bench-%' ORDER BY id`),
      await digest(
        `SELECT id, official_id, office_key, start_date, end_date FROM position WHERE id LIKE 'bench-%' ORDER BY id`,
      ),
      await digest(
        `SELECT id, date, date_precision, time, type, status, initiator_id, channel_id, topics FROM contact WHERE id LIKE 'bench-%' ORDER BY id`,
      ),
      await digest(`SELECT * FROM participant WHERE contact_id LIKE 'bench-%' ORDER BY contact_id, official_id`),
      await digest(
        `SELECT id, contact_id, url, side, claimed_date, claimed_initiator_id FROM source WHERE id LIKE 'bench-%' ORDER BY id`,
      ),
    ],
  };
}

/** The JSON object on the last line of stdout. */
function resultOf(run: ScriptResult): BenchDataResult {
  expect(run.stderr).toContain('[bench:data]');
  expect(run.code, run.stderr).toBe(0);
  const lines = run.stdout.trimEnd().split('\n');
  return JSON.parse(lines.at(-1)!) as BenchDataResult;
}

/** Held contacts per pair at one level, counted in JavaScript by the gap engine's own pair rule. */
async function heldPerPair(level: PairLevel): Promise<Map<string, number>> {
  const participants = await rows<{
    contact_id: string;
    official_id: string;
    office_key: string | null;
    country: string;
  }>(
    `SELECT p.contact_id, p.official_id, p.office_key, p.country FROM participant p
       JOIN contact c ON c.id = p.contact_id WHERE c.status = 'HELD' AND c.deleted_at IS NULL`,
  );
  const byContact = new Map<string, { officialId: string; officeKey: string | null; country: string }[]>();
  for (const p of participants) {
    const list = byContact.get(p.contact_id) ?? [];
    list.push({ officialId: p.official_id, officeKey: p.office_key, country: p.country });
    byContact.set(p.contact_id, list);
  }
  const counts = new Map<string, number>();
  for (const list of byContact.values()) {
    for (const key of pairKeysOf(list, level)) {
      counts.set(pairId(key), (counts.get(pairId(key)) ?? 0) + 1);
    }
  }
  return counts;
}

describe('npm run bench:data', () => {
  it('refuses bad settings with one line naming the variable', async () => {
    expect(benchSettings({})).toEqual({ contacts: 1_000_000, officials: 10_000 });
    expect(benchSettings({ BENCH_CONTACTS: ' 5000 ', BENCH_OFFICIALS: '150' })).toEqual({
      contacts: 5000,
      officials: 150,
    });
    for (const env of [{ BENCH_CONTACTS: '1e6' }, { BENCH_CONTACTS: '-5' }, { BENCH_OFFICIALS: '149' }]) {
      expect(benchSettings(env)).toMatch(/^BENCH_(CONTACTS|OFFICIALS) must be a whole number from [\d,]+ to [\d,]+/);
    }
    const [contacts, officials] = await Promise.all([
      benchData({ BENCH_CONTACTS: '1,000' }),
      benchData({ BENCH_OFFICIALS: 'many' }),
    ]);
    for (const [run, name] of [
      [contacts, 'BENCH_CONTACTS'],
      [officials, 'BENCH_OFFICIALS'],
    ] as const) {
      expect(run.code).toBe(1);
      expect(run.stdout).toBe('');
      expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(run.stderr).toContain(`${name} must be a whole number`);
    }
  });

  it('uses 150 real country codes', () => {
    expect(new Set(BENCH_COUNTRIES).size).toBe(150);
    expect(BENCH_COUNTRIES.filter((code) => !isCountryCode(code))).toEqual([]);
  });

  it(
    'loads a consistent, skewed history next to the demo data, names its busiest pairs, and loads the same again',
    SLOW,
    async () => {
      await seedDemo();
      const demo = await demoRows();
      expect(demo.contacts.length).toBeGreaterThan(0);

      const first = resultOf(await benchData(SMALL));
      expect(Object.keys(first).sort()).toEqual(['busiest', 'contacts']);
      expect(Object.keys(first.busiest).sort()).toEqual(['countries', 'offices', 'officials']);
      expect(first.contacts).toBe(3000);
      for (const pair of Object.values(first.busiest)) {
        expect(pair).toHaveLength(2);
        expect(pair[0]).not.toBe(pair[1]);
      }
      expect(first.busiest.countries.every(isCountryCode)).toBe(true);
      expect(first.busiest.offices.every((key) => /^[A-Z]{2}:[A-Z0-9_]+$/.test(key))).toBe(true);

      // The busiest pairs really are: no pair has more held contacts, counted by the gap engine's rule.
      const ids = await rows<{ id: string; slug: string }>(`SELECT id, slug FROM official WHERE slug = ANY($1)`, [
        first.busiest.officials,
      ]);
      const idOf = (slug: string) => ids.find((row) => row.slug === slug)!.id;
      const named: [PairLevel, [string, string]][] = [
        ['OFFICIAL', [idOf(first.busiest.officials[0]), idOf(first.busiest.officials[1])]],
        ['OFFICE', first.busiest.offices],
        ['COUNTRY', first.busiest.countries],
      ];
      for (const [level, [a, b]] of named) {
        const counts = await heldPerPair(level);
        const top = Math.max(...counts.values());
        const [x, y] = [a, b].sort();
        expect(counts.get(`${level}~${x}~${y}`), level).toBe(top);
        // …and the pair statistics were filled from the loaded data.
        expect(
          await count(`SELECT max(held_count) AS n FROM pair_stat WHERE level = '${level}'`),
          `pair_stat ${level}`,
        ).toBe(top);
      }
      // The skew: the busiest pair of officials has a sizeable share, most pairs a handful.
      const officialPairs = await heldPerPair('OFFICIAL');
      expect(Math.max(...officialPairs.values())).toBeGreaterThan(40);
      const sorted = [...officialPairs.values()].sort((x, y) => x - y);
      expect(sorted[Math.floor(sorted.length / 2)]).toBeLessThanOrEqual(2);

      // Each participant carries the position its official held that day (the latest started, as the
      // write path picks it) and the official's country.
      expect(
        await count(`
        SELECT count(*) AS n FROM participant pa
          JOIN contact c ON c.id = pa.contact_id
          JOIN official o ON o.id = pa.official_id
          LEFT JOIN LATERAL (
            SELECT p.id, p.office_key FROM position p
             WHERE p.official_id = pa.official_id AND p.start_date <= c.date AND (p.end_date IS NULL OR p.end_date >= c.date)
             ORDER BY p.start_date DESC LIMIT 1) held ON true
         WHERE pa.contact_id LIKE 'bench-%'
           AND (pa.position_id IS DISTINCT FROM held.id OR pa.office_key IS DISTINCT FROM held.office_key
                OR pa.country <> o.country)`),
      ).toBe(0);
      // The same, through the write path's own function, on a sample with and without an office.
      const sample = await rows<{
        official_id: string;
        date: string;
        position_id: string | null;
        office_key: string | null;
      }>(
        `(SELECT pa.official_id, to_char(c.date, 'YYYY-MM-DD') AS date, pa.position_id, pa.office_key
            FROM participant pa JOIN contact c ON c.id = pa.contact_id
           WHERE pa.contact_id LIKE 'bench-%' AND pa.office_key IS NOT NULL ORDER BY pa.contact_id LIMIT 20)
         UNION ALL
         (SELECT pa.official_id, to_char(c.date, 'YYYY-MM-DD'), pa.position_id, pa.office_key
            FROM participant pa JOIN contact c ON c.id = pa.contact_id
           WHERE pa.contact_id LIKE 'bench-%' AND pa.office_key IS NULL ORDER BY pa.contact_id LIMIT 10)`,
      );
      expect(sample).toHaveLength(30);
      for (const row of sample) {
        const held = (await getDb().$transaction((tx) => positionsOn(tx, [row.official_id], row.date))).get(
          row.official_id,
        );
        expect({ id: held?.id ?? null, officeKey: held?.officeKey ?? null }).toEqual({
          id: row.position_id,
          officeKey: row.office_key,
        });
      }

      // What the history holds.
      const today = new Date().toISOString().slice(0, 10);
      expect(await count(`SELECT count(DISTINCT country) AS n FROM official WHERE id LIKE 'bench-%'`)).toBe(150);
      expect(
        (
          await rows<{ status: string }>(`SELECT DISTINCT status::text FROM contact WHERE id LIKE 'bench-%' ORDER BY 1`)
        ).map((r) => r.status),
      ).toEqual(['HELD', 'REQUESTED', 'REFUSED', 'SCHEDULED', 'CANCELLED'].sort());
      expect(
        await count(
          `SELECT count(*) AS n FROM contact WHERE id LIKE 'bench-%' AND status = 'HELD' AND date > '${today}'`,
        ),
      ).toBe(0);
      expect(
        await count(
          `SELECT count(*) AS n FROM contact WHERE id LIKE 'bench-%' AND status = 'SCHEDULED' AND date > '${today}'`,
        ),
      ).toBeGreaterThan(0);
      expect(
        await count(`SELECT count(*) AS n FROM contact WHERE id LIKE 'bench-%' AND date < '1990-01-01'`),
      ).toBeGreaterThan(0);
      for (const precision of ['MONTH', 'YEAR']) {
        expect(
          await count(`SELECT count(*) AS n FROM contact WHERE id LIKE 'bench-%' AND date_precision = '${precision}'`),
        ).toBeGreaterThan(10);
      }
      expect(
        await count(`SELECT count(DISTINCT s.contact_id) AS n FROM source s JOIN contact c ON c.id = s.contact_id
                      WHERE c.id LIKE 'bench-%' AND s.claimed_date <> c.date`),
      ).toBeGreaterThan(10);
      expect(
        await count(`SELECT count(*) AS n FROM contact c WHERE c.id LIKE 'bench-%'
                       AND NOT EXISTS (SELECT 1 FROM source s WHERE s.contact_id = c.id)`),
      ).toBe(0);
      expect(
        await count(`SELECT count(*) AS n FROM (SELECT contact_id FROM participant WHERE contact_id LIKE 'bench-%'
                       GROUP BY contact_id HAVING count(*) BETWEEN 3 AND 4) t`),
      ).toBeGreaterThan(10);
      expect(
        await count(`SELECT count(*) AS n FROM contact c JOIN channel ch ON ch.id = c.channel_id
                      WHERE c.id LIKE 'bench-%' AND c.type = 'HOTLINE' AND c.date >= ch.established_on
                        AND (ch.closed_on IS NULL OR c.date <= ch.closed_on)`),
      ).toBeGreaterThan(5);
      expect(await count(`SELECT count(*) AS n FROM context_event WHERE id LIKE 'bench-%'`)).toBeGreaterThan(0);
      // Officials who never held an office, and officials who left theirs.
      expect(
        await count(`SELECT count(*) AS n FROM official o WHERE o.id LIKE 'bench-%'
                       AND NOT EXISTS (SELECT 1 FROM position p WHERE p.official_id = o.id)`),
      ).toBeGreaterThan(0);
      expect(
        await count(`SELECT count(*) AS n FROM official o WHERE o.id LIKE 'bench-%'
                       AND EXISTS (SELECT 1 FROM position p WHERE p.official_id = o.id)
                       AND NOT EXISTS (SELECT 1 FROM position p WHERE p.official_id = o.id AND p.end_date IS NULL)`),
      ).toBeGreaterThan(0);
      // Offices change hands: some have had several holders.
      expect(
        await count(`SELECT count(*) AS n FROM (SELECT office_key FROM position WHERE id LIKE 'bench-%'
                       GROUP BY office_key HAVING count(*) > 1) t`),
      ).toBeGreaterThan(0);

      const loaded = await benchFingerprint();
      expect(await demoRows()).toEqual(demo);

      // A rerun deletes the previous rows and loads the same again, and leaves the demo data alone.
      const second = resultOf(await benchData(SMALL));
      expect(second).toEqual(first);
      expect(await benchFingerprint()).toEqual(loaded);
      expect(await demoRows()).toEqual(demo);
    },
  );

  it('reloads as a database role that may not turn foreign-key triggers off, with the same result', SLOW, async () => {
    const first = resultOf(await benchData({ BENCH_CONTACTS: '500', BENCH_OFFICIALS: '150' }));
    const loaded = await benchFingerprint();
    // The app's own role on the embedded server (with DATABASE_URL set, the one role there is).
    const second = resultOf(
      await benchData({ BENCH_CONTACTS: '500', BENCH_OFFICIALS: '150', DATABASE_URL: inject('databaseUrl') }),
    );
    expect(second).toEqual(first);
    expect(await benchFingerprint()).toEqual(loaded);
  });
});
