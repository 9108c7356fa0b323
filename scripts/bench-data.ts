/**
 * `npm run bench:data`: loads a deterministic synthetic history into the database the app uses
 * (DATABASE_URL, or the embedded server), for measuring the app at scale. It keeps everything else:
 * every row it makes has an id starting `bench-` (offices: a key like `US:BENCH_MINDEF`), and a rerun
 * first deletes the previous run's rows, then loads again.
 *
 *   BENCH_CONTACTS   contacts to load (default 1,000,000)
 *   BENCH_OFFICIALS  officials to spread over 150 countries (default 10,000)
 *
 * The history: offices in every country whose tenures change hands over the decades (one holder at a
 * time), officials who never held an office and officials who left theirs; contacts from 1980 to today
 * (SCHEDULED ones also ahead), skewed so that a few official pairs (US–RU defence ministers first) have
 * more than 10,000 contacts at the default scale and most pairs a handful; month and year precision,
 * disputed dates, refusals, cancellations, three- and four-party meetings, hotlines on channels, and
 * context events. Each participant row carries the position its official held on the contact's date,
 * as the app's write path sets it. Same settings, same day: same data (hashes of row numbers, no random()).
 *
 * Everything is made inside PostgreSQL by set-based INSERT … SELECT over generate_series, in one
 * transaction. Progress goes to stderr; the last line on stdout is one JSON object naming the busiest
 * pair at each level by held contacts, as counted on the loaded data.
 */
import pg from 'pg';
import { openDatabaseOrExit } from './lib/database';
import { migrateDeploy } from './lib/prisma';
import { refreshSearchKeys } from './lib/search-keys';
import { fail, runMainIfScript } from './lib/run';
import { seedIfWanted } from './lib/seed';
import { disconnectDb, getDb } from '../lib/db';
import { rebuildPairStats } from '../lib/stats/rebuild';

/** What `npm run bench:data` prints last: the busiest pairs, by held contacts. */
export type BenchDataResult = {
  contacts: number;
  busiest: { officials: [string, string]; offices: [string, string]; countries: [string, string] };
};

/** 150 real ISO 3166-1 alpha-2 codes, busiest first: the first ones get more officials and contacts. */
export const BENCH_COUNTRIES = (
  'US RU CN GB FR DE UA IN JP TR IR IL SA KR KP PK BR IT PL CA AU EG ZA MX ID ES NL SE NO FI DK BE CH AT CZ ' +
  'HU RO BG GR RS HR SK SI BY KZ UZ AZ AM GE MD LT LV EE IE PT VN TH MY SG PH MM BD LK NP AF IQ SY JO LB AE QA ' +
  'KW OM BH YE DZ MA TN LY SD ET KE NG GH SN CI CM AO MZ TZ UG RW CD ZW ZM NA BW AR CL CO PE VE EC BO PY UY CU ' +
  'NI PA CR GT HN SV DO HT JM NZ MN KG TJ TM KH LA BN IS LU MT CY AL MK ME BA ML NE BF TD MR SO ER DJ GA CG GN ' +
  'SL LR BJ TG MG MU FJ'
).split(' ');

/** The offices every country may have, most central first; keys are `CC:BENCH_<suffix>`. */
const OFFICES: [suffix: string, title: string][] = [
  ['HOS', 'Head of State'],
  ['HOG', 'Head of Government'],
  ['MFA', 'Foreign Minister'],
  ['MINDEF', 'Defence Minister'],
  ['CGS', 'Chief of the General Staff'],
  ['NSA', 'National Security Adviser'],
  ['MINFIN', 'Finance Minister'],
  ['TRADE', 'Trade Minister'],
  ['INTERIOR', 'Interior Minister'],
  ['ENERGY', 'Energy Minister'],
  ['INTEL', 'Director of Intelligence'],
  ['UN_AMB', 'Ambassador to the United Nations'],
  ['DEPUTY_MFA', 'Deputy Foreign Minister'],
  ['DEPUTY_MINDEF', 'Deputy Defence Minister'],
  ['JUSTICE', 'Justice Minister'],
  ['ECONOMY', 'Economy Minister'],
  ['CENTRAL_BANK', 'Central Bank Governor'],
  ['NAVY', 'Chief of the Navy'],
  ['AIR_FORCE', 'Chief of the Air Force'],
  ['ARMY', 'Chief of the Army'],
  ['CYBER', 'Head of Cyber Security'],
  ['NUCLEAR', 'Head of the Atomic Energy Agency'],
  ['HEALTH', 'Health Minister'],
  ['AGRICULTURE', 'Agriculture Minister'],
  ['TRANSPORT', 'Transport Minister'],
  ['ENVIRONMENT', 'Environment Minister'],
  ['INDUSTRY', 'Industry Minister'],
  ['SCIENCE', 'Science Minister'],
  ['EDUCATION', 'Education Minister'],
  ['SPEAKER', 'Speaker of Parliament'],
];

/** The pairs of current office holders that get a fixed share of all contacts (country, office index). */
const HOT_PAIRS: { a: [string, number]; b: [string, number]; share: number }[] = [
  { a: ['US', 3], b: ['RU', 3], share: 0.024 }, // defence ministers
  { a: ['US', 2], b: ['RU', 2], share: 0.018 }, // foreign ministers
  { a: ['US', 0], b: ['CN', 0], share: 0.014 }, // heads of state
  { a: ['GB', 3], b: ['UA', 3], share: 0.012 }, // defence ministers
];
const HOTLINE_SHARE = 0.01;
const OFFICIAL_BASED_SHARE = 0.08;

/** Standing channels (id `bench-ch<n>`), each with the hotline contacts of its two countries. */
const CHANNELS: { slug: string; name: string; a: string; b: string; from: string; to?: string }[] = [
  { slug: 'us-ru-direct-link', name: 'US–Russia direct communications link', a: 'US', b: 'RU', from: '1980-01-01' },
  { slug: 'us-ru-deconfliction', name: 'US–Russia deconfliction line', a: 'US', b: 'RU', from: '2015-10-20' },
  { slug: 'us-cn-defense-link', name: 'US–China defense telephone link', a: 'US', b: 'CN', from: '2008-02-29' },
  { slug: 'in-pk-dgmo', name: 'India–Pakistan DGMO hotline', a: 'IN', b: 'PK', from: '1980-01-01' },
  { slug: 'kr-kp-liaison', name: 'Inter-Korean liaison line', a: 'KR', b: 'KP', from: '1992-05-18', to: '2020-06-09' },
  { slug: 'cn-jp-maritime', name: 'China–Japan maritime and air link', a: 'CN', b: 'JP', from: '2023-03-31' },
  { slug: 'cn-in-border', name: 'China–India border hotline', a: 'CN', b: 'IN', from: '1993-09-07' },
  { slug: 'il-ru-syria', name: 'Israel–Russia Syria deconfliction line', a: 'IL', b: 'RU', from: '2015-10-01' },
  { slug: 'tr-ru-syria', name: 'Turkey–Russia Syria hotline', a: 'TR', b: 'RU', from: '2016-01-15' },
  { slug: 'gb-ru-hotline', name: 'UK–Russia hotline', a: 'GB', b: 'RU', from: '1992-03-01', to: '2022-02-24' },
  { slug: 'fr-ru-hotline', name: 'France–Russia hotline', a: 'FR', b: 'RU', from: '1989-07-01', to: '2022-03-01' },
  { slug: 'gr-tr-hotline', name: 'Greece–Turkey military hotline', a: 'GR', b: 'TR', from: '2000-06-01' },
];

const FIRST_NAMES =
  'Anna Boris Carlos Dmitri Elena Farid Grace Hiroshi Ines Jamal Karin Luca Maria Nikolai Olga Pedro Qin Rosa ' +
  'Sergei Tamara Umar Vera Wei Xenia Yusuf Zofia Ahmed Beatriz Chen Daniel Emeka Fatima Gustav Hana Ivan Julia ' +
  'Kofi Lena Mehmet Nadia Oscar Priya Rafael Sofia Tomas Ulla Viktor Wanjiru Yara Zoran Aisha Bruno Clara Dario';
const LAST_NAMES =
  'Abe Baker Castillo Dubois Eriksen Fischer Garcia Haddad Ivanov Jansen Kowalski Lopez Moreau Nakamura Okafor ' +
  'Petrov Quinn Rossi Schmidt Tanaka Usman Volkov Weber Xu Yilmaz Zhang Andersen Bianchi Costa Demir Evans Fernandes ' +
  'Gomez Hoffmann Ibrahim Jovanovic Kim Larsen Mendes Novak Olsen Park Rahman Sato Torres Ueda Vargas Wang Yamada Ziegler';
const CITIES = 'Geneva Vienna Helsinki Brussels Istanbul Beijing Moscow Washington London Paris Riyadh Doha Singapore';
const TOPICS =
  'security arms-control trade energy sanctions ukraine syria nuclear maritime cyber climate prisoners ' +
  'deconfliction humanitarian terrorism space';
const PUBLISHERS =
  'Reuters|Associated Press|Agence France-Presse|TASS|Xinhua|BBC News|Ministry readout|Kyodo News|Anadolu Agency';
const EVENT_TITLES =
  'Summit|Elections|Sanctions package|Border incident|Military exercise|Treaty signed|Ceasefire|Embassy closure|' +
  'Prisoner exchange|Missile test';

/** The first day of the history. */
const START = '1980-01-01';

type Settings = { contacts: number; officials: number };

function log(line: string) {
  process.stderr.write(`[bench:data] ${line}\n`);
}

/** BENCH_CONTACTS and BENCH_OFFICIALS, checked; a bad value is one line saying what to fix. */
export function benchSettings(env: Record<string, string | undefined> = process.env): Settings | string {
  const read = (name: string, fallback: number, min: number, max: number): number | string => {
    const raw = env[name]?.trim();
    if (raw === undefined || raw === '') return fallback;
    const value = /^\d+$/.test(raw) ? Number(raw) : NaN;
    if (!Number.isSafeInteger(value) || value < min || value > max) {
      return `${name} must be a whole number from ${min.toLocaleString('en-GB')} to ${max.toLocaleString('en-GB')} (digits only); it is "${env[name]}".`;
    }
    return value;
  };
  const contacts = read('BENCH_CONTACTS', 1_000_000, 100, 100_000_000);
  if (typeof contacts === 'string') return contacts;
  const officials = read('BENCH_OFFICIALS', 10_000, BENCH_COUNTRIES.length, 1_000_000);
  if (typeof officials === 'string') return `${officials} At least one official per country.`;
  return { contacts, officials };
}

/** The per-country layout, computed here (150 rows) and sent as one VALUES list. */
function countryRows(officials: number): string {
  const weights = BENCH_COUNTRIES.map((_, rank) => 1 / (rank + 3) ** 1.1);
  const total = weights.reduce((sum, w) => sum + w, 0);
  const extra = officials - BENCH_COUNTRIES.length;
  const shares = weights.map((w) => (extra * w) / total);
  const counts = shares.map((s) => 1 + Math.floor(s));
  // Largest remainders first, ties by rank, until every official has a country.
  const order = shares.map((s, i) => [s - Math.floor(s), i] as const).sort((x, y) => y[0] - x[0] || x[1] - y[1]);
  for (let left = officials - counts.reduce((sum, n) => sum + n, 0), i = 0; left > 0; left -= 1, i += 1) {
    counts[order[i % order.length][1]] += 1;
  }
  let officialOffset = 0;
  let officeOffset = 0;
  return BENCH_COUNTRIES.map((code, ci) => {
    const n = counts[ci];
    // About one in eight (at least one where there are three) never held an office; the rest hold one
    // tenure each, about five per office.
    const holders = n - (n >= 3 ? Math.max(1, Math.floor(n / 8)) : 0);
    const offices = Math.min(OFFICES.length, Math.max(1, Math.round(holders / 5)));
    const row = `(${ci}, '${code}', ${n}, ${officialOffset}, ${holders}, ${offices}, ${officeOffset})`;
    officialOffset += n;
    officeOffset += offices;
    return row;
  }).join(',\n');
}

/** A uniform number in [0, 1) from a hash of an integer expression: deterministic and order-free. */
const u = (expr: string, salt: number) =>
  `((hashint8extended((${expr})::int8, ${salt}) & 2147483647)::float8 / 2147483648.0)`;
/** A whole number in [0, n) for a SQL expression n. */
const pick = (expr: string, salt: number, n: string) => `floor(${u(expr, salt)} * (${n}))::int`;
/** One element of a text array literal, by hash. */
function element(list: string[], expr: string, salt: number): string {
  const literal = `ARRAY[${list.map((item) => `'${item.replace(/'/g, "''")}'`).join(',')}]`;
  return `(${literal})[1 + ${pick(expr, salt, String(list.length))}]`;
}
const officialId = (idx: string) => `('bench-o' || lpad((${idx})::text, 7, '0'))`;
const contactId = (g: string) => `('bench-c' || lpad((${g})::text, 9, '0'))`;
const sqlList = (items: string[]) => items.map((s) => `'${s}'`).join(', ');

/** The statements that delete a previous run's rows, children first; none touch anyone else's rows. */
function deletionSql(): { label: string; sql: string }[] {
  const bench = (column: string) => `${column} LIKE 'bench-%'`;
  return [
    // What the foreign keys' ON DELETE SET NULL would do to rows of others that point at bench rows.
    {
      label: 'unlink others’ contacts',
      sql: `UPDATE contact SET resolved_by_id = CASE WHEN ${bench('resolved_by_id')} THEN NULL ELSE resolved_by_id END,
              initiator_id = CASE WHEN ${bench('initiator_id')} THEN NULL ELSE initiator_id END,
              channel_id = CASE WHEN ${bench('channel_id')} THEN NULL ELSE channel_id END
            WHERE NOT ${bench('id')} AND (${bench('resolved_by_id')} OR ${bench('initiator_id')} OR ${bench('channel_id')})`,
    },
    {
      label: 'unlink others’ sources',
      sql: `UPDATE source SET claimed_initiator_id = NULL WHERE ${bench('claimed_initiator_id')} AND NOT ${bench('contact_id')}`,
    },
    {
      label: 'unlink others’ merges',
      sql: `UPDATE official SET merged_into_id = NULL WHERE ${bench('merged_into_id')} AND NOT ${bench('id')}`,
    },
    { label: 'delete sources', sql: `DELETE FROM source WHERE ${bench('contact_id')}` },
    { label: 'delete participants', sql: `DELETE FROM participant WHERE ${bench('contact_id')}` },
    { label: 'delete contacts', sql: `DELETE FROM contact WHERE ${bench('id')}` },
    { label: 'delete aliases', sql: `DELETE FROM official_alias WHERE ${bench('official_id')}` },
    { label: 'delete photos', sql: `DELETE FROM official_photo WHERE ${bench('official_id')}` },
    { label: 'delete positions', sql: `DELETE FROM position WHERE ${bench('official_id')} OR ${bench('id')}` },
    { label: 'delete officials', sql: `DELETE FROM official WHERE ${bench('id')}` },
    {
      label: 'delete offices',
      sql: `DELETE FROM office o WHERE o.key LIKE '__:BENCH\\_%' AND NOT EXISTS (SELECT 1 FROM position p WHERE p.office_key = o.key)`,
    },
    { label: 'delete channels', sql: `DELETE FROM channel WHERE ${bench('id')}` },
    { label: 'delete context events', sql: `DELETE FROM context_event WHERE ${bench('id')}` },
  ];
}

/** The statements that build the history, in order; each logs its row count. */
function generationSql({ contacts, officials }: Settings, today: string): { label: string; sql: string }[] {
  const T = `date '${today}'`;
  const S = `date '${START}'`;
  const hotShares: number[] = [];
  for (const { share } of HOT_PAIRS) hotShares.push((hotShares.at(-1) ?? 0) + share);
  const hotlineEnd = hotShares.at(-1)! + HOTLINE_SHARE;
  const officialEnd = hotlineEnd + OFFICIAL_BASED_SHARE;
  const countries = BENCH_COUNTRIES.length;
  const events = Math.min(400, Math.max(20, Math.round(contacts / 2500)));
  // A country index skewed towards the busiest countries (index 0 about one pick in ten).
  const skewedCountry = (g: string, salt: number) => `floor(${countries} * power(${u(g, salt)}, 2.2))::int`;
  // A tenure boundary: office q's j-th holder starts here (0 = the office's start, H-1 = the last holder's).
  const boundary = `CASE WHEN j = 0 THEN b0 WHEN j = holders - 1 THEN last_start
      ELSE b0 + ((last_start - b0) * j) / (holders - 1)
        + floor((${u('q * 4096 + j', 25)} - 0.5) * least(60, (last_start - b0) / (holders - 1) / 3))::int END`;

  return [
    {
      label: 'countries',
      sql: `CREATE TEMP TABLE bench_country (ci int PRIMARY KEY, code text, n int, off int, h int, k int, qoff int) ON COMMIT DROP;
            INSERT INTO bench_country VALUES ${countryRows(officials)}`,
    },
    {
      label: 'offices (plan)',
      sql: `CREATE TEMP TABLE bench_office ON COMMIT DROP AS
              SELECT c.ci, c.code, o, c.qoff + o AS q,
                     c.code || ':BENCH_' || (ARRAY[${sqlList(OFFICES.map(([suffix]) => suffix))}])[o + 1] AS key,
                     (ARRAY[${sqlList(OFFICES.map(([, title]) => title))}])[o + 1] AS title,
                     (c.h - o + c.k - 1) / c.k AS holders,
                     ${S} + CASE WHEN o < 4 THEN 0 ELSE ${pick('c.qoff + o', 21, '3650')} END AS b0,
                     ${T} - CASE WHEN o < 4 THEN 2190 + ${pick('c.qoff + o', 22, '730')}
                                 ELSE 365 + ${pick('c.qoff + o', 22, '2555')} END AS last_start,
                     CASE WHEN o >= 4 AND ${u('c.qoff + o', 23)} < 0.08 THEN ${T} - ${pick('c.qoff + o', 24, '300')} END AS vacant_since
                FROM bench_country c, generate_series(0, c.k - 1) o`,
    },
    {
      label: 'tenures (plan)',
      // Holder j of office o in a country is that country's official j*k + o; tenures touch, except
      // about one in seven that leaves the office empty for up to 90 days before the next holder.
      sql: `CREATE TEMP TABLE bench_tenure ON COMMIT DROP AS
              SELECT c.off + (s.j * c.k + s.o) AS official_idx, s.q, s.key, s.title, s.start_date,
                     CASE WHEN s.next_start IS NULL THEN s.vacant_since
                          ELSE greatest(s.start_date, s.next_start - CASE WHEN ${u('s.q * 4096 + s.j', 26)} < 0.15
                               THEN 1 + ${pick('s.q * 4096 + s.j', 27, 'least(90, (s.next_start - s.start_date) / 3)')} ELSE 0 END)
                     END AS end_date
                FROM (SELECT b.*, lead(b.start_date) OVER (PARTITION BY b.q ORDER BY b.j) AS next_start
                        FROM (SELECT ci, o, q, key, title, j, vacant_since, ${boundary} AS start_date
                                FROM bench_office, generate_series(0, holders - 1) j) b) s
                JOIN bench_country c ON c.ci = s.ci;
            CREATE INDEX ON bench_tenure (q, start_date);
            ANALYZE bench_tenure`,
    },
    {
      label: 'officials',
      // Search keys are '' here: computed in TypeScript once the load is committed (refreshSearchKeys).
      sql: `INSERT INTO official (id, slug, name, name_search, search_key, country, bio, created_at, updated_at)
              SELECT ${officialId('idx')}, lower(first) || '-' || lower(last) || '-' || idx, first || ' ' || last,
                     lower(first || ' ' || last), '', code, NULL, ${S}::timestamptz, ${S}::timestamptz
                FROM (SELECT c.code, c.off + i AS idx, ${element(FIRST_NAMES.split(' '), 'c.off + i', 31)} AS first,
                             ${element(LAST_NAMES.split(' '), 'c.off + i', 32)} AS last
                        FROM bench_country c, generate_series(0, c.n - 1) i) x
               ORDER BY idx`,
    },
    {
      label: 'other spellings',
      sql: `INSERT INTO official_alias (id, official_id, name, name_search, search_key)
              SELECT 'bench-a' || substr(o.id, 8), o.id, alias, lower(alias), ''
                FROM official o, LATERAL (SELECT left(o.name, 1) || '. ' || split_part(o.name, ' ', 2) AS alias) a
               WHERE o.id LIKE 'bench-o%' AND ${u('substr(o.id, 8)::int', 33)} < 0.1`,
    },
    {
      // As a Russian, Ukrainian or Bulgarian source would write the name (letter by letter: crude, but
      // Cyrillic, which is what search has to cope with), for 40% of officials.
      label: 'Cyrillic spellings',
      sql: `INSERT INTO official_alias (id, official_id, name, name_search, search_key)
              SELECT 'bench-c' || substr(o.id, 8), o.id, alias, lower(alias), ''
                FROM official o, LATERAL (SELECT initcap(translate(lower(o.name), 'abcdefghijklmnopqrstuvwxyz',
                                                   'абцдефгхийклмнопкрстуввхиз')) AS alias) a
               WHERE o.id LIKE 'bench-o%' AND ${u('substr(o.id, 8)::int', 34)} < 0.4
              ON CONFLICT (official_id, name_search) DO NOTHING`,
    },
    {
      // A German press agency's transliteration (w for v, sch for sh, j for y), for 20% of officials.
      label: 'German spellings',
      sql: `INSERT INTO official_alias (id, official_id, name, name_search, search_key)
              SELECT 'bench-g' || substr(o.id, 8), o.id, alias, lower(alias), ''
                FROM official o, LATERAL (SELECT replace(replace(replace(o.name, 'v', 'w'), 'sh', 'sch'), 'y', 'j')
                                            AS alias) a
               WHERE o.id LIKE 'bench-o%' AND ${u('substr(o.id, 8)::int', 35)} < 0.2 AND alias <> o.name
              ON CONFLICT (official_id, name_search) DO NOTHING`,
    },
    {
      label: 'offices',
      sql: `INSERT INTO office (key, country, title) SELECT key, code, title FROM bench_office ORDER BY q`,
    },
    {
      label: 'positions',
      sql: `INSERT INTO position (id, official_id, office_key, title, start_date, end_date)
              SELECT 'bench-p' || lpad(official_idx::text, 7, '0'), ${officialId('official_idx')}, key, title, start_date, end_date
                FROM bench_tenure ORDER BY official_idx`,
    },
    {
      label: 'channels',
      sql: `CREATE TEMP TABLE bench_channel (m int, slug text, name text, ca text, cb text, opened date, closed date) ON COMMIT DROP;
            INSERT INTO bench_channel VALUES ${CHANNELS.map(
              (c, m) =>
                `(${m}, '${c.slug}', '${c.name}', '${c.a}', '${c.b}', '${c.from}', ${c.to ? `'${c.to}'` : 'NULL'})`,
            ).join(', ')};
            INSERT INTO channel (id, slug, name, description, countries, established_on, closed_on, updated_at)
              SELECT 'bench-ch' || m, 'bench-' || slug, name, 'Synthetic channel (npm run bench:data).', ARRAY[ca, cb],
                     opened, closed, ${S}::timestamptz
                FROM bench_channel ORDER BY m`,
    },
    {
      label: 'context events',
      sql: `INSERT INTO context_event (id, date, title, description, countries, updated_at)
              SELECT 'bench-e' || lpad(e::text, 4, '0'), ${S} + ${pick('e', 41, `${T} - ${S} + 1`)},
                     ${element(EVENT_TITLES.split('|'), 'e', 42)} || ' (synthetic ' || e || ')', NULL,
                     CASE WHEN ${u('e', 43)} < 0.3 THEN ARRAY[]::text[]
                          WHEN ${u('e', 44)} < 0.5 THEN ARRAY[(SELECT code FROM bench_country WHERE ci = ${skewedCountry('e', 45)})]
                          ELSE ARRAY(SELECT DISTINCT code FROM bench_country
                                      WHERE ci IN (${skewedCountry('e', 45)}, ${skewedCountry('e', 46)}) ORDER BY code) END,
                     ${S}::timestamptz
                FROM generate_series(1, ${events}) e`,
    },
    {
      label: 'busy pairs (plan)',
      // The current holders of two offices, and the days both have held them.
      sql: `CREATE TEMP TABLE bench_hot ON COMMIT DROP AS
              SELECT h.k, ta.official_idx AS a, tb.official_idx AS b, ca.ci AS ca, cb.ci AS cb,
                     greatest(ta.start_date, tb.start_date) AS from_date
                FROM (VALUES ${HOT_PAIRS.map((p, k) => `(${k + 1}, '${p.a[0]}', ${p.a[1]}, '${p.b[0]}', ${p.b[1]})`).join(', ')})
                     h(k, code_a, o_a, code_b, o_b)
                JOIN bench_country ca ON ca.code = h.code_a
                JOIN bench_country cb ON cb.code = h.code_b
                JOIN bench_tenure ta ON ta.q = ca.qoff + least(h.o_a, ca.k - 1) AND ta.end_date IS NULL
                JOIN bench_tenure tb ON tb.q = cb.qoff + least(h.o_b, cb.k - 1) AND tb.end_date IS NULL`,
    },
    {
      label: 'contacts (plan)',
      // kind 1–4: a busy pair; 5: a hotline call on a channel; 6: two officials of any standing;
      // 7: the holders of two offices on that day (any two officials of those countries when vacant).
      sql: `CREATE TEMP TABLE bench_plan ON COMMIT DROP AS
            WITH base AS MATERIALIZED (
              SELECT g,
                     CASE ${hotShares.map((s, k) => `WHEN ${u('g', 1)} < ${s} THEN ${k + 1}`).join(' ')}
                          WHEN ${u('g', 1)} < ${hotlineEnd} THEN 5 WHEN ${u('g', 1)} < ${officialEnd} THEN 6 ELSE 7 END AS kind,
                     CASE WHEN ${u('g', 2)} < 0.885 THEN 'HELD' WHEN ${u('g', 2)} < 0.925 THEN 'REQUESTED'
                          WHEN ${u('g', 2)} < 0.955 THEN 'REFUSED' WHEN ${u('g', 2)} < 0.975 THEN 'CANCELLED'
                          WHEN ${u('g', 2)} < 0.998 THEN 'AHEAD' ELSE 'OVERDUE' END AS st,
                     ${skewedCountry('g', 5)} AS ca1, ${skewedCountry('g', 6)} AS cb1,
                     ${pick('g', 11, String(CHANNELS.length))} AS m
                FROM generate_series(1, ${contacts}) g
            ), sides AS MATERIALIZED (
              SELECT b.g, b.kind, b.st, b.m, h.a AS hot_a, h.b AS hot_b, h.from_date AS hot_from,
                     ch.opened, coalesce(ch.closed, ${T}) AS closes,
                     CASE WHEN b.kind <= 4 THEN h.ca WHEN b.kind = 5 THEN cha.ci ELSE b.ca1 END AS ca,
                     CASE WHEN b.kind <= 4 THEN h.cb WHEN b.kind = 5 THEN chb.ci
                          WHEN b.cb1 <> b.ca1 THEN b.cb1 ELSE (b.ca1 + 1 + ${pick('g', 7, String(countries - 1))}) % ${countries} END AS cb
                FROM base b
                LEFT JOIN bench_hot h ON h.k = b.kind
                LEFT JOIN bench_channel ch ON b.kind = 5 AND ch.m = b.m
                LEFT JOIN bench_country cha ON cha.code = ch.ca
                LEFT JOIN bench_country chb ON chb.code = ch.cb
            ), dated AS MATERIALIZED (
              SELECT s.*, 
                     CASE WHEN s.st = 'AHEAD' THEN ${T} + 1 + ${pick('g', 3, '365')}
                          WHEN s.st = 'OVERDUE' THEN ${T} - 1 - ${pick('g', 3, '700')}
                          WHEN s.kind <= 4 THEN s.hot_from + ${pick('g', 3, `${T} - s.hot_from + 1`)}
                          WHEN s.kind = 5 THEN s.opened + ${pick('g', 3, 's.closes - s.opened + 1')}
                          ELSE ${S} + floor((${T} - ${S} + 1) * power(${u('g', 3)}, 0.55))::int END AS day,
                     CASE WHEN s.st IN ('AHEAD', 'OVERDUE') THEN 'DAY' WHEN ${u('g', 4)} < 0.03 THEN 'MONTH'
                          WHEN ${u('g', 4)} < 0.04 THEN 'YEAR' ELSE 'DAY' END AS precision
                FROM sides s
            ), placed AS MATERIALIZED (
              SELECT d.*, ka.off AS off_a, ka.n AS n_a, kb.off AS off_b, kb.n AS n_b, ka.qoff AS qoff_a, kb.qoff AS qoff_b,
                     ka.code AS code_a, kb.code AS code_b,
                     CASE d.precision WHEN 'MONTH' THEN date_trunc('month', d.day)::date
                                      WHEN 'YEAR' THEN date_trunc('year', d.day)::date ELSE d.day END AS date,
                     CASE WHEN d.kind = 5 THEN least(3, ka.k - 1) ELSE floor(ka.k * power(${u('g', 8)}, 2))::int END AS oa,
                     CASE WHEN d.kind = 5 THEN least(3, kb.k - 1)
                          WHEN ${u('g', 10)} < 0.6 THEN least(floor(ka.k * power(${u('g', 8)}, 2))::int, kb.k - 1)
                          ELSE floor(kb.k * power(${u('g', 9)}, 2))::int END AS ob
                FROM dated d
                JOIN bench_country ka ON ka.ci = d.ca
                JOIN bench_country kb ON kb.ci = d.cb
            )
            SELECT p.g, p.kind, CASE WHEN p.st IN ('AHEAD', 'OVERDUE') THEN 'SCHEDULED' ELSE p.st END AS status,
                   p.date, p.precision, p.m, p.code_a, p.code_b,
                   CASE WHEN p.kind <= 4 THEN p.hot_a
                        WHEN p.kind IN (5, 7) AND ta.official_idx IS NOT NULL THEN ta.official_idx
                        ELSE p.off_a + ${pick('g', 12, 'p.n_a')} END AS a,
                   CASE WHEN p.kind <= 4 THEN p.hot_b
                        WHEN p.kind IN (5, 7) AND tb.official_idx IS NOT NULL THEN tb.official_idx
                        ELSE p.off_b + ${pick('g', 13, 'p.n_b')} END AS b,
                   -- a third official (any country) in 2 %, a fourth (the first side's) in 0.7 % of office contacts
                   CASE WHEN p.kind = 7 AND ${u('g', 14)} < 0.02 THEN
                     (SELECT off + ${pick('g', 15, 'n')} FROM bench_country WHERE ci = ${skewedCountry('g', 16)}) END AS e1,
                   CASE WHEN p.kind = 7 AND ${u('g', 14)} < 0.007 THEN p.off_a + ${pick('g', 17, 'p.n_a')} END AS e2
              FROM placed p
              LEFT JOIN bench_tenure ta ON p.kind IN (5, 7) AND ta.q = p.qoff_a + p.oa
                   AND ta.start_date <= p.date AND (ta.end_date IS NULL OR p.date < ta.end_date)
              LEFT JOIN bench_tenure tb ON p.kind IN (5, 7) AND tb.q = p.qoff_b + p.ob
                   AND tb.start_date <= p.date AND (tb.end_date IS NULL OR p.date < tb.end_date)`,
    },
    {
      label: 'contacts',
      sql: `INSERT INTO contact (id, date, date_precision, time, time_zone, occurred_at, type, status, initiator_id,
                                 duration_minutes, location, summary, topics, channel_id, created_at, updated_at)
              SELECT ${contactId('g')}, date, precision::"DatePrecision",
                     CASE WHEN timed THEN lpad(hh::text, 2, '0') || ':' || lpad(mi::text, 2, '0') END,
                     CASE WHEN timed THEN 'UTC' END,
                     CASE WHEN timed THEN (date + make_time(hh, mi, 0)) AT TIME ZONE 'UTC' END,
                     type::"ContactType", status::"ContactStatus",
                     CASE WHEN status IN ('REQUESTED', 'REFUSED') OR ${u('g', 51)} < 0.6 THEN
                       ${officialId(`CASE WHEN ${u('g', 52)} < 0.5 THEN a ELSE b END`)} END,
                     CASE WHEN status <> 'HELD' OR ${u('g', 53)} < 0.3 THEN NULL
                          WHEN type = 'MEETING' THEN 30 + ${pick('g', 54, '240')}
                          WHEN type = 'LETTER' THEN NULL ELSE 10 + ${pick('g', 54, '110')} END,
                     CASE WHEN type = 'MEETING' AND ${u('g', 55)} < 0.8 THEN ${element(CITIES.split(' '), 'g', 56)} END,
                     initcap(replace(topic, '-', ' ')) || ' (' || code_a || '–' || code_b || ')',
                     CASE WHEN ${u('g', 58)} < 0.3 THEN ARRAY[topic, ${element(TOPICS.split(' '), 'g', 59)}] ELSE ARRAY[topic] END,
                     CASE WHEN kind = 5 THEN 'bench-ch' || m END,
                     least(date, ${T})::timestamptz + interval '18 hours', least(date, ${T})::timestamptz + interval '18 hours'
                FROM (SELECT bp.*, ${element(TOPICS.split(' '), 'g', 57)} AS topic,
                             precision = 'DAY' AND ${u('g', 60)} < 0.25 AS timed,
                             ${pick('g', 61, '24')} AS hh, ${pick('g', 62, '60')} AS mi,
                             CASE WHEN kind = 5 THEN 'HOTLINE' WHEN ${u('g', 63)} < 0.42 THEN 'CALL'
                                  WHEN ${u('g', 63)} < 0.70 THEN 'MEETING' WHEN ${u('g', 63)} < 0.84 THEN 'VIDEO_CALL'
                                  WHEN ${u('g', 63)} < 0.96 THEN 'LETTER' ELSE 'OTHER' END AS type
                        FROM bench_plan bp) x
               ORDER BY g`,
    },
    {
      label: 'participants',
      // As the write path sets them: the official's country, and the position held that day (the latest
      // started, should two be); every bench official holds at most one.
      sql: `CREATE TEMP TABLE bench_who ON COMMIT DROP AS
              SELECT c.off + i AS idx, c.code FROM bench_country c, generate_series(0, c.n - 1) i;
            ALTER TABLE bench_who ADD PRIMARY KEY (idx);
            INSERT INTO participant (contact_id, official_id, position_id, country, office_key)
              SELECT ${contactId('bp.g')} AS contact_id, ${officialId('x.idx')} AS official_id, p.id AS position_id,
                     w.code AS country, p.office_key
                FROM bench_plan bp
               CROSS JOIN LATERAL (VALUES (bp.a, 1), (bp.b, 2)) x(idx, n)
                JOIN bench_who w ON w.idx = x.idx
                LEFT JOIN position p ON p.official_id = ${officialId('x.idx')} AND p.start_date <= bp.date
                     AND (p.end_date IS NULL OR p.end_date >= bp.date)
               ORDER BY bp.g, x.n`,
    },
    {
      label: 'more participants',
      sql: `INSERT INTO participant (contact_id, official_id, position_id, country, office_key)
              SELECT ${contactId('bp.g')} AS contact_id, ${officialId('x.idx')} AS official_id, p.id AS position_id,
                     w.code AS country, p.office_key
                FROM bench_plan bp
               CROSS JOIN LATERAL (VALUES (bp.e1), (bp.e2)) x(idx)
                JOIN bench_who w ON w.idx = x.idx
                LEFT JOIN position p ON p.official_id = ${officialId('x.idx')} AND p.start_date <= bp.date
                     AND (p.end_date IS NULL OR p.end_date >= bp.date)
               WHERE bp.e1 IS NOT NULL OR bp.e2 IS NOT NULL
            ON CONFLICT DO NOTHING`,
    },
    {
      label: 'sources',
      // One per contact, a second (the other side's readout) for about a third; 3 % of held contacts of
      // known day have that second source give another date, 1 % another initiator.
      sql: `INSERT INTO source (id, contact_id, url, publisher, published_at, side, claimed_date, claimed_initiator_id, created_at)
              SELECT 'bench-s' || lpad(bp.g::text, 9, '0') || '-' || s.n, ${contactId('bp.g')},
                     'https://example.org/bench/' || bp.g || '/' || s.n,
                     ${element(PUBLISHERS.split('|'), 'bp.g * 2 + s.n', 71)},
                     least(bp.date, ${T}) + CASE WHEN s.n = 2 AND bp.date < ${T} THEN 1 ELSE 0 END,
                     CASE WHEN s.n = 1 THEN bp.code_a ELSE bp.code_b END || ' readout',
                     CASE WHEN s.n = 2 AND disputed THEN bp.date - 1 - ${pick('bp.g', 73, '2')} END,
                     CASE WHEN s.n = 2 AND ${u('bp.g', 74)} < 0.01 THEN ${officialId('bp.b')} END,
                     least(bp.date, ${T})::timestamptz + interval '20 hours'
                FROM (SELECT *, status = 'HELD' AND precision = 'DAY' AND ${u('g', 72)} < 0.03 AS disputed FROM bench_plan) bp
               CROSS JOIN LATERAL (VALUES (1), (2)) s(n)
               WHERE s.n = 1 OR bp.disputed OR ${u('bp.g', 75)} < 0.33
               ORDER BY bp.g, s.n`,
    },
  ];
}

/** The busiest pair at each level by held contacts, counted as the app counts pairs (participants of two countries). */
async function busiestPairs(client: pg.Client): Promise<BenchDataResult['busiest']> {
  // Every two participants of a held contact from different countries, once, in one pass over the table.
  await client.query(`
    CREATE TEMP TABLE bench_pairs AS
      SELECT p1.contact_id, p1.official_id AS o1, p2.official_id AS o2, p1.office_key AS k1, p2.office_key AS k2,
             p1.country::text AS c1, p2.country::text AS c2
        FROM contact c
        JOIN participant p1 ON p1.contact_id = c.id
        JOIN participant p2 ON p2.contact_id = c.id AND p1.official_id < p2.official_id AND p1.country <> p2.country
       WHERE c.status = 'HELD' AND c.deleted_at IS NULL`);
  try {
    const busiest = async (first: string, second: string): Promise<[string, string]> => {
      const { rows } = await client.query<{ x: string; y: string }>(`
        SELECT x, y FROM (
          SELECT DISTINCT contact_id, least(${first} COLLATE "C", ${second} COLLATE "C") AS x,
                 greatest(${first} COLLATE "C", ${second} COLLATE "C") AS y
            FROM bench_pairs WHERE ${first} IS NOT NULL AND ${second} IS NOT NULL) pairs
        GROUP BY x, y ORDER BY count(*) DESC, x, y LIMIT 1`);
      if (rows.length === 0) throw new Error('No held contact between two countries was loaded.');
      return [rows[0].x, rows[0].y];
    };
    const [a, b] = await busiest('o1', 'o2');
    const slugs = await client.query<{ id: string; slug: string }>(
      'SELECT id, slug FROM official WHERE id IN ($1, $2)',
      [a, b],
    );
    const slug = (id: string) => slugs.rows.find((row) => row.id === id)!.slug;
    return {
      officials: [slug(a), slug(b)],
      offices: await busiest('k1', 'k2'),
      countries: await busiest('c1', 'c2'),
    };
  } finally {
    await client.query('DROP TABLE bench_pairs');
  }
}

/**
 * Recomputes the pair statistics (`pair_contact`, `pair_stat`) from scratch with the app's own
 * rebuildPairStats, through the project's Prisma client: the bulk load above bypasses the app's writes,
 * which keep them. Should it fail, the data stays loaded and `npm run cli -- rebuild` does the same.
 */
async function fillStatistics(url: string): Promise<void> {
  process.env.DATABASE_URL = url;
  const started = performance.now();
  try {
    const { pairs, pairContacts } = await rebuildPairStats(getDb());
    log(
      `pair statistics: ${pairs.toLocaleString('en-GB')} pairs from ${pairContacts.toLocaleString('en-GB')} pair rows (${seconds(started)} s)`,
    );
  } catch (error) {
    log('The pair statistics could not be rebuilt; the data is loaded. Run `npm run cli -- rebuild` to retry.');
    throw error;
  } finally {
    await disconnectDb();
  }
}

function seconds(since: number): string {
  return ((performance.now() - since) / 1000).toFixed(1);
}

async function run(client: pg.Client, label: string, sql: string): Promise<void> {
  const started = performance.now();
  const results = await client.query(sql);
  const rows = Math.max(0, ...[results].flat().map((result) => result.rowCount ?? 0));
  log(`${label}: ${rows.toLocaleString('en-GB')} rows (${seconds(started)} s)`);
}

/** A foreign key of the app's schema, with its columns in order. */
type ForeignKey = {
  name: string;
  child: string;
  parent: string;
  onDelete: string;
  childColumns: string[];
  parentColumns: string[];
};

/** The tables this script writes or deletes rows of. */
const TOUCHED = [
  'contact',
  'participant',
  'source',
  'official',
  'official_alias',
  'official_photo',
  'position',
  'office',
  'channel',
  'context_event',
];
/** The references to bench rows that deletionSql handles itself. */
const HANDLED = new Set([
  'participant.contact_id',
  'participant.official_id',
  'participant.position_id',
  'source.contact_id',
  'source.claimed_initiator_id',
  'contact.initiator_id',
  'contact.channel_id',
  'contact.resolved_by_id',
  'official.merged_into_id',
  'official_alias.official_id',
  'official_photo.official_id',
  'position.official_id',
  'position.office_key',
]);

async function foreignKeys(client: pg.Client): Promise<ForeignKey[]> {
  const { rows } = await client.query<ForeignKey>(`
    SELECT c.conname AS name, c.conrelid::regclass::text AS child, c.confrelid::regclass::text AS parent,
           c.confdeltype AS "onDelete",
           ARRAY(SELECT a.attname FROM unnest(c.conkey) WITH ORDINALITY k(n, i)
                   JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n ORDER BY k.i)::text[] AS "childColumns",
           ARRAY(SELECT a.attname FROM unnest(c.confkey) WITH ORDINALITY k(n, i)
                   JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.n ORDER BY k.i)::text[] AS "parentColumns"
      FROM pg_constraint c
     WHERE c.contype = 'f' AND c.connamespace = current_schema()::regnamespace
     ORDER BY c.conname`);
  return rows;
}

/**
 * What the foreign keys' ON DELETE actions would do to rows of tables this script does not know
 * (a table added later, such as pair_contact) that point at the bench rows about to go: for the
 * fast path, which deletes with the triggers off. A reference that forbids the delete stops it.
 */
async function deleteUnknownReferences(client: pg.Client, keys: ForeignKey[]): Promise<void> {
  for (const key of keys) {
    const [column] = key.childColumns;
    if (key.childColumns.length !== 1 || HANDLED.has(`${key.child}.${column}`)) continue;
    if (!['contact', 'official', 'position', 'channel'].includes(key.parent)) continue;
    const where = `${client.escapeIdentifier(column)} LIKE 'bench-%'`;
    if (key.onDelete === 'c') await run(client, `delete from ${key.child}`, `DELETE FROM ${key.child} WHERE ${where}`);
    else if (key.onDelete === 'n' || key.onDelete === 'd') {
      await run(
        client,
        `unlink ${key.child}`,
        `UPDATE ${key.child} SET ${client.escapeIdentifier(column)} = NULL WHERE ${where}`,
      );
    } else if ((await client.query(`SELECT 1 FROM ${key.child} WHERE ${where} LIMIT 1`)).rowCount) {
      throw new ExpectedError(
        `Rows of ${key.child} point at the bench data (${key.name}): delete them, or reset the database (npm run db:reset), before loading the bench data again.`,
      );
    }
  }
}

/**
 * The foreign keys' checks, done once and set-based for the fast path (which skips their per-row
 * triggers): no row of a table this script touched, nor pointing into one, may point at nothing.
 */
async function verifyForeignKeys(client: pg.Client, keys: ForeignKey[]): Promise<void> {
  const started = performance.now();
  const broken: string[] = [];
  for (const key of keys) {
    if (!TOUCHED.includes(key.child) && !TOUCHED.includes(key.parent)) continue;
    const id = (name: string) => client.escapeIdentifier(name);
    const present = key.childColumns.map((c) => `c.${id(c)} IS NOT NULL`).join(' AND ');
    const match = key.childColumns.map((c, i) => `p.${id(key.parentColumns[i])} = c.${id(c)}`).join(' AND ');
    const { rows } = await client.query<{ n: string }>(
      `SELECT count(*) AS n FROM ${key.child} c WHERE ${present} AND NOT EXISTS (SELECT 1 FROM ${key.parent} p WHERE ${match})`,
    );
    if (Number(rows[0].n) > 0) broken.push(`${key.name} (${rows[0].n} rows)`);
  }
  if (broken.length > 0)
    throw new Error(`The load would break foreign keys, so nothing was loaded: ${broken.join(', ')}.`);
  log(`foreign keys checked (${seconds(started)} s)`);
}

/** Deletes the previous run's rows and loads the history, in one transaction. */
async function load(client: pg.Client, settings: Settings, today: string): Promise<void> {
  await client.query('BEGIN');
  try {
    // JIT would spend many seconds compiling the long generated expressions, for nothing.
    await client.query(`SET LOCAL synchronous_commit = off; SET LOCAL work_mem = '256MB'; SET LOCAL jit = off`);
    // The fast path, for a role allowed to (a superuser, such as the embedded server's owner): the
    // foreign keys' per-row triggers are off for this transaction only, and their checks are done
    // once, set-based, before it commits (verifyForeignKeys). Without it, deleting a previous run
    // is very slow: no index serves the foreign keys that point at contacts and officials, so each
    // deleted row would scan the contact table.
    const fast = await client
      .query(`SAVEPOINT replica; SET LOCAL session_replication_role = replica`)
      .then(() => true)
      .catch(async () => {
        await client.query('ROLLBACK TO SAVEPOINT replica');
        return false;
      });
    const keys = await foreignKeys(client);
    const previous = await client.query<{ n: string }>(`SELECT count(*) AS n FROM contact WHERE id LIKE 'bench-%'`);
    const leftovers = await client.query(`SELECT 1 FROM official WHERE id LIKE 'bench-%' LIMIT 1`);
    if (Number(previous.rows[0].n) > 0 || leftovers.rowCount) {
      const others = await client.query<{ id: string; n: string }>(`
        SELECT min(contact_id) AS id, count(DISTINCT contact_id) AS n FROM participant
         WHERE (official_id LIKE 'bench-%' OR position_id LIKE 'bench-%') AND contact_id NOT LIKE 'bench-%'`);
      if (Number(others.rows[0].n) > 0) {
        throw new ExpectedError(
          `${others.rows[0].n} contacts that npm run bench:data did not make (e.g. ${others.rows[0].id}) involve its officials: delete them, or reset the database (npm run db:reset), before loading the bench data again.`,
        );
      }
      log(`Deleting the previous bench rows (${Number(previous.rows[0].n).toLocaleString('en-GB')} contacts)…`);
      if (!fast && Number(previous.rows[0].n) > 20_000) {
        log('This database role may not turn foreign-key triggers off (not a superuser): deleting may take very long.');
      }
      if (fast) await deleteUnknownReferences(client, keys);
      for (const { label, sql } of deletionSql()) await run(client, label, sql);
    }
    log(
      `Loading ${settings.contacts.toLocaleString('en-GB')} contacts between ${settings.officials.toLocaleString('en-GB')} officials of ${BENCH_COUNTRIES.length} countries, up to ${today}…`,
    );
    for (const { label, sql } of generationSql(settings, today)) await run(client, label, sql);
    if (fast) await verifyForeignKeys(client, keys);
    const started = performance.now();
    await client.query('COMMIT');
    log(`committed (${seconds(started)} s)`);
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  }
}

class ExpectedError extends Error {}

async function main() {
  const settings = benchSettings();
  if (typeof settings === 'string') fail(settings);
  const database = await openDatabaseOrExit({ mode: 'app', log });
  try {
    const migrationError = await migrateDeploy(database.ownerUrl);
    if (migrationError) fail(migrationError);
    // As `npm start` would on its first run: an empty embedded database gets the demo data first.
    await seedIfWanted(database, log);
    const started = performance.now();
    const today = new Date().toISOString().slice(0, 10);
    const client = new pg.Client({ connectionString: database.ownerUrl });
    await client.connect();
    let busiest: BenchDataResult['busiest'];
    let contacts: number;
    try {
      await load(client, settings, today);
      let step = performance.now();
      log(`search keys of ${await refreshSearchKeys(database.ownerUrl)} names (${seconds(step)} s)`);
      step = performance.now();
      await client.query('ANALYZE');
      log(`analyzed (${seconds(step)} s)`);
      log(`loaded in ${seconds(started)} s`);
      await fillStatistics(database.ownerUrl);
      // VACUUM, not ANALYZE alone: a bulk load leaves no page marked all-visible, so until autovacuum comes
      // round, the dashboard's counts read the heap for each of 150,000 pairs (250 ms, not 20 ms).
      step = performance.now();
      await client.query('VACUUM (ANALYZE)');
      log(`vacuumed (${seconds(step)} s)`);
      step = performance.now();
      await client.query(`SET work_mem = '256MB'; SET jit = off`);
      busiest = await busiestPairs(client);
      contacts = Number(
        (await client.query<{ n: string }>(`SELECT count(*) AS n FROM contact WHERE id LIKE 'bench-%'`)).rows[0].n,
      );
      log(`busiest pairs counted (${seconds(step)} s); done in ${seconds(started)} s`);
    } finally {
      await client.end();
    }
    const result: BenchDataResult = { contacts, busiest };
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } catch (error) {
    if (error instanceof ExpectedError) {
      await database.stop();
      fail(error.message);
    }
    throw error;
  } finally {
    await database.stop();
  }
}

// Run as a script (not when a test imports its settings and constants).
runMainIfScript(import.meta.url, main);
