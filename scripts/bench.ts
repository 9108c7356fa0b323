/**
 * `npm run bench`: Counterpart's speed on a synthetic history, on a throw-away
 * database (embedded, or the local server in DATABASE_URL).
 *
 * 1. Generates BENCH_CONTACTS contacts (default 100,000) between 400 officials of
 *    20 countries, one in fifty of them on one busy pair, in PostgreSQL itself.
 * 2. Times the data layer: one busy pair's series, every pair of a level, a
 *    filtered contact list (median of several runs).
 * 3. Serves a production build and loads the dashboard, a pair page and the gaps
 *    API with autocannon for BENCH_SECONDS each (default 10), reporting requests
 *    per second, latency and the server's memory.
 * Figures only: it fails only when something breaks, never on a threshold.
 */
import { spawn } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import autocannon from 'autocannon';
import { openDatabaseOrExit } from './lib/database';
import { migrateDeploy } from './lib/prisma';
import { bin, fail, ROOT, run } from './lib/run';
import { throwawaySecret } from './lib/secret';
import { freePort } from './lib/free-port';

const CONTACTS = Number(process.env.BENCH_CONTACTS ?? 100_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const COUNTRIES = [
  'US',
  'RU',
  'CN',
  'GB',
  'FR',
  'DE',
  'UA',
  'IN',
  'JP',
  'BR',
  'TR',
  'IR',
  'IL',
  'SA',
  'KR',
  'PK',
  'EG',
  'ZA',
  'AU',
  'MX',
];

function log(line: string) {
  process.stderr.write(`[bench] ${line}\n`);
}

/** Builds the synthetic history in a handful of set-based statements. */
function generationSql(contacts: number): string[] {
  const codes = COUNTRIES.map((c, i) => `('${c}', ${i})`).join(', ');
  return [
    `SELECT setseed(0.513)`,
    `CREATE TEMP TABLE bench_country (code char(2), n int)`,
    `INSERT INTO bench_country VALUES ${codes}`,
    `INSERT INTO office (key, country, title)
       SELECT code || ':OFFICE' || k, code, 'Office ' || k FROM bench_country, generate_series(0, 9) k`,
    `INSERT INTO official (id, slug, name, name_search, country, updated_at)
       SELECT 'bo' || (c.n * 20 + i), 'official-' || (c.n * 20 + i), 'Official ' || (c.n * 20 + i),
              'official ' || (c.n * 20 + i), c.code, now()
         FROM bench_country c, generate_series(0, 19) i`,
    // Two holders per office: one until 2012, one since 2013.
    `INSERT INTO position (id, official_id, office_key, title, start_date, end_date)
       SELECT 'bp' || (c.n * 20 + i), 'bo' || (c.n * 20 + i), c.code || ':OFFICE' || (i % 10), 'Office ' || (i % 10),
              CASE WHEN i < 10 THEN date '2000-01-01' ELSE date '2013-01-01' END,
              CASE WHEN i < 10 THEN date '2012-12-31' ELSE NULL END
         FROM bench_country c, generate_series(0, 19) i`,
    `CREATE TEMP TABLE bench_contact AS
       SELECT g AS i,
              date '2000-01-01' + (random() * 9600)::int AS date,
              CASE WHEN random() < 0.85 THEN 'HELD' WHEN random() < 0.5 THEN 'REFUSED' ELSE 'REQUESTED' END AS status,
              CASE WHEN g % 50 = 0 THEN 0 ELSE (random() * 399)::int END AS a
         FROM generate_series(1, ${contacts}) g`,
    `ALTER TABLE bench_contact ADD COLUMN b int`,
    // The other side is always in another country: an offset of a whole number of countries.
    `UPDATE bench_contact SET b = CASE WHEN i % 50 = 0 THEN 20 ELSE (a + 20 * (1 + (i % 19))) % 400 END`,
    `INSERT INTO contact (id, date, type, status, updated_at)
       SELECT 'bc' || i, date, CASE WHEN i % 3 = 0 THEN 'MEETING' ELSE 'CALL' END::"ContactType",
              status::"ContactStatus", now()
         FROM bench_contact`,
    `INSERT INTO participant (contact_id, official_id, position_id, country, office_key)
       SELECT 'bc' || bc.i, o.id, p.id, o.country, p.office_key
         FROM bench_contact bc
         CROSS JOIN LATERAL (VALUES (bc.a), (bc.b)) side(n)
         JOIN official o ON o.id = 'bo' || side.n
         LEFT JOIN position p ON p.official_id = o.id AND p.start_date <= bc.date
                             AND (p.end_date IS NULL OR p.end_date >= bc.date)`,
    `INSERT INTO source (id, contact_id, url) SELECT 'bs' || i, 'bc' || i, 'https://example.org/' || i FROM bench_contact`,
    `ANALYZE`,
  ];
}

async function time<T>(
  label: string,
  runs: number,
  action: () => Promise<T>,
): Promise<{ label: string; ms: number; result: T }> {
  const timings: number[] = [];
  let result!: T;
  for (let i = 0; i < runs; i += 1) {
    const start = performance.now();
    result = await action();
    timings.push(performance.now() - start);
  }
  if (process.env.BENCH_VERBOSE) log(`${label} runs: ${timings.map((t) => t.toFixed(0)).join(', ')}`);
  timings.sort((x, y) => x - y);
  const ms = timings[Math.floor(timings.length / 2)];
  log(`${label}: ${ms.toFixed(1)} ms`);
  return { label, ms, result };
}

async function waitForServer(url: string): Promise<void> {
  for (let i = 0; i < 120; i += 1) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`The server at ${url} did not start`);
}

/** Resident memory of a process and its children, in MB. */
function rssMb(pid: number): number {
  const rows = execFileSync('ps', ['-eo', 'pid=,ppid=,rss='], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .map((line) => line.trim().split(/\s+/).map(Number));
  const kb = rows.filter(([p, parent]) => p === pid || parent === pid).reduce((sum, [, , rss]) => sum + rss, 0);
  return Math.round(kb / 1024);
}

async function main() {
  if (!Number.isInteger(CONTACTS) || CONTACTS < 1000) fail('BENCH_CONTACTS must be a whole number of at least 1000.');
  const database = await openDatabaseOrExit({ mode: 'throwaway', log });
  try {
    const migrationError = await migrateDeploy(database.ownerUrl);
    if (migrationError) fail(migrationError);
    // The generated history is loaded (and ANALYZEd) as the owner; the server below uses the app's role.
    process.env.DATABASE_URL = database.ownerUrl;
    const { getDb, disconnectDb } = await import('../lib/db');
    const { getPairSeries, listSeries } = await import('../lib/data/gaps');
    const { listContacts } = await import('../lib/data/contacts');
    const { ZContactFilters } = await import('../lib/validation/filters');
    const { makePairKey } = await import('../lib/gaps/engine');
    const { createContact } = await import('../lib/data/contacts');
    const { updateContact, getContactSnapshot } = await import('../lib/data/contact-edits');
    const { snapshotInput } = await import('../lib/data/contact-snapshot');
    const { getOfficialForEdit, updateOfficial } = await import('../lib/data/official-edits');
    const { mergeOfficials, undoMerge } = await import('../lib/data/merge');
    const { ZContactInput } = await import('../lib/validation/contact');
    const benchActor = { userId: null, via: 'cli' as const };
    const busyCall = (date: string) =>
      ZContactInput.parse({
        date,
        type: 'CALL',
        status: 'HELD',
        participants: ['official-0', 'official-20'],
        sources: [{ url: 'https://example.org/bench' }],
      });

    log(`Generating ${CONTACTS.toLocaleString('en-GB')} contacts…`);
    const started = performance.now();
    for (const statement of generationSql(CONTACTS)) await getDb().$executeRawUnsafe(statement);
    log(`Generated in ${((performance.now() - started) / 1000).toFixed(1)} s`);

    const busy = makePairKey('OFFICIAL', 'bo0', 'bo20');
    const results: { label: string; ms: number; result: unknown }[] = [
      await time('series of the busiest pair (official level)', Number(process.env.BENCH_RUNS ?? 7), () =>
        getPairSeries(busy),
      ),
      await time('series of the busiest office pair', 7, () =>
        getPairSeries(makePairKey('OFFICE', 'US:OFFICE0', 'RU:OFFICE0')),
      ),
      await time('series of one country pair (US–RU)', 5, () => getPairSeries(makePairKey('COUNTRY', 'RU', 'US'))),
      await time('every pair at official level (dashboard)', 3, () => listSeries({ level: 'OFFICIAL', all: true })),
      await time('every pair at country level', 3, () => listSeries({ level: 'COUNTRY', all: true })),
      await time('contact list, filtered, page 1', 7, () =>
        listContacts(ZContactFilters.parse({ country: ['RU'], status: ['HELD'], from: '2020-01-01' })),
      ),
      await time('log a held contact on the busiest pair', 7, () => createContact(busyCall('2021-06-15'), benchActor)),
    ];
    const logged = results.at(-1)!.result as Awaited<ReturnType<typeof createContact>>;
    let version = logged.version;
    results.push(
      await time('edit that contact (version-checked)', 7, async () => {
        const current = (await getContactSnapshot(logged.id))!;
        const input = ZContactInput.parse({ ...snapshotInput(current), durationMinutes: version });
        version = (await updateContact(logged.id, input, { version }, benchActor)).version;
      }),
    );
    // Admin writes on a busy official: a tenure change re-points every contact of that official,
    // a merge moves every contact of the duplicate, and its undo moves them back.
    let tenureEnd = '2012-12-31';
    results.push(
      await time('change a tenure (re-resolves ~500 contacts)', 5, async () => {
        const official = (await getOfficialForEdit('bo0'))!;
        tenureEnd = tenureEnd === '2012-12-31' ? '2011-12-31' : '2012-12-31';
        const positions = official.positions.map((p) => ({ ...p, endDate: tenureEnd }));
        await updateOfficial('bo0', { positions }, { version: official.version }, benchActor);
      }),
    );
    const versionOf = async (id: string) => (await getDb().official.findUniqueOrThrow({ where: { id } })).version;
    let mergeAudit = 0n;
    const mergeRuns: number[] = [];
    const undoRuns: number[] = [];
    for (let i = 0; i < 3; i += 1) {
      const merged = await time('merge', 1, async () =>
        mergeOfficials(
          {
            duplicateId: 'bo1',
            keptId: 'bo0',
            duplicateVersion: await versionOf('bo1'),
            keptVersion: await versionOf('bo0'),
          },
          benchActor,
        ),
      );
      mergeRuns.push(merged.ms);
      mergeAudit = BigInt(merged.result.auditId);
      undoRuns.push((await time('undo the merge', 1, () => undoMerge(mergeAudit, benchActor))).ms);
    }
    const median = (runs: number[]) => [...runs].sort((x, y) => x - y)[Math.floor(runs.length / 2)];
    const movedContacts = await getDb().participant.count({ where: { officialId: 'bo1' } });
    results.push(
      { label: `merge two officials (${movedContacts} contacts move)`, ms: median(mergeRuns), result: null },
      { label: 'undo that merge from its audit entry', ms: median(undoRuns), result: null },
    );
    await disconnectDb();

    const busySeries = results[0].result as Awaited<ReturnType<typeof getPairSeries>>;
    const allPairs = results[3].result as unknown[];
    process.stdout.write(`\nData layer, ${CONTACTS.toLocaleString('en-GB')} contacts (median):\n`);
    for (const r of results) process.stdout.write(`  ${r.label.padEnd(48)} ${r.ms.toFixed(1).padStart(9)} ms\n`);
    process.stdout.write(
      `  (busiest pair: ${busySeries.heldCount} held contacts; official level: ${allPairs.length} pairs)\n`,
    );

    log('Building the app…');
    if ((await run(bin('next'), ['build'], { env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' } })) !== 0) {
      fail('The build failed.');
    }
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const server = spawn(process.execPath, ['scripts/server.mjs', '--port', String(port), '--hostname', '127.0.0.1'], {
      cwd: ROOT,
      stdio: 'ignore',
      env: {
        ...process.env,
        DATABASE_URL: database.url,
        BETTER_AUTH_SECRET: throwawaySecret(),
        NEXT_TELEMETRY_DISABLED: '1',
      },
    });
    try {
      await waitForServer(`${base}/api/v1/openapi.json`);
      const targets = [
        ['static: /api/v1/openapi.json', '/api/v1/openapi.json'],
        ['pair page (busiest pair)', '/pairs/officials/official-0/official-20'],
        ['gaps API (busiest pair)', '/api/v1/gaps?a=official-0&b=official-20'],
        ['dashboard (every official pair)', '/'],
      ];
      process.stdout.write(`\nHTTP, ${SECONDS} s each, 10 connections, production build:\n`);
      for (const [label, path] of targets) {
        const single = performance.now();
        const response = await fetch(`${base}${path}`);
        await response.arrayBuffer();
        log(`${label}: one request alone took ${(performance.now() - single).toFixed(0)} ms (HTTP ${response.status})`);
        const result = await autocannon({ url: `${base}${path}`, connections: 10, duration: SECONDS });
        const problems = [
          result.non2xx && `${result.non2xx} non-2xx`,
          result.timeouts && `${result.timeouts} timeouts`,
          result.errors - result.timeouts > 0 && `${result.errors - result.timeouts} errors`,
        ].filter(Boolean);
        process.stdout.write(
          `  ${label.padEnd(34)} ${result.requests.average.toFixed(1).padStart(8)} req/s   p50 ${String(result.latency.p50).padStart(6)} ms   p99 ${String(result.latency.p99).padStart(6)} ms${problems.length ? `   ${problems.join(', ')}` : ''}\n`,
        );
      }
      process.stdout.write(`  server memory after the runs: ${rssMb(server.pid!)} MB RSS\n`);
    } finally {
      server.kill('SIGTERM');
    }
  } finally {
    await database.stop();
  }
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
