/**
 * `npm run soak`: does Counterpart hold under a long, mixed load on a large history? Not part of `npm test`.
 *
 * 1. The database is the app's own selection (DATABASE_URL, else the embedded one), holding the history
 *    `npm run bench:data` loads (1,000,000 contacts unless BENCH_CONTACTS says otherwise; loaded when missing,
 *    as `npm run bench` does). A production build, served by `node scripts/server.mjs` on loopback.
 * 2. For SOAK_SECONDS (default 300), after a warm-up of SOAK_WARM_UP_SECONDS (default 120) under the same load
 *    whose 5xx count but timeouts do not, in a separate process (scripts/soak-load.mjs): SOAK_READERS (default 200)
 *    readers over the pages and the API, mostly the dashboard and the busiest pairs, with a long tail of other
 *    pairs, officials and searches, and the static /methodology page and /api/v1/ping as baselines; and 10
 *    writers, 7 through the API with a token and 3 through the contact form's server actions with a session,
 *    creating contacts and editing every second one, each write read back anonymously.
 * 3. The server's memory (RSS) every 10 s, and the slope of a line through the samples after the first minute.
 * 4. Afterwards, from the database: every acknowledged write is there exactly once, at the version it was
 *    acknowledged at; no contact of the run lacks participants, a source, its audit rows or its pair rows; the
 *    pair statistics agree with the contacts (lib/health.ts checkStatistics).
 * 5. The hostile-input run: SOAK_FUZZ_CASES (default 10,000) generated requests against the same server
 *    (scripts/fuzz.ts), which must all be answered with a 4xx and leave every table as it was.
 * 6. The run's contacts are removed; a Markdown report on stdout and in bench/SOAK.md, the figures in
 *    bench/soak.json. Exit code 1 when a guarantee broke: a 5xx, a request unanswered after 10 s after the
 *    warm-up, a lost or doubled write, a partial contact, inconsistent
 *    statistics, an answer after a write that did not show it, memory that grows, or a fuzz case answered
 *    with a 5xx or changing the database. The report shows the timeouts of each 10 s, the warm-up's too.
 *
 * Usage: npm run soak
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { ensureProductionBuild, startAppServer, type AppServer } from './lib/app-server';
import {
  benchData,
  currentSetting,
  liveContacts,
  migrateAndConnect,
  procStatus,
  removeMarkedWrites,
  runIdFor,
  runLoadProcess,
} from './lib/bench-env';
import { openDatabaseOrExit } from './lib/database';
import { fail, numberFromEnv, ROOT } from './lib/run';

const USAGE = `Usage: npm run soak

Environment: SOAK_SECONDS (default 300), SOAK_WARM_UP_SECONDS (the load before them, default 120),
SOAK_READERS (default 200), SOAK_THINK_MS (a reader's mean pause between requests, default 1000), SOAK_FUZZ_CASES (default 10000; 0 skips the hostile-input run),
BENCH_CONTACTS and BENCH_OFFICIALS (passed to bench:data), DATABASE_URL (else the embedded database).`;

if (process.argv.includes('--help') || process.argv.includes('-h')) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}
if (process.argv.length > 2) fail(`Unknown argument ${process.argv.slice(2).join(' ')}.\n${USAGE}`, 2);

const SECONDS = numberFromEnv('SOAK_SECONDS', { fallback: 300, min: 10, whole: true });
const READERS = numberFromEnv('SOAK_READERS', { fallback: 200, min: 1, whole: true });
const THINK_MS = numberFromEnv('SOAK_THINK_MS', { fallback: 1000, min: 0, whole: true });
const FUZZ_CASES = numberFromEnv('SOAK_FUZZ_CASES', { fallback: 10_000, min: 0, whole: true });
/**
 * The load runs this long before the judged SOAK_SECONDS, as on a server that has been up a while: the
 * response cache starts empty, and the readers' first asks of some 1,300 pages wait for their first render.
 * Reported (requests, timeouts and 5xx, and in the timeline), with its 5xx judged; its timeouts are not.
 */
const WARM_UP_SECONDS = numberFromEnv('SOAK_WARM_UP_SECONDS', { fallback: 120, min: 0, whole: true });
/** The HTTP run's cases: a twentieth as many (each is a request to the 1,000,000-contact server). */
const FUZZ_HTTP_CASES = Math.ceil(FUZZ_CASES / 20);
const API_WRITERS = 7;
const FORM_WRITERS = 3;
const TIMEOUT_SECONDS = 10;
const MEMORY_EVERY_MS = 10_000;
/** The load's timeline counts requests and timeouts by this many seconds. */
const TIMELINE_SECONDS = 10;

/** Memory "grows" when its line rises faster than this share of its mean per minute (after the first minute). */
const GROWTH_LIMIT_PER_MINUTE = 0.01;
const EMAIL = 'soak@counterpart.invalid';
const MARKER = 'counterpart-soak write';
const MARKER_URL = 'https://soak.counterpart.invalid/';
const OUT_DIR = path.join(ROOT, 'bench');

function log(line: string) {
  process.stderr.write(`[soak] ${line}\n`);
}

type RouteSummary = {
  count: number;
  p50: number | null;
  p95: number | null;
  p99: number | null;
  max: number | null;
  statuses: Record<string, number>;
  /** How the response cache answered (x-counterpart-cache): hit, shared, miss, bypass. */
  cache: Record<string, number>;
  serverErrors: number;
  timeouts: number;
  connErrors: number;
  errorSamples: string[];
};
type Acknowledged = {
  id: string;
  version: number;
  url: string;
  writer: string;
  via: string;
  kind: 'create' | 'update';
};
type LoadResult = {
  seconds: number;
  routes: Record<string, RouteSummary>;
  warmUpRoutes: Record<string, RouteSummary>;
  writes: {
    acknowledged: Acknowledged[];
    unsettledEdits: Record<string, number>;
    refused: Record<string, number>;
    timeouts: number;
    connErrors: number;
    readAfterWrite: { checks: number; failures: number; unanswered: number; samples: string[] };
    samples: string[];
  };
  /** Requests and timeouts by the 10 s of the run they began in. */
  timeline: { requests: number; timeouts: number }[];
};
type WriterPair = { a: string; b: string; aId: string; bId: string; aCountry: string; bCountry: string };
type RouteGroup = { key: string; weight: number; paths: string[] };

/** Runs scripts/soak-load.mjs with one job; its last stdout line is the result. */
function loadProcess(job: Record<string, unknown>): Promise<LoadResult> {
  return runLoadProcess<LoadResult>('soak-load.mjs', job);
}

/** The id of a server action in the build, by the file and export that define it. */
function actionId(file: string, exportedName: string): string {
  const manifest = JSON.parse(
    fs.readFileSync(path.join(ROOT, '.next', 'server', 'server-reference-manifest.json'), 'utf8'),
  ) as { node: Record<string, { filename?: string; exportedName?: string }> };
  const found = Object.entries(manifest.node).find(([, v]) => v.filename === file && v.exportedName === exportedName);
  if (!found) throw new Error(`No server action ${exportedName} of ${file} in the build's manifest`);
  return found[0];
}

/** The readers' addresses, read from the data: the busiest pairs of each level, and a long tail of others. */
async function readerRoutes(client: pg.Client): Promise<RouteGroup[]> {
  const SEGMENT = { OFFICIAL: 'officials', OFFICE: 'offices', COUNTRY: 'countries' } as const;
  const GAP_KEYS = { OFFICIAL: ['a', 'b'], OFFICE: ['officeA', 'officeB'], COUNTRY: ['countryA', 'countryB'] } as const;
  // Official pairs are kept by id; their addresses use slugs.
  const pairs = async (order: string, limit: number) =>
    (
      await client.query<{ level: keyof typeof SEGMENT; a: string; b: string }>(
        `SELECT s.level::text AS level,
                CASE WHEN s.level = 'OFFICIAL' THEN oa.slug ELSE s.a END AS a,
                CASE WHEN s.level = 'OFFICIAL' THEN ob.slug ELSE s.b END AS b
           FROM (SELECT level, a, b, row_number() OVER (PARTITION BY level ORDER BY ${order}) AS n FROM pair_stat) s
           LEFT JOIN official oa ON s.level = 'OFFICIAL' AND oa.id = s.a
           LEFT JOIN official ob ON s.level = 'OFFICIAL' AND ob.id = s.b
          WHERE s.n <= $1 AND (s.level <> 'OFFICIAL' OR (oa.merged_into_id IS NULL AND ob.merged_into_id IS NULL))`,
        [limit],
      )
    ).rows;
  const pagePath = (p: { level: keyof typeof SEGMENT; a: string; b: string }) =>
    `/pairs/${SEGMENT[p.level]}/${encodeURIComponent(p.a)}/${encodeURIComponent(p.b)}`;
  const top = await pairs('contact_count DESC, a, b', 20);
  const tail = await pairs('md5(a || b)', 300);
  const officials = (
    await client.query<{ slug: string; name: string }>(
      `SELECT slug, name FROM official WHERE merged_into_id IS NULL ORDER BY md5(id) LIMIT 300`,
    )
  ).rows;
  return [
    { key: 'baseline: static page', weight: 2, paths: ['/methodology'] },
    { key: 'baseline: bare JSON', weight: 2, paths: ['/api/v1/ping'] },
    { key: 'dashboard', weight: 30, paths: ['/', '/?level=officials', '/?level=offices', '/?level=countries'] },
    { key: 'pair page, busiest', weight: 22, paths: top.map(pagePath) },
    {
      key: 'gaps API, busiest',
      weight: 10,
      paths: top.map(
        (p) => `/api/v1/gaps?${new URLSearchParams({ [GAP_KEYS[p.level][0]]: p.a, [GAP_KEYS[p.level][1]]: p.b })}`,
      ),
    },
    { key: 'pair feed, busiest', weight: 3, paths: top.map((p) => `/feeds${pagePath(p)}`) },
    { key: 'pair page, long tail', weight: 14, paths: tail.map(pagePath) },
    { key: 'official page', weight: 6, paths: officials.map((o) => `/officials/${encodeURIComponent(o.slug)}`) },
    {
      key: 'search',
      weight: 5,
      paths: officials
        .slice(0, 50)
        .map((o) => `/search?${new URLSearchParams({ q: o.name.split(' ').at(-1) ?? o.name })}`),
    },
    { key: 'contacts API', weight: 3, paths: ['/api/v1/contacts?pageSize=50', '/api/v1/officials?pageSize=50'] },
    { key: 'contacts feed', weight: 3, paths: ['/feeds/contacts.xml'] },
  ];
}

/** The writers' pairs: existing pairs of two officials of different countries, each official in one pair. */
async function writerPairs(client: pg.Client, count: number): Promise<WriterPair[]> {
  const { rows } = await client.query<WriterPair>(
    `SELECT oa.slug AS a, ob.slug AS b, oa.id AS "aId", ob.id AS "bId", pa.country AS "aCountry", pb.country AS "bCountry"
       FROM (SELECT contact_id FROM participant GROUP BY contact_id HAVING count(*) = 2 ORDER BY contact_id DESC LIMIT 2000) c
       JOIN participant pa ON pa.contact_id = c.contact_id
       JOIN participant pb ON pb.contact_id = c.contact_id AND pa.official_id < pb.official_id
       JOIN official oa ON oa.id = pa.official_id AND oa.merged_into_id IS NULL
       JOIN official ob ON ob.id = pb.official_id AND ob.merged_into_id IS NULL
       JOIN contact k ON k.id = c.contact_id AND k.deleted_at IS NULL
      WHERE pa.country <> pb.country`,
  );
  const chosen: WriterPair[] = [];
  const used = new Set<string>();
  for (const row of rows) {
    if (chosen.length === count) break;
    if (used.has(row.aId) || used.has(row.bId)) continue;
    used.add(row.aId);
    used.add(row.bId);
    chosen.push(row);
  }
  if (chosen.length < count) throw new Error(`The database has only ${chosen.length} pairs for ${count} writers.`);
  return chosen;
}

/** A failure that one line explains (no stack trace). */
class OneLineError extends Error {}

/** One of the server's `server stats` log lines (scripts/server.mjs), in MB, `at` seconds into the load. */
type ServerStats = { at: number; rssMb: number; cacheMb: number; outsideCacheMb: number; heapUsedMb: number };

/** The server's `server stats` lines logged since `since` (epoch ms); none when its log level hid them. */
function serverStats(logPath: string, since: number): ServerStats[] {
  const MB = 1024 * 1024;
  const found: ServerStats[] = [];
  for (const line of fs.readFileSync(logPath, 'utf8').split('\n')) {
    if (!line.includes('"server stats"')) continue;
    try {
      const entry = JSON.parse(line) as { time: string; rssBytes: number; cacheBytes: number; heapUsedBytes: number };
      const time = Date.parse(entry.time);
      if (time < since) continue;
      found.push({
        at: (time - since) / 1000,
        rssMb: entry.rssBytes / MB,
        cacheMb: entry.cacheBytes / MB,
        outsideCacheMb: (entry.rssBytes - entry.cacheBytes) / MB,
        heapUsedMb: entry.heapUsedBytes / MB,
      });
    } catch {
      // A line cut short by the server's exit.
    }
  }
  return found;
}

/** Least-squares slope of `y` over `x`. */
function slope(points: { x: number; y: number }[]): number {
  const n = points.length;
  const mx = points.reduce((s, p) => s + p.x, 0) / n;
  const my = points.reduce((s, p) => s + p.y, 0) / n;
  const sxy = points.reduce((s, p) => s + (p.x - mx) * (p.y - my), 0);
  const sxx = points.reduce((s, p) => s + (p.x - mx) ** 2, 0);
  return sxx === 0 ? 0 : sxy / sxx;
}

type Verification = {
  acknowledgedCreates: number;
  acknowledgedEdits: number;
  missing: string[];
  doubled: string[];
  staleVersions: string[];
  partial: string[];
  contactsOfRun: number;
  statistics: string[];
};

/** What the database holds of the run's writes, against what the app acknowledged. */
async function verify(
  client: pg.Client,
  acknowledged: Acknowledged[],
  unsettledEdits: Record<string, number>,
  runId: string,
): Promise<Verification> {
  const { rows } = await client.query<{
    url: string;
    ids: string[];
    version: number;
    deleted: boolean;
    participants: number;
    sources: number;
    audits: number;
    countryRows: number;
  }>(
    `SELECT s.url, array_agg(DISTINCT c.id) AS ids, max(c.version) AS version, bool_or(c.deleted_at IS NOT NULL) AS deleted,
            min((SELECT count(*) FROM participant p WHERE p.contact_id = c.id))::int AS participants,
            min((SELECT count(*) FROM source x WHERE x.contact_id = c.id))::int AS sources,
            min((SELECT count(*) FROM audit_log a WHERE a.entity_type = 'contact' AND a.entity_id = c.id))::int AS audits,
            min((SELECT count(*) FROM pair_contact pc WHERE pc.contact_id = c.id AND pc.level = 'COUNTRY'))::int AS "countryRows"
       FROM source s JOIN contact c ON c.id = s.contact_id
      WHERE s.url LIKE $1
      GROUP BY s.url`,
    [`${MARKER_URL}${runId}/%`],
  );
  const byUrl = new Map(rows.map((row) => [row.url, row]));
  const latest = new Map<string, Acknowledged>();
  for (const write of acknowledged) {
    const known = latest.get(write.url);
    if (!known || write.version > known.version) latest.set(write.url, write);
  }
  const result: Verification = {
    acknowledgedCreates: acknowledged.filter((w) => w.kind === 'create').length,
    acknowledgedEdits: acknowledged.filter((w) => w.kind === 'update').length,
    missing: [],
    doubled: [],
    staleVersions: [],
    partial: [],
    contactsOfRun: rows.length,
    statistics: [],
  };
  for (const [url, write] of latest) {
    const row = byUrl.get(url);
    if (!row || row.deleted || !row.ids.includes(write.id))
      result.missing.push(`${write.via} ${write.kind} ${write.id}`);
    else if (row.ids.length !== 1) result.doubled.push(`${url}: ${row.ids.join(', ')}`);
    // An edit left unanswered (timed out) may have been committed after all: one version more for each.
    else if (row.version < write.version || row.version > write.version + (unsettledEdits[write.id] ?? 0))
      result.staleVersions.push(`${write.id}: acknowledged v${write.version}, stored v${row.version}`);
  }
  for (const row of rows) {
    // A contact is whole when it has both sides, its source, one audit row per version and its country pair row.
    if (row.participants < 2 || row.sources < 1 || row.audits !== row.version || row.countryRows < 1) {
      result.partial.push(
        `${row.ids.join(',')}: ${row.participants} participants, ${row.sources} sources, ${row.audits} audit rows at v${row.version}, ${row.countryRows} country pair rows`,
      );
    }
  }
  const { checkStatistics } = await import('../lib/health');
  result.statistics = await checkStatistics();
  return result;
}

type FuzzSummary = {
  mode: string;
  cases: number;
  seconds: number;
  byStatus: Record<string, number>;
  acceptedWrites: number;
  failures: string[];
};

/**
 * Runs `npm run fuzz` (scripts/fuzz.ts) in its own process and reads its JSON report. In-process on a new
 * throw-away database, every table is compared before and after each case; over HTTP against the soak's
 * server (its proxy and body limits included) the 1,000,000-contact tables are too large to compare per
 * case, so that run checks the answers only.
 */
function fuzz(args: string[], mode: string): Promise<FuzzSummary> {
  const out = path.join(os.tmpdir(), `counterpart-soak-fuzz-${process.pid}-${mode.replace(/\W+/g, '-')}.json`);
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', '-s', 'fuzz', '--', ...args, '--json', out], {
      cwd: ROOT,
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    child.on('error', reject);
    child.on('exit', () => {
      try {
        const report = JSON.parse(fs.readFileSync(out, 'utf8')) as {
          cases: number;
          elapsedMs: number;
          byStatus: Record<string, number>;
          acceptedWrites: number;
          failures: { case: number; target: string; problem: string }[];
        };
        fs.rmSync(out, { force: true });
        resolve({
          mode,
          cases: report.cases,
          seconds: report.elapsedMs / 1000,
          byStatus: report.byStatus,
          acceptedWrites: report.acceptedWrites,
          failures: report.failures.map((f) => `case ${f.case}, ${f.target}: ${f.problem}`),
        });
      } catch (error) {
        reject(new Error(`npm run fuzz left no report (${(error as Error).message})`));
      }
    });
  });
}

const ms = (value: number | null | undefined) =>
  value === null || value === undefined ? '—' : `${Math.round(value)} ms`;

type Results = {
  startedAt: string;
  machine: { cpus: number; model?: string; memoryGb: number };
  database: { describe: string; contacts: number; durability: { fsync: string; synchronousCommit: string } };
  settings: { seconds: number; readers: number; thinkMs: number; apiWriters: number; formWriters: number };
  load: Omit<LoadResult, 'writes'> & { writes: Omit<LoadResult['writes'], 'acknowledged'> & { acknowledged: number } };
  verification: Verification;
  memory: {
    samples: { at: number; rssMb: number }[];
    meanRssMb: number;
    rssSlopeMbPerMinute: number;
    peakRssMb: number;
    server: ServerStats[];
    meanOutsideCacheMb: number;
    outsideCacheSlopeMbPerMinute: number | null;
  };
  /** The warm-up's requests, timeouts and 5xx (WARM_UP_SECONDS). */
  warmUp: { seconds: number; requests: number; timeouts: number; serverErrors: number; connErrors: number };
  fuzz: FuzzSummary[];
  checks: { name: string; pass: boolean; value: string }[];
};

function soakReport(r: Results): string {
  const baseline = r.load.routes['baseline: static page']?.p50 ?? null;
  const ratio = (value: number | null) => (value === null || !baseline ? '—' : `${(value / baseline).toFixed(1)}×`);
  const lines = [
    '# Soak',
    '',
    `${r.startedAt}: ${r.settings.seconds} s after a warm-up of ${r.warmUp.seconds} s, ${r.settings.readers} readers (mean pause ${r.settings.thinkMs} ms), ${r.settings.apiWriters} API writers and ${r.settings.formWriters} form writers, on ${r.database.contacts.toLocaleString('en-GB')} live contacts (${r.database.describe}; fsync ${r.database.durability.fsync}, synchronous_commit ${r.database.durability.synchronousCommit}). Machine: ${r.machine.cpus} × ${r.machine.model ?? 'CPU'}, ${r.machine.memoryGb} GB. Load generator in its own process; a request unanswered after ${TIMEOUT_SECONDS} s is a timeout. Rerun: \`npm run soak\`.`,
    '',
    '| Check | Result | |',
    '|---|---|---|',
    ...r.checks.map((c) => `| ${c.name} | ${c.value} | ${c.pass ? 'PASS' : '**FAIL**'} |`),
    '',
    '## Routes',
    '',
    "The ratio is the route's p50 against the static page's, measured in the same run. *Cache* says how the",
    'response cache answered the requests that got an answer (hit, shared: taken from a render under way, miss).',
    '',
    '| Route | Requests | p50 | p95 | p99 | max | p50 ÷ static | 5xx | timeouts | statuses | cache |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---|',
    ...Object.entries(r.load.routes).map(
      ([key, s]) =>
        `| ${key} | ${s.count.toLocaleString('en-GB')} | ${ms(s.p50)} | ${ms(s.p95)} | ${ms(s.p99)} | ${ms(s.max)} | ${ratio(s.p50)} | ${s.serverErrors} | ${s.timeouts} | ${Object.entries(
          s.statuses,
        )
          .map(([k, v]) => `${k}: ${v}`)
          .join(', ')} | ${Object.entries(s.cache ?? {})
          .map(([k, v]) => `${k}: ${v}`)
          .join(', ')} |`,
    ),
    '',
    '## Timeouts over time',
    '',
    `Requests begun in each ${TIMELINE_SECONDS} s of the run, and how many of them got no answer within ${TIMEOUT_SECONDS} s (requests/timeouts). The first ${r.warmUp.seconds} s are the warm-up, under the same load, with the response cache empty at first: ${r.warmUp.timeouts} of its ${r.warmUp.requests.toLocaleString('en-GB')} requests timed out, ${r.warmUp.serverErrors} got a 5xx. The routes above are the ${r.settings.seconds} s after it.`,
    '',
    r.load.timeline.map((b, i) => `${i * TIMELINE_SECONDS}s: ${b.requests}/${b.timeouts}`).join(' · '),
    '',
    '## Writes',
    '',
    `${r.verification.acknowledgedCreates} contacts created and ${r.verification.acknowledgedEdits} edits acknowledged; ${r.verification.contactsOfRun} contacts of the run in the database afterwards. Refused: ${JSON.stringify(r.load.writes.refused)}; timeouts ${r.load.writes.timeouts}; connection errors ${r.load.writes.connErrors}. Read back anonymously after each: ${r.load.writes.readAfterWrite.checks} reads; ${r.load.writes.readAfterWrite.failures} answers did not show the write; ${r.load.writes.readAfterWrite.unanswered} got no answer within ${TIMEOUT_SECONDS} s (counted with the timeouts).`,
    ...[
      ...r.load.writes.samples,
      ...r.load.writes.readAfterWrite.samples,
      ...r.verification.missing,
      ...r.verification.partial,
    ]
      .slice(0, 10)
      .map((line) => `- ${line}`),
    '',
    '## Memory',
    '',
    `Server RSS every ${MEMORY_EVERY_MS / 1000} s (MB): ${r.memory.samples.map((m) => m.rssMb.toFixed(0)).join(', ')}. After the first minute: mean ${r.memory.meanRssMb.toFixed(0)} MB, slope ${r.memory.rssSlopeMbPerMinute.toFixed(2)} MB a minute; peak ${r.memory.peakRssMb.toFixed(0)} MB.`,
    '',
    ...(r.memory.server.length === 0
      ? []
      : [
          "The server's own figures every 10 s (MB; its `server stats` log lines): RSS outside the response cache, then the cache, then the V8 heap in use.",
          '',
          `- outside the cache: ${r.memory.server.map((m) => m.outsideCacheMb.toFixed(0)).join(', ')}`,
          `- response cache: ${r.memory.server.map((m) => m.cacheMb.toFixed(0)).join(', ')}`,
          `- heap in use: ${r.memory.server.map((m) => m.heapUsedMb.toFixed(0)).join(', ')}`,
          '',
          `After the first minute, outside the cache: mean ${r.memory.meanOutsideCacheMb.toFixed(0)} MB, slope ${(r.memory.outsideCacheSlopeMbPerMinute ?? 0).toFixed(2)} MB a minute.`,
          '',
        ]),
  ];
  if (r.fuzz.length > 0) lines.push('## Hostile input', '');
  else if (FUZZ_CASES > 0) {
    lines.push(
      '## Hostile input',
      '',
      'Not run yet: it follows the load, and this file is written again when it ends.',
      '',
    );
  }
  for (const f of r.fuzz) {
    lines.push(
      `${f.mode}: ${f.cases.toLocaleString('en-GB')} generated cases in ${f.seconds.toFixed(0)} s, answered ${Object.entries(
        f.byStatus,
      )
        .map(([k, v]) => `${k}: ${v}`)
        .join(', ')}; ${f.acceptedWrites} valid by chance and written. ${f.failures.length} failures.`,
      ...f.failures.slice(0, 10).map((line) => `- ${line}`),
      '',
    );
  }
  return `${lines.join('\n')}\n`;
}

async function main() {
  const started = new Date();
  const runId = runIdFor(started);
  const database = await openDatabaseOrExit({ mode: 'app', log });
  let server: AppServer | null = null;
  const client = new pg.Client({ connectionString: database.ownerUrl });
  client.on('error', () => {});
  let tokenId: string | null = null;
  let failed = false;
  /** Whether this run holds the soak's lock, and so may remove soak contacts at the end. */
  let ownsDatabase = false;
  try {
    await migrateAndConnect(client, database.ownerUrl);
    const setting = (name: string) => currentSetting(client, name);
    const durability = { fsync: await setting('fsync'), synchronousCommit: await setting('synchronous_commit') };

    // One soak per database at a time: a second one would take the first's contacts for an interrupted run's
    // leftovers and delete them (it happened), and each would measure the other's load. Held by this session.
    const { rows: lock } = await client.query<{ ok: boolean }>(
      `SELECT pg_try_advisory_lock(hashtext('counterpart npm run soak')) AS ok`,
    );
    if (!lock[0].ok) throw new OneLineError('Another `npm run soak` is running on this database: wait for it to end.');
    ownsDatabase = true;
    process.env.DATABASE_URL = database.url;
    const leftovers = await removeMarkedWrites(client, MARKER_URL);
    if (leftovers > 0) log(`Removed ${leftovers} contacts an interrupted soak had written`);
    const data = await benchData(database, client);
    const contacts = await liveContacts(client);
    log(`${contacts.toLocaleString('en-GB')} live contacts`);
    const routes = await readerRoutes(client);
    const pairs = await writerPairs(client, API_WRITERS + FORM_WRITERS);

    // The soak's researcher: a password for the form writers' session, a token for the API writers.
    const { createUser, findUserByEmail, getUserForAdmin, resetPassword } = await import('../lib/data/users');
    const { createApiToken } = await import('../lib/data/api-tokens');
    const { disconnectDb } = await import('../lib/db');
    const actor = { userId: null, via: 'cli' as const };
    const password = randomBytes(24).toString('base64url');
    let account = await findUserByEmail(EMAIL);
    if (account === null) {
      await createUser({ email: EMAIL, name: 'Counterpart soak', role: 'RESEARCHER', password }, actor);
      account = await findUserByEmail(EMAIL);
    } else {
      const current = (await getUserForAdmin(account.id))!;
      await resetPassword(account.id, password, { version: current.version }, actor);
    }
    const token = await createApiToken({ email: EMAIL, name: `soak ${runId}` }, actor);
    tokenId = token.id;
    await disconnectDb();

    await ensureProductionBuild(log);
    // At debug level the server logs its memory and its cache's size every 10 s (scripts/server.mjs).
    process.env.LOG_LEVEL = 'debug';
    server = await startAppServer({ databaseUrl: database.url, logPrefix: 'counterpart-soak-server' });
    const { base } = server;
    log(`Serving on ${base} (pid ${server.pid}, log ${server.logPath})`);

    const signIn = await fetch(`${base}/api/auth/sign-in/email`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: base },
      body: JSON.stringify({ email: EMAIL, password }),
    });
    const cookie = signIn.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    if (!signIn.ok || !cookie) throw new Error(`Signing the soak's researcher in failed: HTTP ${signIn.status}`);

    // Memory, sampled from this process while the load process runs.
    const memory: { at: number; rssMb: number }[] = [];
    const loadStarted = performance.now();
    const loadStartedAt = Date.now();
    const sample = () => {
      const status = procStatus(server!.pid);
      if (status) memory.push({ at: (performance.now() - loadStarted) / 1000, rssMb: status.rssKb / 1024 });
    };
    sample();
    const sampler = setInterval(sample, MEMORY_EVERY_MS);
    log(`${SECONDS} s of load: ${READERS} readers, ${API_WRITERS} API writers, ${FORM_WRITERS} form writers`);
    const load = await loadProcess({
      base,
      warmUpSeconds: WARM_UP_SECONDS,
      seconds: SECONDS,
      readers: READERS,
      thinkMs: THINK_MS,
      timeoutSeconds: TIMEOUT_SECONDS,
      routes,
      apiWriters: API_WRITERS,
      formWriters: FORM_WRITERS,
      pairs,
      token: token.token,
      cookie,
      actions: {
        create: actionId('lib/actions/contacts.ts', 'createContactAction'),
        update: actionId('lib/actions/contacts.ts', 'updateContactAction'),
      },
      today: new Date().toISOString().slice(0, 10),
      marker: MARKER,
      markerUrl: MARKER_URL,
      run: runId,
    });
    clearInterval(sampler);
    sample();

    log('Checking the writes against the database…');
    const verification = await verify(client, load.writes.acknowledged, load.writes.unsettledEdits, runId);
    const settled = memory.filter((m) => m.at >= 60);
    const meanRss = settled.reduce((s, m) => s + m.rssMb, 0) / Math.max(1, settled.length);
    const rssSlopePerMinute = settled.length >= 3 ? slope(settled.map((m) => ({ x: m.at / 60, y: m.rssMb }))) : 0;
    // The response cache fills up to RESPONSE_CACHE_MB by design: what must not grow is the memory outside it.
    const stats = serverStats(server.logPath, loadStartedAt);
    const settledStats = stats.filter((m) => m.at >= 60);
    const meanOutside = settledStats.reduce((s, m) => s + m.outsideCacheMb, 0) / Math.max(1, settledStats.length);
    const outsideSlopePerMinute =
      settledStats.length >= 3 ? slope(settledStats.map((m) => ({ x: m.at / 60, y: m.outsideCacheMb }))) : null;

    /** The checks and the report, written as soon as the load is judged, and again with the fuzzer's runs. */
    const writeReport = (fuzzed: FuzzSummary[], peak: ReturnType<typeof procStatus>) => {
      const total = (
        routes: Record<string, RouteSummary>,
        field: 'count' | 'serverErrors' | 'timeouts' | 'connErrors',
      ) => Object.values(routes).reduce((sum, r) => sum + r[field], 0);
      const serverErrors = total(load.routes, 'serverErrors');
      const timeouts = total(load.routes, 'timeouts');
      const connErrors = total(load.routes, 'connErrors');
      const warmUp = {
        seconds: WARM_UP_SECONDS,
        requests: total(load.warmUpRoutes, 'count'),
        timeouts: total(load.warmUpRoutes, 'timeouts'),
        serverErrors: total(load.warmUpRoutes, 'serverErrors'),
        connErrors: total(load.warmUpRoutes, 'connErrors'),
      };
      const checks = [
        {
          name: 'no 5xx under load (warm-up included)',
          pass: serverErrors + warmUp.serverErrors === 0,
          value: `${serverErrors + warmUp.serverErrors}`,
        },
        {
          name: `no request unanswered after ${TIMEOUT_SECONDS} s (after the warm-up)`,
          pass: timeouts === 0,
          value: `${timeouts} (warm-up: ${warmUp.timeouts})`,
        },
        {
          name: 'no connection dropped (warm-up included)',
          pass: connErrors + warmUp.connErrors === 0,
          value: `${connErrors + warmUp.connErrors}`,
        },
        {
          name: 'acknowledged writes all stored',
          pass: verification.missing.length === 0,
          value: `${verification.missing.length} missing`,
        },
        {
          name: 'no write stored twice',
          pass: verification.doubled.length === 0,
          value: `${verification.doubled.length} doubled`,
        },
        {
          name: 'stored at the acknowledged version (or past it by unanswered edits)',
          pass: verification.staleVersions.length === 0,
          value: `${verification.staleVersions.length} differ`,
        },
        {
          name: 'no partial contact',
          pass: verification.partial.length === 0,
          value: `${verification.partial.length}`,
        },
        {
          name: 'statistics consistent',
          pass: verification.statistics.length === 0,
          value: verification.statistics.join('; ') || 'yes',
        },
        {
          name: 'reads after a write show it (every answer)',
          pass: load.writes.readAfterWrite.failures === 0,
          value: `${load.writes.readAfterWrite.failures} of ${load.writes.readAfterWrite.checks - load.writes.readAfterWrite.unanswered} did not`,
        },
        outsideSlopePerMinute === null
          ? {
              name: `memory: no growth trend (≤ ${GROWTH_LIMIT_PER_MINUTE * 100}% of its mean a minute)`,
              pass: rssSlopePerMinute <= GROWTH_LIMIT_PER_MINUTE * meanRss,
              value: `${rssSlopePerMinute.toFixed(2)} MB/min on ${meanRss.toFixed(0)} MB`,
            }
          : {
              name: `memory outside the response cache: no growth trend (≤ ${GROWTH_LIMIT_PER_MINUTE * 100}% of its mean a minute)`,
              pass: outsideSlopePerMinute <= GROWTH_LIMIT_PER_MINUTE * meanOutside,
              value: `${outsideSlopePerMinute.toFixed(2)} MB/min on ${meanOutside.toFixed(0)} MB`,
            },
        ...fuzzed.map((f) => ({
          name: `hostile input, ${f.mode}: ${f.cases.toLocaleString('en-GB')} cases, only 4xx, nothing changed`,
          pass: f.failures.length === 0,
          value: `${f.failures.length} failures`,
        })),
      ];
      const results = {
        startedAt: started.toISOString(),
        machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, memoryGb: Math.round(os.totalmem() / 1e9) },
        database: { describe: database.describe, contacts, durability, benchData: data },
        settings: {
          seconds: SECONDS,
          readers: READERS,
          thinkMs: THINK_MS,
          apiWriters: API_WRITERS,
          formWriters: FORM_WRITERS,
          timeoutSeconds: TIMEOUT_SECONDS,
        },
        load: { ...load, writes: { ...load.writes, acknowledged: load.writes.acknowledged.length } },
        verification,
        memory: {
          samples: memory,
          meanRssMb: meanRss,
          rssSlopeMbPerMinute: rssSlopePerMinute,
          peakRssMb: (peak?.hwmKb ?? 0) / 1024,
          server: stats,
          meanOutsideCacheMb: meanOutside,
          outsideCacheSlopeMbPerMinute: outsideSlopePerMinute,
        },
        warmUp,
        fuzz: fuzzed,
        checks,
      };
      const broke = checks.some((c) => !c.pass);
      fs.mkdirSync(OUT_DIR, { recursive: true });
      fs.writeFileSync(path.join(OUT_DIR, 'soak.json'), `${JSON.stringify(results, null, 2)}\n`);
      const markdown = soakReport(results as Results);
      fs.writeFileSync(path.join(OUT_DIR, 'SOAK.md'), markdown);
      return { broke, markdown };
    };
    const fuzzed: FuzzSummary[] = [];
    const peakAfterLoad = procStatus(server.pid);
    writeReport([], peakAfterLoad);
    log(`Load figures in bench/SOAK.md; the hostile input next`);
    if (FUZZ_CASES > 0) {
      log(`Hostile input over HTTP against this server: ${FUZZ_HTTP_CASES} cases…`);
      fuzzed.push(
        await fuzz(
          ['--cases', String(FUZZ_HTTP_CASES), '--origin', base, '--database-url', database.ownerUrl, '--no-db-check'],
          'over HTTP, answers only',
        ),
      );
    }
    await server.stop();
    server = null;
    if (FUZZ_CASES > 0) {
      log(`Hostile input in-process on a new database, every table compared per case: ${FUZZ_CASES} cases…`);
      fuzzed.push(
        await fuzz(
          ['--cases', String(FUZZ_CASES), '--seed', String(Date.now() % 2 ** 31)],
          'in-process, tables compared',
        ),
      );
    }

    const final = writeReport(fuzzed, peakAfterLoad);
    failed = final.broke;
    process.stdout.write(final.markdown);
  } catch (error) {
    failed = true;
    if (error instanceof OneLineError) log(error.message);
    else log(error instanceof Error ? (error.stack ?? error.message) : String(error));
  } finally {
    if (server) await server.stop();
    try {
      if (!ownsDatabase) throw new Error('the database is another soak’s; nothing removed');
      const removed = await removeMarkedWrites(client, MARKER_URL);
      log(`Removed the soak's ${removed} contacts`);
      if (tokenId) {
        const { revokeApiToken } = await import('../lib/data/api-tokens');
        await revokeApiToken(tokenId, { userId: null, via: 'cli' });
      }
    } catch (error) {
      log(`Cleaning up failed: ${error instanceof Error ? error.message : error}`);
    }
    await client.end().catch(() => {});
    await database.stop();
  }
  process.exit(failed ? 1 : 0);
}

void main();
