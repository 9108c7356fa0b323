import Link from 'next/link';
import type { Role } from '@/lib/auth/permissions';

const ROLE_NAME: Record<Role, string> = { VIEWER: 'a viewer', RESEARCHER: 'a researcher', ADMIN: 'an admin' };

/**
 * What a signed-in user whose role may not do something sees instead of the
 * form: the refusal, why, and where to go. The server actions refuse them too.
 */
export function RoleRefusal({
  title,
  doing,
  only = 'researchers and admins',
  user,
}: {
  title: string;
  doing: string;
  /** Who may, in words. */
  only?: string;
  user: { name: string; role: Role } | null;
}) {
  return (
    <section className="max-w-xl" aria-labelledby="refusal-title">
      <p className="text-muted text-sm font-medium tracking-wider uppercase">403 · Not allowed</p>
      <h1 id="refusal-title" className="mt-2 text-3xl font-semibold tracking-tight text-balance">
        {title}
      </h1>
      <p className="mt-4 leading-relaxed">
        {user ? `You are signed in as ${user.name}, ${ROLE_NAME[user.role]}. ` : ''}
        Viewers can read every page, search and export; {doing} is for {only}. If you need to, ask an admin to change
        your role.
      </p>
      <p className="mt-6 flex flex-wrap gap-x-5 gap-y-2 text-sm">
        <Link href="/">Silences dashboard</Link>
        <Link href="/search">Search contacts</Link>
      </p>
    </section>
  );
}
