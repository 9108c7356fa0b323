import type { Metadata } from 'next';
import Link from 'next/link';
import { ADMIN_SECTIONS } from '@/components/admin/admin-sections';
import { requirePermittedPage } from '@/lib/auth/session';

export const metadata: Metadata = {
  title: 'Admin',
  description: 'Keep Counterpart’s reference data right: officials, offices, users, context events and the audit log.',
};

export default async function AdminHome() {
  await requirePermittedPage('official:update', '/admin');
  return (
    <section aria-labelledby="admin-title">
      <h1 id="admin-title" className="text-3xl font-semibold tracking-tight">
        Keep the reference data right
      </h1>
      <p className="text-muted mt-3 max-w-2xl leading-relaxed">
        When a minister is replaced or two researchers create the same official, the gap numbers must stay true. Every
        change here is written to the audit log with what it was before.
      </p>
      <ul className="mt-8 grid gap-4 sm:grid-cols-2">
        {ADMIN_SECTIONS.map(({ href, label, about }) => (
          <li key={href} className="border-rule rounded border p-4">
            <Link href={href} className="font-medium">
              {label}
            </Link>
            <p className="text-muted mt-1 text-sm">{about}</p>
          </li>
        ))}
      </ul>
    </section>
  );
}
