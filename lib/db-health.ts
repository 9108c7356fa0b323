import { connect } from 'node:net';

/*
 * Whether PostgreSQL answers, as this process last saw it. lib/db.ts reports every
 * connection it makes or fails to make; proxy.ts reads the state before each
 * request and answers 503 at once while the server is down, instead of letting
 * every page wait for a connection that will not come. The state lives on
 * globalThis so that the proxy and the pages share it within one process.
 */

type Health = { down: boolean; checkedAt: number; probe: Promise<boolean> | null };

const KEY = Symbol.for('counterpart.databaseHealth');
const store = globalThis as unknown as Record<symbol, Health | undefined>;

function health(): Health {
  return (store[KEY] ??= { down: false, checkedAt: 0, probe: null });
}

/** Connection failures that mean the server is not answering at all (as opposed to a bad query). */
const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'P1001',
  '57P01', // admin_shutdown
  '57P03', // cannot_connect_now
]);
const UNREACHABLE_MESSAGES = [
  // Not pg-pool's "timeout exceeded when trying to connect": that one is a busy pool's queue, not a dead server.
  'Connection terminated',
  'timeout expired',
  "Can't reach database server",
  'the database system is starting up',
  'the database system is shutting down',
];

/** Whether an error (from Prisma, the driver adapter or pg) says that PostgreSQL cannot be reached. */
export function isDatabaseUnreachable(error: unknown, depth = 0): boolean {
  if (depth > 5 || error === null || typeof error !== 'object') return false;
  const e = error as { code?: unknown; message?: unknown; cause?: unknown; errors?: unknown };
  if (typeof e.code === 'string' && UNREACHABLE_CODES.has(e.code)) return true;
  if (typeof e.message === 'string' && UNREACHABLE_MESSAGES.some((m) => (e.message as string).includes(m))) return true;
  if (Array.isArray(e.errors) && e.errors.some((inner) => isDatabaseUnreachable(inner, depth + 1))) return true;
  return isDatabaseUnreachable(e.cause, depth + 1);
}

/** Records the outcome of a connection attempt: a success clears the alarm, an unreachable server raises it. */
export function noteConnection(error: unknown): void {
  const state = health();
  if (error === null || error === undefined) {
    state.down = false;
    state.checkedAt = Date.now();
  } else if (isDatabaseUnreachable(error)) {
    state.down = true;
    // A fresh failure: the next request probes again rather than trusting an older "up".
    state.checkedAt = 0;
  }
}

type Target = ({ host: string; port: number } | { path: string }) & { user: string; database: string };

/** host and port (or the socket path), user and database of DATABASE_URL, null when it cannot be read. */
function target(url: string | undefined): Target | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    const port = Number(parsed.port || 5432);
    const user = decodeURIComponent(parsed.username) || 'postgres';
    const database = decodeURIComponent(parsed.pathname.slice(1)) || user;
    const socketDir = parsed.searchParams.get('host');
    if (socketDir?.startsWith('/')) return { path: `${socketDir}/.s.PGSQL.${port}`, user, database };
    const host = decodeURIComponent(parsed.hostname).replace(/^\[|\]$/g, '');
    return { host: host || 'localhost', port, user, database };
  } catch {
    return null;
  }
}

/** PostgreSQL's first message of a session (protocol 3.0): who connects, to which database. */
function startupMessage(user: string, database: string): Buffer {
  const body = Buffer.from(`user\0${user}\0database\0${database}\0\0`);
  const head = Buffer.alloc(8);
  head.writeInt32BE(8 + body.length, 0);
  head.writeInt32BE(196_608, 4);
  return Buffer.concat([head, body]);
}

/** SQLSTATEs of a server that accepts TCP connections but no sessions: shutting down, starting up. */
const NOT_SERVING = new Set(['57P01', '57P03']);

/**
 * Asks the database server to start a session and reads its first answer, within `timeoutMs`: true when
 * it asks for credentials (or refuses them: it is there), false when it does not accept the connection,
 * says it is starting up or shutting down, or does not answer. A bare TCP connection is not enough:
 * PostgreSQL accepts those while it shuts down and starts up, and refuses every session then. The probe
 * ends the session before authenticating, so it costs the server a fork and nothing more.
 */
function probe(timeoutMs: number): Promise<boolean> {
  const where = target(process.env.DATABASE_URL);
  if (where === null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const socket = connect(where);
    let answer = Buffer.alloc(0);
    const done = (up: boolean) => {
      socket.destroy();
      resolve(up);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => socket.write(startupMessage(where.user, where.database)));
    socket.on('data', (chunk: Buffer) => {
      answer = Buffer.concat([answer, chunk]);
      if (answer[0] !== 0x45) return done(true); // anything but an ErrorResponse ('E'): it is serving
      // An ErrorResponse: its fields, each a type byte and a string; 'C' holds the SQLSTATE.
      if (answer.length < 5 || answer.length < 1 + answer.readInt32BE(1)) return;
      const fields = answer
        .subarray(5, 1 + answer.readInt32BE(1))
        .toString('utf8')
        .split('\0');
      const code = fields.find((field) => field.startsWith('C'))?.slice(1);
      done(!NOT_SERVING.has(code ?? ''));
    });
    socket.once('end', () => done(false));
    socket.once('error', () => done(false));
  });
}

/** How long a probe's answer is trusted while the server is up, and while it is down. */
const TRUST_UP_MS = 5_000;
const TRUST_DOWN_MS = 1_000;

/**
 * Whether the database is answering, for the proxy: cheap while it is known to
 * be up (a probe at most every few seconds, in the background), a fresh probe
 * of at most a second when the state is unknown or a connection just failed.
 */
export async function isDatabaseAvailable(): Promise<boolean> {
  const state = health();
  const age = Date.now() - state.checkedAt;
  const fresh = age < (state.down ? TRUST_DOWN_MS : TRUST_UP_MS);
  if (fresh) return !state.down;
  state.probe ??= probe(1_000).then((up) => {
    state.down = !up;
    state.checkedAt = Date.now();
    state.probe = null;
    return up;
  });
  // Known up a moment ago: serve on, and let the probe update the state for the next request.
  if (!state.down && state.checkedAt !== 0) return true;
  return state.probe;
}
