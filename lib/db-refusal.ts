import { isDatabaseUnreachable } from './db-health';

/*
 * The database failures that are nobody's bug: PostgreSQL is not answering, took too long, or is up
 * but refuses to write (read-only, disk full) or to take one more connection or allocation. The API
 * answers them with a 503 that says which, and the forms show the same sentence beside the form, not
 * an error page. Everything else stays a 500.
 */

/** Why the database refused, and what a user is told. */
export type DatabaseRefusal = {
  reason: 'unreachable' | 'busy' | 'timeout' | 'read-only' | 'disk-full' | 'out-of-memory' | 'too-many-connections';
  message: string;
};

/** SQLSTATE codes (PostgreSQL's appendix A) and the refusal each one is. */
const BY_SQLSTATE: Record<string, DatabaseRefusal> = {
  '57014': {
    reason: 'timeout',
    message: 'The database took too long to answer; try again in a moment, or narrow the request.',
  },
  '25006': {
    reason: 'read-only',
    message:
      'Writes are refused for now because the database is read-only. Nothing was saved; reading still works. Try again later.',
  },
  '53100': {
    reason: 'disk-full',
    message:
      'Writes are refused for now because the database server’s disk is full. Nothing was saved; reading still works. Try again once space has been freed.',
  },
  '53200': {
    reason: 'out-of-memory',
    message: 'The database server ran out of memory, so nothing was saved. Try again in a moment.',
  },
  '53300': {
    reason: 'too-many-connections',
    message: 'The database has no free connection right now, so nothing was done. Try again in a moment.',
  },
};

/**
 * The same failures by their words, for errors that arrive without a code (Prisma rewraps some driver
 * errors as text only). PostgreSQL's messages in English, as the server's lc_messages gives them.
 */
const BY_MESSAGE: [RegExp, string][] = [
  [/statement timeout|canceling statement due to statement timeout/i, '57014'],
  [/read-only transaction/i, '25006'],
  [/No space left on device|could not extend file/i, '53100'],
  [/out of memory/i, '53200'],
  [/too many clients already|remaining connection slots are reserved/i, '53300'],
];

/** The error and every error inside it, however deeply Prisma and its pg adapter wrap it. */
function* nested(error: unknown, depth = 0): Generator<Record<string, unknown>> {
  if (depth > 6 || error === null || typeof error !== 'object') return;
  const e = error as { cause?: unknown; errors?: unknown; meta?: { driverAdapterError?: unknown } };
  yield e as Record<string, unknown>;
  for (const inner of [e.cause, e.meta?.driverAdapterError, ...(Array.isArray(e.errors) ? e.errors : [])]) {
    yield* nested(inner, depth + 1);
  }
}

/** The SQLSTATE of a refusal that an error carries, or null. */
function sqlState(error: unknown): string | null {
  for (const e of nested(error)) {
    // pg puts the SQLSTATE in `code`; the adapter keeps it as `originalCode` when it names the error itself.
    for (const code of [e.originalCode, e.code]) if (typeof code === 'string' && code in BY_SQLSTATE) return code;
  }
  return null;
}

/**
 * Prisma's own failures of a transaction that could not start, or ran out of time, on a server too busy
 * to serve it in time (P2028): nothing of it was committed.
 */
const BUSY = /Unable to start a transaction in the given time|expired transaction/;

/**
 * A connection that broke under a query, in the words of pg and of PostgreSQL shutting down or ending
 * the session (57P01, which Prisma passes on as text inside its own error).
 */
const UNREACHABLE =
  /Client has encountered a connection error and is not queryable|terminating connection due to administrator command|Code: `57P0[123]`/;

/** What kind of refusal an error is, or null when it is something else (a bug, a bad query). */
export function databaseRefusal(error: unknown): DatabaseRefusal | null {
  const errors = [...nested(error)];
  if (errors.some((e) => isDatabaseUnreachable(e) || UNREACHABLE.test(String(e.message ?? '')))) {
    return { reason: 'unreachable', message: 'The database is not answering; try again in a moment.' };
  }
  let code = sqlState(error);
  if (code === null) {
    const text = errors.map((e) => String(e.message ?? '')).join('\n');
    code = BY_MESSAGE.find(([pattern]) => pattern.test(text))?.[1] ?? null;
  }
  if (code !== null) return { ...BY_SQLSTATE[code] };
  if (errors.some((e) => e.code === 'P2028' && BUSY.test(String(e.message ?? '')))) {
    return { reason: 'busy', message: 'The database is too busy to answer right now; try again in a moment.' };
  }
  return null;
}
