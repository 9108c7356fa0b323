import { isDatabaseUnreachable } from './db-health';

/*
 * The database failures that are nobody's bug: PostgreSQL is not answering, took too long, or is up
 * but refuses to write (read-only, disk full) or to take one more connection or allocation. The API
 * answers them with a 503 that says which, and the forms show the same sentence beside the form, not
 * an error page. Everything else stays a 500.
 */

/** Why the database refused, and what a user is told. */
export type DatabaseRefusal = {
  reason: 'unreachable' | 'timeout' | 'read-only' | 'disk-full' | 'out-of-memory' | 'too-many-connections';
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

/** The SQLSTATE an error carries, however deeply Prisma and its pg adapter wrap it. */
function sqlState(error: unknown, depth = 0): string | null {
  if (depth > 6 || error === null || typeof error !== 'object') return null;
  const e = error as {
    code?: unknown;
    originalCode?: unknown;
    cause?: unknown;
    errors?: unknown;
    meta?: { driverAdapterError?: unknown };
  };
  // pg puts the SQLSTATE in `code`; the adapter keeps it as `originalCode` when it names the error itself.
  for (const code of [e.originalCode, e.code]) if (typeof code === 'string' && code in BY_SQLSTATE) return code;
  const inner = [e.cause, e.meta?.driverAdapterError, ...(Array.isArray(e.errors) ? e.errors : [])];
  for (const next of inner) {
    const found = sqlState(next, depth + 1);
    if (found !== null) return found;
  }
  return null;
}

/** What kind of refusal an error is, or null when it is something else (a bug, a bad query). */
export function databaseRefusal(error: unknown): DatabaseRefusal | null {
  if (isDatabaseUnreachable(error)) {
    return {
      reason: 'unreachable',
      message: 'The database is not answering; try again in a moment.',
    };
  }
  let code = sqlState(error);
  if (code === null) {
    const text = String((error as Error | null)?.message ?? '');
    code = BY_MESSAGE.find(([pattern]) => pattern.test(text))?.[1] ?? null;
  }
  return code === null ? null : { ...BY_SQLSTATE[code] };
}
