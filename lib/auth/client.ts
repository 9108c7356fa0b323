'use client';

import { createAuthClient } from 'better-auth/react';
import type { Role } from './permissions';

/** The auth library's browser client: sign in, sign out, session, change password. */
export const authClient = createAuthClient();

type SessionData = ReturnType<typeof authClient.useSession>['data'];

/** The role of the signed-in user of a session read in the browser; null for a visitor. */
export function sessionRole(session: SessionData): Role | null {
  return (session?.user as { role?: Role } | undefined)?.role ?? null;
}
