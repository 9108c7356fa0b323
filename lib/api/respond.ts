import { z } from 'zod';
import { databaseRefusal } from '../db-refusal';
import { AppError, type ErrorCode, type FieldErrors } from '../errors';
import { log } from '../log';
import { issueFields } from '../validation/issues';
import { searchParamsToObject } from '../validation/filters';

/** The codes an API error can carry: the expected ones, INTERNAL for a bug, UNAVAILABLE while the database is not answering. */
export type ApiErrorCode = ErrorCode | 'INTERNAL' | 'UNAVAILABLE';

/** Every API error has this one shape, whatever its status. */
export type ApiErrorBody = {
  error: { code: ApiErrorCode; message: string; fields?: FieldErrors; requestId?: string } & Record<string, unknown>;
};

/**
 * A JSON response of the public read API. Reads carry no credentials, so any
 * origin may read them (notebooks, other research tools in the browser).
 */
export function jsonResponse(body: unknown, init: ResponseInit = {}): Response {
  const headers = new Headers(init.headers);
  headers.set('Access-Control-Allow-Origin', '*');
  return Response.json(body, { ...init, headers });
}

/** The id scripts/server.mjs gave the request (its `x-request-id`), quoted in error bodies and log lines. */
export function requestIdOf(request: Request | undefined): string | undefined {
  return request?.headers.get('x-request-id') ?? undefined;
}

/**
 * An expected failure as the API reports it: its status, code, message and per-field messages, and
 * the request's id when `request` is given.
 */
export function jsonError(error: AppError, request?: Request): Response {
  const body: ApiErrorBody = { error: { ...error.details, code: error.code, message: error.message } };
  if (error.fields && Object.keys(error.fields).length > 0) body.error.fields = error.fields;
  const requestId = requestIdOf(request);
  if (requestId !== undefined) body.error.requestId = requestId;
  const headers: HeadersInit = error.code === 'UNAUTHENTICATED' ? { 'WWW-Authenticate': 'Bearer' } : {};
  return jsonResponse(body, { status: error.status, headers });
}

/** A zod failure on input as a 400 that names the parameters and says what is wrong with each. */
export function invalidInput(error: z.ZodError, options: { nested?: boolean } = {}): AppError {
  const { fields, formErrors } = issueFields(error, options.nested ?? false);
  const names = Object.keys(fields);
  let message: string;
  if (names.length === 1) message = `Invalid parameter “${names[0]}”: ${fields[names[0]][0]}`;
  else if (names.length > 1) message = `Invalid parameters: ${names.join(', ')}`;
  else message = formErrors[0] ?? 'Invalid input';
  return new AppError('INVALID', message, fields);
}

/**
 * Refuses query parameters the endpoint does not know, so that a misspelt
 * filter (`contry=RU`) is an error instead of a silently unfiltered answer.
 */
export function rejectUnknownParams(params: URLSearchParams, known: readonly string[]): void {
  const unknown = [...new Set(params.keys())].filter((key) => !known.includes(key));
  if (unknown.length === 0) return;
  const hint =
    known.length === 0
      ? 'This endpoint takes no query parameters'
      : `Not a parameter of this endpoint; use ${known.join(', ')}`;
  throw new AppError(
    'INVALID',
    `Unknown parameter${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}`,
    Object.fromEntries(unknown.map((key) => [key, [hint]])),
  );
}

/** Parses query parameters with a schema, throwing a 400 AppError that names the bad ones. */
export function parseParams<T extends z.ZodType>(schema: T, params: URLSearchParams): z.output<T> {
  const result = schema.safeParse(searchParamsToObject(params));
  if (!result.success) throw invalidInput(result.error);
  return result.data;
}

/** `parseParams` after refusing unknown parameters: the usual first line of a read endpoint. */
export function parseQuery<T extends z.ZodType>(
  schema: T,
  params: URLSearchParams,
  known: readonly string[],
): z.output<T> {
  rejectUnknownParams(params, known);
  return parseParams(schema, params);
}

/**
 * The message of a 503 when the database is down, took too long, or refuses the work (read-only, disk
 * full, out of memory or connections: lib/db-refusal.ts), else null.
 */
function unavailableMessage(error: unknown): string | null {
  return databaseRefusal(error)?.message ?? null;
}

/** Any thrown value as the JSON response the API owes: expected ones as 4xx, the rest logged and 500. */
export function errorResponse(error: unknown, request: Request): Response {
  if (error instanceof AppError) return jsonError(error, request);
  if (error instanceof z.ZodError) return jsonError(invalidInput(error, { nested: true }), request);
  const requestId = requestIdOf(request);
  // The path only: a query string may carry anything a client put there.
  const where = { reqId: requestId, method: request.method, route: new URL(request.url).pathname };
  const unavailable = unavailableMessage(error);
  if (unavailable !== null) {
    log.warn(where, unavailable);
    const body: ApiErrorBody = { error: { code: 'UNAVAILABLE', message: unavailable, requestId } };
    return jsonResponse(body, { status: 503, headers: { 'Retry-After': '5' } });
  }
  log.error({ ...where, err: error }, 'The API request failed');
  const body: ApiErrorBody = {
    error: {
      code: 'INTERNAL',
      message: 'Something went wrong on the server. The error has been logged.',
      requestId,
    },
  };
  return jsonResponse(body, { status: 500 });
}

type Handler<C> = (request: Request, context: C) => Promise<Response>;

/**
 * Wraps a route handler so that it always answers in JSON: AppError and
 * ZodError become their 4xx, anything else is logged with the request and
 * becomes a 500 without a stack trace.
 */
export function withErrors<C>(handler: Handler<C>): Handler<C> {
  return async (request, context) => {
    try {
      return await handler(request, context);
    } catch (error) {
      return errorResponse(error, request);
    }
  };
}

const HOST = /^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/;

/**
 * The origin the client used, for absolute links in feeds: the proxy's
 * forwarded host and protocol when they look sane, else the request URL's.
 */
export function requestOrigin(request: Request): string {
  const url = new URL(request.url);
  const first = (name: string) => request.headers.get(name)?.split(',')[0].trim();
  const host = first('x-forwarded-host') ?? first('host');
  const proto = first('x-forwarded-proto') ?? url.protocol.slice(0, -1);
  if (host && HOST.test(host) && (proto === 'http' || proto === 'https')) return `${proto}://${host}`;
  return url.origin;
}
