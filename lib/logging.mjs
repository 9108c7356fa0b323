/*
 * The one configuration of the server's logs, shared by scripts/server.mjs (plain Node, no build step),
 * the app's server code (lib/log.ts, bundled by Next.js) and `npm start` (scripts/start.ts).
 *
 * Every line is one JSON object: level (as a word), time (ISO 8601), pid, msg, and the request id of
 * the request it belongs to. What must never be written — passwords, tokens, cookies, Authorization
 * headers, session ids — is kept out by not logging headers or bodies at all; the redact paths below
 * are the second line of defence, should an object carrying one be logged by mistake.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import pino from 'pino';

/** The levels LOG_LEVEL accepts, quietest last. */
export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'];

/** The formats LOG_FORMAT accepts; unset means readable in a terminal, JSON otherwise. */
export const LOG_FORMATS = ['json', 'pretty'];

/** Reads LOG_LEVEL (default info). Throws one line saying what to fix on a bad value. */
export function logLevelFromEnv(raw) {
  if (raw === undefined || raw.trim() === '') return 'info';
  const level = raw.trim().toLowerCase();
  if (!LOG_LEVELS.includes(level))
    throw new Error(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}; it is "${raw}".`);
  return level;
}

/** Reads LOG_FORMAT: 'json', 'pretty', or null (unset: decided by whether the output is a terminal). */
export function logFormatFromEnv(raw) {
  if (raw === undefined || raw.trim() === '') return null;
  const format = raw.trim().toLowerCase();
  if (!LOG_FORMATS.includes(format))
    throw new Error(`LOG_FORMAT must be ${LOG_FORMATS.join(' or ')} (or unset); it is "${raw}".`);
  return format;
}

/** Values replaced by "[redacted]" wherever a logged object carries them (pino's redact paths). */
export const REDACT_PATHS = [
  'password',
  'newPassword',
  'currentPassword',
  'token',
  'secret',
  'cookie',
  'authorization',
  'sessionId',
  'sessionToken',
  '*.password',
  '*.newPassword',
  '*.currentPassword',
  '*.token',
  '*.secret',
  '*.cookie',
  '*.authorization',
  '*.sessionId',
  '*.sessionToken',
  'headers.cookie',
  'headers.authorization',
  'headers["set-cookie"]',
  'req.headers.cookie',
  'req.headers.authorization',
  'res.headers["set-cookie"]',
  'session.token',
  '*.session.token',
];

/**
 * The request a piece of code runs for, shared through globalThis: scripts/server.mjs and the bundle
 * Next.js builds each load their own copy of this module, and both must see one store.
 */
const CONTEXT = Symbol.for('counterpart.requestContext');
/** @type {AsyncLocalStorage<{ reqId: string }>} */
export const requestContext = (globalThis[CONTEXT] ??= new AsyncLocalStorage());

/** The id of the request being served, or undefined outside one. */
export function currentRequestId() {
  return requestContext.getStore()?.reqId;
}

/** pino's options for the server's logs at a level. */
export function loggerOptions(level) {
  return {
    level,
    base: { pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    // Lines logged while a request is served name it, whoever logs them (the app, Next.js, a library).
    mixin: () => {
      const reqId = currentRequestId();
      return reqId === undefined ? {} : { reqId };
    },
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
  };
}

/** A logger writing JSON lines to `destination` (default: standard output), at LOG_LEVEL unless `level` is given. */
export function createLogger({ level = logLevelFromEnv(process.env.LOG_LEVEL), destination } = {}) {
  return pino(loggerOptions(level), destination ?? pino.destination({ dest: 1, sync: true }));
}

/**
 * pino-pretty's options for a terminal: one line per entry, the request's fields left out (its message
 * already says them) but for its id.
 */
export const PRETTY_OPTIONS = {
  singleLine: true,
  translateTime: 'SYS:HH:MM:ss.l',
  ignore: 'pid,hostname,method,route,status,durationMs',
};
