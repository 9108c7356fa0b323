import 'server-only';
import type { Actor } from '../data/actor';
import { AppError } from '../errors';
import { authenticateApiRequest } from './api';
import { can, type Role } from './permissions';
import { getCurrentUser } from './session';

/**
 * Who sends an import: a signed-in user (the import page) or an API token. A page's request must carry
 * `X-Counterpart-Import: 1`, which no other site can make a browser send with our cookie (it would need
 * a CORS preflight we never grant), so a cross-site form cannot start an import.
 */
async function importUser(request: Request): Promise<{ userId: string; role: Role }> {
  if (request.headers.get('authorization')) return authenticateApiRequest(request);
  const user = await getCurrentUser();
  if (user === null) throw new AppError('UNAUTHENTICATED', 'Sign in, or send an API token, to import.');
  if (request.headers.get('x-counterpart-import') !== '1') {
    throw new AppError('FORBIDDEN', 'Start imports from the import page, or with an API token.');
  }
  return { userId: user.id, role: user.role };
}

/**
 * The actor of an import: contacts need the right to log contacts, and creating the officials a file
 * names, the right to create officials (admins).
 */
export async function importActor(request: Request, options: { createOfficials: boolean }): Promise<Actor> {
  const user = await importUser(request);
  if (!can(user.role, 'contact:create')) {
    throw new AppError('FORBIDDEN', `Your role (${user.role.toLowerCase()}) may not import contacts`);
  }
  if (options.createOfficials && !can(user.role, 'official:create')) {
    throw new AppError('FORBIDDEN', 'Only admins may create officials: import without “create officials”');
  }
  return { userId: user.userId, via: 'import' };
}

/** Who may read an import's progress: its own user, or an admin. */
export async function importReader(request: Request): Promise<{ id: string; isAdmin: boolean }> {
  const user = request.headers.get('authorization') ? await authenticateApiRequest(request) : await getCurrentUser();
  if (user === null) throw new AppError('UNAUTHENTICATED', 'Sign in to follow an import.');
  const id = 'userId' in user ? user.userId : user.id;
  return { id, isAdmin: user.role === 'ADMIN' };
}
