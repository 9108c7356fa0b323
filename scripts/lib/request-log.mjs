/*
 * The request id and the one log line of every request scripts/server.mjs serves.
 *
 * The line names the request (reqId, method, route = the path without its query string) and how it
 * ended (status, durationMs, `aborted` when the client went away first), and nothing else: no headers,
 * no query string, no body, so no cookie, token or password can reach the log through it.
 */
import { randomUUID } from 'node:crypto';

/** The header carrying a request's id, on the request the app sees and on the response. */
export const REQUEST_ID_HEADER = 'x-request-id';

/** An id a client (or a proxy in front) may choose: short, and safe to print anywhere. */
const SAFE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Requests that would flood the log at info level when they succeed: built assets, icons, health checks. */
const QUIET = [/^\/_next\/static\//, /^\/_next\/image$/, /^\/[\w-]+\.(?:ico|png|svg|webmanifest)$/, /^\/api\/health$/];

/** The client's X-Request-Id when it is a short safe token, else a new id. */
export function acceptRequestId(value, generate = randomUUID) {
  const given = Array.isArray(value) ? value[0] : value;
  return typeof given === 'string' && SAFE_ID.test(given) ? given : generate();
}

/** The longest path a line repeats: a hostile 30 KB address must not make a 30 KB log line. */
export const MAX_ROUTE_LENGTH = 300;

/** A request's path without its query string (which may carry anything, tokens included) or feed token, cut to length. */
export function routeOf(url) {
  const text = typeof url === 'string' && url !== '' ? url : '/';
  const end = text.search(/[?#]/);
  // A private feed's address is its secret (/feeds/watches/cpf_…): the line names the route, not the token.
  const path = (end === -1 ? text : text.slice(0, end)).replace(/^(\/feeds\/watches\/)[^/]+/, '$1[token]');
  return path.length > MAX_ROUTE_LENGTH ? `${path.slice(0, MAX_ROUTE_LENGTH)}…(${path.length} characters)` : path;
}

/** The level of a request's line: error for 5xx, warn for 4xx, debug for quiet successes, else info. */
export function levelFor(status, route) {
  if (status >= 500) return 'error';
  if (status >= 400) return 'warn';
  return QUIET.some((pattern) => pattern.test(route)) ? 'debug' : 'info';
}

/** Raw header pairs without any copy of one header (lower-case name). */
export function withoutHeader(rawHeaders, name) {
  const kept = [];
  for (let i = 0; i < rawHeaders.length; i += 2) {
    if (rawHeaders[i].toLowerCase() !== name) kept.push(rawHeaders[i], rawHeaders[i + 1]);
  }
  return kept;
}

/**
 * Gives a request its id: on the request the app reads (`x-request-id`, replacing what the client
 * sent) and on the response (`X-Request-Id`, whatever writes it later, the server's own 413 and 500
 * included). Returns the id.
 */
export function assignRequestId(req, res, generate = randomUUID) {
  const reqId = acceptRequestId(req.headers[REQUEST_ID_HEADER], generate);
  req.headers[REQUEST_ID_HEADER] = reqId;
  req.rawHeaders = withoutHeader(req.rawHeaders, REQUEST_ID_HEADER);
  req.rawHeaders.push(REQUEST_ID_HEADER, reqId);
  res.setHeader('X-Request-Id', reqId);
  return reqId;
}

/**
 * Logs one line when the response has been sent, or when the connection closed before it was
 * (`aborted: true`; the status is then what had been sent, or null if nothing had).
 */
export function logRequest({ logger, req, res, reqId, now = () => performance.now() }) {
  const started = now();
  const method = req.method;
  const route = routeOf(req.url);
  let logged = false;
  const done = (aborted) => {
    if (logged) return;
    logged = true;
    const status = aborted && !res.headersSent ? null : res.statusCode;
    const durationMs = Math.round((now() - started) * 10) / 10;
    const line = { reqId, method, route, status, durationMs };
    if (aborted) line.aborted = true;
    logger[status === null ? 'info' : levelFor(status, route)](
      line,
      `${method} ${route} ${status ?? '-'} ${durationMs}ms${aborted ? ' (aborted)' : ''}`,
    );
  };
  res.once('finish', () => done(false));
  res.once('close', () => done(!res.writableFinished));
}
