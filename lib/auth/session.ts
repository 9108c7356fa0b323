import 'server-only';
import { headers } from 'next/headers';
import { forbidden, redirect } from 'next/navigation';
import type { Actor } from '../data/actor';
import { AppError } from '../errors';
import { getAuth } from './auth';
import { can, type Permission, type Role } from './permissions';

/** The signed-in user as pages and actions see them. */
export type CurrentUser = { id: string; name: string; email: string; role: Role };

/** The user of this request's session, or null for a visitor (or a disabled account). */
export async function getCurrentUser(): Promise<CurrentUser | null> {
  // Reading the headers first marks the page dynamic before the auth library is touched at build time.
  const requestHeaders = await headers();
  const session = await getAuth().api.getSession({ headers: requestHeaders });
  if (session === null) return null;
  const user = session.user as typeof session.user & { role: Role; banned?: boolean | null };
  if (user.banned) return null;
  return { id: user.id, name: user.name, email: user.email, role: user.role };
}

/**
 * The acting user of a server action, checked against the permission table:
 * throws UNAUTHENTICATED for a visitor and FORBIDDEN for a role that may not.
 */
export async function requireActor(permission: Permission): Promise<CurrentUser & { actor: Actor }> {
  const user = await getCurrentUser();
  if (user === null) throw new AppError('UNAUTHENTICATED', 'Sign in to do this.');
  if (!can(user.role, permission)) {
    throw new AppError('FORBIDDEN', `Your role (${user.role.toLowerCase()}) may not do this.`);
  }
  return { ...user, actor: { userId: user.id, via: 'ui' } };
}

/**
 * For pages that need a permission (the contact form, every admin page): the
 * signed-in user who has it. A visitor is sent to sign in and brought back;
 * anyone else gets HTTP 403 (app/forbidden.tsx). Every such page calls it
 * itself: a layout's check does not run on every navigation, so it cannot be
 * the guard.
 */
export async function requirePermittedPage(permission: Permission, returnTo: string): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (user === null) redirect(`/sign-in?next=${encodeURIComponent(returnTo)}`);
  if (!can(user.role, permission)) forbidden();
  return user;
}
