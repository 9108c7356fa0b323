import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { noteConnection } from './db-health';
import { AppError } from './errors';
import { PrismaClient } from './generated/prisma/client';

export type { PrismaClient };

const globalForPrisma = globalThis as unknown as { counterpartPrisma?: PrismaClient };

/** How long to wait for a connection before giving up, so a dead server is an error, not a hang. */
const CONNECT_TIMEOUT_MS = 5_000;
/**
 * How long a request may wait for a free connection of the pool, and a transaction for its connection. A busy
 * pool is not a dead server: under a burst the request waits its turn instead of failing (the client's own
 * timeout, or the statement timeout, still bounds it), and only a failure to connect counts as "down".
 */
const POOL_WAIT_MS = 20_000;
/**
 * How long a write's transaction may run before it is rolled back (Prisma's own default is 5 s). Under load
 * a contact's save spends most of its time waiting its turn on the busy server, between statements that each
 * take milliseconds: in the soak, one form save in four ran past 5 s and was thrown away as "too busy".
 * Writes that move many rows (imports, merges, rebuilds) set longer ones.
 */
export const TRANSACTION_TIMEOUT_MS = 30_000;

// Next.js writes its runtime's name in place of this exact expression when it bundles server code; the
// command line and the tests run this file unbundled, where the variable is unset.
const IN_WEB_SERVER = process.env.NEXT_RUNTIME !== undefined && process.env.NEXT_RUNTIME !== '';

/** The settings of the connection pool, read from the environment (see the README's configuration table). */
export type PoolSettings = { max: number; statementTimeoutMs: number; connectTimeoutMs: number; poolWaitMs: number };

function wholeNumber(name: string, raw: string | undefined, fallback: number, range: [number, number]): number {
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw.trim());
  if (!Number.isInteger(value) || value < range[0] || value > range[1]) {
    // An expected failure, so the command line prints it as its one `error:` line (the web server checks
    // these at start, in next.config.js).
    throw new AppError('INVALID', `${name} must be a whole number from ${range[0]} to ${range[1]}; it is "${raw}".`);
  }
  return value;
}

/**
 * The pool's size (DATABASE_POOL_SIZE, default 10) and the longest a statement may run
 * (STATEMENT_TIMEOUT in seconds; 0 = no limit). Inside the web server a statement
 * is stopped after 15 s unless configured otherwise, so one slow query cannot hold a
 * connection for ever; the command line, migrations and imports run without a limit.
 * Throws one line naming the variable when a value is not a usable number.
 */
export function poolSettings(
  env: Record<string, string | undefined> = process.env,
  inWebServer = IN_WEB_SERVER,
): PoolSettings {
  const max = wholeNumber('DATABASE_POOL_SIZE', env.DATABASE_POOL_SIZE, 10, [1, 1000]);
  const seconds = wholeNumber('STATEMENT_TIMEOUT', env.STATEMENT_TIMEOUT, inWebServer ? 15 : 0, [0, 86_400]);
  return { max, statementTimeoutMs: seconds * 1000, connectTimeoutMs: CONNECT_TIMEOUT_MS, poolWaitMs: POOL_WAIT_MS };
}

/**
 * The one PrismaClient of this process, created on first use (so that building
 * the app needs no database) and kept across hot reloads in development.
 */
export function getDb(): PrismaClient {
  globalForPrisma.counterpartPrisma ??= createClient();
  return globalForPrisma.counterpartPrisma;
}

/** A pg pool that tells lib/db-health whether its connections succeed, so the proxy can answer 503 quickly. */
class WatchedPool extends pg.Pool {
  connect(): Promise<pg.PoolClient>;
  connect(callback: (err: Error | undefined, client: pg.PoolClient | undefined, done: () => void) => void): void;
  connect(callback?: (err: Error | undefined, client: pg.PoolClient | undefined, done: () => void) => void) {
    if (callback) {
      return super.connect((err, client, done) => {
        noteConnection(err ?? null);
        callback(err, client, done);
      });
    }
    return super.connect().then(
      (client) => {
        noteConnection(null);
        return client;
      },
      (error: unknown) => {
        noteConnection(error);
        throw error;
      },
    );
  }
}

function createClient(): PrismaClient {
  const connectionString = process.env.DATABASE_URL;
  if (!connectionString) {
    throw new Error('DATABASE_URL is not set. Start Counterpart with `npm start`, which provides one.');
  }
  const { max, statementTimeoutMs, connectTimeoutMs, poolWaitMs } = poolSettings();
  // pg-pool has one timeout for both waiting in its queue and connecting; each connection gets its own,
  // shorter one, so that a server that does not answer is found in seconds while a busy pool is waited for.
  class TimedClient extends pg.Client {
    constructor(config?: pg.ClientConfig) {
      super({ ...config, connectionTimeoutMillis: connectTimeoutMs });
    }
  }
  const pool = new WatchedPool({
    connectionString,
    max,
    Client: TimedClient,
    connectionTimeoutMillis: poolWaitMs,
    ...(statementTimeoutMs > 0 ? { statement_timeout: statementTimeoutMs } : {}),
  });
  // An idle connection that PostgreSQL ends (a shutdown, a restart) says at once that it is going away, so
  // the proxy answers 503 before a request meets a dead connection and fails mid-page.
  pool.on('error', (error) => noteConnection(error));
  const adapter = new PrismaPg(pool, { disposeExternalPool: true });
  return new PrismaClient({ adapter, transactionOptions: { maxWait: poolWaitMs, timeout: TRANSACTION_TIMEOUT_MS } });
}

/** Closes the client, for scripts and tests that must exit cleanly. */
export async function disconnectDb(): Promise<void> {
  await globalForPrisma.counterpartPrisma?.$disconnect();
  globalForPrisma.counterpartPrisma = undefined;
}
