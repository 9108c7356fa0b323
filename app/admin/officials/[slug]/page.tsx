import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound, redirect } from 'next/navigation';
import { OfficialEditor } from '@/components/admin/official-form/official-editor';
import { CountryTag } from '@/components/country-tag';
import { deleteOfficialAction, updateOfficialAction } from '@/lib/actions/officials';
import { requirePermittedPage } from '@/lib/auth/session';
import { getOfficialForEdit } from '@/lib/data/official-edits';
import { countOfficialContacts, findOfficialRef } from '@/lib/data/officials';
import { countryName } from '@/lib/validation/common';
import { valuesFromOfficial } from '@/lib/validation/official-form';

type Props = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const official = await getOfficialForEdit((await params).slug);
  if (!official) return { title: 'Official not found' };
  return {
    title: `Edit ${official.name} · Admin`,
    description: `Edit the profile, photo and tenures of ${official.name}.`,
    robots: { index: false },
  };
}

export default async function EditOfficialPage({ params }: Props) {
  const { slug } = await params;
  await requirePermittedPage('official:update', `/admin/officials/${slug}`);
  const official = await getOfficialForEdit(slug);
  if (official === null) notFound();
  if (official.mergedIntoId) {
    const kept = await findOfficialRef(official.slug);
    if (kept) redirect(`/admin/officials/${kept.slug}`);
  }
  const contacts = await countOfficialContacts(official.id);

  return (
    <div className="max-w-4xl">
      <header className="mb-8">
        <p className="text-sm">
          <Link href="/admin/officials">← Officials</Link>
        </p>
        <h1 className="mt-2 text-3xl font-semibold tracking-tight">{official.name}</h1>
        <p className="text-muted mt-2 flex flex-wrap items-center gap-x-2 gap-y-1 text-sm tabular-nums">
          <CountryTag code={official.country} /> {countryName(official.country)} · {contacts}{' '}
          {contacts === 1 ? 'contact' : 'contacts'} · <Link href={`/officials/${official.slug}`}>Public page</Link>
        </p>
      </header>
      <OfficialEditor
        action={updateOfficialAction.bind(null, official.slug)}
        deleteAction={deleteOfficialAction.bind(null, official.slug)}
        initialValues={valuesFromOfficial(official)}
        version={official.version}
        photo={official.photoState}
        contacts={contacts}
      />
    </div>
  );
}
