'use client';

import Link from 'next/link';
import { usePathname, useRouter } from 'next/navigation';
import { useEffect, useId, useRef, useState } from 'react';
import { authClient, sessionRole } from '@/lib/auth/client';
import { can, type Role } from '@/lib/auth/permissions';

const ROLE_LABEL: Record<Role, string> = { VIEWER: 'viewer', RESEARCHER: 'researcher', ADMIN: 'admin' };

/**
 * The header's account corner: "Sign in" for visitors; for a signed-in user a
 * menu with their role, "Log a contact" when the role may, the account page
 * and sign out. Read in the browser so that pages stay the same for everyone.
 */
export function UserMenu() {
  const { data, isPending } = authClient.useSession();
  const router = useRouter();
  const pathname = usePathname();
  const [open, setOpen] = useState(false);
  const menuId = useId();
  const container = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    const close = (event: MouseEvent | KeyboardEvent) => {
      if (event instanceof KeyboardEvent ? event.key === 'Escape' : !container.current?.contains(event.target as Node))
        setOpen(false);
    };
    document.addEventListener('mousedown', close);
    document.addEventListener('keydown', close);
    return () => {
      document.removeEventListener('mousedown', close);
      document.removeEventListener('keydown', close);
    };
  }, [open]);

  if (isPending) return <span className="inline-block w-16" aria-hidden="true" />;
  if (!data) {
    const next = pathname && pathname !== '/sign-in' ? `?next=${encodeURIComponent(pathname)}` : '';
    return (
      <Link href={`/sign-in${next}`} className="no-underline hover:underline">
        Sign in
      </Link>
    );
  }

  const role = sessionRole(data) ?? 'VIEWER';
  async function signOut() {
    await authClient.signOut();
    setOpen(false);
    router.push('/');
    router.refresh();
  }

  return (
    <div ref={container} className="relative flex items-center gap-x-5">
      {can(role, 'contact:create') && (
        <Link href="/contacts/new" className="whitespace-nowrap no-underline hover:underline">
          Log a contact
        </Link>
      )}
      <button
        type="button"
        aria-expanded={open}
        aria-controls={menuId}
        onClick={() => setOpen((o) => !o)}
        className="border-rule rounded border px-2 py-1 whitespace-nowrap"
      >
        {/* On a phone the role is read out but not shown, so the header stays on one line. */}
        {data.user.name} <span className="text-muted sr-only sm:not-sr-only">· {ROLE_LABEL[role]}</span>
      </button>
      {open && (
        <div
          id={menuId}
          className="border-rule bg-paper absolute top-full right-0 z-20 mt-2 w-48 rounded border py-1 shadow-lg"
        >
          {can(role, 'official:update') && (
            <Link href="/admin" onClick={() => setOpen(false)} className="block px-3 py-2 no-underline hover:underline">
              Admin
            </Link>
          )}
          {can(role, 'contact:create') && (
            <Link
              href="/imports"
              onClick={() => setOpen(false)}
              className="block px-3 py-2 no-underline hover:underline"
            >
              Import contacts
            </Link>
          )}
          <Link
            href="/account/watches"
            onClick={() => setOpen(false)}
            className="block px-3 py-2 no-underline hover:underline"
          >
            My watches
          </Link>
          <Link href="/account" onClick={() => setOpen(false)} className="block px-3 py-2 no-underline hover:underline">
            Account and password
          </Link>
          <button type="button" onClick={signOut} className="block w-full px-3 py-2 text-left hover:underline">
            Sign out
          </button>
        </div>
      )}
    </div>
  );
}
