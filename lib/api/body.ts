import { AppError } from '../errors';
import { findNul, NUL_MESSAGE } from '../validation/text';

/** A request's JSON body as an object, or a 400 that says what is wrong with it. */
export async function readJsonObject(request: Request): Promise<Record<string, unknown>> {
  const type = request.headers.get('content-type') ?? '';
  if (!/^application\/([\w.+-]*\+)?json\b/i.test(type)) {
    throw new AppError('INVALID', 'Send the body as JSON with Content-Type: application/json');
  }
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    throw new AppError('INVALID', 'The body is not valid JSON');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new AppError('INVALID', 'The body must be a JSON object');
  }
  const nul = findNul(body);
  if (nul !== null) throw new AppError('INVALID', `Invalid field “${nul}”: ${NUL_MESSAGE}`, { [nul]: [NUL_MESSAGE] });
  return body as Record<string, unknown>;
}

/**
 * Takes the `version` an edit is based on out of a body, so that two people
 * editing the same record cannot silently overwrite each other.
 */
export function takeVersion(body: Record<string, unknown>): { version: number; rest: Record<string, unknown> } {
  const { version, ...rest } = body;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw new AppError('INVALID', 'Send the version you edited, as read from GET', {
      version: ['Required: the record’s version number from GET, e.g. 3'],
    });
  }
  return { version, rest };
}

/**
 * Refuses body fields the endpoint does not know, so that a misspelt field
 * (`sumary`) is a 400 instead of being silently dropped.
 */
export function rejectUnknownFields(body: Record<string, unknown>, known: readonly string[], record: string): void {
  const unknown = Object.keys(body).filter((key) => !known.includes(key));
  if (unknown.length === 0) return;
  throw new AppError(
    'INVALID',
    `Unknown field${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}`,
    Object.fromEntries(unknown.map((key) => [key, [`Not a field of ${record}`]])),
  );
}
