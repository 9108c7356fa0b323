import type { Metadata } from 'next';
import Link from 'next/link';
import { OfficialForm } from '@/components/admin/official-form/official-form';
import { createOfficialAction } from '@/lib/actions/officials';
import { requirePermittedPage } from '@/lib/auth/session';

export const metadata: Metadata = {
  title: 'New official · Admin',
  description: 'Add an official to Counterpart: name, other spellings, country, photo, bio, links and positions.',
};

export default async function NewOfficialPage() {
  await requirePermittedPage('official:create', '/admin/officials/new');
  return (
    <div className="max-w-4xl">
      <header className="mb-8">
        <p className="text-sm">
          <Link href="/admin/officials">← Officials</Link>
        </p>
        <h1 className="mt-2 text-3xl font-semibold tracking-tight">New official</h1>
        <p className="text-muted mt-2 max-w-2xl">
          Search first: the same person under another spelling makes two series where there should be one.
        </p>
      </header>
      <OfficialForm mode="create" action={createOfficialAction} />
    </div>
  );
}
