/**
 * `npm run bench`: how fast Counterpart serves a large history, measured from outside, as a reader (and a
 * researcher's script) meets it. Figures, and PASS/FAIL against the targets below; it exits 0 whatever the
 * figures, and non-zero only when something breaks (the build, the server, the data, the load generator).
 *
 * 1. The database is the app's own selection: DATABASE_URL, else the embedded one (`.data/postgres`, or
 *    COUNTERPART_DATA_DIR), durable as `npm start` runs it (fsync, synchronous_commit and full_page_writes
 *    are read from the server and reported). It must hold the history `npm run bench:data` loads
 *    (BENCH_CONTACTS, BENCH_OFFICIALS): when it has none that this bench knows of, or with `--load`, the bench
 *    runs `bench:data` and keeps what its last stdout line says (the contact count and the busiest official,
 *    office and country pairs) in `.data/bench-data.json`, against the database and its live contact count.
 * 2. A production build (`next build` when `.next` is missing or older than a source file, as `npm start`
 *    decides), served by `node scripts/server.mjs` on a free port, with the app's pool and statement timeout.
 * 3. For each route, once the server is idle, one request alone (the cold figure: the first to that address,
 *    made while finding the routes' addresses or by the load process), then a separate process
 *    (scripts/bench-load.mjs) then drives autocannon for BENCH_WARMUP_SECONDS (default 2) unmeasured and BENCH_SECONDS
 *    (default 10) measured, with 10 keep-alive connections sending `Accept-Encoding: gzip` as browsers do.
 *    Completed requests per second count 2xx answers; anything else is an error; a request unanswered after
 *    8 s is a timeout and counts as 8 s in p50/p99/max. Routes: the static /methodology page (the baseline),
 *    a bare dynamic JSON route (/api/v1/ping, the API's baseline), the dashboard at its three levels, the
 *    busiest official, office and country pair pages (the latest timeline page and the next older one), the
 *    gaps API of each busiest pair, search, and the busiest official's page.
 * 4. Writes: 10 writers in a separate process, each logging held calls on its own existing pair of officials
 *    through POST /api/v1/contacts with a researcher's API token (account bench@counterpart.invalid, kept;
 *    a new token each run, revoked at the end), each write followed by a read of the pair's gaps that must
 *    contain it. The contacts carry a marker (sources at https://bench.counterpart.invalid/…); when the run
 *    ends every contact with that marker is deleted through the app's data layer (so its derived data
 *    follows) and then removed from the database with its audit rows.
 * 5. The server's peak resident memory (VmHWM in /proc/<pid>/status) and its RSS at the end; the first-load
 *    JavaScript of the dashboard and of a pair page, from the build (see firstLoadJs).
 * 6. With the server stopped, search by any spelling: BENCH_SEARCHES (default 1,000) distinct misspelt or
 *    transliterated names through the data layer, uncached, beside a profile read (scripts/bench-search.ts).
 *    Then the import: a BENCH_IMPORT_ROWS-row (default 100,000) contacts CSV through
 *    `npm run cli -- import contacts`, against PostgreSQL's COPY of the same file (see scripts/bench-import.ts);
 *    the imported contacts are removed afterwards.
 * 7. A Markdown table on stdout and in bench/RESULTS.md (with the machine), and bench/results.json.
 *
 * Usage: npm run bench [-- --load]
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import zlib from 'node:zlib';
import pg from 'pg';
import { measureImport, removeBenchImports, type ImportBenchResult } from './bench-import';
import { measureSpellingSearch, spellingSearchMarkdown, type SpellingSearchResult } from './bench-search';
import { accountToken } from './lib/api-account';
import {
  benchData,
  currentSetting,
  describeMachine,
  liveContacts,
  migrateAndConnect,
  procStatus,
  removeMarkedWrites,
  runIdFor,
  runLoadProcess,
  type BenchData,
} from './lib/bench-env';
import { ensureProductionBuild, startAppServer, type AppServer } from './lib/app-server';
import { openDatabaseOrExit } from './lib/database';
import { fail, numberFromEnv, ROOT, runMain } from './lib/run';

const USAGE = `Usage: npm run bench [-- --load]

  --load   run \`npm run bench:data\` first even when the database already holds bench data

Environment: BENCH_SECONDS (per route, default 10), BENCH_WARMUP_SECONDS (default 2),
BENCH_CONTACTS and BENCH_OFFICIALS (passed to bench:data), BENCH_IMPORT_ROWS (rows of the import's
file, default 100000), DATABASE_URL (else the embedded database).`;

const args = process.argv.slice(2);
if (args.includes('--help') || args.includes('-h')) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}
const unknownArgs = args.filter((arg) => arg !== '--load');
if (unknownArgs.length > 0) fail(`Unknown argument ${unknownArgs.join(' ')}.\n${USAGE}`, 2);
const FORCE_LOAD = args.includes('--load');

const SECONDS = numberFromEnv('BENCH_SECONDS', { fallback: 10, min: 1 });
const WARMUP_SECONDS = numberFromEnv('BENCH_WARMUP_SECONDS', { fallback: 2, min: 0 });
const IMPORT_ROWS = Math.floor(numberFromEnv('BENCH_IMPORT_ROWS', { fallback: 100_000, min: 1000 }));
/** Distinct misspelt or transliterated names asked of the officials' search (scripts/bench-search.ts). */
const SEARCHES = Math.floor(numberFromEnv('BENCH_SEARCHES', { fallback: 1000, min: 100 }));
const CONNECTIONS = 10;
const WRITERS = 10;
const TIMEOUT_SECONDS = 8;
/** What every load request sends besides the defaults: browsers ask for compressed pages. */
const HEADERS = { 'accept-encoding': 'gzip' };
const BENCH_EMAIL = 'bench@counterpart.invalid';
const MARKER = 'counterpart-bench write';
const MARKER_URL = 'https://bench.counterpart.invalid/';
const OUT_DIR = path.join(ROOT, 'bench');

/** The targets (the issue's): kB and MB are 1,000 and 1,000,000 bytes. */
const TARGET = {
  pageShareOfStatic: 0.5,
  pageP99Ms: 50,
  apiShareOfBare: 0.5,
  searchP99Ms: 50,
  writesPerSecond: 200,
  writeP99Ms: 100,
  peakRssMb: 500,
  firstLoadJsKb: 200,
  importRowsPerSecond: 20_000,
  importTimesCopy: 3,
};

function log(line: string) {
  process.stderr.write(`[bench] ${line}\n`);
}

// ---------------------------------------------------------------------------------------------------------
// The data

// ---------------------------------------------------------------------------------------------------------
// The server

/** Processes whose parent is `pid` (the server starts none of its own today; reported if it ever does). */
function childrenOf(pid: number): number[] {
  try {
    return fs
      .readdirSync('/proc')
      .filter((name) => /^\d+$/.test(name))
      .filter((name) => {
        try {
          const stat = fs.readFileSync(`/proc/${name}/stat`, 'utf8');
          return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid;
        } catch {
          return false;
        }
      })
      .map(Number);
  } catch {
    return [];
  }
}

/** CPU time a process has used, in clock ticks (utime + stime in /proc/<pid>/stat); null without /proc. */
function cpuTicks(pid: number): number | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return null;
  }
}

/**
 * Waits (at most 30 s) until the server is idle: its process used almost no CPU in the last half second and
 * PostgreSQL runs no statement for this database. A load run ends with requests still in flight, which the
 * server goes on serving: without this, a slow route's leftovers would be measured as part of the next.
 */
async function settle(pid: number, client: pg.Client): Promise<boolean> {
  const deadline = Date.now() + 30_000;
  let quiet = 0;
  while (Date.now() < deadline) {
    const before = cpuTicks(pid);
    await new Promise((resolve) => setTimeout(resolve, 250));
    const after = cpuTicks(pid);
    const { rows } = await client.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_stat_activity
        WHERE datname = current_database() AND state = 'active' AND pid <> pg_backend_pid()`,
    );
    // 250 ms is 25 ticks at the usual 100 a second: 2 ticks is under a tenth of a core.
    const idle = (before === null || after === null || after - before <= 2) && rows[0].n === 0;
    quiet = idle ? quiet + 1 : 0;
    if (quiet >= 2) return true;
  }
  return false;
}

// ---------------------------------------------------------------------------------------------------------
// The load process

type HttpResult = {
  cold: Cold | null;
  seconds: number;
  completed: number;
  rps: number;
  p50: number | null;
  p99: number | null;
  max: number;
  timeouts: number;
  errors: number;
  non2xx: number;
  connErrors: number;
  statuses: Record<string, number>;
  cutOff: number;
  bytesPerResponse: number | null;
  cache: Record<string, number> | null;
};

type WriteResult = {
  seconds: number;
  completed: number;
  rps: number;
  p50: number | null;
  p99: number | null;
  max: number | null;
  timeouts: number;
  errors: number;
  statuses: Record<string, number>;
  checks: number;
  readAfterWriteFailures: number;
  failures: string[];
  created: { id: string; version: number }[];
};

/** Runs scripts/bench-load.mjs with one job; its last stdout line is the result. */
function loadProcess<T>(job: Record<string, unknown>): Promise<T> {
  return runLoadProcess<T>('bench-load.mjs', job);
}

// ---------------------------------------------------------------------------------------------------------
// First-load JavaScript

type FirstLoad = { route: string; files: number; bytes: number; gzipBytes: number };

/**
 * The JavaScript a browser loads to show a route the first time, gzip-compressed, read from the build.
 * Next 16 (Turbopack) no longer prints sizes in its route table, and has no app-build-manifest.json. A page's
 * scripts are (a) the framework's `rootMainFiles` in .next/build-manifest.json, which every page loads, and
 * (b) the client chunks of every segment file of the route (layout, page, error, not-found, forbidden,
 * global-error), the `entryJSFiles` of the route's client reference manifest
 * (.next/server/app/<route>/page_client-reference-manifest.js, which we evaluate in an empty context). The
 * nomodule polyfills, which modern browsers skip, are left out, as Next's own figures always did. Each file is
 * gzipped (zlib's default level, as Next compresses what it serves) and the sizes added. The page's HTML is
 * checked too: any /_next/static script it names that the manifests do not is added (and counted apart).
 */
function firstLoadJs(
  route: string,
  html: string | null,
): FirstLoad & { fromHtmlOnly: number; notInHtml: number | null } {
  const next = path.join(ROOT, '.next');
  const buildManifest = JSON.parse(fs.readFileSync(path.join(next, 'build-manifest.json'), 'utf8')) as {
    rootMainFiles: string[];
  };
  // Next writes it beside the route's page file (app/page_client-reference-manifest.js for `page`), and in some
  // builds inside a folder named after the page: whichever exists.
  const manifestFile = [path.dirname(route), route]
    .map((folder) => path.join(next, 'server', 'app', folder, 'page_client-reference-manifest.js'))
    .find((file) => fs.existsSync(file));
  if (manifestFile === undefined) throw new Error(`No client reference manifest for ${route} in .next/server/app`);
  const sandbox: {
    globalThis?: unknown;
    __RSC_MANIFEST?: Record<string, { entryJSFiles?: Record<string, string[]> }>;
  } = {};
  sandbox.globalThis = sandbox;
  vm.runInNewContext(fs.readFileSync(manifestFile, 'utf8'), sandbox);
  const manifest = Object.values(sandbox.__RSC_MANIFEST ?? {})[0];
  const files = new Set([...buildManifest.rootMainFiles, ...Object.values(manifest?.entryJSFiles ?? {}).flat()]);
  let fromHtmlOnly = 0;
  const inHtml = new Set<string>();
  for (const match of (html ?? '').matchAll(/<script([^>]+)src="\/_next\/(static\/[^"?]+\.js)[^"]*"([^>]*)>/g)) {
    // The nomodule polyfills, which modern browsers skip (left out above too).
    if (/\bnomodule\b/i.test(`${match[1]} ${match[3]}`)) continue;
    inHtml.add(match[2]);
    if (!files.has(match[2])) {
      files.add(match[2]);
      fromHtmlOnly += 1;
    }
  }
  // For the record: manifest files the page's HTML does not name (React may load them from the page's data).
  const notInHtml = html === null ? null : [...files].filter((file) => !inHtml.has(file)).length;
  let bytes = 0;
  let gzipBytes = 0;
  for (const file of files) {
    const content = fs.readFileSync(path.join(next, file));
    bytes += content.length;
    gzipBytes += zlib.gzipSync(content).length;
  }
  return {
    route: `/${route}`.replace(/\/page$/, '') || '/',
    files: files.size,
    bytes,
    gzipBytes,
    fromHtmlOnly,
    notInHtml,
  };
}

// ---------------------------------------------------------------------------------------------------------
// Helpers

type Cold = { ms: number; status: number | null; cache?: string | null; error?: string };

/**
 * Follows redirects (a pair page redirects to its canonical address) to the address a reader ends at, and
 * returns its HTML and how long that address took to answer: the route's cold figure (the first request to
 * it, so a miss when the app caches responses). A page that fails or takes over a minute is measured at the
 * address asked for: its errors and timeouts are figures, not a reason to stop.
 */
async function discover(base: string, pathname: string): Promise<{ path: string; html: string | null; cold: Cold }> {
  let current = pathname;
  let started = performance.now();
  try {
    for (let hop = 0; hop < 5; hop += 1) {
      started = performance.now();
      const response = await fetch(`${base}${current}`, {
        redirect: 'manual',
        headers: HEADERS,
        signal: AbortSignal.timeout(60_000),
      });
      const location = response.headers.get('location');
      if (response.status >= 300 && response.status < 400 && location) {
        await response.arrayBuffer();
        const next = new URL(location, `${base}${current}`);
        current = `${next.pathname}${next.search}`;
        continue;
      }
      const html = await response.text();
      const cold = {
        ms: performance.now() - started,
        status: response.status,
        cache: response.headers.get('x-counterpart-cache'),
      };
      if (response.ok) return { path: current, html, cold };
      log(`${current} answered HTTP ${response.status} before the load`);
      return { path: current, html: null, cold };
    }
    log(`${pathname} redirects more than 5 times`);
    return { path: current, html: null, cold: { ms: performance.now() - started, status: 308 } };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    log(`${current} did not answer before the load: ${message}`);
    return { path: current, html: null, cold: { ms: performance.now() - started, status: null, error: message } };
  }
}

/** The link to the next older page of a pair page's timeline, whatever its parameter is called. */
function olderPageLink(html: string, pagePath: string): string | null {
  const base = pagePath.split('?')[0];
  for (const match of html.matchAll(/<a[^>]+href="([^"]+)"[^>]*>([^<]*)/g)) {
    const href = match[1].replaceAll('&amp;', '&');
    if (href.startsWith(`${base}?`) && /older/i.test(match[2])) return href.split('#')[0];
  }
  return null;
}

async function gitCommit(): Promise<string> {
  return new Promise((resolve) => {
    const child = spawn('git', ['describe', '--always', '--dirty'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'ignore'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    child.on('error', () => resolve(''));
    child.on('exit', () => resolve(out.trim()));
  });
}

const ms = (value: number | null | undefined) =>
  value === null || value === undefined ? '–' : value >= 100 ? value.toFixed(0) : value.toFixed(1);
const whole = (value: number) => Math.round(value).toLocaleString('en-GB');
const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;

// ---------------------------------------------------------------------------------------------------------
// The run

type Route = {
  key: string;
  label: string;
  path: string;
  group: 'baseline' | 'dashboard' | 'pair' | 'gaps' | 'search' | 'official';
  /** The cold figure, when the route was already asked for to find its address. */
  cold?: Cold;
};

type Check = { name: string; target: string; value: string; pass: boolean };

async function main() {
  const started = new Date();
  const commit = await gitCommit();
  const runId = runIdFor(started);
  const database = await openDatabaseOrExit({ mode: 'app', log });
  let server: AppServer | null = null;
  let interrupted = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (interrupted) return;
    interrupted = true;
    log(`Stopping (${signal})…`);
    void (server?.stop() ?? Promise.resolve()).then(() => database.stop()).finally(() => process.exit(130));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const client = new pg.Client({ connectionString: database.ownerUrl });
  client.on('error', () => {});
  let tokenId: string | null = null;
  try {
    await migrateAndConnect(client, database.ownerUrl);

    // Durability: what the measured server actually runs with.
    const setting = (name: string) => currentSetting(client, name);
    const settings = {
      serverVersion: await setting('server_version'),
      fsync: await setting('fsync'),
      synchronousCommit: await setting('synchronous_commit'),
      fullPageWrites: await setting('full_page_writes'),
      walSyncMethod: await setting('wal_sync_method'),
      sharedBuffers: await setting('shared_buffers'),
    };
    const durable = settings.fsync === 'on' && settings.synchronousCommit !== 'off';
    log(
      `PostgreSQL ${settings.serverVersion}: fsync=${settings.fsync}, synchronous_commit=${settings.synchronousCommit}, full_page_writes=${settings.fullPageWrites}, wal_sync_method=${settings.walSyncMethod}${durable ? '' : ' — NOT durable: the write figures will not count'}`,
    );

    // The data layer (the bench's account, its token, removing its writes) uses the app's own login.
    process.env.DATABASE_URL = database.url;
    const leftovers = await removeMarkedWrites(client, MARKER_URL);
    if (leftovers > 0) log(`Removed ${leftovers} contacts an interrupted bench run had written`);
    const importLeftovers = await removeBenchImports();
    if (importLeftovers > 0) log(`Removed ${importLeftovers} contacts an interrupted bench run had imported`);
    const data = await benchData(database, client, FORCE_LOAD);
    const live = await liveContacts(client);
    const [officialA, officialB] = data.busiest.officials;
    const nameRow = await client.query<{ name: string }>('SELECT name FROM official WHERE slug = $1', [officialA]);
    const searchTerm = nameRow.rows[0]?.name ?? officialA;
    // The writers' pairs: existing pairs of two officials of different countries, one pair per writer, none
    // of them the busiest (whose pages were just measured), each official in one pair only.
    const candidates = await client.query<{ a: string; b: string }>(
      `SELECT oa.slug AS a, ob.slug AS b
         FROM (SELECT contact_id FROM participant GROUP BY contact_id HAVING count(*) = 2 LIMIT 2000) c
         JOIN participant pa ON pa.contact_id = c.contact_id
         JOIN participant pb ON pb.contact_id = c.contact_id AND pa.official_id < pb.official_id
         JOIN official oa ON oa.id = pa.official_id AND oa.merged_into_id IS NULL
         JOIN official ob ON ob.id = pb.official_id AND ob.merged_into_id IS NULL
         JOIN contact k ON k.id = c.contact_id AND k.deleted_at IS NULL
        WHERE pa.country <> pb.country AND NOT (oa.slug = ANY($1)) AND NOT (ob.slug = ANY($1))`,
      [[officialA, officialB]],
    );
    const writerPairs: [string, string][] = [];
    const used = new Set<string>();
    for (const { a, b } of candidates.rows) {
      if (writerPairs.length === WRITERS) break;
      if (used.has(a) || used.has(b)) continue;
      used.add(a);
      used.add(b);
      writerPairs.push([a, b]);
    }
    if (writerPairs.length === 0) throw new Error('The database has no pair of officials for the writers.');

    // The bench's researcher and a token for this run, made with the app's own data layer.
    const { disconnectDb } = await import('../lib/db');
    const token = await accountToken({
      email: BENCH_EMAIL,
      name: 'Counterpart bench',
      role: 'RESEARCHER',
      tokenName: `bench ${runId}`,
      log,
    });
    tokenId = token.id;
    await disconnectDb();

    await ensureProductionBuild(log);

    log('Starting the server…');
    server = await startAppServer({ databaseUrl: database.url, logPrefix: 'counterpart-bench-server' });
    const { base } = server;
    log(`Serving on ${base} (pid ${server.pid}, log ${server.logPath})`);

    // The addresses: a pair page may redirect to its canonical one, and its older page is the link it shows.
    const dashboard = await discover(base, '/?level=officials');
    const htmlOf: Record<string, string | null> = { dashboard: dashboard.html };
    const routes: Route[] = [
      { key: 'static', label: 'static page (baseline)', path: '/methodology', group: 'baseline' },
      { key: 'bare', label: 'bare dynamic JSON (API baseline)', path: '/api/v1/ping', group: 'baseline' },
      {
        key: 'dashboard-officials',
        label: 'dashboard, officials',
        path: dashboard.path,
        group: 'dashboard',
        cold: dashboard.cold,
      },
      { key: 'dashboard-offices', label: 'dashboard, offices', path: '/?level=offices', group: 'dashboard' },
      { key: 'dashboard-countries', label: 'dashboard, countries', path: '/?level=countries', group: 'dashboard' },
    ];
    const pairLevels = [
      ['officials', data.busiest.officials, ['a', 'b']],
      ['offices', data.busiest.offices, ['officeA', 'officeB']],
      ['countries', data.busiest.countries, ['countryA', 'countryB']],
    ] as const;
    for (const [segment, [a, b]] of pairLevels) {
      const page = await discover(base, `/pairs/${segment}/${encodeURIComponent(a)}/${encodeURIComponent(b)}`);
      htmlOf[`pair-${segment}`] = page.html;
      routes.push({
        key: `pair-${segment}`,
        label: `pair page, ${segment}`,
        path: page.path,
        group: 'pair',
        cold: page.cold,
      });
      const older = olderPageLink(page.html ?? '', page.path);
      if (older) {
        routes.push({
          key: `pair-${segment}-older`,
          label: `pair page, ${segment}, older`,
          path: older,
          group: 'pair',
        });
      } else log(`The busiest ${segment} pair has a single timeline page: no older page to measure`);
    }
    for (const [segment, [a, b], [keyA, keyB]] of pairLevels) {
      routes.push({
        key: `gaps-${segment}`,
        label: `gaps API, ${segment}`,
        path: `/api/v1/gaps?${new URLSearchParams({ [keyA]: a, [keyB]: b })}`,
        group: 'gaps',
      });
    }
    const search = await discover(base, `/search?${new URLSearchParams({ q: searchTerm })}`);
    routes.push({ key: 'search', label: 'search', path: search.path, group: 'search', cold: search.cold });
    const official = await discover(base, `/officials/${encodeURIComponent(officialA)}`);
    routes.push({
      key: 'official',
      label: 'official page',
      path: official.path,
      group: 'official',
      cold: official.cold,
    });

    const measured: (Route & { result: HttpResult })[] = [];
    for (const route of routes) {
      if (!(await settle(server.pid, client))) log('The server was still busy after 30 s; measuring anyway');
      log(`${route.label}: ${route.path}`);
      const result = await loadProcess<HttpResult>({
        mode: 'http',
        url: `${base}${route.path}`,
        seconds: SECONDS,
        warmupSeconds: WARMUP_SECONDS,
        connections: CONNECTIONS,
        timeoutSeconds: TIMEOUT_SECONDS,
        headers: HEADERS,
        cold: route.cold === undefined,
      });
      if (route.cold) result.cold = route.cold;
      log(
        `  ${result.rps.toFixed(1)} req/s, p50 ${ms(result.p50)} ms, p99 ${ms(result.p99)} ms, max ${ms(result.max)} ms, ${result.errors} errors (${result.timeouts} timeouts)`,
      );
      measured.push({ ...route, result });
      if (server.exited()) throw new Error(`The server died during ${route.label}; its log: ${server.logPath}`);
    }

    // Writes, then a check that the pairs are as they were once the bench's contacts are gone.
    const heldCounts = async () =>
      Promise.all(
        writerPairs.map(async ([a, b]) => {
          const response = await fetch(`${base}/api/v1/gaps?${new URLSearchParams({ a, b })}`);
          return response.ok ? ((await response.json()) as { heldCount: number }).heldCount : null;
        }),
      );
    if (!(await settle(server.pid, client))) log('The server was still busy after 30 s; measuring anyway');
    const heldBefore = await heldCounts();
    log(`writes: ${WRITERS} writers on ${writerPairs.length} pairs, ${SECONDS} s`);
    const writes = await loadProcess<WriteResult>({
      mode: 'writes',
      base,
      token: token.token,
      seconds: SECONDS,
      writers: WRITERS,
      timeoutSeconds: TIMEOUT_SECONDS,
      headers: HEADERS,
      pairs: writerPairs,
      today: new Date().toISOString().slice(0, 10),
      marker: MARKER,
      run: runId,
    });
    log(
      `  ${writes.rps.toFixed(1)} writes/s, p50 ${ms(writes.p50)} ms, p99 ${ms(writes.p99)} ms, ${writes.errors} errors, ${writes.readAfterWriteFailures} read-after-write failures`,
    );
    for (const failure of writes.failures) log(`  ${failure}`);

    const memory = procStatus(server.pid);
    const children = childrenOf(server.pid).map((pid) => ({ pid, ...procStatus(pid) }));

    // Remove every contact the bench wrote (this run's, and any an interrupted run left).
    const removed = await removeMarkedWrites(client, MARKER_URL);
    const heldAfter = await heldCounts();
    const restored = heldAfter.every((count, i) => count === heldBefore[i]);
    log(`Removed ${removed} contacts the bench wrote; the writers' pairs ${restored ? 'are' : 'are NOT'} as before`);

    await server.stop();
    server = null;

    // Search by any spelling, in the data layer and uncached (each name asked once), the server stopped.
    log(`search by any spelling: ${whole(SEARCHES)} misspelt or transliterated names, one after the other`);
    const spelling = await measureSpellingSearch({ ownerUrl: database.ownerUrl, count: SEARCHES }).catch(
      (error: unknown) => {
        log(`  not measured: ${error instanceof Error ? error.message : String(error)}`);
        return null;
      },
    );

    // The import, with the server stopped: the command line and PostgreSQL have the machine to themselves.
    log(`import: ${whole(IMPORT_ROWS)} rows, COPY then the command line`);
    const imported = await measureImport({ database, client, rows: IMPORT_ROWS, log });

    const firstLoad = [
      firstLoadJs('(dashboard)/page', htmlOf.dashboard),
      firstLoadJs('pairs/[level]/[a]/[b]/page', htmlOf['pair-officials']),
    ];

    // ---- Targets
    const by = Object.fromEntries(measured.map((m) => [m.key, m.result]));
    const staticRps = by.static.rps;
    const bareRps = by.bare.rps;
    const checks: Check[] = [];
    const clean = (r: HttpResult) => r.errors === 0;
    for (const m of measured.filter((r) => r.group === 'dashboard' || r.group === 'pair')) {
      const share = staticRps > 0 ? m.result.rps / staticRps : 0;
      checks.push({
        name: m.label,
        target: `≥ ${TARGET.pageShareOfStatic * 100}% of static req/s, p99 ≤ ${TARGET.pageP99Ms} ms, no errors`,
        value: `${(share * 100).toFixed(0)}%, p99 ${ms(m.result.p99)} ms, ${m.result.errors} errors`,
        pass: share >= TARGET.pageShareOfStatic && (m.result.p99 ?? Infinity) <= TARGET.pageP99Ms && clean(m.result),
      });
    }
    for (const m of measured.filter((r) => r.group === 'gaps')) {
      const share = bareRps > 0 ? m.result.rps / bareRps : 0;
      checks.push({
        name: m.label,
        target: `≥ ${TARGET.apiShareOfBare * 100}% of bare JSON req/s, no errors`,
        value: `${(share * 100).toFixed(0)}%, ${m.result.errors} errors`,
        pass: share >= TARGET.apiShareOfBare && clean(m.result),
      });
    }
    checks.push({
      name: 'search',
      target: `p99 ≤ ${TARGET.searchP99Ms} ms, no errors`,
      value: `p99 ${ms(by.search.p99)} ms, ${by.search.errors} errors`,
      pass: (by.search.p99 ?? Infinity) <= TARGET.searchP99Ms && clean(by.search),
    });
    checks.push({
      name: 'durable writes',
      target: `durable, ≥ ${TARGET.writesPerSecond}/s, p99 ≤ ${TARGET.writeP99Ms} ms, no errors, no read-after-write failures`,
      value: `${durable ? 'durable' : 'NOT durable'}, ${writes.rps.toFixed(0)}/s, p99 ${ms(writes.p99)} ms, ${writes.errors} errors, ${writes.readAfterWriteFailures} read-after-write failures`,
      pass:
        durable &&
        writes.rps >= TARGET.writesPerSecond &&
        (writes.p99 ?? Infinity) <= TARGET.writeP99Ms &&
        writes.errors === 0 &&
        writes.readAfterWriteFailures === 0,
    });
    const peakMb = memory ? (memory.hwmKb * 1024) / 1e6 : null;
    checks.push({
      name: 'peak server memory',
      target: `VmHWM ≤ ${TARGET.peakRssMb} MB`,
      value: peakMb === null ? 'unknown (no /proc)' : `${peakMb.toFixed(0)} MB`,
      pass: peakMb !== null && peakMb <= TARGET.peakRssMb,
    });
    for (const f of firstLoad) {
      checks.push({
        name: `first-load JS ${f.route}`,
        target: `≤ ${TARGET.firstLoadJsKb} kB gzip`,
        value: kb(f.gzipBytes),
        pass: f.gzipBytes <= TARGET.firstLoadJsKb * 1000,
      });
    }

    checks.push(...importChecks(imported));
    checks.push({
      name: 'search by any spelling (data layer, uncached)',
      target: `p99 ≤ ${TARGET.searchP99Ms} ms at ≥ 10,000 officials (baseline: a profile read by slug)`,
      value: spelling
        ? `p99 ${ms(spelling.page.p99)} ms, all ids ${ms(spelling.contacts.p99)} ms (baseline ${ms(spelling.baseline.p99)} ms)`
        : 'not measured',
      pass: spelling?.pass ?? false,
    });

    const results = {
      date: started.toISOString(),
      commit,
      machine: describeMachine(),
      postgres: { ...settings, durable, database: database.describe },
      data: { contacts: data.contacts, liveContacts: live, busiest: data.busiest, searchTerm, writerPairs },
      settings: {
        seconds: SECONDS,
        warmupSeconds: WARMUP_SECONDS,
        connections: CONNECTIONS,
        writers: WRITERS,
        timeoutSeconds: TIMEOUT_SECONDS,
        requestHeaders: HEADERS,
      },
      routes: measured.map((m) => ({
        key: m.key,
        label: m.label,
        path: m.path,
        ...m.result,
        shareOfBaseline:
          (m.group === 'gaps' || m.key === 'bare' ? bareRps : staticRps) > 0
            ? m.result.rps / (m.group === 'gaps' || m.key === 'bare' ? bareRps : staticRps)
            : null,
      })),
      writes: { ...writes, created: writes.created.length, removed, pairsRestored: restored },
      memory: {
        serverPeakRssKb: memory?.hwmKb ?? null,
        serverRssAtEndKb: memory?.rssKb ?? null,
        children,
      },
      firstLoadJs: firstLoad,
      import: imported,
      spellingSearch: spelling,
      checks,
    };
    const markdown = report(results);
    process.stdout.write(`\n${markdown}`);
    fs.mkdirSync(OUT_DIR, { recursive: true });
    fs.writeFileSync(path.join(OUT_DIR, 'RESULTS.md'), markdown);
    fs.writeFileSync(path.join(OUT_DIR, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
    log(`Written: bench/RESULTS.md and bench/results.json`);
  } finally {
    if (server) await server.stop();
    if (tokenId) {
      try {
        const { revokeApiToken } = await import('../lib/data/api-tokens');
        const { disconnectDb } = await import('../lib/db');
        await revokeApiToken(tokenId, { userId: null, via: 'cli' });
        await disconnectDb();
      } catch (error) {
        log(`Could not revoke the bench's token ${tokenId}: ${error instanceof Error ? error.message : error}`);
      }
    }
    await client.end().catch(() => {});
    await database.stop();
  }
}

/** The import's targets, judged by the importer's own seconds (the wall clock is shown beside them). */
function importChecks(r: ImportBenchResult): Check[] {
  const failed =
    r.rowsPerSecond === null ? `the import failed: ${r.import.error ?? 'it did not create every row'}` : null;
  return [
    {
      name: 'import',
      target: `≥ ${whole(TARGET.importRowsPerSecond)} rows/s (${whole(r.rows)} rows, importer's own seconds)`,
      value: failed ?? `${whole(r.rowsPerSecond!)} rows/s (${whole(r.rowsPerSecondWall!)} by the wall clock)`,
      pass: (r.rowsPerSecond ?? 0) >= TARGET.importRowsPerSecond,
    },
    {
      name: 'import vs COPY',
      target: `within ${TARGET.importTimesCopy}× of PostgreSQL COPY of the same rows`,
      value: failed ?? `${r.timesCopy!.toFixed(1)}× (${r.timesCopyWall!.toFixed(1)}× by the wall clock)`,
      pass: r.timesCopy !== null && r.timesCopy <= TARGET.importTimesCopy,
    },
  ];
}

// ---------------------------------------------------------------------------------------------------------
// The report

type Results = {
  date: string;
  commit: string;
  machine: ReturnType<typeof describeMachine>;
  postgres: Record<string, unknown> & { serverVersion: string; durable: boolean };
  data: { contacts: number; liveContacts: number; searchTerm: string; busiest: BenchData['busiest'] };
  settings: { seconds: number; warmupSeconds: number; connections: number; writers: number; timeoutSeconds: number };
  routes: (HttpResult & { label: string; path: string; key: string; shareOfBaseline: number | null })[];
  writes: Omit<WriteResult, 'created'> & { created: number; removed: number; pairsRestored: boolean };
  memory: { serverPeakRssKb: number | null; serverRssAtEndKb: number | null; children: unknown[] };
  firstLoadJs: (FirstLoad & { fromHtmlOnly: number; notInHtml: number | null })[];
  import: ImportBenchResult;
  checks: Check[];
  spellingSearch?: SpellingSearchResult | null;
};

function cold(c: Cold | null): string {
  if (c === null) return '–';
  const status = c.status === 200 ? '' : ` (${c.status ?? c.error})`;
  return `${ms(c.ms)}${status}${c.cache ? ` ${c.cache}` : ''}`;
}

function report(r: Results): string {
  const lines: string[] = [];
  const p = r.postgres as Record<string, string | boolean>;
  lines.push('# Counterpart benchmark', '');
  lines.push(
    `${r.date.slice(0, 16).replace('T', ' ')} UTC, commit ${r.commit || 'unknown'}. ` +
      `${r.machine.cpu}, ${r.machine.cores} cores, ${r.machine.memoryGb} GB memory, ${r.machine.os}; Node ${r.machine.node}; ` +
      `PostgreSQL ${p.serverVersion} (fsync=${p.fsync}, synchronous_commit=${p.synchronousCommit}, full_page_writes=${p.fullPageWrites}, wal_sync_method=${p.walSyncMethod}, shared_buffers=${p.sharedBuffers}). ` +
      `Server, load generator and PostgreSQL share this machine.`,
    '',
  );
  lines.push(
    `Data: ${whole(r.data.contacts)} generated contacts (${whole(r.data.liveContacts)} live contacts in the database); ` +
      `busiest pairs ${r.data.busiest.officials.join(' – ')}, ${r.data.busiest.offices.join(' – ')}, ${r.data.busiest.countries.join(' – ')}; search for “${r.data.searchTerm}”.`,
    '',
  );
  lines.push(
    `Each route: one request alone (cold), ${r.settings.warmupSeconds} s warm-up, then ${r.settings.seconds} s with ${r.settings.connections} connections ` +
      `(autocannon in its own process, \`Accept-Encoding: gzip\`). req/s counts 2xx answers; errors are every other answer, ` +
      `connection errors and timeouts; a timeout (no answer in ${r.settings.timeoutSeconds} s) counts as ${r.settings.timeoutSeconds} s in p50/p99/max. ` +
      `× is the share of the baseline's req/s (static page for pages, bare JSON route for the API). Bytes are per response on the wire, headers included.`,
    '',
  );
  const anyCache = r.routes.some((route) => route.cache !== null);
  lines.push(
    `| route | req/s | × | p50 ms | p99 ms | max ms | timeouts | errors | bytes | cold ms |${anyCache ? ' cache hits |' : ''}`,
    `|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|${anyCache ? '--:|' : ''}`,
  );
  for (const route of r.routes) {
    const cache = route.cache
      ? `${(((route.cache.hit ?? 0) / Object.values(route.cache).reduce((a, b) => a + b, 0)) * 100).toFixed(0)}%`
      : '–';
    lines.push(
      `| ${route.label} \`${route.path}\` | ${route.rps.toFixed(1)} | ${route.shareOfBaseline === null ? '–' : `${(route.shareOfBaseline * 100).toFixed(0)}%`} | ${ms(route.p50)} | ${ms(route.p99)} | ${ms(route.max)} | ${route.timeouts} | ${route.errors} | ${route.bytesPerResponse === null ? '–' : whole(route.bytesPerResponse)} | ${cold(route.cold)} |${anyCache ? ` ${cache} |` : ''}`,
    );
  }
  lines.push('');
  const w = r.writes;
  lines.push(
    `**Writes** (${r.settings.writers} writers, POST /api/v1/contacts with a researcher's token, ${p.durable ? 'durable' : 'NOT durable'} server; each write then read back through the gaps API): ` +
      `${w.rps.toFixed(1)} writes/s, p50 ${ms(w.p50)} ms, p99 ${ms(w.p99)} ms, max ${ms(w.max)} ms, ${w.errors} errors (${w.timeouts} timeouts), ` +
      `${w.readAfterWriteFailures} read-after-write failures in ${w.checks} reads. ${w.created} contacts written and ${w.removed} removed afterwards` +
      `${w.pairsRestored ? '; the pairs are as before' : '; the pairs are NOT as before'}.`,
    '',
  );
  const mb = (kbValue: number | null) => (kbValue === null ? 'unknown' : `${((kbValue * 1024) / 1e6).toFixed(0)} MB`);
  lines.push(
    `**Server memory**: peak ${mb(r.memory.serverPeakRssKb)} (VmHWM), ${mb(r.memory.serverRssAtEndKb)} resident at the end.`,
    '',
  );
  lines.push(
    `**First-load JavaScript** (gzip, from the build): ${r.firstLoadJs.map((f) => `${f.route} ${kb(f.gzipBytes)} (${f.files} files, ${kb(f.bytes)} uncompressed)`).join('; ')}.`,
    '',
  );
  lines.push(...importReport(r.import));
  if (r.spellingSearch) lines.push(spellingSearchMarkdown(r.spellingSearch), '');
  lines.push('| target | goal | measured | result |', '|---|---|---|---|');
  for (const check of r.checks) {
    lines.push(`| ${check.name} | ${check.target} | ${check.value} | ${check.pass ? 'PASS' : '**FAIL**'} |`);
  }
  const failed = r.checks.filter((c) => !c.pass).length;
  lines.push('', `${r.checks.length - failed} of ${r.checks.length} targets met.`, '');
  return lines.join('\n');
}

function importReport(r: ImportBenchResult): string[] {
  const seconds = (value: number | null) => (value === null ? '–' : value.toFixed(value < 10 ? 2 : 1));
  const rate = (value: number | null) => (value ? whole(r.rows / value) : '–');
  const times = (value: number | null) =>
    value === null || r.copySeconds <= 0 ? '–' : `${(value / r.copySeconds).toFixed(1)}`;
  const row = (label: string, value: number | null) =>
    `| ${label} | ${seconds(value)} | ${rate(value)} | ${times(value)} |`;
  const { import: first, rerun, cleanup } = r;
  const statistics =
    first.statisticsStartedAt === null
      ? ''
      : ` Its statistics step began ${seconds(first.statisticsStartedAt)} s after the spawn, ${seconds(first.wallSeconds - first.statisticsStartedAt)} s before the exit.`;
  const outcome = (run: typeof first) =>
    run.error !== null
      ? `failed (exit code ${run.exitCode}): ${run.error}`
      : `${whole(run.created ?? 0)} created, ${whole(run.updated ?? 0)} updated, ${whole(run.unchanged ?? 0)} unchanged`;
  return [
    `**Import** (${whole(r.rows)} contacts in a CSV file of ${(r.fileBytes / 1e6).toFixed(1)} MB between ${r.officials} officials of ` +
      `${r.countries.join(' and ')}, on ${r.pairs} pairs): \`npm run cli -- import contacts FILE\` in its own process, its own seconds ` +
      `(from its report) and the wall clock from spawn to exit (with the process's start and its migration check); the baseline is ` +
      `PostgreSQL's \`COPY … FROM STDIN (FORMAT csv)\` of the same file into a logged table of text columns, from the start of the ` +
      `stream to the commit. The server is stopped meanwhile.`,
    '',
    '| | s | rows/s | × COPY |',
    '|---|--:|--:|--:|',
    row('COPY (baseline)', r.copySeconds),
    row("import, importer's own seconds", first.seconds),
    row('import, wall clock', first.wallSeconds),
    row("import again (nothing to change), importer's own seconds", rerun.seconds),
    row('import again, wall clock', rerun.wallSeconds),
    '',
    `First import: ${outcome(first)}; again: ${outcome(rerun)}.${statistics} ` +
      `${whole(cleanup.removed)} imported contacts removed afterwards; live contacts ${cleanup.liveAfter === cleanup.liveBefore ? 'as before' : `NOT as before (${whole(cleanup.liveBefore)} → ${whole(cleanup.liveAfter)})`}, ` +
      `pair statistics ${cleanup.statisticsRestored ? 'as before' : 'NOT as before'}.`,
    '',
  ];
}

runMain(main);
