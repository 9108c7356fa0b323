import 'server-only';
import type { Actor } from '../data/actor';
import { authenticateApiToken } from '../data/api-tokens';
import { AppError } from '../errors';
import { can, type Permission, type Role } from './permissions';

type ApiUser = { userId: string; role: Role };

/**
 * The actor of a write API request: a bearer token of a user whose role has
 * the permission. 401 without a token or with a bad one, 403 for a role that
 * may not.
 */
export async function requireApiActor(request: Request, permission: Permission): Promise<Actor> {
  return authorizeApiUser(await authenticateApiRequest(request), permission);
}

/** The token's user, or 401: the first check of a write, before the body is read. */
export async function authenticateApiRequest(request: Request): Promise<ApiUser> {
  const header = request.headers.get('authorization');
  if (!header) {
    throw new AppError('UNAUTHENTICATED', 'Send an API token: Authorization: Bearer <token>');
  }
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  const user = match ? await authenticateApiToken(match[1]) : null;
  if (user === null) {
    throw new AppError(
      'UNAUTHENTICATED',
      'The API token is not valid: it is unknown, revoked or its account is disabled',
    );
  }
  return user;
}

/** The actor of an authenticated user whose role has the permission, or 403. */
export function authorizeApiUser(user: ApiUser, permission: Permission): Actor {
  if (!can(user.role, permission)) {
    throw new AppError('FORBIDDEN', `Your role (${user.role.toLowerCase()}) may not do this`);
  }
  return { userId: user.userId, via: 'api' };
}
