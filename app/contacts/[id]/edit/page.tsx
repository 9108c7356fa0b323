import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { EditContact } from '@/components/contact-form/edit-contact';
import { joinNames, kindLabel } from '@/components/contact-form/labels';
import { valuesFromContact } from '@/lib/validation/contact-form';
import { deleteContactAction, setVerificationAction, updateContactAction } from '@/lib/actions/contacts';
import { can } from '@/lib/auth/permissions';
import { requirePermittedPage } from '@/lib/auth/session';
import { listChannelChoices } from '@/lib/data/channel-edits';
import { getContactForEdit, getContactRow } from '@/lib/data/contact-edits';
import { formatDate } from '@/lib/format';
import { pairPath } from '@/lib/pairs';

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const contact = await getContactRow((await params).id);
  if (contact === null) return { title: 'Contact not found' };
  return {
    title: `Edit: ${kindLabel(contact.type, contact.status)}, ${formatDate(contact.date, contact.datePrecision)}`,
    robots: { index: false },
  };
}

function crossCountryPair<T extends { country: string }>(officials: T[]): [T, T] | null {
  for (const [i, a] of officials.entries()) {
    const b = officials.slice(i + 1).find((o) => o.country !== a.country);
    if (b) return [a, b];
  }
  return null;
}

export default async function EditContactPage({ params }: Props) {
  const { id } = await params;
  const user = await requirePermittedPage('contact:update', `/contacts/${id}/edit`);
  const contact = await getContactForEdit(id);
  if (contact === null) notFound();
  const pair = crossCountryPair(contact.participantOfficials);
  const pairHref = pair && `${pairPath('OFFICIAL', pair[0].slug, pair[1].slug)}#contact-${id}`;

  return (
    <div className="max-w-4xl">
      <header className="mb-8">
        <h1 className="text-3xl font-semibold tracking-tight">Edit contact</h1>
        <p className="text-muted mt-2 tabular-nums">
          {kindLabel(contact.type, contact.status)} · {formatDate(contact.date, contact.datePrecision)} ·{' '}
          {joinNames(contact.participantOfficials.map((o) => o.name))}
          {pairHref && (
            <>
              {' '}
              · <Link href={pairHref}>See it on the pair page</Link>
            </>
          )}
        </p>
      </header>
      <EditContact
        initialValues={valuesFromContact(contact)}
        version={contact.version}
        verification={contact.verification}
        meta={{
          createdBy: contact.createdBy,
          createdAt: contact.createdAt,
          updatedBy: contact.updatedBy,
          updatedAt: contact.updatedAt,
          verifiedBy: contact.verifiedBy,
          verifiedAt: contact.verifiedAt,
        }}
        user={{ id: user.id, name: user.name, canVerify: can(user.role, 'contact:verify') }}
        pairHref={pairHref}
        updateAction={updateContactAction.bind(null, id)}
        verifyAction={setVerificationAction.bind(null, id)}
        deleteAction={can(user.role, 'contact:delete') ? deleteContactAction.bind(null, id) : undefined}
        channels={await listChannelChoices()}
      />
    </div>
  );
}
