/**
 * `npm run faults`: what Counterpart does when things break under it, shown with counts, against a
 * production build (`next build` first when a source changed) on loopback only. Not part of `npm test`.
 *
 * It starts its own PostgreSQL clusters in temp folders, so that it may stop them (scripts/lib/pg-cluster.ts):
 * the embedded server as the app opens it, and an external one from the system's binaries given to the app by
 * DATABASE_URL (skipped, and said so, when the machine has none). Each is migrated and given a little data:
 * 24 officials (12 pairs), a researcher's API token, and a contact on each pair. The app is
 * `node scripts/server.mjs` with a throwaway auth secret (scripts/lib/app-server.ts).
 *
 * The load, in this process: 10 writers creating contacts (POST /api/v1/contacts, each on its own pair),
 * 2 editors changing their own contact again and again (PATCH, with the version), and 3 anonymous readers
 * (the gaps API, pair pages, the dashboard). Every request has 10 s to answer, or it is a timeout (a hang).
 * A body holding a stack trace is counted wherever it appears.
 *
 * The faults (embedded: all; external: the PostgreSQL restart and the read-only database):
 * 1. pg-restart: `pg_ctl stop -m fast` during the load, down FAULTS_OUTAGE_SECONDS (5), `pg_ctl start`.
 *    Every answer meanwhile is a clear 503 (the API's {error:{code:'UNAVAILABLE',message}}, a page's short
 *    "try again" page); the first acknowledged write comes within 5 s of pg_ctl start returning.
 * 2. app-kill: SIGKILL of the app during the load, restarted on the same port.
 * 3. import-kill: a FAULTS_IMPORT_ROWS-row (10,000) CSV sent to POST /api/imports, the app killed with SIGKILL
 *    once a quarter of its rows are read: none of its contacts exists, its run is marked failed (not running
 *    for ever) after the restart, and the same file imported again succeeds in full.
 * 4. read-only: `ALTER SYSTEM SET default_transaction_read_only = on` and a reload during the load: writes get
 *    a 503 saying the database is read-only, reads go on (2xx); writes resume within 5 s of the reset.
 * 5. two-processes: a second app process on the same database; the first is killed mid-write. The survivor
 *    keeps serving, and its reads (gaps API, pair page: the response cache included) show every write
 *    acknowledged by either process.
 * 6. disk-full: the contact tables moved to a small tmpfs tablespace, which a filler table then fills
 *    (root only): writes get a 503 saying the disk is full, reads go on, writes resume once space is freed.
 * After each fault, with the load stopped: every acknowledged create exists exactly once, every acknowledged
 * edit is there (or a later one), no contact lacks its participants, a source or its audit row, and the pair
 * statistics equal a from-scratch rebuild (run in a transaction that is rolled back).
 *
 * The table goes to stdout, bench/FAULTS.md and bench/faults.json. Exit code 1 when a guarantee is broken.
 *
 * Usage: npm run faults [-- --only pg-restart,app-kill,…] [--no-external]
 */
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { accountToken } from './lib/api-account';
import { ensureProductionBuild, startAppServer, type AppServer } from './lib/app-server';
import { describeMachine, runIdFor } from './lib/bench-env';
import { embeddedCluster, systemBinaries, systemCluster, type Cluster } from './lib/pg-cluster';
import { migrateDeploy } from './lib/prisma';
import { fail, numberFromEnv, ROOT } from './lib/run';
import { throwawaySecret } from './lib/secret';

const FAULTS = ['pg-restart', 'app-kill', 'import-kill', 'read-only', 'two-processes', 'disk-full'] as const;
type FaultKey = (typeof FAULTS)[number];
/** What the external server is put through: the faults that concern the server itself. */
const EXTERNAL_FAULTS: FaultKey[] = ['pg-restart', 'read-only'];

const USAGE = `Usage: npm run faults [-- --only ${FAULTS.join(',')}] [--no-external]

  --only F,G     run only these faults
  --no-external  skip the external server (system PostgreSQL binaries)

Environment: FAULTS_OUTAGE_SECONDS (how long PostgreSQL stays down, default 5), FAULTS_IMPORT_ROWS (rows of
the killed import's file, default 10000).`;

function parseArgs(argv: string[]): { only: Set<FaultKey>; external: boolean } {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  let only = new Set<FaultKey>(FAULTS);
  let external = true;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === '--no-external') external = false;
    else if (arg === '--only' || arg.startsWith('--only=')) {
      const value = arg === '--only' ? argv[++i] : arg.slice('--only='.length);
      const names = (value ?? '').split(',').filter(Boolean);
      const unknown = names.filter((name) => !(FAULTS as readonly string[]).includes(name));
      if (names.length === 0 || unknown.length > 0) {
        fail(`--only takes fault names separated by commas (${FAULTS.join(', ')}); not "${value ?? ''}".`, 2);
      }
      only = new Set(names as FaultKey[]);
    } else fail(`Unknown argument ${arg}.\n${USAGE}`, 2);
  }
  return { only, external };
}

const OPTIONS = parseArgs(process.argv.slice(2));
const OUTAGE_MS = numberFromEnv('FAULTS_OUTAGE_SECONDS', { fallback: 5, min: 1 }) * 1000;
const IMPORT_ROWS = Math.floor(numberFromEnv('FAULTS_IMPORT_ROWS', { fallback: 10_000, min: 100 }));
const WRITERS = 10;
const EDITORS = 2;
const READERS = 3;
/** A request unanswered after this long is a hang. */
const REQUEST_TIMEOUT_MS = 10_000;
/** The app must serve (acknowledge a write) again within this long of the database's return. */
const RECOVERY_LIMIT_S = 5;
/** An interrupted import's run must stop claiming to run within this long of the restart. */
const IMPORT_MARKED_LIMIT_S = 60;
const EMAIL = 'faults@counterpart.invalid';
/** Every URL of a source this script writes starts so; nothing else does. */
const MARKER = 'https://faults.counterpart.invalid';
const OUT_DIR = path.join(ROOT, 'bench');

const started = new Date();
const RUN_ID = runIdFor(started);
const TODAY = started.toISOString().slice(0, 10);

function log(line: string) {
  process.stderr.write(`[faults] ${line}\n`);
}

const now = () => performance.now();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const seconds = (ms: number) => Math.round(ms / 100) / 10;

/** Waits for a condition, checking every `everyMs`; false when `timeoutMs` passed first. */
async function waitFor(condition: () => boolean | Promise<boolean>, timeoutMs: number, everyMs = 50) {
  const deadline = now() + timeoutMs;
  while (now() < deadline) {
    if (await condition()) return true;
    await sleep(everyMs);
  }
  return false;
}

// ---------------------------------------------------------------------------------------------------------
// Requests

type Role = 'create' | 'edit' | 'read';

/** One request as the load saw it. */
type Req = {
  role: Role;
  /** Which app process it went to: A (the main one) or B (the second, in two-processes). */
  server: 'A' | 'B';
  route: string;
  sentAt: number;
  ms: number;
  /** null when nothing came back: see `failure`. */
  status: number | null;
  failure?: 'timeout' | 'connection';
  /** A 503 with the promised body: the API's UNAVAILABLE error, or a page that says to try again. */
  clear503: boolean;
  /** The error message of a JSON error. */
  message?: string;
  /** The body holds what looks like a stack trace. */
  stack: boolean;
  /** A 500 page without a stack: the app's own error page, which the browser renders (app/error.tsx). */
  errorPage?: boolean;
  /** A 500 page's text, for the trace. */
  text?: string;
};

const STACK = /\n\s+at .+:\d+:\d+|node_modules\/|webpack-internal:/;

function errorMessage(json: unknown): string | undefined {
  const message = (json as { error?: { message?: unknown } } | null)?.error?.message;
  return typeof message === 'string' ? message : undefined;
}

/** Sends one request and records it; the body is parsed as JSON when it is JSON. */
async function send(
  requests: Req[],
  meta: { role: Role; server: 'A' | 'B'; route: string },
  url: string,
  init: RequestInit = {},
): Promise<{ req: Req; json: unknown }> {
  const sentAt = now();
  const req: Req = { ...meta, sentAt, ms: 0, status: null, clear503: false, stack: false };
  let json: unknown = null;
  try {
    const response = await fetch(url, { ...init, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
    const body = await response.text();
    req.status = response.status;
    const type = response.headers.get('content-type') ?? '';
    if (type.includes('json')) {
      try {
        json = JSON.parse(body);
      } catch {
        json = null;
      }
    }
    req.stack = STACK.test(body);
    if (response.status >= 300) req.message = errorMessage(json);
    if (response.status === 500 && type.includes('text/html')) {
      // Next renders the error boundary (app/error.tsx: "Something went wrong … Try again in a moment") in the
      // browser when the server's render failed; the HTML holds the shell and the error's digest.
      req.errorPage = !STACK.test(body) && /data-dgst|digest/.test(body);
      // What the page says, for the trace: its text without markup or scripts.
      req.text = body
        .replace(/<(script|style)[^>]*>[\s\S]*?<\/\1>/g, ' ')
        .replace(/<[^>]+>/g, ' ')
        .replace(/\s+/g, ' ')
        .trim()
        .slice(0, 300);
    }
    if (response.status === 503) {
      req.clear503 = type.includes('json')
        ? (json as { error?: { code?: unknown } } | null)?.error?.code === 'UNAVAILABLE' && Boolean(req.message)
        : type.includes('text/html') && /try again/i.test(body);
    }
  } catch (error) {
    const name = (error as Error)?.name;
    req.failure = name === 'TimeoutError' || name === 'AbortError' ? 'timeout' : 'connection';
  }
  req.ms = now() - sentAt;
  requests.push(req);
  return { req, json };
}

const ok = (req: Req) => req.status !== null && req.status >= 200 && req.status < 300;

// ---------------------------------------------------------------------------------------------------------
// What one cluster's runs share

type Pair = [string, string];

/** Acknowledged writes: what must be in the database afterwards. */
type Ledger = {
  /** Contact id → the unique URL of its source, and the writer. */
  creates: Map<string, { url: string; writer: number }>;
  /** Contact id → the last acknowledged edit: its version and its number in the editor's sequence. */
  edits: Map<string, { version: number; n: number }>;
  /** Each writer's last acknowledged contact. */
  lastByWriter: Map<number, string>;
};

type Fixture = {
  cluster: Cluster;
  app: AppServer;
  token: string;
  tokenId: string;
  /** Officials' slugs: pairs 0–9 for the writers, 10–11 for the import. */
  pairs: Pair[];
  ledger: Ledger;
  /** Each writer's next write number (dates and URLs never repeat). */
  counters: number[];
  editTargets: { id: string; version: number; n: number }[];
  logPrefix: string;
};

const EDIT_SUMMARY = /^faults edit #(\d+)$/;

type Bases = { writer: (i: number) => AppServer; editor: () => AppServer; reader: () => AppServer };

/** Every request of the fault under way, and its moments, for its trace file and timeline. */
let traced: Req[][] = [];
let marks: Record<string, number> = {};
const mark = (name: string, at = now()) => {
  marks[name] = at;
  return at;
};

/** The load: writers, editors and readers in closed loops, until stop(). */
class Load {
  readonly requests: Req[] = [];
  private running = false;
  private workers: Promise<void>[] = [];

  constructor(
    private readonly fx: Fixture,
    private readonly bases: Bases,
  ) {}

  start(): this {
    traced.push(this.requests);
    this.running = true;
    for (let i = 0; i < WRITERS; i += 1) this.workers.push(this.writer(i));
    for (let e = 0; e < EDITORS; e += 1) this.workers.push(this.editor(e));
    for (let r = 0; r < READERS; r += 1) this.workers.push(this.reader(r));
    return this;
  }

  async stop(): Promise<void> {
    this.running = false;
    await Promise.all(this.workers);
  }

  /** Resolves once `count` requests have succeeded (the load is up), or throws after `timeoutMs`. */
  async warm(count = 30, timeoutMs = 60_000): Promise<void> {
    if (!(await waitFor(() => this.requests.filter(ok).length >= count, timeoutMs))) {
      throw new Error(`The load did not get ${count} answers in ${timeoutMs / 1000} s before the fault`);
    }
  }

  /** The first successful request answered after `t` (of a role, when given), waiting up to `timeoutMs`. */
  async firstOkAfter(t: number, timeoutMs: number, role?: Role): Promise<Req | null> {
    const find = () =>
      this.requests
        .filter((r) => ok(r) && r.sentAt + r.ms >= t && (role === undefined || r.role === role))
        .sort((x, y) => x.sentAt + x.ms - (y.sentAt + y.ms))[0] ?? null;
    await waitFor(() => find() !== null, timeoutMs);
    return find();
  }

  private auth(json = true): Record<string, string> {
    return { authorization: `Bearer ${this.fx.token}`, ...(json ? { 'content-type': 'application/json' } : {}) };
  }

  private async pause(req: Req) {
    // A little thought between requests, as people and scripts have: a steady load, not a flood that would
    // measure only how this machine queues (it is shared). After a refusal, a little more.
    await sleep(ok(req) ? 200 : 250);
  }

  private async writer(i: number) {
    const { fx } = this;
    const pair = fx.pairs[i];
    while (this.running) {
      const n = fx.counters[i]++;
      // Two days apart, back from today: never a possible duplicate of the writer's previous contact.
      const date = new Date(Date.parse(TODAY) - 2 * n * 86_400_000).toISOString().slice(0, 10);
      const url = `${MARKER}/w/${RUN_ID}/${fx.cluster.kind}/${i}/${n}`;
      const server = this.bases.writer(i);
      const { req, json } = await send(
        this.requests,
        { role: 'create', server: server === fx.app ? 'A' : 'B', route: 'POST /api/v1/contacts' },
        `${server.base}/api/v1/contacts`,
        {
          method: 'POST',
          headers: this.auth(),
          body: JSON.stringify({
            date,
            type: 'CALL',
            status: 'HELD',
            participants: pair,
            summary: `faults writer ${i} #${n}`,
            sources: [{ url }],
          }),
        },
      );
      const id = (json as { id?: unknown } | null)?.id;
      if (req.status === 201 && typeof id === 'string') {
        fx.ledger.creates.set(id, { url, writer: i });
        fx.ledger.lastByWriter.set(i, id);
      }
      await this.pause(req);
    }
  }

  private async editor(e: number) {
    const { fx } = this;
    const target = fx.editTargets[e];
    while (this.running) {
      const n = target.n + 1;
      const server = this.bases.editor();
      const { req, json } = await send(
        this.requests,
        { role: 'edit', server: server === fx.app ? 'A' : 'B', route: 'PATCH /api/v1/contacts/{id}' },
        `${server.base}/api/v1/contacts/${target.id}`,
        {
          method: 'PATCH',
          headers: this.auth(),
          body: JSON.stringify({ version: target.version, summary: `faults edit #${n}` }),
        },
      );
      const version = (json as { version?: unknown } | null)?.version;
      if (req.status === 200 && typeof version === 'number') {
        target.version = version;
        target.n = n;
        fx.ledger.edits.set(target.id, { version, n });
      } else if (req.status === 409) {
        // An edit whose answer was lost did commit: carry on from the contact as it stands.
        const current = await send(
          this.requests,
          { role: 'read', server: server === fx.app ? 'A' : 'B', route: 'GET /api/v1/contacts/{id}' },
          `${server.base}/api/v1/contacts/${target.id}`,
          { headers: this.auth(false) },
        );
        const body = current.json as { version?: number; summary?: string } | null;
        if (ok(current.req) && typeof body?.version === 'number') {
          target.version = body.version;
          target.n = Number(EDIT_SUMMARY.exec(body.summary ?? '')?.[1] ?? target.n);
        }
      }
      await this.pause(req);
    }
  }

  private async reader(r: number) {
    const { fx } = this;
    for (let k = 0; this.running; k += 1) {
      const [a, b] = fx.pairs[(k * READERS + r) % WRITERS];
      const server = this.bases.reader();
      const paths: [string, string][] = [
        [`/api/v1/gaps?${new URLSearchParams({ a, b })}`, 'GET /api/v1/gaps'],
        [`/pairs/officials/${a}/${b}`, 'GET /pairs/officials/{a}/{b}'],
        [k % 2 === 0 ? '/' : '/?level=countries', 'GET / (dashboard)'],
      ];
      const [pathname, route] = paths[(k + r) % paths.length];
      const { req } = await send(
        this.requests,
        { role: 'read', server: server === fx.app ? 'A' : 'B', route },
        `${server.base}${pathname}`,
      );
      await this.pause(req);
    }
  }
}

// ---------------------------------------------------------------------------------------------------------
// Counting

type Tally = {
  sent: number;
  ok: number;
  status503: number;
  /** Of the 503s, those with the promised body. */
  clear503: number;
  /** Answers other than 2xx and 503, by status. */
  other: Record<string, number>;
  timeouts: number;
  connectionErrors: number;
  maxMs: number | null;
  stacks: number;
};

function tally(requests: Req[], filter: (req: Req) => boolean = () => true): Tally {
  const chosen = requests.filter(filter);
  const other: Record<string, number> = {};
  for (const r of chosen) {
    if (r.status !== null && !ok(r) && r.status !== 503) other[r.status] = (other[r.status] ?? 0) + 1;
  }
  return {
    sent: chosen.length,
    ok: chosen.filter(ok).length,
    status503: chosen.filter((r) => r.status === 503).length,
    clear503: chosen.filter((r) => r.clear503).length,
    other,
    timeouts: chosen.filter((r) => r.failure === 'timeout').length,
    connectionErrors: chosen.filter((r) => r.failure === 'connection').length,
    maxMs: chosen.length === 0 ? null : Math.round(Math.max(...chosen.map((r) => r.ms))),
    stacks: chosen.filter((r) => r.stack).length,
  };
}

const between = (from: number, to: number) => (r: Req) => r.sentAt >= from && r.sentAt < to;
const otherCount = (t: Tally) => Object.values(t.other).reduce((a, b) => a + b, 0);
const fiveHundreds = (t: Tally) =>
  t.status503 + Object.entries(t.other).reduce((n, [status, count]) => n + (Number(status) >= 500 ? count : 0), 0);

type Check = { name: string; pass: boolean; detail: string };

type FaultResult = {
  server: string;
  fault: FaultKey;
  title: string;
  /** What "during" covers. */
  window: string;
  during: Tally | null;
  whole: Tally | null;
  recoverySeconds: number | null;
  checks: Check[];
  notes: string[];
  /** Seconds from the first request of the run: when the fault's steps happened. */
  timeline?: Record<string, number>;
};

/**
 * The checks every fault under load shares, over the whole run: no hang, no stack trace, no 500. A page
 * whose render began before the app could know that the database had stopped (`cut`: from the stop to the
 * app's first 503) was past the proxy's 503 page: it gets the app's own error page, with a 500, and is
 * counted apart.
 */
function loadChecks(requests: Req[], cut?: { at: number; until: number }, starting?: (r: Req) => boolean): Check[] {
  // Requests sent while a killed app was starting again wait for its start (a cold process on a busy
  // machine): the recovery figure tells that wait, and they are counted apart, not as hangs.
  const waitedForStart = starting ? requests.filter((r) => starting(r) && r.failure === 'timeout').length : 0;
  const whole = tally(requests, (r) => !(starting?.(r) ?? false));
  const stacks = tally(requests).stacks;
  const isCut = (r: Req) =>
    cut !== undefined && r.errorPage === true && r.sentAt < cut.until && r.sentAt + r.ms > cut.at;
  const serverErrors = requests.filter((r) => r.status !== null && r.status >= 500 && r.status !== 503);
  const excused = serverErrors.filter(isCut).length;
  const byStatus: Record<string, number> = {};
  for (const r of serverErrors.filter((r) => !isCut(r))) byStatus[r.status!] = (byStatus[r.status!] ?? 0) + 1;
  return [
    {
      name: 'never a hang',
      pass: whole.timeouts === 0,
      detail:
        `${whole.timeouts} of ${whole.sent} requests unanswered after ${REQUEST_TIMEOUT_MS / 1000} s` +
        (starting ? `; apart from these, ${waitedForStart} sent while the new process was starting waited longer` : ''),
    },
    { name: 'never a stack trace', pass: stacks === 0, detail: `${stacks} bodies with a stack trace` },
    {
      name: 'never a 500',
      pass: Object.keys(byStatus).length === 0,
      detail:
        `server errors other than 503: ${JSON.stringify(byStatus)}` +
        (cut === undefined
          ? ''
          : `; apart from these, ${excused} page${excused === 1 ? '' : 's'} whose render began before the app learnt that PostgreSQL had stopped (its first 503) got the app's error page (500, “Something went wrong … Try again in a moment”, no stack)`),
    },
  ];
}

// ---------------------------------------------------------------------------------------------------------
// What must hold in the database afterwards

/**
 * The pair statistics against a from-scratch rebuild with the app's own SQL (as `npm run cli -- rebuild`
 * does), inside a transaction that is rolled back: how many rows of each table differ.
 */
async function statisticsDrift(url: string): Promise<Record<string, number>> {
  process.env.DATABASE_URL = url;
  const { getDb, disconnectDb } = await import('../lib/db');
  const sql = await import('../lib/stats/sql');
  class Rollback extends Error {
    constructor(readonly drift: Record<string, number>) {
      super('rolled back on purpose');
    }
  }
  const tables = ['pair_contact', 'pair_stat', 'pair_gap_length'];
  try {
    await getDb().$transaction(
      async (tx) => {
        await tx.$executeRaw`LOCK TABLE pair_contact, pair_stat, pair_gap_length IN EXCLUSIVE MODE`;
        for (const table of tables) {
          await tx.$executeRawUnsafe(`CREATE TEMP TABLE kept_${table} ON COMMIT DROP AS SELECT * FROM ${table}`);
          await tx.$executeRawUnsafe(`DELETE FROM ${table}`);
        }
        for (const setting of sql.WHOLE_TABLE_SETTINGS) await tx.$executeRawUnsafe(setting);
        await tx.$executeRaw`CREATE TEMP TABLE rebuild_rows ON COMMIT DROP AS ${sql.pairRowsSql({ all: true })}`;
        await tx.$executeRaw(sql.insertAllPairRowsSql());
        await tx.$executeRaw(sql.upsertStatsSql({ all: true }));
        await tx.$executeRaw(sql.insertAllGapLengthsSql);
        const drift: Record<string, number> = {};
        for (const table of tables) {
          // A pair's version counts its writes; a rebuild starts it again.
          const row = `to_jsonb(t) - 'version'`;
          const rows = await tx.$queryRawUnsafe<{ n: number }[]>(
            `SELECT count(*)::int AS n FROM (
               (SELECT ${row} FROM kept_${table} t EXCEPT ALL SELECT ${row} FROM ${table} t)
               UNION ALL
               (SELECT ${row} FROM ${table} t EXCEPT ALL SELECT ${row} FROM kept_${table} t)) d`,
          );
          drift[table] = rows[0].n;
        }
        throw new Rollback(drift);
      },
      { timeout: 10 * 60_000, maxWait: 60_000 },
    );
    throw new Error('The statistics check did not roll back');
  } catch (error) {
    if (error instanceof Rollback) return error.drift;
    throw error;
  } finally {
    await disconnectDb();
  }
}

/** Every acknowledged write is there exactly once, no contact is partial, and the statistics are right. */
async function dataChecks(fx: Fixture): Promise<Check[]> {
  const client = new pg.Client({ connectionString: fx.cluster.ownerUrl });
  client.on('error', () => {});
  await client.connect();
  try {
    const acked = [...fx.ledger.creates.entries()];
    const { rows } = await client.query<{ id: string; url: string; copies: number; live: boolean }>(
      `SELECT c.id, s.url, (SELECT count(*)::int FROM source x WHERE x.url = s.url) AS copies, c.deleted_at IS NULL AS live
         FROM contact c JOIN source s ON s.contact_id = c.id WHERE c.id = ANY($1)`,
      [acked.map(([id]) => id)],
    );
    const found = new Map(rows.map((row) => [row.id, row]));
    const missing = acked.filter(([id, { url }]) => found.get(id)?.url !== url || !found.get(id)?.live).length;
    const duplicated = rows.filter((row) => row.copies !== 1).length;

    const edits = [...fx.ledger.edits.entries()];
    const current = await client.query<{ id: string; version: number; summary: string | null }>(
      'SELECT id, version, summary FROM contact WHERE id = ANY($1)',
      [edits.map(([id]) => id)],
    );
    const byId = new Map(current.rows.map((row) => [row.id, row]));
    const lostEdits = edits.filter(([id, edit]) => {
      const row = byId.get(id);
      const n = Number(EDIT_SUMMARY.exec(row?.summary ?? '')?.[1] ?? -1);
      return !row || row.version < edit.version || n < edit.n;
    }).length;

    const partial = await client.query<{ id: string; why: string }>(
      `SELECT c.id, concat_ws(', ',
                CASE WHEN (SELECT count(*) FROM participant p WHERE p.contact_id = c.id) + cardinality(c.unnamed_countries) < 2
                     THEN 'fewer than two participants' END,
                CASE WHEN NOT EXISTS (SELECT 1 FROM source s WHERE s.contact_id = c.id) THEN 'no source' END,
                CASE WHEN NOT EXISTS (SELECT 1 FROM audit_log l WHERE l.entity_type = 'contact' AND l.entity_id = c.id)
                     THEN 'no audit row' END) AS why
         FROM contact c
        WHERE c.deleted_at IS NULL AND (
              (SELECT count(*) FROM participant p WHERE p.contact_id = c.id) + cardinality(c.unnamed_countries) < 2
              OR NOT EXISTS (SELECT 1 FROM source s WHERE s.contact_id = c.id)
              OR NOT EXISTS (SELECT 1 FROM audit_log l WHERE l.entity_type = 'contact' AND l.entity_id = c.id))`,
    );
    const total = (await client.query<{ n: number }>('SELECT count(*)::int AS n FROM contact')).rows[0].n;
    const drift = await statisticsDrift(fx.cluster.ownerUrl);
    const drifted = Object.entries(drift).filter(([, n]) => n > 0);
    return [
      {
        name: 'no acknowledged write lost',
        pass: missing === 0 && duplicated === 0 && lostEdits === 0,
        detail: `${acked.length - missing} of ${acked.length} acknowledged creates found, ${duplicated} more than once; ${edits.length - lostEdits} of ${edits.length} edited contacts hold their last acknowledged edit (or a later one)`,
      },
      {
        name: 'no partial contact',
        pass: partial.rows.length === 0,
        detail:
          partial.rows.length === 0
            ? `all ${total} contacts have two sides, a source and an audit row`
            : `${partial.rows.length} of ${total} contacts partial, e.g. ${partial.rows
                .slice(0, 3)
                .map((row) => `${row.id} (${row.why})`)
                .join('; ')}`,
      },
      {
        name: 'statistics match a rebuild',
        pass: drifted.length === 0,
        detail:
          drifted.length === 0
            ? 'pair_contact, pair_stat and pair_gap_length equal a rebuild from the contacts'
            : `rows that differ from a rebuild: ${drifted.map(([table, n]) => `${table} ${n}`).join(', ')}`,
      },
    ];
  } finally {
    await client.end();
  }
}

async function ownerQuery<T extends pg.QueryResultRow = pg.QueryResultRow>(
  cluster: Cluster,
  text: string,
  values: unknown[] = [],
): Promise<T[]> {
  const client = new pg.Client({ connectionString: cluster.ownerUrl });
  client.on('error', () => {});
  await client.connect();
  try {
    // A session begun while the database is read-only starts read-only: this one must write.
    await client.query('SET default_transaction_read_only = off');
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}

// ---------------------------------------------------------------------------------------------------------
// Setting up a cluster

/**
 * The countries of each pair of officials: every pair its own, as ten researchers would each follow their
 * own pair. Every contact also counts for its country pair, whose statistics each write updates under a
 * lock: ten writers on one country pair would measure that queue, not the faults.
 */
const PAIR_COUNTRIES: [string, string][] = [
  ['US', 'RU'],
  ['US', 'CN'],
  ['FR', 'DE'],
  ['GB', 'IR'],
  ['JP', 'KR'],
  ['IN', 'PK'],
  ['TR', 'GR'],
  ['BR', 'AR'],
  ['EG', 'IL'],
  ['UA', 'BY'],
  ['SA', 'YE'],
  ['CA', 'MX'],
];

async function setUp(cluster: Cluster, logPrefix: string): Promise<Fixture> {
  const migrationError = await migrateDeploy(cluster.ownerUrl);
  if (migrationError) throw new Error(migrationError);
  process.env.DATABASE_URL = cluster.url;
  const { createOfficial } = await import('../lib/data/officials');
  const { createContact } = await import('../lib/data/contacts');
  const { disconnectDb } = await import('../lib/db');
  const { ZOfficialInput } = await import('../lib/validation/official');
  const { ZContactInput } = await import('../lib/validation/contact');
  const actor = { userId: null, via: 'cli' as const };
  const pairs: Pair[] = [];
  for (const [i, countries] of PAIR_COUNTRIES.entries()) {
    const slugs: string[] = [];
    for (const country of countries) {
      const official = await createOfficial(
        ZOfficialInput.parse({ name: `Faults ${country} Official ${i + 1}`, country }),
        actor,
      );
      slugs.push(official.slug);
    }
    pairs.push([slugs[0], slugs[1]]);
  }
  for (const pair of pairs.slice(0, WRITERS)) {
    await createContact(
      ZContactInput.parse({
        date: '2000-01-03',
        type: 'MEETING',
        status: 'HELD',
        participants: pair,
        sources: [{ url: `${MARKER}/seed/${pair.join('/')}` }],
      }),
      actor,
    );
  }
  const editTargets = [];
  for (let e = 0; e < EDITORS; e += 1) {
    const contact = await createContact(
      ZContactInput.parse({
        date: `1999-0${e + 1}-15`,
        type: 'LETTER',
        status: 'HELD',
        participants: pairs[e],
        summary: 'faults edit #0',
        sources: [{ url: `${MARKER}/edits/${e}` }],
      }),
      actor,
    );
    editTargets.push({ id: contact.id, version: contact.version, n: 0 });
  }
  const token = await accountToken({
    email: EMAIL,
    name: 'Counterpart faults',
    role: 'RESEARCHER',
    tokenName: `faults ${RUN_ID}`,
    log,
  });
  await disconnectDb();
  const app = await startAppServer({ databaseUrl: cluster.url, logPrefix });
  log(`App serving on ${app.base} (pid ${app.pid}, log ${app.logPath})`);
  return {
    cluster,
    app,
    token: token.token,
    tokenId: token.id,
    pairs,
    ledger: { creates: new Map(), edits: new Map(), lastByWriter: new Map() },
    counters: Array.from({ length: WRITERS }, () => 0),
    editTargets,
    logPrefix,
  };
}

/**
 * One request to each route the load uses, one at a time, with all the time they need: a fresh process
 * compiles and caches on its first requests, which the faults are not about. Not counted.
 */
async function warmUp(fx: Fixture, server: AppServer): Promise<void> {
  const [a, b] = fx.pairs[0];
  const get = (pathname: string) =>
    fetch(`${server.base}${pathname}`, { signal: AbortSignal.timeout(120_000) }).then((r) => r.arrayBuffer());
  await get(`/api/v1/gaps?${new URLSearchParams({ a, b })}`);
  await get(`/pairs/officials/${a}/${b}`);
  await get('/');
  await get('/?level=countries');
  const url = `${MARKER}/warm/${RUN_ID}/${randomUUID()}`;
  const response = await fetch(`${server.base}/api/v1/contacts`, {
    method: 'POST',
    headers: { authorization: `Bearer ${fx.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      date: '1990-06-01',
      type: 'CALL',
      status: 'HELD',
      participants: fx.pairs[11],
      sources: [{ url }],
    }),
    signal: AbortSignal.timeout(120_000),
  });
  const created = (await response.json()) as { id?: string };
  if (response.status === 201 && created.id) fx.ledger.creates.set(created.id, { url, writer: -1 });
  // A burst, so that the pool has opened its connections (each a password exchange) before the load.
  await Promise.all(
    fx.pairs.slice(0, 8).map(([x, y]) => get(`/api/v1/gaps?${new URLSearchParams({ a: x, b: y })}`).catch(() => null)),
  );
  const target = fx.editTargets[0];
  await fetch(`${server.base}/api/v1/contacts/${target.id}`, {
    headers: { authorization: `Bearer ${fx.token}` },
    signal: AbortSignal.timeout(120_000),
  }).then((r) => r.arrayBuffer());
}

const onMain = (fx: Fixture): Bases => ({ writer: () => fx.app, editor: () => fx.app, reader: () => fx.app });

async function restartApp(fx: Fixture): Promise<void> {
  fx.app = await startAppServer({
    databaseUrl: fx.cluster.url,
    port: fx.app.port,
    logPrefix: fx.logPrefix,
    appendLog: true,
  });
}

// ---------------------------------------------------------------------------------------------------------
// The faults

async function pgRestart(fx: Fixture): Promise<FaultResult> {
  const load = new Load(fx, onMain(fx)).start();
  await load.warm();
  await sleep(1000);
  const stopAt = mark('pg_ctl stop');
  await fx.cluster.stop('fast');
  mark('pg_ctl stop returned');
  log(`  PostgreSQL stopped in ${seconds(now() - stopAt)} s; down for ${OUTAGE_MS / 1000} s`);
  await sleep(OUTAGE_MS);
  await fx.cluster.start();
  const startedAt = mark('pg_ctl start returned');
  const firstWrite = await load.firstOkAfter(startedAt, 60_000, 'create');
  const firstAny = await load.firstOkAfter(startedAt, 0);
  await sleep(3000);
  await load.stop();
  const recoveredAt = firstWrite ? firstWrite.sentAt + firstWrite.ms : now();
  const during = tally(load.requests, between(stopAt, recoveredAt));
  const after = tally(load.requests, (r) => r.sentAt >= recoveredAt);
  const whole = tally(load.requests);
  const recovery = firstWrite ? seconds(recoveredAt - startedAt) : null;
  // The app learns that the database went away from its first failed connection: until its first 503, a
  // page that passed the proxy can only fail mid-render, with the app's error page.
  const firstRefusal = Math.min(
    ...load.requests.filter((r) => r.clear503 && r.sentAt >= stopAt).map((r) => r.sentAt + r.ms),
  );
  const cut = { at: stopAt, until: firstRefusal };
  const cutPages = load.requests.filter((r) => r.errorPage && r.sentAt < cut.until && r.sentAt + r.ms > cut.at);
  // A 4xx is an answer, not an outage (a 409 for an edit whose answer was lost but which committed).
  const unclear = fiveHundreds(during) - during.clear503 - cutPages.filter(between(stopAt, recoveredAt)).length;
  return {
    server: fx.cluster.label,
    fault: 'pg-restart',
    title: `PostgreSQL stopped (pg_ctl stop -m fast) for ${OUTAGE_MS / 1000} s under load`,
    window: 'from pg_ctl stop to the first acknowledged write after pg_ctl start',
    during,
    whole,
    recoverySeconds: recovery,
    checks: [
      {
        name: 'a clear 503 while it is down',
        pass: unclear === 0 && during.status503 > 0,
        detail: `${during.clear503} clear 503s, ${during.status503 - during.clear503} 503s without the promised body, ${otherCount(during)} other statuses ${JSON.stringify(during.other)} (of them ${cutPages.filter(between(stopAt, recoveredAt)).length} pages begun before the app's first 503: see “never a 500”), ${during.connectionErrors} connection errors; the app's first 503 came ${seconds(firstRefusal - stopAt)} s after pg_ctl stop`,
      },
      ...loadChecks(load.requests, cut),
      {
        name: `serves again within ${RECOVERY_LIMIT_S} s of the database's return`,
        pass: recovery !== null && recovery <= RECOVERY_LIMIT_S,
        detail:
          recovery === null
            ? 'no write acknowledged within 60 s of pg_ctl start'
            : `first acknowledged write ${recovery} s after pg_ctl start returned (first 2xx of any kind after ${firstAny ? seconds(firstAny.sentAt + firstAny.ms - startedAt) : '–'} s)`,
      },
      {
        name: 'no error once recovered',
        pass: fiveHundreds(after) === 0,
        detail: `${after.sent} requests after recovery: ${after.ok} 2xx, ${after.status503} 503, other ${JSON.stringify(after.other)}`,
      },
      ...(await dataChecks(fx)),
    ],
    notes: [],
  };
}

async function appKill(fx: Fixture): Promise<FaultResult> {
  const load = new Load(fx, onMain(fx)).start();
  await load.warm();
  await sleep(1000);
  const killedAt = mark('SIGKILL');
  const pid = fx.app.pid;
  await fx.app.kill('SIGKILL');
  log(`  App (pid ${pid}) killed with SIGKILL; restarting it on the same port in 2 s`);
  await sleep(2000);
  const restartAt = mark('restart');
  await restartApp(fx);
  mark('ping answered');
  const first = await load.firstOkAfter(restartAt, 60_000, 'create');
  await sleep(3000);
  await load.stop();
  const recoveredAt = first ? first.sentAt + first.ms : now();
  const during = tally(load.requests, between(killedAt, recoveredAt));
  const after = tally(load.requests, (r) => r.sentAt >= recoveredAt);
  const whole = tally(load.requests);
  return {
    server: fx.cluster.label,
    fault: 'app-kill',
    title: 'The app killed with SIGKILL under load, started again 2 s later',
    window: 'from the kill to the first acknowledged write after the restart',
    during,
    whole,
    recoverySeconds: first ? seconds(recoveredAt - restartAt) : null,
    checks: [
      ...loadChecks(load.requests, undefined, between(killedAt, recoveredAt)),
      {
        name: 'serves again after its restart',
        pass: first !== null,
        detail: first
          ? `first acknowledged write ${seconds(recoveredAt - restartAt)} s after the new process was spawned (its start included)`
          : 'no write acknowledged within 60 s of the restart',
      },
      {
        name: 'no error once recovered',
        pass: fiveHundreds(after) === 0,
        detail: `${after.sent} requests after recovery: ${after.ok} 2xx, ${after.status503} 503, other ${JSON.stringify(after.other)}`,
      },
      ...(await dataChecks(fx)),
    ],
    notes: [
      `While the process is gone, requests fail to connect (${during.connectionErrors} connection errors): no process is there to answer.`,
    ],
  };
}

/** The import's file: IMPORT_ROWS held calls on the two import pairs, a day apart, each with a marked source. */
function importFile(fx: Fixture, tag: string): Buffer {
  const lines = ['external_id,date,type,status,participant_a,country_a,participant_b,country_b,source_url'];
  const start = Date.parse('1960-01-01');
  for (let k = 0; k < IMPORT_ROWS; k += 1) {
    const [a, b] = fx.pairs[WRITERS + (k % 2)];
    const date = new Date(start + Math.floor(k / 2) * 86_400_000).toISOString().slice(0, 10);
    const [countryA, countryB] = PAIR_COUNTRIES[WRITERS + (k % 2)];
    lines.push(`faults-${tag}-${k},${date},CALL,HELD,${a},${countryA},${b},${countryB},${MARKER}/import/${tag}/${k}`);
  }
  return Buffer.from(`${lines.join('\n')}\n`);
}

async function importRun(
  fx: Fixture,
  id: string,
): Promise<{ status: string; rowsDone: number; report: unknown } | null> {
  try {
    const response = await fetch(`${fx.app.base}/api/imports/${id}`, {
      headers: { authorization: `Bearer ${fx.token}` },
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    return response.ok ? ((await response.json()) as { status: string; rowsDone: number; report: unknown }) : null;
  } catch {
    return null;
  }
}

function postImport(fx: Fixture, id: string, file: Buffer, timeoutMs: number) {
  const query = new URLSearchParams({ kind: 'contacts', id, fileName: 'faults-import.csv' });
  return fetch(`${fx.app.base}/api/imports?${query}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${fx.token}`, 'content-type': 'text/csv' },
    body: new Uint8Array(file),
    signal: AbortSignal.timeout(timeoutMs),
  }).then(
    async (response) => ({ status: response.status, body: await response.text(), error: null as string | null }),
    (error: unknown) => ({ status: null, body: '', error: (error as Error).message }),
  );
}

async function importKill(fx: Fixture): Promise<FaultResult> {
  const tag = `${RUN_ID}-${fx.cluster.kind}`;
  const file = importFile(fx, tag);
  const marked = async () =>
    (
      await ownerQuery<{ n: number }>(fx.cluster, 'SELECT count(*)::int AS n FROM source WHERE url LIKE $1', [
        `${MARKER}/import/${tag}/%`,
      ])
    )[0].n;
  const id = randomUUID();
  const posting = postImport(fx, id, file, 15 * 60_000);
  let progress: Awaited<ReturnType<typeof importRun>> = null;
  await waitFor(
    async () => {
      progress = await importRun(fx, id);
      return progress !== null && (progress.status !== 'RUNNING' || progress.rowsDone >= IMPORT_ROWS / 4);
    },
    10 * 60_000,
    100,
  );
  const seen = progress as Awaited<ReturnType<typeof importRun>>;
  const killedMidway = seen?.status === 'RUNNING';
  await fx.app.kill('SIGKILL');
  const upload = await posting;
  log(
    `  Import ${id} at ${seen?.rowsDone ?? '?'} of ${IMPORT_ROWS} rows (${seen?.status ?? 'unknown'}) when the app was killed; its upload: ${upload.error ?? upload.status}`,
  );
  const leftAfterKill = await marked();
  const runRow = (
    await ownerQuery<{ status: string }>(fx.cluster, 'SELECT status FROM import_run WHERE id = $1', [id])
  )[0];
  const restartAt = now();
  await restartApp(fx);
  let afterRestart: Awaited<ReturnType<typeof importRun>> = null;
  await waitFor(
    async () => {
      afterRestart = await importRun(fx, id);
      return afterRestart !== null && afterRestart.status !== 'RUNNING';
    },
    IMPORT_MARKED_LIMIT_S * 2 * 1000,
    500,
  );
  const marking = afterRestart as Awaited<ReturnType<typeof importRun>>;
  const markedAfter = seconds(now() - restartAt);
  const markedMessage = (marking?.report as { error?: string } | null)?.error ?? '';

  log(`  Importing the same file again (${IMPORT_ROWS} rows)…`);
  const again = randomUUID();
  const rerunStarted = now();
  const rerun = await postImport(fx, again, file, 15 * 60_000);
  const rerunSeconds = seconds(now() - rerunStarted);
  let created: number | null = null;
  try {
    created = (JSON.parse(rerun.body) as { created?: number }).created ?? null;
  } catch {
    created = null;
  }
  const inDatabase = await marked();
  return {
    server: fx.cluster.label,
    fault: 'import-kill',
    title: `The app killed with SIGKILL during an import of ${IMPORT_ROWS.toLocaleString('en-GB')} rows (${(file.length / 1e6).toFixed(1)} MB)`,
    window: '–',
    during: null,
    whole: null,
    recoverySeconds: marking?.status === 'RUNNING' || marking === null ? null : markedAfter,
    checks: [
      {
        name: 'killed while the import ran',
        pass: killedMidway,
        detail: `the run said ${seen?.status ?? 'nothing'} at ${seen?.rowsDone ?? '?'} rows when the app was killed`,
      },
      {
        name: 'nothing of the killed import is saved',
        pass: leftAfterKill === 0,
        detail: `${leftAfterKill} of its contacts in the database after the kill`,
      },
      {
        name: 'its run does not claim to run for ever',
        pass:
          marking?.status === 'FAILED' && /interrupted/i.test(markedMessage) && markedAfter <= IMPORT_MARKED_LIMIT_S,
        detail: `${runRow?.status ?? 'no'} row after the kill; after the restart GET /api/imports/{id} said ${marking?.status ?? 'nothing'} within ${markedAfter} s: “${markedMessage}”`,
      },
      {
        name: 'the same file imports in full again',
        pass: rerun.status === 200 && created === IMPORT_ROWS && inDatabase === IMPORT_ROWS,
        detail: `HTTP ${rerun.status ?? rerun.error} in ${rerunSeconds} s, ${created ?? '?'} created; ${inDatabase} of ${IMPORT_ROWS} in the database`,
      },
      ...(await dataChecks(fx)),
    ],
    notes: [],
  };
}

async function readOnly(fx: Fixture): Promise<FaultResult> {
  const load = new Load(fx, onMain(fx)).start();
  await load.warm();
  await sleep(1000);
  await ownerQuery(fx.cluster, 'ALTER SYSTEM SET default_transaction_read_only = on');
  await ownerQuery(fx.cluster, 'SELECT pg_reload_conf()');
  const onAt = mark('read-only on');
  await sleep(6000);
  const resetAt = mark('reset sent');
  await ownerQuery(fx.cluster, 'ALTER SYSTEM RESET default_transaction_read_only');
  await ownerQuery(fx.cluster, 'SELECT pg_reload_conf()');
  const offAt = mark('read-only off');
  const first = await load.firstOkAfter(offAt, 60_000, 'create');
  await sleep(2000);
  await load.stop();
  // Each session takes the reload at its next command: a second's grace either side.
  const inWindow = between(onAt + 1000, resetAt);
  const during = tally(load.requests, inWindow);
  const writes = load.requests.filter((r) => inWindow(r) && r.role !== 'read');
  const reads = tally(load.requests, (r) => inWindow(r) && r.role === 'read');
  const readOnlyRefusal = (r: Req) => r.clear503 && /read-only/i.test(r.message ?? '');
  // A write sent just before the reset may run after it: only one answered before the reset must be refused.
  const confined = writes.filter((r) => r.sentAt + r.ms <= resetAt);
  const confinedAcknowledged = confined.filter(ok).length;
  const refused = writes.filter((r) => !ok(r));
  const refusedClearly = refused.filter(readOnlyRefusal).length;
  const acknowledged = writes.filter(ok).length;
  const whole = tally(load.requests);
  const recovery = first ? seconds(first.sentAt + first.ms - offAt) : null;
  const example = writes.find((r) => r.clear503)?.message;
  return {
    server: fx.cluster.label,
    fault: 'read-only',
    title: 'The database made read-only (ALTER SYSTEM SET default_transaction_read_only, reload) for 6 s under load',
    window: 'from a second after the reload to the reset being sent',
    during,
    whole,
    recoverySeconds: recovery,
    checks: [
      {
        name: 'writes refused clearly',
        pass: confined.length > 0 && confinedAcknowledged === 0 && refusedClearly === refused.length,
        detail: `${refusedClearly} of ${refused.length} refused writes answered 503 saying the database is read-only; ${confinedAcknowledged} of the ${confined.length} answered before the reset acknowledged (${acknowledged - confinedAcknowledged} sent before it and run after it were)${example ? `. “${example}”` : ''}`,
      },
      {
        name: 'reads go on',
        pass: reads.sent > 0 && reads.ok === reads.sent,
        detail: `${reads.ok} of ${reads.sent} reads 2xx (503: ${reads.status503}, other ${JSON.stringify(reads.other)}, failures ${reads.timeouts + reads.connectionErrors})`,
      },
      ...loadChecks(load.requests),
      {
        name: `writes resume within ${RECOVERY_LIMIT_S} s`,
        pass: recovery !== null && recovery <= RECOVERY_LIMIT_S,
        detail:
          recovery === null
            ? 'no write acknowledged within 60 s of the reset'
            : `first acknowledged write ${recovery} s after the reset`,
      },
      ...(await dataChecks(fx)),
    ],
    notes: [],
  };
}

async function twoProcesses(fx: Fixture): Promise<FaultResult> {
  const first = fx.app;
  const second = await startAppServer({
    databaseUrl: fx.cluster.url,
    logPrefix: `${fx.logPrefix}-second`,
    authSecret: throwawaySecret(),
  });
  log(
    `  Second app process on ${second.base} (pid ${second.pid}); writers 0–4 write through the first, 5–9 through the second`,
  );
  const killedWriters = WRITERS / 2;
  const load = new Load(fx, {
    writer: (i) => (i < killedWriters ? first : second),
    editor: () => first,
    reader: () => second,
  }).start();
  await load.warm();
  // The readers fill the survivor's response cache with every pair.
  await sleep(3000);
  const killedAt = mark('SIGKILL of the first');
  await first.kill('SIGKILL');
  log(`  First app process (pid ${first.pid}) killed with SIGKILL`);
  await sleep(5000);
  await load.stop();
  const onSecond = (r: Req) => r.server === 'B';
  const before = tally(load.requests, (r) => onSecond(r) && r.sentAt < killedAt);
  const during = tally(load.requests, (r) => onSecond(r) && r.sentAt >= killedAt);
  const whole = tally(load.requests);

  // Each pair as the survivor shows it (its response cache included), against the database.
  const stale: string[] = [];
  const check = async (i: number) => {
    const [a, b] = fx.pairs[i];
    const last = fx.ledger.lastByWriter.get(i);
    const both = `EXISTS (SELECT 1 FROM participant p JOIN official o ON o.id = p.official_id WHERE p.contact_id = c.id AND o.slug = $1)
              AND EXISTS (SELECT 1 FROM participant p JOIN official o ON o.id = p.official_id WHERE p.contact_id = c.id AND o.slug = $2)`;
    const [truth] = await ownerQuery<{ held: number; all: number }>(
      fx.cluster,
      `SELECT count(*) FILTER (WHERE c.status = 'HELD')::int AS held, count(*)::int AS all
         FROM contact c WHERE c.deleted_at IS NULL AND ${both}`,
      [a, b],
    );
    const gaps = await fetch(`${second.base}/api/v1/gaps?${new URLSearchParams({ a, b })}`);
    const series = (await gaps.json()) as {
      heldCount?: number;
      firstContact?: { id: string } | null;
      lastContact?: { id: string } | null;
      gaps?: { fromContactId: string; toContactId: string }[];
    };
    const ids = new Set([
      series.firstContact?.id,
      series.lastContact?.id,
      ...(series.gaps ?? []).flatMap((gap) => [gap.fromContactId, gap.toContactId]),
    ]);
    const cache = gaps.headers.get('x-counterpart-cache') ?? 'no cache header';
    if (series.heldCount !== truth.held) {
      stale.push(`pair ${i} gaps API (${cache}): ${series.heldCount} held, the database ${truth.held}`);
    }
    if (last && !ids.has(last)) stale.push(`pair ${i} gaps API (${cache}) lacks the acknowledged contact ${last}`);
    // The pair page says how many contacts it is drawn from.
    const page = await fetch(`${second.base}/pairs/officials/${a}/${b}`);
    const html = await page.text();
    const line = `from ${truth.all.toLocaleString('en-GB')} sourced contact${truth.all === 1 ? '' : 's'}`;
    if (!html.includes(line)) {
      const shown = /from ([\d,]+) sourced contact/.exec(html)?.[1] ?? 'no count';
      stale.push(
        `pair ${i} page (HTTP ${page.status}, ${page.headers.get('x-counterpart-cache') ?? 'no cache header'}): ${shown} contacts, the database ${truth.all}`,
      );
    }
  };
  for (let i = 0; i < WRITERS; i += 1) await check(i);
  // A write through the survivor on a pair the killed process wrote, then read there at once.
  const extra: Req[] = [];
  const n = fx.counters[0]++;
  const url = `${MARKER}/w/${RUN_ID}/${fx.cluster.kind}/0/${n}`;
  const date = new Date(Date.parse(TODAY) - 2 * n * 86_400_000).toISOString().slice(0, 10);
  const written = await send(
    extra,
    { role: 'create', server: 'B', route: 'POST /api/v1/contacts' },
    `${second.base}/api/v1/contacts`,
    {
      method: 'POST',
      headers: { authorization: `Bearer ${fx.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ date, type: 'CALL', status: 'HELD', participants: fx.pairs[0], sources: [{ url }] }),
    },
  );
  const newId = (written.json as { id?: string } | null)?.id;
  if (written.req.status === 201 && newId) {
    fx.ledger.creates.set(newId, { url, writer: 0 });
    fx.ledger.lastByWriter.set(0, newId);
    await check(0);
  } else stale.push(`the write through the survivor answered ${written.req.status ?? written.req.failure}`);

  await second.stop();
  await restartApp(fx);
  return {
    server: fx.cluster.label,
    fault: 'two-processes',
    title: 'Two app processes on one database; the first killed with SIGKILL mid-write',
    window: "the survivor's requests from the kill to 5 s after",
    during,
    whole,
    recoverySeconds: null,
    checks: [
      {
        name: 'the survivor keeps serving',
        pass: during.sent > 0 && during.ok === during.sent,
        detail: `survivor before the kill: ${before.ok} of ${before.sent} 2xx; after: ${during.ok} of ${during.sent} 2xx (5xx: ${fiveHundreds(during)}, failures ${during.timeouts + during.connectionErrors})`,
      },
      {
        name: "the survivor's reads and cache are right",
        pass: stale.length === 0,
        detail:
          stale.length === 0
            ? `all ${WRITERS} pairs (5 written through the killed process) show every acknowledged write in the survivor's gaps API and pair page (counts equal the database's), and a write through the survivor shows there at once`
            : stale.slice(0, 4).join('; '),
      },
      ...loadChecks(load.requests),
      ...(await dataChecks(fx)),
    ],
    notes: [],
  };
}

/** Tables a contact write extends: moved to the small tablespace, so that a full disk stops writes. */
const WRITE_TABLES = ['contact', 'participant', 'source', 'audit_log', 'pair_contact', 'pair_stat', 'pair_gap_length'];

async function diskFull(fx: Fixture): Promise<FaultResult> {
  const base: Omit<FaultResult, 'checks' | 'notes'> = {
    server: fx.cluster.label,
    fault: 'disk-full',
    title: 'The disk of the contact tables full (a tmpfs tablespace filled up) for 6 s under load',
    window: 'from the start of the filling to the space freed (the checks: from the first write refused)',
    during: null,
    whole: null,
    recoverySeconds: null,
  };
  const mountPoint = path.join(fx.cluster.root, 'small-disk');
  fs.mkdirSync(mountPoint);
  // Room for the tables as they are, and 24 MB more for the filler (and the writers) to fill.
  const [{ mb }] = await ownerQuery<{ mb: number }>(
    fx.cluster,
    'SELECT ceil(sum(pg_table_size(t::regclass)) / 1048576.0)::int AS mb FROM unnest($1::text[]) t',
    [WRITE_TABLES],
  );
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${mb + 24}m,mode=0700`, 'tmpfs', mountPoint], {
      stdio: 'pipe',
    });
  } catch (error) {
    const reason = ((error as { stderr?: Buffer }).stderr?.toString() || (error as Error).message).trim();
    return {
      ...base,
      checks: [],
      notes: [
        `Skipped: a small filesystem could not be mounted here (mount -t tmpfs: ${reason}). The mapping of SQLSTATE 53100 (disk full) to a 503 is covered by lib/db-refusal.test.ts.`,
      ],
    };
  }
  mounted.add(mountPoint);
  try {
    if (fx.cluster.runAs) fs.chownSync(mountPoint, fx.cluster.runAs.uid, fx.cluster.runAs.gid);
    await ownerQuery(fx.cluster, `CREATE TABLESPACE faults_small LOCATION '${mountPoint}'`);
    for (const table of WRITE_TABLES) await ownerQuery(fx.cluster, `ALTER TABLE ${table} SET TABLESPACE faults_small`);
    const load = new Load(fx, onMain(fx)).start();
    await load.warm();
    await sleep(1000);
    const fillAt = mark('filling');
    await ownerQuery(fx.cluster, 'CREATE TABLE faults_filler (pad text) TABLESPACE faults_small');
    let fullError = '';
    for (let i = 0; i < 200 && fullError === ''; i += 1) {
      try {
        // About 2 MB a statement, of text that does not compress.
        await ownerQuery(
          fx.cluster,
          `INSERT INTO faults_filler SELECT (SELECT string_agg(md5(random()::text || g), '') FROM generate_series(1, 30) g)
             FROM generate_series(1, 2000)`,
        );
      } catch (error) {
        fullError = `${(error as { code?: string }).code}: ${(error as Error).message}`;
      }
    }
    const fullAt = mark('full');
    log(`  Tablespace full after ${seconds(fullAt - fillAt)} s (${fullError})`);
    // The tables' last pages may still have room for a few rows: writes fail once one of them needs a new page.
    const refusal = (r: Req) => r.role !== 'read' && r.clear503 && /disk is full/i.test(r.message ?? '');
    await waitFor(() => load.requests.some(refusal), 60_000);
    const firstRefusal = load.requests.filter(refusal).sort((x, y) => x.sentAt + x.ms - (y.sentAt + y.ms))[0];
    const refusedAt = firstRefusal ? mark('first write refused', firstRefusal.sentAt + firstRefusal.ms) : now();
    await sleep(6000);
    const freeAt = mark('freeing');
    await ownerQuery(fx.cluster, 'DROP TABLE faults_filler');
    const freedAt = mark('freed');
    const first = await load.firstOkAfter(freedAt, 60_000, 'create');
    await sleep(2000);
    await load.stop();
    const inWindow = between(refusedAt, freeAt);
    const during = tally(load.requests, between(fillAt, freedAt));
    const writes = load.requests.filter((r) => inWindow(r) && r.role !== 'read');
    const stillAcknowledged = load.requests.filter(
      (r) => r.role !== 'read' && ok(r) && between(fullAt, refusedAt)(r),
    ).length;
    const reads = tally(load.requests, (r) => inWindow(r) && r.role === 'read');
    const refused = writes.filter((r) => !ok(r));
    const refusedClearly = refused.filter(refusal).length;
    const whole = tally(load.requests);
    const recovery = first ? seconds(first.sentAt + first.ms - freedAt) : null;
    const example = writes.find((r) => r.clear503)?.message;
    return {
      ...base,
      during,
      whole,
      recoverySeconds: recovery,
      checks: [
        {
          name: 'the disk filled up',
          pass: fullError.startsWith('53100'),
          detail: fullError || 'the filler never hit a full disk',
        },
        {
          name: 'writes refused clearly',
          pass: refusedClearly > 0 && refusedClearly === refused.length,
          detail: `${refusedClearly} of ${refused.length} refused writes (of ${writes.length} sent from the first refusal until the space was freed) answered 503 saying the disk is full; ${writes.length - refused.length} acknowledged, fitting in room left in the tables' pages; other answers ${JSON.stringify(tally(writes).other)}${example ? `. “${example}”` : ''}`,
        },
        {
          name: 'reads go on',
          pass: reads.sent > 0 && reads.ok === reads.sent,
          detail: `${reads.ok} of ${reads.sent} reads 2xx (503: ${reads.status503}, other ${JSON.stringify(reads.other)})`,
        },
        ...loadChecks(load.requests),
        {
          name: `writes resume within ${RECOVERY_LIMIT_S} s of space freed`,
          pass: recovery !== null && recovery <= RECOVERY_LIMIT_S,
          detail:
            recovery === null
              ? 'no write acknowledged within 60 s'
              : `first acknowledged write ${recovery} s after the filler was dropped`,
        },
        ...(await dataChecks(fx)),
      ],
      notes: [
        `Between the tablespace filling (${seconds(refusedAt - fullAt)} s before the first refusal) and the first refused write, ${stillAcknowledged} writes were still acknowledged: they fitted in room left in the tables' last pages.`,
      ],
    };
  } finally {
    // The tables go back, so that the folder can be unmounted when the cluster closes.
    for (const table of WRITE_TABLES) {
      await ownerQuery(fx.cluster, `ALTER TABLE ${table} SET TABLESPACE pg_default`).catch(() => {});
    }
    await ownerQuery(fx.cluster, 'DROP TABLE IF EXISTS faults_filler').catch(() => {});
    await ownerQuery(fx.cluster, 'DROP TABLESPACE IF EXISTS faults_small').catch(() => {});
  }
}

const RUNS: Record<FaultKey, (fx: Fixture) => Promise<FaultResult>> = {
  'pg-restart': pgRestart,
  'app-kill': appKill,
  'import-kill': importKill,
  'read-only': readOnly,
  'two-processes': twoProcesses,
  'disk-full': diskFull,
};

// ---------------------------------------------------------------------------------------------------------
// The run

/** Mounted folders to unmount, whatever happens. */
const mounted = new Set<string>();
const openClusters = new Set<Cluster>();
const openApps = new Set<() => Promise<void>>();

function unmountAll() {
  for (const folder of mounted) {
    try {
      execFileSync('umount', [folder], { stdio: 'ignore' });
    } catch {
      execFileSync('umount', ['-l', folder], { stdio: 'ignore' });
    }
    mounted.delete(folder);
  }
}

async function cleanUp() {
  await Promise.allSettled([...openApps].map((stop) => stop()));
  for (const cluster of openClusters) {
    await cluster.stop('fast').catch(() => cluster.stop('immediate').catch(() => {}));
  }
  unmountAll();
  await Promise.allSettled([...openClusters].map((cluster) => cluster.close()));
}

async function runCluster(
  make: () => Promise<Cluster>,
  faults: FaultKey[],
  results: FaultResult[],
  baselines: { server: string; checks: Check[] }[],
) {
  const cluster = await make();
  openClusters.add(cluster);
  let fx: Fixture | null = null;
  const stopApp = async () => fx?.app.stop();
  openApps.add(stopApp);
  try {
    log(`${cluster.label}: migrating and seeding`);
    fx = await setUp(cluster, `counterpart-faults-${cluster.kind}`);
    const baseline = await dataChecks(fx);
    baselines.push({ server: cluster.label, checks: baseline });
    if (baseline.some((check) => !check.pass)) log(`  The checks fail before any fault: ${JSON.stringify(baseline)}`);
    for (const fault of faults) {
      log(`${cluster.label}: ${fault}`);
      await warmUp(fx, fx.app);
      traced = [];
      marks = {};
      const result = await RUNS[fault](fx);
      const requests = traced.flat();
      const zero = Math.min(...requests.map((r) => r.sentAt), ...Object.values(marks));
      result.timeline = Object.fromEntries(Object.entries(marks).map(([name, at]) => [name, seconds(at - zero)]));
      results.push(result);
      const trace = path.join(os.tmpdir(), `counterpart-faults-${cluster.kind}-${fault}.json`);
      const relative = requests.map((r) => ({ ...r, sentAt: seconds(r.sentAt - zero), ms: Math.round(r.ms) }));
      fs.writeFileSync(trace, JSON.stringify({ timeline: result.timeline, requests: relative }));
      log(`  Every request of this run: ${trace}`);
      for (const check of result.checks) log(`  ${check.pass ? 'ok  ' : 'FAIL'} ${check.name}: ${check.detail}`);
      for (const note of result.notes) log(`  note: ${note}`);
    }
  } finally {
    await stopApp();
    openApps.delete(stopApp);
    await cluster.stop('fast').catch(() => {});
    unmountAll();
    await cluster.close();
    openClusters.delete(cluster);
  }
}

async function main() {
  const onSignal = (signal: NodeJS.Signals) => {
    log(`Stopping (${signal})…`);
    void cleanUp().finally(() => process.exit(130));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  await ensureProductionBuild(log);
  const results: FaultResult[] = [];
  const baselines: { server: string; checks: Check[] }[] = [];
  const skipped: string[] = [];
  const embeddedFaults = FAULTS.filter((fault) => OPTIONS.only.has(fault));
  if (embeddedFaults.length > 0) await runCluster(() => embeddedCluster(log), embeddedFaults, results, baselines);

  const externalFaults = EXTERNAL_FAULTS.filter((fault) => OPTIONS.only.has(fault));
  const system = systemBinaries();
  if (!OPTIONS.external) skipped.push('The external server: skipped (--no-external).');
  else if (system === null) {
    skipped.push(
      'The external server: skipped, as this machine has no PostgreSQL binaries in /usr/lib/postgresql/*/bin (install the postgresql package to run it).',
    );
  } else if (externalFaults.length > 0) {
    await runCluster(() => systemCluster(system.binDir, log), externalFaults, results, baselines);
  }
  for (const line of skipped) log(line);

  const report = {
    date: started.toISOString(),
    machine: describeMachine(),
    settings: settings(),
    baselines,
    results,
    skipped,
  };
  const markdown = toMarkdown(report);
  process.stdout.write(`\n${markdown}`);
  fs.mkdirSync(OUT_DIR, { recursive: true });
  fs.writeFileSync(path.join(OUT_DIR, 'FAULTS.md'), markdown);
  fs.writeFileSync(path.join(OUT_DIR, 'faults.json'), `${JSON.stringify(report, null, 2)}\n`);
  log('Written: bench/FAULTS.md and bench/faults.json');
  const broken = [...baselines.flatMap((b) => b.checks), ...results.flatMap((r) => r.checks)].filter((c) => !c.pass);
  if (broken.length > 0) {
    log(`${broken.length} guarantee${broken.length === 1 ? '' : 's'} broken.`);
    process.exitCode = 1;
  }
}

function settings() {
  return {
    writers: WRITERS,
    editors: EDITORS,
    readers: READERS,
    requestTimeoutSeconds: REQUEST_TIMEOUT_MS / 1000,
    outageSeconds: OUTAGE_MS / 1000,
    importRows: IMPORT_ROWS,
    recoveryLimitSeconds: RECOVERY_LIMIT_S,
  };
}

// ---------------------------------------------------------------------------------------------------------
// The report

type Report = {
  date: string;
  machine: ReturnType<typeof describeMachine>;
  settings: ReturnType<typeof settings>;
  baselines: { server: string; checks: Check[] }[];
  results: FaultResult[];
  skipped: string[];
};

function toMarkdown(r: Report): string {
  const s = r.settings;
  const lines = [
    '# Counterpart under faults',
    '',
    `${r.date.slice(0, 16).replace('T', ' ')} UTC, \`npm run faults\`. ${r.machine.cpu}, ${r.machine.cores} cores, ${r.machine.memoryGb} GB; Node ${r.machine.node}. ` +
      `Load: ${s.writers} writers (POST /api/v1/contacts with a researcher's token), ${s.editors} editors (PATCH with the version) and ${s.readers} anonymous readers ` +
      `(gaps API, pair pages, dashboard), in closed loops against a production build on 127.0.0.1. A request unanswered after ${s.requestTimeoutSeconds} s is a timeout (a hang).`,
    '',
    `“During” is each fault's window (below); 503 counts every 503, “clear” those with the promised body (the API's \`{"error":{"code":"UNAVAILABLE","message":…}}\`, a page's short “try again” page); ` +
      `“other” every other non-2xx status; “no answer” timeouts + connection errors; “recover s” the seconds from the end of the fault (pg_ctl start returning, the new process spawned, the setting reset, the space freed) to the first acknowledged write (for import-kill: to its run marked failed).`,
    '',
    '| server | fault | sent | 2xx | 503 (clear) | other | no answer | max ms | recover s | guarantees |',
    '|---|---|--:|--:|--:|--:|--:|--:|--:|---|',
  ];
  const short = (label: string) => label.replace(/ \(.*\)$/, '');
  for (const f of r.results) {
    const d = f.during;
    const passed = f.checks.filter((c) => c.pass).length;
    const verdict =
      f.checks.length === 0
        ? 'skipped'
        : passed === f.checks.length
          ? `all ${passed} hold`
          : `**${f.checks.length - passed} of ${f.checks.length} BROKEN**`;
    lines.push(
      `| ${short(f.server)} | ${f.fault} | ${d?.sent ?? '–'} | ${d?.ok ?? '–'} | ${d ? `${d.status503} (${d.clear503})` : '–'} | ${d ? otherCount(d) : '–'} | ${d ? `${d.timeouts} + ${d.connectionErrors}` : '–'} | ${d?.maxMs ?? '–'} | ${f.recoverySeconds ?? '–'} | ${verdict} |`,
    );
  }
  lines.push('');
  for (const b of r.baselines) {
    const broken = b.checks.filter((c) => !c.pass);
    lines.push(
      `Before any fault, on the ${short(b.server)}: ${broken.length === 0 ? 'every data check holds' : `**${broken.map((c) => `${c.name}: ${c.detail}`).join('; ')}**`}.`,
    );
  }
  lines.push('');
  for (const f of r.results) {
    lines.push(`## ${f.fault}, ${f.server}`, '', `${f.title}. During: ${f.window}.`, '');
    if (f.whole) {
      lines.push(
        `Whole run: ${f.whole.sent} requests, ${f.whole.ok} 2xx, ${f.whole.status503} 503, other ${JSON.stringify(f.whole.other)}, ${f.whole.timeouts} timeouts, ${f.whole.connectionErrors} connection errors, max ${f.whole.maxMs} ms.`,
        '',
      );
    }
    for (const c of f.checks) lines.push(`- ${c.pass ? 'holds' : '**BROKEN**'}: ${c.name}: ${c.detail}.`);
    for (const note of f.notes) lines.push(`- ${note}`);
    lines.push('');
  }
  for (const line of r.skipped) lines.push(line, '');
  return lines.join('\n');
}

main()
  .catch(async (error) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  })
  .finally(() => cleanUp());
