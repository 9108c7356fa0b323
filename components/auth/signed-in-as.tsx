'use client';

import { authClient, sessionRole } from '@/lib/auth/client';
import type { Role } from '@/lib/auth/permissions';

const ROLE_NAME: Record<Role, string> = { VIEWER: 'a viewer', RESEARCHER: 'a researcher', ADMIN: 'an admin' };

/**
 * "You are signed in as Ana, a viewer." for the refusal page, read in the browser:
 * the root layout renders app/forbidden.tsx for every page, so a session read on
 * the server there would make every page, even /methodology, render per request.
 */
export function SignedInAs() {
  const { data } = authClient.useSession();
  const role = sessionRole(data);
  if (!data?.user || role === null) return null;
  return <>{`You are signed in as ${data.user.name}, ${ROLE_NAME[role]}. `}</>;
}
