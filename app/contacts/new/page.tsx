import type { Metadata } from 'next';
import { ContactForm } from '@/components/contact-form/contact-form';
import { emptyContactValues } from '@/lib/validation/contact-form';
import { createContactAction } from '@/lib/actions/contacts';
import { parseReadoutAction } from '@/lib/actions/readouts';
import { requirePermittedPage } from '@/lib/auth/session';
import { listChannelChoices } from '@/lib/data/channel-edits';

export const metadata: Metadata = {
  title: 'Log a contact',
  description:
    'Record a call, meeting, letter or hotline use between officials of different countries, with its sources.',
};

export default async function NewContactPage() {
  await requirePermittedPage('contact:create', '/contacts/new');
  return (
    <div className="max-w-4xl">
      <header className="mb-10">
        <h1 className="text-3xl font-semibold tracking-tight">Log a contact</h1>
        <p className="text-muted mt-3 max-w-2xl leading-relaxed">
          One interaction between officials of different countries — held, sought, refused or expected — with at least
          one source. After saving, you see which silence it ended.
        </p>
      </header>
      <ContactForm
        mode="create"
        action={createContactAction}
        initialValues={emptyContactValues()}
        channels={await listChannelChoices()}
        readoutAction={parseReadoutAction}
      />
    </div>
  );
}
