'use client';

import Link from 'next/link';
import { authClient, sessionRole } from '@/lib/auth/client';
import { can } from '@/lib/auth/permissions';

/**
 * "Edit" for those whose role may edit contacts, nothing for everyone else.
 * Decided in the browser so that pages stay the same for every reader; the
 * edit page and its actions check the role again on the server.
 */
export function EditContactLink({ id, label, className }: { id: string; label: string; className?: string }) {
  const { data } = authClient.useSession();
  if (!can(sessionRole(data), 'contact:update')) return null;
  return (
    <Link href={`/contacts/${id}/edit`} className={className}>
      Edit<span className="sr-only"> the contact of {label}</span>
    </Link>
  );
}
